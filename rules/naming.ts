/**
 * The design's naming rule, `{project}-{resource-type}-{environment}[-{suffix}]`, written once:
 * the program builds names with it and the policy pack checks names against it.
 */

export const PROJECT = "openwebui";

export const ENVIRONMENTS = ["dev", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export function isEnvironment(value: string): value is Environment {
    return (ENVIRONMENTS as readonly string[]).includes(value);
}

/**
 * `{resource-type}` parts that the policy pack also recognises: the one security group allowed to
 * face the internet, and private subnets.
 */
export const ALB_SECURITY_GROUP_TYPE = "alb-sg";
/** `{resource-type}` of the security group that Deployments agents and CI runners in the VPC reach the private API endpoint with. */
export const DEPLOY_AGENT_SECURITY_GROUP_TYPE = "deploy-agent-sg";
export const PRIVATE_SUBNET_TYPE = "private-subnet";

/** True when `name` was built with `resourceType` (by Namer.of, for any project and environment). */
export function hasResourceType(name: string, resourceType: string): boolean {
    return new RegExp(`(^|-)${resourceType}(-|$)`).test(name);
}

const SEGMENT = "[a-z0-9]+(?:-[a-z0-9]+)*";

/**
 * The marker of what lives in the recovery region (Tokyo): prod's copies there and the recovery
 * stack's own resources. It takes the `{suffix}` slot's first place, `openwebui-vpc-prod-dr`,
 * `openwebui-public-subnet-prod-dr-a`, so names that are global (IAM roles, the budget, buckets,
 * the Chatbot configuration, ECR repositories) never meet the Seoul stack's while both exist.
 */
export const RECOVERY_MARKER = "dr";

/** Builds names for one project and environment, e.g. `names.of("public-subnet", "a")`. */
export class Namer {
    constructor(
        readonly project: string,
        readonly environment: Environment,
        /** RECOVERY_MARKER for resources in the recovery region; nothing in the primary one. */
        readonly marker?: string,
    ) {}

    /** The same project and environment, marked as living in the recovery region. */
    recovery(): Namer {
        return new Namer(this.project, this.environment, RECOVERY_MARKER);
    }

    /** `openwebui-vpc-dev`, `openwebui-public-subnet-dev-a`, `openwebui-vpc-prod-dr`. */
    of(resourceType: string, suffix?: string): string {
        const name = [this.project, resourceType, this.environment, this.marker, suffix].filter((p) => p !== undefined).join("-");
        const problem = checkName(name, this.project, this.environment);
        if (problem) {
            throw new Error(`naming rule broken by the program itself: ${problem}`);
        }
        return name;
    }
}

/** Returns why `name` breaks the rule, or undefined when it follows it. */
export function checkName(name: string, project: string, environment: string): string | undefined {
    const rule = new RegExp(`^${project}-${SEGMENT}-${environment}(?:-${SEGMENT})?$`);
    if (!rule.test(name)) {
        return `"${name}" does not match ${project}-{resource-type}-${environment}[-{suffix}] (lower-case letters, digits and single hyphens)`;
    }
    return undefined;
}

/**
 * `ap-northeast-2a` → `a`: the design suffixes per-AZ names with the zone letter. A zone ID
 * (`apne1-az1`, how a Tokyo stack names its zones) gives its `az1`: the ID, unlike the letter, is
 * the same zone in every account.
 */
export function azSuffix(availabilityZone: string): string {
    const id = /-(az\d+)$/.exec(availabilityZone);
    if (id) return id[1];
    const letter = /[a-z]$/.exec(availabilityZone);
    if (!letter) {
        throw new Error(`"${availabilityZone}" does not end in a zone letter`);
    }
    return letter[0];
}

/**
 * Resource types whose physical name is set through a property rather than a Name tag, and the
 * prefix AWS requires in front of it. The naming policy checks these properties too.
 */
export const PHYSICAL_NAME_PROPERTY: Readonly<Record<string, { property: string; awsPrefix?: string }>> = {
    "aws:iam/role:Role": { property: "name" },
    "aws:iam/policy:Policy": { property: "name" },
    "aws:ec2/securityGroup:SecurityGroup": { property: "name" },
    "aws:ec2/launchTemplate:LaunchTemplate": { property: "name" },
    "aws:eks/cluster:Cluster": { property: "name" },
    "eks:index:Cluster": { property: "name" },
    "aws:eks/nodeGroup:NodeGroup": { property: "nodeGroupName" },
    "aws:kms/alias:Alias": { property: "name", awsPrefix: "alias/" },
    "aws:sns/topic:Topic": { property: "name" },
    "aws:s3/bucket:Bucket": { property: "bucket" },
    "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": { property: "configurationName" },
    "aws:budgets/budget:Budget": { property: "name" },
    "aws:cloudwatch/metricAlarm:MetricAlarm": { property: "name" },
    // Repositories sit under the project's namespace in the registry: `openwebui/openwebui-ecr-dev-webui`.
    "aws:ecr/repository:Repository": { property: "name", awsPrefix: `${PROJECT}/` },
};

/**
 * AWS WAF writes logs only to a CloudWatch log group whose name starts with `aws-waf-logs-` (AWS WAF
 * developer guide, "Sending web ACL traffic logs to an Amazon CloudWatch Logs log group"): the
 * physical name is that prefix on the rule's own name, `aws-waf-logs-openwebui-waf-<env>`. Log
 * groups' physical names are not held to the rule (AWS and EKS fix several of them).
 */
export const WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";
export const wafLogGroupName = (names: Namer) => `${WAF_LOG_GROUP_PREFIX}${names.of("waf")}`;

/**
 * Stacks that are not named after their environment: the recovery stack in Tokyo is prod's. Config
 * holds the stack file to it, and the pack derives the environment (the workload boundary's name)
 * from it as it does from `dev` and `prod`.
 */
export const RECOVERY_STACKS: Readonly<Record<string, Environment>> = { dr: "prod" };

/** The environment a stack name stands for (`dev`, `prod`, `dr` → prod), or undefined. */
export function environmentOfStack(stack: string): Environment | undefined {
    return isEnvironment(stack) ? stack : RECOVERY_STACKS[stack];
}

/**
 * The role each stack's Pulumi Deployments assume (created by deployment/), named once: deployment/
 * creates it, and config recognises it among a stack's operators (the certificate's account).
 */
export const deployRoleName = (environment: Environment) => new Namer(PROJECT, environment).of("deploy-role");

/**
 * The managed policy deployment/ creates per stack, before the stack's first run, as the permissions
 * boundary of every role the program creates; the deploy role may create and change roles only
 * when they carry it. Named once: deployment/ creates it, the program derives its ARN from the
 * account id, and the pack checks every role names it.
 */
export const workloadBoundaryName = (environment: Environment) => new Namer(PROJECT, environment).of("workload-boundary");
