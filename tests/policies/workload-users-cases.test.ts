/**
 * workloads-non-root, case by case: which user a container runs as when the pod and the container
 * each may set it, what a chart's values ask for, and what a preview does not know yet. Each case
 * gives the exact finding, so a policy that answers for the wrong reason fails too.
 */
import * as assert from "assert";
import { workloadsNonRoot } from "../../policy-pack/policies/workload-users";
import { PolicyInput } from "../../sim/policy-runner";
import { check } from "./helpers";
import { previewProps, UNKNOWN_STRING } from "./stack-inputs";

/** An image no deviation names: it must prove a non-root user. */
const IMAGE = "registry.example.com/tools/setup:1.2.3";
const messages = async (resource: PolicyInput) => (await check(workloadsNonRoot, [resource])).map((v) => v.message);
const FIX = ": set securityContext runAsNonRoot: true and runAsUser to the image's non-root uid (or write a deviation for the image in rules/deviations.ts and rules/workload-users.ts)";

describe("workloads-non-root: the user a container runs as", () => {
    const deployment = (podContext: Record<string, unknown> | undefined, containerContext: Record<string, unknown> | undefined, name: unknown = "setup"): PolicyInput => ({
        type: "kubernetes:apps/v1:Deployment",
        name: "openwebui-setup-dev",
        props: previewProps({ spec: { template: { spec: { securityContext: podContext, containers: [{ name, image: IMAGE, securityContext: containerContext }] } } } }),
    });

    it("the pod's non-root user covers its containers; runAsNonRoot alone proves it too", async () => {
        assert.deepStrictEqual(await messages(deployment({ runAsUser: 1000 }, undefined)), []);
        assert.deepStrictEqual(await messages(deployment({ runAsNonRoot: true }, undefined)), []);
        assert.deepStrictEqual(await messages(deployment(undefined, { runAsUser: 10001, runAsNonRoot: true })), []);
    });

    it("the container's own setting overrides the pod's", async () => {
        assert.deepStrictEqual(await messages(deployment({ runAsUser: 1000 }, { runAsUser: 0 })), [`container "setup" runs as root (runAsUser: 0)${FIX}`]);
        assert.deepStrictEqual(await messages(deployment({ runAsUser: 0 }, { runAsUser: 1000 })), []);
    });

    it("no user anywhere leaves the image's default, refused for an image no deviation names", async () => {
        assert.deepStrictEqual(await messages(deployment(undefined, undefined)), [`container "setup" sets no non-root user, so it runs as its image's default user, root for most images${FIX}`]);
        assert.deepStrictEqual(await messages(deployment({ runAsNonRoot: false }, undefined)), [`container "setup" sets no non-root user, so it runs as its image's default user, root for most images${FIX}`]);
    });

    it("a user the preview does not know counts as root, unless the known other half rules root out", async () => {
        const unseen = `container "setup" has a user the preview cannot see${FIX}`;
        assert.deepStrictEqual(await messages(deployment({ runAsUser: UNKNOWN_STRING }, undefined)), [unseen]);
        assert.deepStrictEqual(await messages(deployment({ runAsNonRoot: UNKNOWN_STRING }, undefined)), [unseen]);
        assert.deepStrictEqual(await messages(deployment({ runAsUser: UNKNOWN_STRING, runAsNonRoot: false }, undefined)), [unseen]);
        // runAsNonRoot: the kubelet refuses uid 0, whatever the uid turns out to be; a uid above 0 is not root, whatever runAsNonRoot is.
        assert.deepStrictEqual(await messages(deployment({ runAsUser: UNKNOWN_STRING, runAsNonRoot: true }, undefined)), []);
        assert.deepStrictEqual(await messages(deployment({ runAsUser: 1000, runAsNonRoot: UNKNOWN_STRING }, undefined)), []);
        // ...but an explicit uid 0 is root, runAsNonRoot or not.
        assert.deepStrictEqual(await messages(deployment({ runAsNonRoot: true }, { runAsUser: 0 })), [`container "setup" runs as root (runAsUser: 0)${FIX}`]);
    });

    it("names a container the preview cannot name '?'", async () => {
        assert.deepStrictEqual(await messages(deployment(undefined, { runAsUser: 0 }, UNKNOWN_STRING)), [`container "?" runs as root (runAsUser: 0)${FIX}`]);
    });
});

describe("workloads-non-root: what a chart's values ask for", () => {
    const release = (values: unknown): PolicyInput => ({ type: "kubernetes:helm.sh/v3:Release", name: "openwebui-tools-dev", props: previewProps({ chart: "tools", values }) });
    const ROOT_FIX = ": set runAsNonRoot: true and a non-zero runAsUser";
    const SILENT_FIX = " without a non-root user, so those containers run as their image's default user (root for most): add runAsNonRoot: true and a non-zero runAsUser";

    it("finds root asked inside lists, naming the item", async () => {
        assert.deepStrictEqual(await messages(release({ sidecars: [{ name: "a", securityContext: { runAsUser: 1000 } }, { name: "b", securityContext: { runAsUser: 0 } }] })), [
            `the chart's values run containers as root (sidecars[1].securityContext.runAsUser: 0)${ROOT_FIX}`,
        ]);
    });

    it("reports a block that asks for root once, not again as a block without a user", async () => {
        assert.deepStrictEqual(await messages(release({ securityContext: { runAsUser: 0 } })), [`the chart's values run containers as root (securityContext.runAsUser: 0)${ROOT_FIX}`]);
    });

    it("an unknown runAsUser or runAsNonRoot counts as root unless the other, known, rules it out; other unknown values are not judged", async () => {
        assert.deepStrictEqual(await messages(release({ securityContext: { runAsNonRoot: UNKNOWN_STRING }, serviceAccount: { roleArn: UNKNOWN_STRING } })), [
            `the chart's values run containers as root (securityContext.runAsNonRoot: unknown at preview)${ROOT_FIX}`,
        ]);
        assert.deepStrictEqual(await messages(release({ securityContext: { runAsUser: UNKNOWN_STRING, runAsNonRoot: false } })), [
            `the chart's values run containers as root (securityContext.runAsUser: unknown at preview; securityContext.runAsNonRoot: false)${ROOT_FIX}`,
        ]);
        assert.deepStrictEqual(await messages(release({ securityContext: { runAsNonRoot: UNKNOWN_STRING, runAsUser: 1000 } })), []);
        assert.deepStrictEqual(await messages(release({ securityContext: { runAsUser: UNKNOWN_STRING, runAsNonRoot: true } })), []);
    });

    it("a block proves non-root by its own user or a sibling block's: runAsNonRoot alone is enough", async () => {
        assert.deepStrictEqual(await messages(release({ podSecurityContext: { runAsNonRoot: true }, securityContext: { allowPrivilegeEscalation: false } })), []);
        assert.deepStrictEqual(await messages(release({ podSecurityContext: { runAsUser: 1000 }, securityContext: {} })), []);
        assert.deepStrictEqual(await messages(release({ securityContext: { allowPrivilegeEscalation: false } })), [`the chart's values set securityContext${SILENT_FIX}`]);
    });

    it("a block or a sibling's user the preview does not know proves nothing", async () => {
        assert.deepStrictEqual(await messages(release({ securityContext: UNKNOWN_STRING })), [`the chart's values set securityContext${SILENT_FIX}`]);
        assert.deepStrictEqual(await messages(release({ podSecurityContext: { runAsUser: UNKNOWN_STRING }, securityContext: {} })), [
            `the chart's values run containers as root (podSecurityContext.runAsUser: unknown at preview)${ROOT_FIX}`,
            `the chart's values set securityContext${SILENT_FIX}`,
        ]);
    });
});
