/**
 * Node groups as data: `openwebui:nodeGroups` in a stack file is a map from group name to its
 * settings, merged by name onto the design's two groups (primary on-demand, spot). A stack changes
 * a field of a design group, removes one (`spot: null`), or adds its own (a GPU or arm64 group)
 * without touching code. A group of its own says so (`new: true`) and gives every field that has no
 * default: a near-miss of a design group's name (`primray`, `Spot`) is a typo, refused with the name
 * it meant, instead of a third group built beside the two.
 *
 * Pulumi.yaml cannot declare it: project config types are string, integer, boolean and array, not
 * object. The design's groups therefore live here, and the key is documented in Pulumi.yaml's
 * comments and the README.
 */
import { isArmInstanceType, mixedShapeProblem } from "@openwebui-aws/rules/instance-types";
import { ZONE_INSTANCE_TYPES, zoneOfferingProblem } from "@openwebui-aws/rules/instance-zones";
import { GP3_MAX_GIB, MANAGED_NODE_GROUPS_PER_CLUSTER, MIN_SPOT_INSTANCE_TYPES, NODES_PER_MANAGED_NODE_GROUP } from "@openwebui-aws/rules/node-group-limits";
import { Environment } from "@openwebui-aws/rules/naming";
import { asRecord } from "@openwebui-aws/rules/props";
import { ConfigReader } from "./reader";
import type { AmiType, CapacityType, NodeGroupSettings, Taint } from "../components/cluster/node-groups";
import { closest } from "./unknown-keys";

export const CAPACITY_TYPES = ["ON_DEMAND", "SPOT"] as const satisfies readonly CapacityType[];
export const AMI_TYPES = [
    "AL2023_x86_64_STANDARD",
    "AL2023_ARM_64_STANDARD",
    "AL2023_x86_64_NVIDIA",
    "BOTTLEROCKET_x86_64",
    "BOTTLEROCKET_ARM_64",
] as const satisfies readonly AmiType[];
/** As a stack file writes an effect (kubectl's spelling) → as the EKS API spells it. */
const TAINT_EFFECTS = { NoSchedule: "NO_SCHEDULE", NoExecute: "NO_EXECUTE", PreferNoSchedule: "PREFER_NO_SCHEDULE" } as const satisfies Record<string, Taint["effect"]>;

/** A validated group: what OpenWebUICluster takes for each of its node groups. */
export type NodeGroupConfig = NodeGroupSettings;

/** A group as written in a stack file (taints as `key=value:Effect`). */
interface NodeGroupSpec {
    instanceTypes: string[];
    capacityType: string;
    amiType: string;
    minSize: number;
    maxSize: number;
    desiredSize: number;
    diskSizeGb?: number;
    labels: Record<string, string>;
    taints: string[];
}

/**
 * The design's §Node Group 설계. Its spot group lists three types of two shapes; one autoscaled group
 * must be one shape, so the spot group keeps three types of 2 vCPU / 8 GiB (see README).
 */
export const DESIGN_NODE_GROUPS: Readonly<Record<string, NodeGroupSpec>> = {
    primary: {
        instanceTypes: ["t3.medium"],
        capacityType: "ON_DEMAND",
        amiType: "AL2023_x86_64_STANDARD",
        minSize: 2,
        maxSize: 4,
        desiredSize: 2,
        labels: { nodegroup: "primary" },
        taints: [],
    },
    spot: {
        instanceTypes: ["t3.large", "m5.large", "m6i.large"],
        capacityType: "SPOT",
        amiType: "AL2023_x86_64_STANDARD",
        minSize: 0,
        maxSize: 3,
        desiredSize: 1,
        labels: { nodegroup: "spot" },
        taints: ["spot=true:NoSchedule"],
    },
};

const NUMERIC_FIELDS: readonly string[] = ["minSize", "maxSize", "desiredSize", "diskSizeGb"];
const FIELDS = ["new", "instanceTypes", "capacityType", "amiType", "minSize", "maxSize", "desiredSize", "diskSizeGb", "labels", "taints"] as const;

/** `new: true`, or the string a `pulumi config set --path` leaves. */
const isDeclaredNew = (override: unknown) => [true, "true"].includes(asRecord(override).new as boolean | string);

function group(reader: ConfigReader, name: string, raw: Record<string, unknown>, defaultDiskGb: number, environment: Environment, zones: string[]): NodeGroupConfig {
    const key = (field: string) => `nodeGroups.${name}.${field}`;
    for (const field of Object.keys(raw)) {
        if (!(FIELDS as readonly string[]).includes(field)) reader.fail(key(field), `is not a node group setting (${FIELDS.join(", ")})`);
    }
    const need = <T>(field: (typeof FIELDS)[number], check: (v: unknown) => v is T, what: string): T => {
        // `pulumi config set --path 'nodeGroups.x.maxSize' 6` may store the number as a string.
        const v = typeof raw[field] === "string" && /^\d+$/.test(raw[field] as string) && NUMERIC_FIELDS.includes(field) ? Number(raw[field]) : raw[field];
        if (v === undefined) return reader.fail(key(field), `is required for a new group (${what})`);
        if (!check(v)) return reader.fail(key(field), `${JSON.stringify(v)} is not ${what}`);
        return v;
    };
    const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
    const isString = (v: unknown): v is string => typeof v === "string";
    const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

    const instanceTypes = need("instanceTypes", isStrings, "a list of instance types");
    if (instanceTypes.length === 0) reader.fail(key("instanceTypes"), "is empty: give at least one instance type");
    const amiType = need("amiType", isString, `one of ${AMI_TYPES.join(", ")}`);
    if (!(AMI_TYPES as readonly string[]).includes(amiType)) reader.fail(key("amiType"), `"${amiType}" is not one of ${AMI_TYPES.join(", ")}`);
    const arm = amiType.includes("ARM_64");
    for (const t of instanceTypes) {
        if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(t)) reader.fail(key("instanceTypes"), `"${t}" is not an EC2 instance type`);
        if (isArmInstanceType(t) !== arm) {
            reader.fail(key("instanceTypes"), `${t} is ${isArmInstanceType(t) ? "arm64" : "x86_64"} but amiType ${amiType} is ${arm ? "arm64" : "x86_64"}`);
        }
    }
    if (new Set(instanceTypes).size !== instanceTypes.length) reader.fail(key("instanceTypes"), "lists a type twice");
    const mixed = mixedShapeProblem(instanceTypes);
    if (mixed) reader.fail(key("instanceTypes"), mixed);
    const unoffered = zoneOfferingProblem(instanceTypes, zones);
    if (unoffered) reader.fail(key("instanceTypes"), unoffered);
    const capacityType = need("capacityType", isString, `one of ${CAPACITY_TYPES.join(", ")}`);
    if (!(CAPACITY_TYPES as readonly string[]).includes(capacityType)) reader.fail(key("capacityType"), `"${capacityType}" is not one of ${CAPACITY_TYPES.join(", ")}`);
    if (capacityType === "SPOT" && instanceTypes.length < MIN_SPOT_INSTANCE_TYPES) {
        reader.fail(
            key("instanceTypes"),
            `a SPOT group needs at least ${MIN_SPOT_INSTANCE_TYPES} instance types of one shape and architecture (it lists ${instanceTypes.join(", ")}): with fewer, one capacity pool's reclaim takes every node`,
        );
    }
    const minSize = need("minSize", isCount, "a whole number ≥ 0");
    const maxSize = need("maxSize", isCount, "a whole number ≥ 0");
    const desiredSize = need("desiredSize", isCount, "a whole number ≥ 0");
    if (maxSize < 1) reader.fail(key("maxSize"), "must be at least 1 (EKS requires it)");
    if (maxSize > NODES_PER_MANAGED_NODE_GROUP) {
        reader.fail(key("maxSize"), `${maxSize} is above the ${NODES_PER_MANAGED_NODE_GROUP} nodes EKS allows a managed node group (default quota): split the group, or raise the quota first and this limit in rules/node-group-limits.ts`);
    }
    if (minSize > maxSize) reader.fail(key("minSize"), `${minSize} is above ${reader.fullKey(key("maxSize"))} (${maxSize})`);
    if (desiredSize < minSize || desiredSize > maxSize) reader.fail(key("desiredSize"), `${desiredSize} is outside [${minSize}, ${maxSize}] (the group's min and max)`);
    const diskSizeGb = raw.diskSizeGb === undefined ? defaultDiskGb : need("diskSizeGb", isCount, "a size in GB");
    // The group's own key, or the stack-wide default it inherited.
    const diskKey = raw.diskSizeGb === undefined ? "nodeDiskSizeGb" : key("diskSizeGb");
    if (diskSizeGb < 20) reader.fail(diskKey, `${diskSizeGb} GB is below the 20 GB the EKS AMI needs`);
    if (diskSizeGb > GP3_MAX_GIB) reader.fail(diskKey, `${diskSizeGb} GiB is above the ${GP3_MAX_GIB} GiB (64 TiB) a gp3 volume can be`);

    const labels = asRecord(raw.labels ?? {});
    for (const [k, v] of Object.entries(labels)) {
        if (!/^[A-Za-z0-9./_-]+$/.test(k) || typeof v !== "string" || !/^[A-Za-z0-9._-]*$/.test(v)) reader.fail(key("labels"), `${k}: ${JSON.stringify(v)} is not a Kubernetes label`);
    }
    const taints = need("taints", isStrings, "a list of key=value:Effect").map((entry) => {
        const m = /^([A-Za-z0-9./_-]+)=([A-Za-z0-9._-]*):(\w+)$/.exec(entry);
        const effect = m ? TAINT_EFFECTS[m[3] as keyof typeof TAINT_EFFECTS] : undefined;
        if (!m || !effect) return reader.fail(key("taints"), `"${entry}" is not key=value:Effect (Effect one of ${Object.keys(TAINT_EFFECTS).join(", ")})`);
        return { key: m[1], value: m[2], effect };
    });
    return {
        name,
        instanceTypes,
        capacityType: capacityType as CapacityType,
        amiType: amiType as AmiType,
        minSize,
        maxSize,
        desiredSize,
        diskSizeGb,
        labels: { environment, ...(labels as Record<string, string>) },
        taints,
    };
}

const GROUP_NAME = /^[a-z][a-z0-9]{0,19}$/;

/** A name in the stack file that is not a design group: a declared group of its own, or a typo. */
function checkOwnGroup(reader: ConfigReader, name: string, override: unknown): void {
    const design = Object.keys(DESIGN_NODE_GROUPS);
    if (design.includes(name)) {
        if (asRecord(override).new !== undefined) reader.fail(`nodeGroups.${name}.new`, `${name} is one of the design's groups: change its fields without \`new\``);
        return;
    }
    const add = "a group of the stack's own says so with `new: true` and gives every field";
    const guess = closest(name, design);
    if (guess && !isDeclaredNew(override)) reader.fail(`nodeGroups.${name}`, `is not one of the design's groups (${design.join(", ")}): did you mean ${guess}? (${add})`);
    if (!GROUP_NAME.test(name)) reader.fail(`nodeGroups.${name}`, "group names are 1-20 lowercase letters and digits, starting with a letter");
    if (!isDeclaredNew(override)) reader.fail(`nodeGroups.${name}`, `is not one of the design's groups (${design.join(", ")}): ${add}`);
}

export function readNodeGroups(reader: ConfigReader, environment: Environment, defaultDiskGb: number): NodeGroupConfig[] {
    const raw = reader.optionalObject("nodeGroups") ?? {};
    // Validated by the network config, read first; node groups span every one of them.
    const zones = reader.stringList("availabilityZones");
    const unrecorded = zones.filter((z) => ZONE_INSTANCE_TYPES[z] === undefined);
    if (unrecorded.length > 0) {
        reader.fail("availabilityZones", `rules/instance-zones.ts has no record of the instance types ${unrecorded.join(", ")} offers: add it (from describe-instance-type-offerings, with the date) before placing node groups there`);
    }
    for (const [name, override] of Object.entries(raw)) checkOwnGroup(reader, name, override);
    const names = [...new Set([...Object.keys(DESIGN_NODE_GROUPS), ...Object.keys(raw)])];
    const groups: NodeGroupConfig[] = [];
    for (const name of names) {
        const override = raw[name];
        if (override === null) continue; // `spot: null` drops a design group
        if (override !== undefined && (typeof override !== "object" || Array.isArray(override))) reader.fail(`nodeGroups.${name}`, "is not a map of node group settings (or null to drop it)");
        groups.push(group(reader, name, { ...(DESIGN_NODE_GROUPS[name] ?? {}), ...asRecord(override) }, defaultDiskGb, environment, zones));
    }
    if (groups.length === 0) reader.fail("nodeGroups", "leaves the cluster with no node group");
    if (groups.length > MANAGED_NODE_GROUPS_PER_CLUSTER) {
        reader.fail("nodeGroups", `declares ${groups.length} groups; EKS allows ${MANAGED_NODE_GROUPS_PER_CLUSTER} managed node groups per cluster (default quota)`);
    }
    return groups;
}
