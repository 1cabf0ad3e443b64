/**
 * The only reader of stack config. `loadStackConfig()` validates everything up front, so a bad
 * value stops the program before any resource is registered. Defaults live in Pulumi.yaml.
 */
import * as pulumi from "@pulumi/pulumi";
import { ENVIRONMENTS, Environment, Namer, PROJECT, RECOVERY_STACKS } from "@openwebui-aws/rules/naming";
import { regionProblem, REGIONS, SUPPORTED_REGION_NAMES } from "@openwebui-aws/rules/regions";
import { requiredTags, RequiredTags } from "@openwebui-aws/rules/tags";
import { AppConfig, readAppConfig } from "./app";
import { ClusterConfig, readClusterConfig } from "./cluster";
import { readNetworkConfig, NetworkConfig } from "./network";
import { OpsConfig, readOpsConfig } from "./ops";
import { readRecoveryConfig, RecoveryConfig } from "./recovery";
import { findPlaceholders, Placeholder } from "./placeholders";
import { ConfigError, ConfigReader, isSecretConfig } from "./reader";
import { SENSITIVE_KEYS, sensitiveKeyOf } from "./sensitive";
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
    app: AppConfig;
    /** Copies of the stack's data in the recovery region (prod); undefined when the stack keeps none. */
    recovery: RecoveryConfig | undefined;
}

/** The regions rules/regions.ts describes: Seoul (primary) and Tokyo (recovery). */
export const SUPPORTED_REGIONS = SUPPORTED_REGION_NAMES;

/**
 * Keys the program reads that Pulumi.yaml cannot declare: maps (project config has no object type)
 * and optional secrets (a declared key without a default is required in every stack by the CLI).
 */
export const STRUCTURED_CONFIG_KEYS = ["nodeGroups", "openaiApiKey"] as const;

/**
 * What index.ts calls: the validated config, with a preview warning for each placeholder left in it.
 * The mock engine passes its own `read`, which keeps readStackConfig's keys and placeholders, so that
 * the warnings it records are the ones this function logs.
 */
export function loadStackConfig(read: typeof readStackConfig = readStackConfig): StackConfig {
    const { config, placeholders } = read();
    for (const p of placeholders) void pulumi.log.warn(placeholderWarning(p));
    return config;
}

export function placeholderWarning(p: Placeholder): string {
    return `config "${p.key}" still holds ${p.what}: replace it before \`pulumi up\``;
}

/**
 * Only keys that may hold personal data or a credential are handed on as secrets; any other key of
 * the project ends up in resource names, tags or settings in clear, so encrypting it would only hide
 * a value that state shows anyway. Offline the value cannot even be decrypted.
 */
function refuseSecretsWrittenInClear(own: ConfigReader, project: string): void {
    const secret = Object.keys(pulumi.runtime.allConfig()).filter((k) => k.startsWith(`${project}:`) && isSecretConfig(k) && !sensitiveKeyOf(k));
    if (secret.length > 0) {
        own.fail(secret.sort()[0].slice(project.length + 1), `is set as a secret, but the program writes it in clear (names, tags, settings): set it as plain text. Only ${Object.keys(SENSITIVE_KEYS).join(", ")} may be secrets`);
    }
}

/** The validated config, every key of the project's namespace the program read, and the placeholders left in it. */
export function readStackConfig(): { config: StackConfig; keysRead: string[]; placeholders: Placeholder[] } {
    const stack = pulumi.getStack();
    const project = pulumi.getProject();
    const own = new ConfigReader(project, stack);
    const aws = new ConfigReader("aws", stack);

    if (project !== PROJECT) {
        own.fail("(project)", `the program expects project "${PROJECT}", Pulumi.yaml says "${project}"`);
    }
    refuseSecretsWrittenInClear(own, project);
    const region = aws.string("region");
    const outside = regionProblem(region);
    if (outside) aws.fail("region", outside);
    const environment = own.oneOf("environment", ENVIRONMENTS);
    // A stack named after an environment is that environment: prod's file saying dev would deploy
    // dev's shape under prod's name. Other stacks (a second dev, say) pick theirs.
    if ((ENVIRONMENTS as readonly string[]).includes(stack) && environment !== stack) {
        own.fail("environment", `is "${environment}" but the stack is "${stack}"; they must match`);
    }
    const recoveryOf = RECOVERY_STACKS[stack];
    if (recoveryOf && (environment !== recoveryOf || REGIONS[region].role !== "recovery")) {
        own.fail("environment", `stack "${stack}" is ${recoveryOf}'s recovery stack: it must say environment ${recoveryOf} and a recovery region (it says ${environment} in ${region})`);
    }

    const config: StackConfig = {
        project,
        stack,
        environment,
        region,
        // The recovery region's stack carries the marker, so its global names (IAM, budget, buckets,
        // Chatbot, ECR) never meet those of the Seoul stack of the same environment, which may still exist.
        names: REGIONS[region].role === "recovery" ? new Namer(project, environment).recovery() : new Namer(project, environment),
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
        ops: readOpsConfig(own, region),
        app: readAppConfig(own, environment, region),
        recovery: readRecoveryConfig(own, region),
    };
    // Last: only now is every key the program reads known.
    refuseUnknownKeys(own);
    const placeholders = findPlaceholders(pulumi.runtime.allConfig(), project);
    if (placeholders.length > 0) {
        const list = placeholders.map((p) => `${p.key} (${p.what})`).join(", ");
        if (!pulumi.runtime.isDryRun()) {
            throw new ConfigError(stack, placeholders[0].key, `still holds ${placeholders[0].what}; replace every placeholder before \`pulumi up\`: ${list}`);
        }
    }
    return { config, keysRead: [...own.keysRead].sort(), placeholders };
}
