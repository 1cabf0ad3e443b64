/**
 * The account the mock engine pretends to be in, and the outputs AWS would compute for custom
 * resources (ids, ARNs). Values are shaped like real ones so that code parsing them is exercised.
 */
export const ACCOUNT_ID = "123456789012";
export const REGION = "ap-northeast-2";

type Inputs = Record<string, unknown>;

/** What the fake getAddonVersion answers for a Kubernetes minor: `1.35` → `v1.35.0-eksbuild.99`. */
export function fakeDefaultAddonBuild(kubernetesVersion: string): string {
    return `v${kubernetesVersion}.0-eksbuild.99`;
}

/** `aws:ec2/vpc:Vpc` → `ec2`. */
function serviceOf(type: string): string {
    return type.split(":")[1]?.split("/")[0] ?? "unknown";
}

function arnFor(type: string, name: string, inputs: Inputs): string {
    const physical = (inputs.name as string | undefined) ?? name;
    switch (type) {
        case "aws:iam/role:Role":
            return `arn:aws:iam::${ACCOUNT_ID}:role/${physical}`;
        case "aws:iam/policy:Policy":
            return `arn:aws:iam::${ACCOUNT_ID}:policy/${physical}`;
        case "aws:cloudwatch/logGroup:LogGroup":
            return `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${physical}`;
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2":
            return `arn:aws:s3:::${(inputs.bucket as string | undefined) ?? physical}`;
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
            return `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${String(inputs.url).replace(/^https:\/\//, "")}`;
        case "aws:sns/topic:Topic":
            return `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${physical}`;
        default:
            return `arn:aws:${serviceOf(type)}:${REGION}:${ACCOUNT_ID}:${type.split(":").pop()?.toLowerCase()}/${physical}`;
    }
}

/** Outputs that AWS computes and the program reads, on top of the inputs echoed back. */
export function computedOutputs(type: string, name: string, inputs: Inputs): Inputs {
    const extra: Inputs = { arn: arnFor(type, name, inputs) };
    switch (type) {
        case "aws:kms/key:Key":
            extra.keyId = `${name}-key-id`;
            break;
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2":
            extra.bucket = (inputs.bucket as string | undefined) ?? `${name}-1a2b3c4`;
            break;
        case "aws:cloudwatch/logGroup:LogGroup":
            extra.name = (inputs.name as string | undefined) ?? name;
            break;
        case "aws:ec2/instance:Instance":
            extra.primaryNetworkInterfaceId = `eni-${name}`;
            break;
        case "aws:eks/nodeGroup:NodeGroup":
            extra.resources = [{ autoscalingGroups: [{ name: `eks-${name}-asg` }] }];
            break;
        case "aws:rds/instance:Instance":
            extra.address = `${String(inputs.identifier ?? name)}.abcdefghijkl.${REGION}.rds.amazonaws.com`;
            extra.masterUserSecrets = inputs.manageMasterUserPassword
                ? [{ secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:rds!db-0123abcd-4567-89ef-0123-456789abcdef-AbCdEf`, secretStatus: "active", kmsKeyId: "" }]
                : [];
            break;
        case "aws:ecr/repository:Repository":
            extra.repositoryUrl = `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/${String(inputs.name)}`;
            break;
        case "pulumiservice:index:AgentPool":
            // Pulumi Cloud gives the pool an id and a registration token; the resource id is not the pool id.
            extra.agentPoolId = `${name}-pool-id`;
            extra.tokenValue = `pul-${"x".repeat(40)}`;
            break;
        case "random:index/randomPassword:RandomPassword":
            // Shaped like the real thing (letters and digits of the requested length), never a real secret.
            extra.result = "x".repeat(Number(inputs.length ?? 16));
            break;
    }
    return { ...inputs, ...extra };
}

/** Provider functions the program calls, answered as AWS would for ACCOUNT_ID in REGION. */
export const INVOKES: Readonly<Record<string, (inputs: Inputs) => Record<string, unknown>>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        accountId: ACCOUNT_ID,
        arn: `arn:aws:iam::${ACCOUNT_ID}:user/ci`,
        userId: "AIDAEXAMPLE",
        id: ACCOUNT_ID,
    }),
    "aws:index/getRegion:getRegion": () => ({ name: REGION, region: REGION, id: REGION }),
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" }),
    "aws:ssm/getParameter:getParameter": (inputs) => ({ name: inputs.name, value: "ami-0123456789abcdef0", type: "String", id: String(inputs.name) }),
    // The ALB and target group the load balancer controller built for an Ingress, found by its tags.
    "aws:lb/getLoadBalancer:getLoadBalancer": (inputs) => ({
        arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:loadbalancer/app/k8s-ingress/0123456789abcdef`,
        arnSuffix: "app/k8s-ingress/0123456789abcdef",
        tags: inputs.tags,
        id: "k8s-ingress",
    }),
    "aws:lb/getTargetGroup:getTargetGroup": (inputs) => ({
        arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}:targetgroup/k8s-openwebu-openwebu/fedcba9876543210`,
        arnSuffix: "targetgroup/k8s-openwebu-openwebu/fedcba9876543210",
        tags: inputs.tags,
        id: "k8s-openwebu-openwebu",
    }),
    // AWS's default build for a Kubernetes version; the fake marks the minor it was asked for.
    "aws:eks/getAddonVersion:getAddonVersion": (inputs) => ({
        addonName: inputs.addonName,
        kubernetesVersion: inputs.kubernetesVersion,
        version: fakeDefaultAddonBuild(String(inputs.kubernetesVersion)),
        id: String(inputs.addonName),
    }),
};
