/**
 * Containers of the program's own Kubernetes workloads that run as root on purpose, each by a
 * written deviation (rules/deviations.ts). Keyed by image repository (no tag): the allowance
 * follows the image, so a new workload on another image still has to prove a non-root user.
 * tests/policies/workloads-non-root.test.ts holds each entry to an image the program runs and a
 * deviation that exists.
 */
export interface RootAllowance {
    /** Image repository without tag or digest. */
    image: string;
    /** The id of the deviation that says why. */
    deviation: string;
    /** True when the program sets runAsUser: 0 itself; otherwise only the image's default user is allowed. */
    explicitRoot: boolean;
}

export const RUNS_AS_ROOT: readonly RootAllowance[] = [
    { image: "public.ecr.aws/aws-observability/aws-for-fluent-bit", deviation: "log-shipper-host-logs", explicitRoot: true },
    { image: "ghcr.io/open-webui/open-webui", deviation: "app-images-default-user", explicitRoot: false },
    { image: "public.ecr.aws/cloudwatch-agent/cloudwatch-agent", deviation: "node-agent-default-user", explicitRoot: false },
];

/** `repo/name:tag` or `repo/name@sha256:…` → `repo/name` (a registry port is kept). */
export function imageRepository(image: string): string {
    const withoutDigest = image.split("@")[0];
    const lastSlash = withoutDigest.lastIndexOf("/");
    const colon = withoutDigest.indexOf(":", lastSlash + 1);
    return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

/**
 * Security-context blocks in chart values (by path) that belong to an image a deviation lets keep
 * its default user. Every other security-context block the program writes into a chart's values
 * (the Redis sidecar's, say) must show a non-root user, itself or through a sibling block.
 */
export const CHART_DEFAULT_USER_BLOCKS: readonly { chart: RegExp; paths: readonly string[]; deviation: string }[] = [
    { chart: /^open-webui$/, paths: ["containerSecurityContext", "podSecurityContext"], deviation: "app-images-default-user" },
    { chart: /(^|\/)litellm-helm$/, paths: ["securityContext", "podSecurityContext"], deviation: "app-images-default-user" },
];
