import { ResourceValidationPolicy } from "@pulumi/policy";
import { isModelScopedArn } from "@openwebui-aws/rules/bedrock";
import { asArray, asRecord, parseMaybeJson } from "@openwebui-aws/rules/props";

export interface Statement {
    Effect?: string;
    Action?: string | string[];
    Resource?: string | string[];
    Principal?: unknown;
    Condition?: unknown;
}

/** A document's statements: IAM takes `Statement` as one object as well as a list of them. */
function statementsOf(document: unknown): Statement[] {
    const statement = asRecord(parseMaybeJson(document)).Statement;
    return (Array.isArray(statement) ? statement : [statement ?? []].flat()) as Statement[];
}

/** Policy documents a resource carries, wherever the type keeps them. */
export function documentsOf(type: string, props: Record<string, unknown>): { where: string; statements: Statement[] }[] {
    const doc = (where: string, value: unknown) => ({ where, statements: statementsOf(value) });
    switch (type) {
        case "aws:iam/rolePolicy:RolePolicy":
        case "aws:iam/policy:Policy":
        case "aws:iam/userPolicy:UserPolicy":
        case "aws:iam/groupPolicy:GroupPolicy":
            return [doc("policy", props.policy)];
        case "aws:iam/role:Role":
            return asArray(props.inlinePolicies).map((p, i) => doc(`inlinePolicies[${i}]`, asRecord(p).policy));
        default:
            return [];
    }
}

const actions = (s: Statement) => [s.Action ?? []].flat();
const resources = (s: Statement) => [s.Resource ?? []].flat();

const ADMIN_POLICIES = ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/IAMFullAccess"];

export const iamNoAdmin: ResourceValidationPolicy = {
    name: "iam-no-admin",
    description: "No IAM statement allows Action \"*\" (or service:*), and no role gets AdministratorAccess-class managed policies.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        for (const { where, statements } of documentsOf(args.type, args.props)) {
            for (const s of statements.filter((st) => st.Effect !== "Deny")) {
                const wild = actions(s).filter((a) => a === "*" || a.endsWith(":*"));
                if (wild.length > 0) report(`${where} allows ${wild.join(", ")}: list the actions needed`);
            }
        }
        const attached = args.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" ? [args.props.policyArn] : asArray(args.props.managedPolicyArns);
        attached.filter((arn) => ADMIN_POLICIES.includes(String(arn))).forEach((arn) => report(`attaches ${arn}`));
    },
};

export const iamTrustNoWildcardPrincipal: ResourceValidationPolicy = {
    name: "iam-trust-no-wildcard-principal",
    description: "Role trust policies name their principals: no \"*\" principal.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== "aws:iam/role:Role") return;
        const statements = statementsOf(args.props.assumeRolePolicy);
        for (const s of statements.filter((st) => st.Effect !== "Deny")) {
            const principal = s.Principal;
            const values = principal === "*" ? ["*"] : Object.values(asRecord(principal)).flatMap((v) => [v].flat());
            if (values.includes("*")) report("trust policy allows any principal (\"*\")");
        }
    },
};

/**
 * Write actions that may stand on `Resource: "*"`, each because AWS offers no narrower resource
 * for it, or because the controller's maintainers publish them so (the load balancer controller's
 * policy is used as published). Where this project writes the grant itself, a Condition narrows it.
 */
export const WRITE_ON_ANY_RESOURCE_EXCEPTIONS: Readonly<Record<string, string>> = {
    "ecr:GetAuthorizationToken": "the registry login token has no resource ARN",
    "cloudwatch:PutMetricData": "metrics have no resource ARN (Service Authorization Reference); conditioned on cloudwatch:namespace",
    "iam:CreateServiceLinkedRole": "the role's ARN does not exist before creation (conditioned on the ELB service name)",
    "ec2:CreateSecurityGroup": "the group's ARN does not exist before creation (conditioned on the controller's request tag)",
    "elasticloadbalancing:CreateLoadBalancer": "the ARN does not exist before creation (conditioned on the controller's request tag)",
    "elasticloadbalancing:CreateTargetGroup": "the ARN does not exist before creation (conditioned on the controller's request tag)",
    "elasticloadbalancing:ModifyLoadBalancerAttributes": "ELB ARNs carry generated ids; conditioned on the controller's resource tag",
    "elasticloadbalancing:SetIpAddressType": "as above, conditioned on the controller's resource tag",
    "elasticloadbalancing:SetSecurityGroups": "as above, conditioned on the controller's resource tag",
    "elasticloadbalancing:SetSubnets": "as above, conditioned on the controller's resource tag",
    "elasticloadbalancing:DeleteLoadBalancer": "as above, conditioned on the controller's resource tag",
    "elasticloadbalancing:ModifyTargetGroup": "as above, conditioned on the controller's resource tag",
    "elasticloadbalancing:ModifyTargetGroupAttributes": "as above, conditioned on the controller's resource tag",
    "elasticloadbalancing:DeleteTargetGroup": "as above, conditioned on the controller's resource tag",
    "elasticloadbalancing:ModifyListenerAttributes": "as above, conditioned on the controller's resource tag",
    "elasticloadbalancing:ModifyCapacityReservation": "as above, conditioned on the controller's resource tag",
    "elasticloadbalancing:ModifyIpPools": "as above, conditioned on the controller's resource tag",
    "elasticloadbalancing:SetWebAcl": "listener and rule ARNs carry generated ids the controller learns at run time",
    "elasticloadbalancing:ModifyListener": "as above",
    "elasticloadbalancing:AddListenerCertificates": "as above",
    "elasticloadbalancing:RemoveListenerCertificates": "as above",
    "elasticloadbalancing:ModifyRule": "as above",
    "elasticloadbalancing:SetRulePriorities": "as above",
    // The AWS Load Balancer Controller's published policy (vendor/aws-load-balancer-controller/v2.14.0,
    // used as published): these four groups stand on "*" there, the first unconditioned, because the
    // controller edits the worker security group and attaches WAF/Shield to the ALBs it creates.
    "ec2:AuthorizeSecurityGroupIngress": "load balancer controller (upstream policy): opens the worker group to its ALBs; group ids are generated",
    "ec2:RevokeSecurityGroupIngress": "load balancer controller (upstream policy): as above",
    "ec2:DeleteSecurityGroup": "load balancer controller (upstream policy): conditioned on its elbv2.k8s.aws/cluster tag",
    "elasticloadbalancing:CreateListener": "load balancer controller (upstream policy): listener ARNs carry generated ids",
    "elasticloadbalancing:DeleteListener": "load balancer controller (upstream policy): as above",
    "elasticloadbalancing:CreateRule": "load balancer controller (upstream policy): as above",
    "elasticloadbalancing:DeleteRule": "load balancer controller (upstream policy): as above",
    "waf-regional:AssociateWebACL": "load balancer controller (upstream policy): attaches the WAF named in an Ingress to its ALB",
    "waf-regional:DisassociateWebACL": "load balancer controller (upstream policy): as above",
    "wafv2:AssociateWebACL": "load balancer controller (upstream policy): as above",
    "wafv2:DisassociateWebACL": "load balancer controller (upstream policy): as above",
    "shield:CreateProtection": "load balancer controller (upstream policy): Shield Advanced on its ALBs when an Ingress asks",
    "shield:DeleteProtection": "load balancer controller (upstream policy): as above",
    "autoscaling:SetDesiredCapacity": "EKS names node-group ASGs itself; conditioned on the cluster's ASG tag",
    "autoscaling:TerminateInstanceInAutoScalingGroup": "as above",
    "autoscaling:UpdateAutoScalingGroup": "as above, conditioned on eks:cluster-name",
    "ec2:TerminateInstances": "node instance ids are not known in advance; conditioned on eks:cluster-name",
    "ec2:RebootInstances": "as above",
};

const READ_VERB = /^[a-z0-9-]+:(Describe|List|Get|BatchGet|Head|Search|Lookup|Filter|StartQuery|Validate)/;

export const iamScopedWrites: ResourceValidationPolicy = {
    name: "iam-scoped-writes",
    description: "Write actions name their resources; Resource \"*\" only for reads and the named exceptions AWS forces.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        for (const { where, statements } of documentsOf(args.type, args.props)) {
            for (const s of statements.filter((st) => st.Effect !== "Deny" && resources(st).includes("*"))) {
                const unscoped = actions(s).filter((a) => !READ_VERB.test(a) && !(a in WRITE_ON_ANY_RESOURCE_EXCEPTIONS));
                if (unscoped.length > 0) report(`${where} allows ${unscoped.join(", ")} on any resource`);
            }
        }
    },
};

/** A statement that could invoke a Bedrock model: bedrock:Invoke*, bedrock:*, or *. */
const INVOKES_BEDROCK = (action: string) => action === "*" || /^bedrock:(\*|Invoke.*)$/i.test(action);

export const bedrockInvokeScoped: ResourceValidationPolicy = {
    name: "bedrock-invoke-scoped",
    description: "Whoever may invoke Amazon Bedrock may invoke only named foundation models and inference profiles, never \"*\" or a model wildcard.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        for (const { where, statements } of documentsOf(args.type, args.props)) {
            for (const s of statements.filter((st) => st.Effect !== "Deny" && actions(st).some(INVOKES_BEDROCK))) {
                const wide = resources(s).filter((r) => typeof r === "string" && !isModelScopedArn(r));
                if (wide.length > 0) report(`${where}: Bedrock invocation allowed on ${wide.join(", ")}: name each model or inference-profile ARN`);
            }
        }
    },
};
