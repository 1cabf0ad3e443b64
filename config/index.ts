/**
 * The only reader of stack config. `loadStackConfig()` validates everything up front, so a bad
 * value stops the program before any resource is registered. Defaults live in Pulumi.yaml.
 */
import * as pulumi from "@pulumi/pulumi";
import { ENVIRONMENTS, Environment, Namer, PROJECT } from "@openwebui-aws/rules/naming";
import { requiredTags, RequiredTags } from "@openwebui-aws/rules/tags";
import { UsageAssumptions } from "@openwebui-aws/rules/cost/usage";
import { ClusterConfig, readClusterConfig } from "./cluster";
import { readCostAssumptions } from "./cost";
import { readNetworkConfig, NetworkConfig } from "./network";
import { OpsConfig, readOpsConfig } from "./ops";
import { ConfigReader } from "./reader";
import { refuseUnknownKeys } from "./unknown-keys";

export { ConfigError } from "./reader";

export interface StackConfig {
    project: string;
    stack: string;
    environment: Environment;
    region: string;
    names: Namer;
    /** Applied to every taggable AWS resource through the provider's default tags. */
    tags: RequiredTags;
    network: NetworkConfig;
    cluster: ClusterConfig;
    ops: OpsConfig;
    /** Usage assumptions of the cost estimate; the program registers nothing from them. */
    cost: UsageAssumptions;
}

export const SUPPORTED_REGIONS = ["ap-northeast-2"] as const;

/** Map-valued keys: read by the program, not declarable in Pulumi.yaml (project config has no object type). */
export const STRUCTURED_CONFIG_KEYS = ["nodeGroups"] as const;

export function loadStackConfig(): StackConfig {
    return readStackConfig().config;
}

/** The validated config, and every key of the project's namespace the program read. */
export function readStackConfig(): { config: StackConfig; keysRead: string[] } {
    const stack = pulumi.getStack();
    const project = pulumi.getProject();
    const own = new ConfigReader(project, stack);
    const aws = new ConfigReader("aws", stack);

    if (project !== PROJECT) {
        own.fail("(project)", `the program expects project "${PROJECT}", Pulumi.yaml says "${project}"`);
    }
    const region = aws.oneOf("region", SUPPORTED_REGIONS);
    const environment = own.oneOf("environment", ENVIRONMENTS);

    const config: StackConfig = {
        project,
        stack,
        environment,
        region,
        names: new Namer(project, environment),
        tags: requiredTags({
            project,
            environment,
            owner: own.string("owner"),
            costCenter: own.string("costCenter"),
            department: own.string("department"),
            team: own.string("team"),
        }),
        network: readNetworkConfig(own, region),
        cluster: readClusterConfig(own, environment),
        ops: readOpsConfig(own),
        cost: readCostAssumptions(own),
    };
    // Last: only now is every key the program reads known.
    refuseUnknownKeys(own);
    return { config, keysRead: [...own.keysRead].sort() };
}
