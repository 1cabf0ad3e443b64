import * as assert from "assert";
import { preflight } from "../preflight/cli";
import { awsChecks, covers } from "../preflight/aws";
import { registryChecks } from "../preflight/registry-checks";
import { CheckResult, formatCheck } from "../preflight/report";
import { configOf } from "../preflight/stack";
import { Targets, targetsOf } from "../preflight/targets";
import { isZoneId } from "@openwebui-aws/rules/regions";
import { escapeRegExp as escape, stackRun } from "./helpers";
import { AMD, ARM, classicRepoKey, repositoryKey, World } from "./preflight-world";

const failures = (results: CheckResult[]) => results.filter((r) => !r.ok);
const typesOf = (t: Targets) => [...new Set([...t.nodeGroups.flatMap((g) => g.instanceTypes), ...t.instances.map((i) => i.instanceType)])];

/** The one failing line, printed as the user sees it. */
function onlyFailure(results: CheckResult[], about: RegExp): string {
    const failed = failures(results);
    assert.strictEqual(failed.length, 1, `expected one failure, got:\n${failed.map(formatCheck).join("\n") || "none"}`);
    assert.match(failed[0].what, about);
    return formatCheck(failed[0]);
}

describe("preflight (against loopback fakes of the registries and AWS)", () => {
    const world = new World();
    let prod: Targets;
    let dev: Targets;
    const check = (t: Targets = prod) => preflight(t, world.options());
    // A failing case needs only its side asked (the machine running the suite is shared and slow).
    const registry = (t: Targets = prod) => registryChecks(t, world.options().registryMirror);
    const aws = (t: Targets = prod) => awsChecks(t, world.options().aws);

    before(async () => {
        await world.start();
        prod = targetsOf(await stackRun("prod"), await configOf(await stackRun("prod")));
        dev = targetsOf(await stackRun("dev"), await configOf(await stackRun("dev")));
    });
    after(() => world.stop());
    beforeEach(() => world.healthy(prod, dev));

    it("reads what to check from the program's pins: its Helm releases, their images and its workloads' images, the config's models, certificate, zones and principals", () => {
        assert.deepStrictEqual(prod.charts.map((c) => c.chart).sort(), ["aws-load-balancer-controller", "cluster-autoscaler", "oci://ghcr.io/berriai/litellm-helm", "open-webui"]);
        const images = prod.images.map((i) => i.image);
        // The chart's default image (its values.yaml and appVersion) when the program sets no tag,
        // sub-charts' images the program enables (Open WebUI's Redis), and the workloads' own.
        assert.ok(images.some((i) => i.startsWith("ghcr.io/open-webui/open-webui:")), images.join(", "));
        assert.ok(images.some((i) => i.startsWith("ghcr.io/berriai/litellm")), images.join(", "));
        assert.ok(images.some((i) => /^redis:/.test(i)), images.join(", "));
        assert.ok(images.some((i) => i.includes("aws-for-fluent-bit")), images.join(", "));
        assert.ok(!images.some((i) => i.includes("ollama")), "a disabled sub-chart's image is not pulled");
        assert.deepStrictEqual(prod.nodeArchitectures, ["arm64"]);
        assert.ok(prod.models.length > 0 && prod.certificate && prod.zones.length >= 2 && prod.principals.length >= 2);
        assert.strictEqual(prod.elasticIps, 2, "prod: a NAT gateway, and its address, per AZ");
    });

    it("passes a healthy world, one line per check, having used the registries' token flow and the stack's Region", async () => {
        const results = await check();
        assert.deepStrictEqual(failures(results).map(formatCheck), []);
        const count = (re: RegExp) => results.filter((r) => re.test(r.what)).length;
        assert.strictEqual(count(/^chart /), prod.charts.length);
        assert.strictEqual(count(/^image /), prod.images.length);
        assert.strictEqual(count(/^Bedrock /), prod.models.length);
        assert.strictEqual(count(/^ACM certificate for /), 1);
        assert.strictEqual(count(/^availability zone /), prod.zones.length);
        assert.strictEqual(count(/^quota /), 3);
        assert.strictEqual(count(/^instance type /), new Set(prod.nodeGroups.flatMap((g) => g.instanceTypes)).size);
        assert.strictEqual(count(/PrincipalArns /), prod.principals.length);
        assert.ok(world.registry.requests.some((r) => r.path === "/ghcr.io/token"), "anonymous token from ghcr.io's realm");
        assert.ok(world.registry.requests.some((r) => r.path === "/auth.docker.io/token"), "Docker Hub's realm is on its own host");
        assert.ok(world.registry.requests.filter((r) => r.path.includes("/manifests/")).every((r) => r.authorization === undefined || r.authorization.startsWith("Bearer anon:")));
        const bedrock = world.aws.calls.filter((c) => c.service === "bedrock");
        assert.ok(bedrock.length > 0 && bedrock.every((c) => c.region === "ap-northeast-2"), JSON.stringify(bedrock));
        assert.deepStrictEqual(world.aws.calls.filter((c) => c.action === "GetServiceQuota").length, 3);
    });

    it("dev: its certificate is checked too (every stack serves HTTPS), and the NAT instance counts toward on-demand vCPUs", async () => {
        const results = await check(dev);
        assert.deepStrictEqual(failures(results).map(formatCheck), []);
        assert.ok(dev.certificate, "dev names a certificate");
        assert.match(formatCheck(results.find((r) => r.what === `ACM certificate for ${dev.certificate!.domain}`)!), /ISSUED/);
        assert.match(formatCheck(results.find((r) => /L-1216C47A/.test(r.what))!), /needs 2 \(openwebui-nat-instance-dev\S* 1×2\)/);
    });

    describe("charts", () => {
        it("a chart version the OCI registry does not have fails, listing what it has", async () => {
            const litellm = prod.charts.find((c) => c.chart.startsWith("oci://"))!;
            world.registry.unpublish(repositoryKey(litellm.chart).key, litellm.version);
            const line = onlyFailure(await registry(), /^chart oci:/);
            assert.match(line, /no such version in the registry/);
            assert.match(line, /fix: pin a chart version that is published \(newest: 0\.1\.0\), and vendor that version's values\.yaml/);
        });

        it("an OCI artefact that is not a Helm chart fails", async () => {
            const litellm = prod.charts.find((c) => c.chart.startsWith("oci://"))!;
            world.registry.publish(repositoryKey(litellm.chart).key, litellm.version, { kind: "index", platforms: [ARM] });
            assert.match(onlyFailure(await registry(), /^chart oci:/), /not a Helm chart/);
        });

        it("a chart version missing from a classic repository's index.yaml fails", async () => {
            const webui = prod.charts.find((c) => c.chart === "open-webui")!;
            world.registry.indexes.set(classicRepoKey(webui.repo!), { "open-webui": ["15.9.0"] });
            const line = onlyFailure(await registry(), /^chart open-webui /);
            assert.match(line, /not in the repository's index\.yaml\n\s+fix: pin a chart version that is published \(newest: 15\.9\.0\)/);
        });
    });

    describe("images", () => {
        const litellmImage = () => prod.images.find((i) => i.image.includes("berriai/litellm"))!;

        it("an image index without linux/arm64 fails on arm64 nodes, naming the pods and the fix", async () => {
            const { key, reference } = repositoryKey(litellmImage().image);
            world.registry.publish(key, reference, { kind: "index", platforms: [AMD] });
            const line = onlyFailure(await registry(), /berriai\/litellm/);
            // The key job (litellm-key.ts) runs LiteLLM's image too.
            assert.match(line, /publishes linux\/amd64, not linux\/arm64 \(used by Job openwebui-litellm-key-prod, release litellm\)/);
            assert.match(line, /fix: pin a tag or digest whose image index has linux\/arm64/);
        });

        it("a single-platform image is judged by its config's architecture", async () => {
            const { key, reference } = repositoryKey(litellmImage().image);
            world.registry.publish(key, reference, { kind: "single", platform: AMD });
            assert.match(onlyFailure(await registry(), /berriai\/litellm/), /publishes linux\/amd64, not linux\/arm64/);
            world.registry.publish(key, reference, { kind: "single", platform: ARM });
            assert.deepStrictEqual(failures(await registry()), []);
        });

        it("a tag the registry does not have fails", async () => {
            const { key, reference } = repositoryKey(litellmImage().image);
            world.registry.unpublish(key, reference);
            world.registry.publish(key, "v0.0.1-stable", { kind: "index", platforms: [ARM] });
            assert.match(onlyFailure(await registry(), /berriai\/litellm/), /no such tag or digest[\s\S]*fix: pin a tag that is published \(newest: v0\.0\.1-stable\)/);
        });
    });

    describe("Bedrock", () => {
        const model = () => prod.models[0];

        it("an id the Region does not know (not callable) fails with the key to fix", async () => {
            world.aws.profiles.clear();
            const line = onlyFailure(await aws(), /^Bedrock /);
            assert.match(line, /does not know it \(ResourceNotFoundException\)/);
            assert.match(line, /fix: put an id that ap-northeast-2 offers in openwebui:bedrockModels/);
        });

        // The first call to a third-party model subscribes the account through AWS Marketplace, and
        // LiteLLM's role may only invoke: the preflight says who does it once, and how.
        const availability = () => world.aws.availability.get(model().id.split(".").slice(1).join("."))!;

        it("Anthropic's first-time-use form not submitted: fails, naming the admin identity that submits it once", async () => {
            assert.match(model().id, /anthropic\./, "prod's first model is an Anthropic one");
            availability().authorizationStatus = "NOT_AUTHORIZED";
            const line = onlyFailure(await aws(), /^Bedrock /);
            assert.match(line, /authorization NOT_AUTHORIZED \(Anthropic's first-time-use form not submitted\?\)/);
            assert.match(line, /fix: as an admin identity with aws-marketplace:Subscribe, aws-marketplace:Unsubscribe and aws-marketplace:ViewSubscriptions \(not LiteLLM's role, which may only invoke\), submit Anthropic's first-time-use form once/);
            assert.match(line, /docs\/runbook\.md, "First Bedrock call"/);
        });

        it("no Marketplace agreement yet: fails with the one-time subscription, by console or CLI, for that model", async () => {
            availability().agreement = "NOT_AVAILABLE";
            const line = onlyFailure(await aws(), /^Bedrock /);
            const fm = model().id.split(".").slice(1).join(".");
            assert.match(line, /agreement NOT_AVAILABLE/);
            assert.ok(line.includes(`aws bedrock list-foundation-model-agreement-offers --model-id ${fm}`), line);
            assert.ok(line.includes(`aws bedrock create-foundation-model-agreement --model-id ${fm} --offer-token <token>`), line);
            assert.match(line, /not LiteLLM's role/);
        });

        it("a subscription in progress fails with 'run again', not with a subscription to make", async () => {
            availability().agreement = "PENDING";
            const line = onlyFailure(await aws(), /^Bedrock /);
            assert.match(line, /agreement PENDING[\s\S]*fix: the Marketplace subscription is being set up \(up to 15 minutes\): run the preflight again/);
            assert.doesNotMatch(line, /create-foundation-model-agreement/);
        });

        it("a foundation model called directly must be offered on demand in the Region", async () => {
            const direct: Targets = { ...prod, models: [{ name: "direct", id: model().id.split(".").slice(1).join(".") }] };
            world.healthy(direct);
            assert.deepStrictEqual(failures(await aws(direct)).map(formatCheck), []);
            world.aws.availability.get(direct.models[0].id)!.regionAvailability = "NOT_AVAILABLE";
            assert.match(onlyFailure(await aws(direct), /^Bedrock /), /not offered in ap-northeast-2/);
            world.healthy(direct);
            world.aws.models.get(direct.models[0].id)!.inference = ["INFERENCE_PROFILE"];
            assert.match(onlyFailure(await aws(direct), /^Bedrock /), /takes no on-demand calls/);
        });
    });

    describe("certificate", () => {
        it("fails until it is ISSUED", async () => {
            world.aws.certificates.get(prod.certificate!.arn)!.Status = "PENDING_VALIDATION";
            assert.match(onlyFailure(await aws(), /^ACM /), /status PENDING_VALIDATION[\s\S]*fix: complete its validation/);
        });

        it("fails when it does not cover appDomain; a wildcard of its parent covers it", async () => {
            const cert = world.aws.certificates.get(prod.certificate!.arn)!;
            Object.assign(cert, { DomainName: "other.example.org", SubjectAlternativeNames: ["other.example.org"] });
            assert.match(onlyFailure(await aws(), /^ACM /), /covers other\.example\.org, not chat\.example\.com[\s\S]*openwebui:appDomain/);
            Object.assign(cert, { DomainName: "*.example.com", SubjectAlternativeNames: ["*.example.com"] });
            assert.deepStrictEqual(failures(await aws()), []);
            assert.deepStrictEqual([covers("*.example.com", "a.b.example.com"), covers("*.example.com", "example.com"), covers("chat.example.com", "chat.example.com")], [false, false, true]);
        });

        it("fails when it belongs to another account than the credentials'", async () => {
            world.aws.account = "444455556666";
            const failed = failures(await aws());
            assert.ok(failed.some((f) => /^ACM /.test(f.what) && /belongs to account 111122223333, the credentials to 444455556666/.test(f.detail!)), failed.map(formatCheck).join("\n"));
        });
    });

    it("a zone the account has not opted into fails, listing the usable ones", async () => {
        const zone = world.aws.zones.find((z) => z.name === prod.zones[1])!;
        zone.optIn = "not-opted-in";
        assert.match(onlyFailure(await aws(), /^availability zone /), /has not opted in[\s\S]*fix: list zones the account can use in openwebui:availabilityZones \(available: ap-northeast-2a/);
    });

    describe("instance types offered in the stack's zones (EC2 DescribeInstanceTypeOfferings)", () => {
        it("passes when every zone offers every type, having asked per availability zone for exactly the stack's types and zones, page by page", async () => {
            for (const t of [prod, dev]) {
                world.aws.offeringRequests.length = 0;
                const results = await aws(t);
                assert.deepStrictEqual(failures(results).map(formatCheck), []);
                const lines = results.filter((r) => /^instance type /.test(r.what));
                assert.deepStrictEqual(lines.map((r) => r.what.split(" ")[2]).sort(), typesOf(t).sort(), "one line per type");
                const first = world.aws.offeringRequests[0];
                assert.strictEqual(first.locationType, "availability-zone");
                assert.deepStrictEqual([...first.filters["instance-type"]].sort(), typesOf(t).sort());
                assert.deepStrictEqual(first.filters.location, t.zones);
                assert.ok(world.aws.offeringRequests.length > 1, "the fake pages its answer: the check must follow NextToken");
            }
            assert.ok(typesOf(dev).length > dev.nodeGroups.length, "dev: the NAT instance's type is asked about too");
        });

        it("fails naming the type, the zone that lacks it, who uses it and the keys to change", async () => {
            const spot = prod.nodeGroups.find((g) => g.capacity === "SPOT")!;
            const type = spot.instanceTypes[spot.instanceTypes.length - 1];
            world.aws.offerings.get(prod.zones[1])!.delete(type);
            const line = onlyFailure(await aws(), new RegExp(`^instance type ${type.replace(".", "\\.")} `));
            assert.match(line, new RegExp(`${prod.zones[1]} does not offer it \\(used by node group ${spot.name}\\)`));
            assert.match(line, new RegExp(`fix: replace ${type.replace(".", "\\.")} in openwebui:nodeGroups with a type every zone offers \\(aws ec2 describe-instance-type-offerings --region ap-northeast-2 --location-type availability-zone --filters Name=location,Values=${prod.zones[1]}\\), or take ${prod.zones[1]} out of openwebui:availabilityZones`));
        });

        it("a NAT instance type a zone lacks names natInstanceType", async () => {
            const nat = dev.instances[0];
            world.aws.offerings.get(dev.zones[0])!.delete(nat.instanceType);
            const line = onlyFailure(await aws(dev), /^instance type /);
            assert.match(line, new RegExp(`used by instance ${nat.name}[\\s\\S]*in openwebui:natInstanceType`));
        });

        it("without the permission, says which one to grant", async () => {
            world.aws.denied.add("DescribeInstanceTypeOfferings");
            const line = onlyFailure(await aws(), /^instance type offerings in /);
            assert.match(line, /could not ask: UnauthorizedOperation[\s\S]*fix: allow ec2:DescribeInstanceTypeOfferings to the credentials/);
        });
    });

    describe("quotas", () => {
        it("each quota below the stack's need at maxSize fails with the code and the value to request", async () => {
            world.aws.quotas.set("L-0263D0A3", 1);
            world.aws.quotas.set("L-1216C47A", 4);
            world.aws.quotas.set("L-34B43A08", 2);
            const failed = failures(await aws()).map(formatCheck);
            assert.strictEqual(failed.length, 3, failed.join("\n"));
            assert.match(failed[0], /EC2-VPC Elastic IPs \(ec2\/L-0263D0A3\): 1 addresses, needs 2[\s\S]*request ec2\/L-0263D0A3 of at least 2/);
            // prod: primary t4g.medium ×4 at maxSize; spot 2-vCPU types ×3.
            assert.match(failed[1], /L-1216C47A\): 4 vCPUs, needs 8 \(openwebui-primary-nodes-prod 4×2\)[\s\S]*lower the on-demand node groups' maxSize/);
            assert.match(failed[2], /L-34B43A08\): 2 vCPUs, needs 6 \(openwebui-spot-nodes-prod 3×2\)/);
        });
    });

    it("a principal that does not exist fails; one of another account cannot be read from here", async () => {
        world.aws.roles.delete("openwebui-preview-role-prod");
        assert.match(onlyFailure(await aws(), /previewPrincipalArns/), /no such role in account 111122223333[\s\S]*fix: create it first \(deployment\/ creates the openwebui deploy and preview roles\)/);
        const other: Targets = { ...prod, principals: [{ arn: "arn:aws:iam::999988887777:role/elsewhere", key: "operatorPrincipalArns" }] };
        assert.match(onlyFailure(await aws(other), /operatorPrincipalArns/), /in account 999988887777, the credentials in 111122223333/);
    });

    it("a call the credentials may not make fails with the permission to grant", async () => {
        world.aws.denied.add("GetServiceQuota");
        world.aws.denied.add("GET foundation-model-availability");
        const failed = failures(await aws()).map(formatCheck);
        assert.strictEqual(failed.length, 4, failed.join("\n"));
        assert.ok(failed.every((f) => /could not ask: AccessDeniedException/.test(f)), failed.join("\n"));
        assert.ok(failed.some((f) => /fix: allow servicequotas:GetServiceQuota to the credentials/.test(f)));
        assert.ok(failed.some((f) => /fix: allow bedrock:GetInferenceProfile, .*GetFoundationModelAvailability/.test(f)));
    });

    // dr names its zones by ID (config refuses a Tokyo zone name), so the preflight asks EC2 by ID
    // and must answer in IDs; the world holds Seoul's zones too, so an answer from the wrong Region shows.
    describe("the recovery stack dr in Tokyo, its zones named by ID", () => {
        let dr: Targets;
        const tokyo = () => world.aws.zones.filter((z) => z.region === "ap-northeast-1");
        const nameOf = (id: string) => tokyo().find((z) => z.id === id)!.name;

        before(async () => {
            dr = targetsOf(await stackRun("dr"), await configOf(await stackRun("dr")));
        });
        beforeEach(() => world.healthy(prod, dr));

        it("passes the zone and instance-type checks, having asked by zone ID for exactly dr's zones and types, every EC2 call in ap-northeast-1", async () => {
            assert.strictEqual(dr.region, "ap-northeast-1");
            assert.ok(dr.zones.length >= 2 && dr.zones.every(isZoneId), dr.zones.join(", "));
            const results = await aws(dr);
            assert.deepStrictEqual(failures(results).map(formatCheck), []);
            assert.deepStrictEqual(results.filter((r) => /^availability zone /.test(r.what)).map((r) => r.what), dr.zones.map((id) => `availability zone ${id}`));
            assert.deepStrictEqual(results.filter((r) => /^instance type /.test(r.what)).map((r) => r.what.split(" ")[2]).sort(), typesOf(dr).sort());
            const asked = world.aws.offeringRequests;
            assert.ok(asked.length > 1, "the fake pages its answer: the check must follow NextToken");
            for (const r of asked) {
                assert.strictEqual(r.locationType, "availability-zone-id");
                assert.deepStrictEqual(r.filters.location, dr.zones);
                assert.deepStrictEqual([...r.filters["instance-type"]].sort(), typesOf(dr).sort());
            }
            const ec2 = world.aws.calls.filter((c) => c.service === "ec2");
            assert.deepStrictEqual([...new Set(ec2.map((c) => c.action))].sort(), ["DescribeAvailabilityZones", "DescribeInstanceTypeOfferings"]);
            assert.ok(ec2.every((c) => c.region === "ap-northeast-1"), JSON.stringify(ec2));
        });

        it("a zone ID the account does not have fails, naming it and listing the usable zone IDs", async () => {
            const missing = dr.zones[1];
            world.aws.zones.splice(world.aws.zones.indexOf(tokyo().find((z) => z.id === missing)!), 1);
            const usable = tokyo().map((z) => z.id);
            const failed = failures(await aws(dr));
            const zone = failed.filter((f) => /^availability zone /.test(f.what));
            assert.strictEqual(zone.length, 1, failed.map(formatCheck).join("\n"));
            const line = formatCheck(zone[0]);
            assert.match(line, new RegExp(`availability zone ${missing}: not a zone of ap-northeast-1 for this account`));
            // IDs, as the key takes them for Tokyo; Tokyo's, not Seoul's.
            assert.ok(line.includes(`fix: list zones the account can use in openwebui:availabilityZones (available: ${usable.join(", ")})`), line);
            assert.doesNotMatch(line, /ap-northeast-1[a-d]|apne2-/);
            // The fake offers nothing where the account has no zone: whatever else fails names the same zone.
            assert.ok(failed.every((f) => f === zone[0] || (/^instance type /.test(f.what) && f.detail!.startsWith(`${missing} does not offer it`))), failed.map(formatCheck).join("\n"));
        });

        it("a type a zone lacks fails naming the zone ID, and the CLI command that lists that zone's types asks by ID", async () => {
            const spot = dr.nodeGroups.find((g) => g.capacity === "SPOT")!;
            const type = spot.instanceTypes[spot.instanceTypes.length - 1];
            const zone = dr.zones[1];
            world.aws.offerings.get(nameOf(zone))!.delete(type);
            const line = onlyFailure(await aws(dr), new RegExp(`^instance type ${escape(type)} `));
            assert.match(line, new RegExp(`${zone} does not offer it \\(used by node group ${escape(spot.name)}\\)`));
            assert.ok(line.includes(`(aws ec2 describe-instance-type-offerings --region ap-northeast-1 --location-type availability-zone-id --filters Name=location,Values=${zone}), or take ${zone} out of openwebui:availabilityZones`), line);
            assert.ok(!line.includes(nameOf(zone)), "the account's name for the zone is not what the key takes");
        });
    });
});
