/**
 * What a stack needs from outside, read from where it is pinned: the Helm releases, workloads, node
 * groups and addresses the program registers under the mock engine, and the validated stack config.
 * Nothing here repeats a version, a tag or a model id.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import type { StackConfig } from "../config";
import { VENDORED_CHARTS } from "../components/releases";
import type { ProgramRun, RecordedResource } from "../sim/mock-engine";
import { PROJECT_DIR } from "../sim/stack-files";
import { INSTANCE_SHAPES, isArmInstanceType } from "@openwebui-aws/rules/instance-types";
import { BedrockModel } from "@openwebui-aws/rules/bedrock";

export interface ChartTarget {
    /** The Release's chart: a name in `repo`, or a full `oci://` reference. */
    chart: string;
    version: string;
    /** A classic repository's URL; undefined for an `oci://` chart. */
    repo?: string;
}

export interface ImageTarget {
    image: string;
    /** Where it runs, for the message: a Release or a workload. */
    usedBy: string[];
}

export interface NodeGroupNeed {
    name: string;
    capacity: "ON_DEMAND" | "SPOT";
    instanceTypes: string[];
    maxSize: number;
}

export interface Targets {
    stack: string;
    region: string;
    charts: ChartTarget[];
    images: ImageTarget[];
    /** Architectures the cluster's nodes run (an image must publish each). */
    nodeArchitectures: string[];
    models: BedrockModel[];
    certificate?: { arn: string; domain: string };
    zones: string[];
    elasticIps: number;
    nodeGroups: NodeGroupNeed[];
    /** Instances outside node groups (the NAT instance), on demand. */
    instances: { name: string; instanceType: string }[];
    principals: { arn: string; key: string }[];
}

const RELEASE = "kubernetes:helm.sh/v3:Release";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

/**
 * The image tag a chart renders when its values leave `image.tag` empty. Open WebUI: the chart's
 * "open-webui.tag" helper (open-webui/helm-charts charts/open-webui/templates/_helpers.tpl at
 * f55f450: appVersion, `-slim` with useSlim). LiteLLM: `main-<appVersion>` (components/releases.ts,
 * from the chart's templates/deployment.yaml).
 */
const DEFAULT_TAGS: Record<string, (appVersion: string, values: Values) => string> = {
    webui: (v, values) => (values.image?.useSlim ? `${v}-slim` : v),
    litellm: (v) => `main-${v}`,
};

interface Values {
    image?: { repository?: string; tag?: string; useSlim?: boolean; digest?: string };
    [key: string]: unknown;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Helm's merge of user values over the chart's: maps merge, anything else replaces. */
function merge(base: unknown, over: unknown): unknown {
    if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
    return out;
}

/** Every `image: {repository, tag}` a chart's values enable (a section with `enabled: false` renders nothing). */
function valueImages(values: unknown, rootTag: string | undefined, at: string[] = []): string[] {
    if (!isMap(values) || values.enabled === false) return [];
    const found: string[] = [];
    const image = values.image;
    if (isMap(image) && typeof image.repository === "string" && image.repository !== "") {
        const tag = typeof image.tag === "string" && image.tag !== "" ? image.tag : at.length === 0 ? rootTag : undefined;
        const digest = typeof image.digest === "string" && image.digest !== "" ? `@${image.digest}` : "";
        if (tag || digest) found.push(`${image.repository}${tag ? `:${tag}` : ""}${digest}`);
    }
    for (const [k, v] of Object.entries(values)) if (k !== "image") found.push(...valueImages(v, rootTag, [...at, k]));
    return found;
}

function releaseImages(release: RecordedResource, config: StackConfig): string[] {
    const vendored = VENDORED_CHARTS.find((c) => config.names.of(c.release) === release.name);
    const chartValues = vendored ? yaml.load(fs.readFileSync(path.join(PROJECT_DIR, vendored.valuesFile), "utf8")) : {};
    const values = merge(chartValues, release.inputs.values ?? {}) as Values;
    const appVersion = vendored && "appVersion" in vendored ? (vendored.appVersion as string) : undefined;
    const rule = vendored ? DEFAULT_TAGS[vendored.release] : undefined;
    const rootTag = appVersion && rule ? rule(appVersion, values) : undefined;
    return valueImages(values, rootTag);
}

/** Pod specs of whatever workload kind, wherever the kind keeps them. */
function podSpecs(r: RecordedResource): Record<string, unknown>[] {
    const at = (value: unknown, ...keys: string[]): unknown => keys.reduce((v, k) => (isMap(v) ? v[k] : undefined), value);
    const spec = r.inputs.spec;
    const candidates = [at(spec, "template", "spec"), at(spec, "jobTemplate", "spec", "template", "spec"), r.type.endsWith(":Pod") ? spec : undefined];
    return candidates.filter(isMap);
}

function workloadImages(r: RecordedResource): string[] {
    return podSpecs(r).flatMap((pod) =>
        ["initContainers", "containers"].flatMap((k) => (Array.isArray(pod[k]) ? (pod[k] as { image?: unknown }[]) : []).map((c) => c.image).filter((i): i is string => typeof i === "string")),
    );
}

export function targetsOf(run: ProgramRun, config: StackConfig): Targets {
    const releases = run.resources.filter((r) => r.type === RELEASE);
    const charts = releases.map((r): ChartTarget => ({ chart: r.inputs.chart, version: r.inputs.version, repo: r.inputs.repositoryOpts?.repo }));

    const images = new Map<string, Set<string>>();
    const add = (image: string, user: string) => images.set(image, (images.get(image) ?? new Set()).add(user));
    for (const r of releases) releaseImages(r, config).forEach((i) => add(i, `release ${r.inputs.name ?? r.name}`));
    for (const r of run.resources.filter((x) => x.type.startsWith("kubernetes:") && x.type !== RELEASE)) workloadImages(r).forEach((i) => add(i, `${r.type.split(":").pop()} ${r.name}`));

    const groups = run.resources.filter((r) => r.type === NODE_GROUP);
    const nodeGroups = groups.map((g): NodeGroupNeed => ({
        name: g.name,
        capacity: g.inputs.capacityType === "SPOT" ? "SPOT" : "ON_DEMAND",
        instanceTypes: g.inputs.instanceTypes ?? [],
        maxSize: g.inputs.scalingConfig?.maxSize ?? 0,
    }));
    const arch = (g: RecordedResource) => (/ARM_64/.test(g.inputs.amiType ?? "") || (g.inputs.instanceTypes ?? []).some(isArmInstanceType) ? "arm64" : "amd64");

    const { app, cluster, network } = config;
    return {
        stack: run.stack,
        region: config.region,
        charts,
        images: [...images].map(([image, users]) => ({ image, usedBy: [...users].sort() })).sort((a, b) => a.image.localeCompare(b.image)),
        nodeArchitectures: [...new Set(groups.map(arch))].sort(),
        models: app.enabled ? app.bedrockModels : [],
        certificate: app.enabled && app.certificateArn && app.domain ? { arn: app.certificateArn, domain: app.domain } : undefined,
        zones: network.subnets.map((s) => s.availabilityZone),
        elasticIps: run.resources.filter((r) => r.type === "aws:ec2/eip:Eip").length,
        nodeGroups,
        instances: run.resources.filter((r) => r.type === "aws:ec2/instance:Instance" && !r.inputs.instanceMarketOptions).map((r) => ({ name: r.name, instanceType: r.inputs.instanceType })),
        principals: [
            ...cluster.operatorPrincipalArns.map((arn) => ({ arn, key: "operatorPrincipalArns" })),
            ...cluster.previewPrincipalArns.map((arn) => ({ arn, key: "previewPrincipalArns" })),
        ],
    };
}

/** vCPUs a list of instance types can take at most per node (a group may launch any of them). */
export function vcpusPerNode(types: string[]): number | undefined {
    const counts = types.map((t) => INSTANCE_SHAPES[t]?.vcpu);
    return counts.some((c) => c === undefined) ? undefined : Math.max(...(counts as number[]));
}
