/**
 * Issue 24: every role the program creates carries the stack's workload boundary, and trusts only
 * its own account. IAM itself refuses a role without the boundary to the deploy role (a condition on
 * iam:PermissionsBoundary), but IAM has no condition key on a trust policy's contents: what
 * UpdateAssumeRolePolicy writes is checked here, in every PR preview and before every update.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { Environment, environmentOfStack, workloadBoundaryName } from "@openwebui-aws/rules/naming";
import { asArray, asRecord, parseMaybeJson } from "@openwebui-aws/rules/props";

/** `urn:pulumi:<stack>::<project>::…` → the stack, whose name gives the environment (environmentOfStack). */
const stackOfUrn = (urn: string) => urn.split("::")[0].split(":").pop() ?? "";

/** The account of `arn:aws:iam::<account>:policy/openwebui-workload-boundary-<env>`, or why not. */
function boundaryAccount(boundary: unknown, stack: string, configured?: Environment): { account?: string; problem?: string } {
    if (boundary === undefined || boundary === null || boundary === "") return { problem: "has no permissions boundary" };
    // The stack's pack config says its environment (as naming-convention's does); a stack named after one needs none.
    const environment = configured ?? environmentOfStack(stack);
    if (!environment) return { problem: `stack "${stack}" is not dev, prod or a recovery stack of one: its workload boundary is unknown` };
    const match = new RegExp(`^arn:aws:iam::(\\d{12}):policy/${workloadBoundaryName(environment)}$`).exec(String(boundary));
    return match ? { account: match[1] } : { problem: `has boundary ${String(boundary)}, not ${workloadBoundaryName(environment)}` };
}

/**
 * Why a trust-policy principal is outside `account` (and the accounts people sign in from,
 * `trusted`), AWS's service principals and the account's OIDC providers; undefined when inside.
 */
export function foreignPrincipal(kind: string, value: string, account: string, trusted: string[] = []): string | undefined {
    const own = new RegExp(`^arn:aws:iam::${account}:`);
    const accountOf = (arn: string) => (/^arn:aws:iam::(\d{12}):(root|role\/.+|user\/.+)$/.exec(arn) ?? [])[1];
    switch (kind) {
        case "Service":
            return /^[a-z0-9.-]+\.amazonaws\.com$/.test(value) ? undefined : `service principal ${value} is not an AWS service`;
        case "AWS": {
            const bareAccount = /^\d{12}$/.test(value);
            const of = bareAccount ? value : accountOf(value);
            // Another account's root (its ARN, or its bare id, which IAM reads as the root) would hand the
            // role to that whole account: only its named roles and users.
            const isRoot = bareAccount || value.endsWith(":root");
            return of === account || (of !== undefined && trusted.includes(of) && !isRoot) ? undefined : `${value} is not a principal of account ${account}${trusted.length ? ` or of ${trusted.join(", ")}` : ""}`;
        }
        case "Federated":
            return own.test(value) && /:oidc-provider\/.+$/.test(value) ? undefined : `${value} is not an OIDC provider of account ${account}`;
        default:
            return `${kind} principal ${value} is not allowed`;
    }
}

/** Remote components that create their own roles, out of reach of the boundary, unless given one. */
const ROLE_MAKING_COMPONENTS: Record<string, (props: Record<string, unknown>) => string | undefined> = {
    "eks:index:Cluster": (p) =>
        !p.serviceRole ? "creates its own cluster role (no serviceRole)" : p.createInstanceRole || p.fargate || asRecord(p.autoMode).enabled ? "creates an instance, Fargate or Auto Mode role" : undefined,
    "eks:index:ManagedNodeGroup": (p) => (!p.nodeRole && !p.nodeRoleArn ? "creates its own node role (no nodeRole)" : undefined),
};

interface BoundaryConfig {
    /** The stack's environment, whose boundary its roles carry; from the stack's name when unset. */
    environment?: Environment;
    /** Accounts besides the stack's own whose principals may be trusted: where operators and developers sign in. */
    trustedAccounts?: string[];
}

export const iamRoleWorkloadBoundary: ResourceValidationPolicy = {
    name: "iam-role-workload-boundary",
    description:
        "Every IAM role carries the stack's workload boundary (openwebui-workload-boundary-<env>), and its trust policy names only AWS service principals and that account's principals and OIDC providers (plus principals of the accounts in trustedAccounts); no component creates a role of its own.",
    enforcementLevel: "mandatory",
    // Pack config is published by deployment/, which the deploy role cannot change.
    configSchema: { properties: { environment: { type: "string", enum: ["dev", "prod"] }, trustedAccounts: { type: "array", items: { type: "string", pattern: "^[0-9]{12}$" } } } },
    validateResource: (args, report) => {
        const component = ROLE_MAKING_COMPONENTS[args.type]?.(args.props);
        if (component) report(`${component}: a role created inside the component carries no workload boundary; create it with createRole and pass it`);
        if (args.type !== "aws:iam/role:Role") return;
        const { account, problem } = boundaryAccount(args.props.permissionsBoundary, stackOfUrn(args.urn), args.getConfig<BoundaryConfig>().environment);
        if (problem) report(problem);
        if (!account) return;
        // The boundary's account is the stack's: the deploy role may set no other boundary.
        const statements = asArray(asRecord(parseMaybeJson(args.props.assumeRolePolicy)).Statement).map(asRecord);
        for (const s of statements.filter((st) => st.Effect !== "Deny")) {
            const principal = s.Principal;
            if (principal === "*") continue; // iam-trust-no-wildcard-principal reports it
            for (const [kind, values] of Object.entries(asRecord(principal))) {
                for (const value of [values].flat().map(String)) {
                    const foreign = foreignPrincipal(kind, value, account, args.getConfig<BoundaryConfig>().trustedAccounts);
                    if (foreign) report(`trust policy: ${foreign}`);
                }
            }
        }
    },
};
