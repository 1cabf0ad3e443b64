/**
 * The AWS side of the preflight: read-only calls with the caller's credentials, in the stack's
 * Region. Each answers one question the first `pulumi up` would otherwise answer by failing midway.
 */
import { ACMClient, DescribeCertificateCommand } from "@aws-sdk/client-acm";
import { BedrockClient, GetFoundationModelAvailabilityCommand, GetFoundationModelCommand, GetInferenceProfileCommand } from "@aws-sdk/client-bedrock";
import { DescribeAvailabilityZonesCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GetRoleCommand, GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetServiceQuotaCommand, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { splitModelId, BedrockModel } from "@openwebui-aws/rules/bedrock";
import { PROJECT } from "@openwebui-aws/rules/naming";
import { isZoneId } from "@openwebui-aws/rules/regions";
import { CheckResult, fail, pass, unreachable } from "./report";
import { Targets } from "./targets";
import { quotaChecks, QUOTAS } from "./quotas";
import { offeringChecks } from "./offerings";

export interface AwsOptions {
    /** One endpoint for every service (tests: a loopback fake). Unset: the SDK's own, which honours AWS_ENDPOINT_URL. */
    endpoint?: string;
    /** Unset: the SDK's default chain (environment, profile, web identity, instance role). */
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

const key = (k: string) => `${PROJECT}:${k}`;

/**
 * Every AWS API call the preflight makes, as IAM names it: the deploy role (Deployments) and the
 * preview role (the PR workflow) must allow each (tests/iam-simulator.test.ts), and the tests check
 * this list against the calls the fake AWS receives. sts:GetCallerIdentity needs no permission.
 */
export const PREFLIGHT_AWS_ACTIONS = {
    callerIdentity: "sts:GetCallerIdentity",
    inferenceProfile: "bedrock:GetInferenceProfile",
    foundationModel: "bedrock:GetFoundationModel",
    modelAvailability: "bedrock:GetFoundationModelAvailability",
    certificate: "acm:DescribeCertificate",
    zones: "ec2:DescribeAvailabilityZones",
    offerings: "ec2:DescribeInstanceTypeOfferings",
    quota: "servicequotas:GetServiceQuota",
    role: "iam:GetRole",
    user: "iam:GetUser",
} as const;
const A = PREFLIGHT_AWS_ACTIONS;

function clients(region: string, o: AwsOptions) {
    // The pinned SDK runs on Node 20 (package.json engines); its warning is about later releases.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const config = { region, ...(o.endpoint ? { endpoint: o.endpoint } : {}), ...(o.credentials ? { credentials: o.credentials } : {}), maxAttempts: 2 };
    return {
        sts: new STSClient(config),
        bedrock: new BedrockClient(config),
        acm: new ACMClient(config),
        ec2: new EC2Client(config),
        iam: new IAMClient(config),
        quotas: new ServiceQuotasClient(config),
    };
}
type Clients = ReturnType<typeof clients>;

const named = (e: unknown, ...names: string[]) => names.includes((e as { name?: string }).name ?? "");
const denied = (e: unknown) => named(e, "AccessDeniedException", "AccessDenied", "UnauthorizedOperation");
const permissionFix = (action: string) => `allow ${action} to the credentials this runs with (the deploy role in Deployments, the preview role in the PR workflow)`;

/** The runbook's section on the one-time subscription: who does it, and how. */
export const FIRST_BEDROCK_CALL = "docs/runbook.md, \"First Bedrock call\"";

/**
 * What stands between LiteLLM and its first answer from a model. Third-party models are subscribed
 * through AWS Marketplace on the account's first call, by whoever makes it, and that identity needs
 * aws-marketplace:Subscribe, Unsubscribe and ViewSubscriptions; Anthropic's also need the
 * first-time-use form, once per account or organization (Amazon Bedrock User Guide, "Request access to
 * models", read 2026-12-07). LiteLLM's role may only invoke, so its first call cannot subscribe:
 * an admin does it once, before users arrive. GetFoundationModelAvailability reports each part.
 */
function accessProblems(
    a: { authorizationStatus?: string; entitlementAvailability?: string; agreementAvailability?: { status?: string; errorMessage?: string }; regionAvailability?: string },
    foundationModel: string,
    region: string,
    viaProfile: boolean,
): { problems: string[]; fix: string } | undefined {
    const anthropic = foundationModel.startsWith("anthropic.");
    const agreement = a.agreementAvailability?.status;
    const problems = [
        a.authorizationStatus !== "AUTHORIZED" && `authorization ${a.authorizationStatus}${anthropic ? " (Anthropic's first-time-use form not submitted?)" : ""}`,
        a.entitlementAvailability !== "AVAILABLE" && `entitlement ${a.entitlementAvailability}`,
        agreement !== "AVAILABLE" && `agreement ${agreement}${a.agreementAvailability?.errorMessage ? ` (${a.agreementAvailability.errorMessage})` : ""}`,
        // A profile routes the call to other Regions; only a direct call needs the model here.
        !viaProfile && a.regionAvailability !== "AVAILABLE" && `not offered in ${region}`,
    ].filter((p): p is string => typeof p === "string");
    if (problems.length === 0) return undefined;
    const admin = "an admin identity with aws-marketplace:Subscribe, aws-marketplace:Unsubscribe and aws-marketplace:ViewSubscriptions (not LiteLLM's role, which may only invoke)";
    const fixes = [
        a.authorizationStatus !== "AUTHORIZED" && anthropic && `as ${admin}, submit Anthropic's first-time-use form once (Bedrock console, Model catalog, an Anthropic model)`,
        agreement === "PENDING" && "the Marketplace subscription is being set up (up to 15 minutes): run the preflight again",
        agreement !== "AVAILABLE" && agreement !== "PENDING" &&
            `as ${admin}, subscribe once: send one prompt to ${foundationModel} in the Bedrock console's playground, or \`aws bedrock list-foundation-model-agreement-offers --model-id ${foundationModel}\` then \`aws bedrock create-foundation-model-agreement --model-id ${foundationModel} --offer-token <token>\``,
    ].filter((f): f is string => typeof f === "string");
    const fix = fixes.length > 0 ? `${fixes.join("; ")} (${FIRST_BEDROCK_CALL}); or remove it from ${key("bedrockModels")}` : `grant access to ${foundationModel} in ${region} (${FIRST_BEDROCK_CALL}), or remove it from ${key("bedrockModels")}`;
    return { problems, fix };
}

async function modelCheck(c: Clients, model: BedrockModel, region: string): Promise<CheckResult> {
    const what = `Bedrock ${model.id} (${model.name}) callable from ${region}`;
    const listFix = `put an id that ${region} offers in ${key("bedrockModels")} (aws bedrock list-inference-profiles / list-foundation-models --region ${region})`;
    const { profile, foundationModel } = splitModelId(model.id);
    try {
        if (profile) {
            const p = await c.bedrock.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: model.id }));
            if (p.status !== "ACTIVE") return fail(what, `the inference profile is ${p.status}`, listFix);
        } else {
            const m = (await c.bedrock.send(new GetFoundationModelCommand({ modelIdentifier: model.id }))).modelDetails;
            if (m?.modelLifecycle?.status !== "ACTIVE") return fail(what, `the model's lifecycle is ${m?.modelLifecycle?.status ?? "unknown"}`, listFix);
            if (!m.inferenceTypesSupported?.includes("ON_DEMAND")) return fail(what, `the model takes no on-demand calls in ${region} (${m.inferenceTypesSupported?.join(", ") || "none"}): call it through an inference profile`, listFix);
        }
        // Model access is granted per foundation model, also when it is called through a profile.
        const a = await c.bedrock.send(new GetFoundationModelAvailabilityCommand({ modelId: foundationModel }));
        const access = accessProblems(a, foundationModel, region, Boolean(profile));
        if (access) return fail(what, `model access for ${foundationModel}: ${access.problems.join(", ")}`, access.fix);
        return pass(what, profile ? `profile ACTIVE, access to ${foundationModel} granted` : "ACTIVE, on demand, access granted");
    } catch (e) {
        if (named(e, "ResourceNotFoundException", "ValidationException")) return fail(what, `Bedrock in ${region} does not know it (${(e as Error).name})`, listFix);
        return unreachable(what, e, denied(e) ? permissionFix(`${A.inferenceProfile}, ${A.foundationModel} and ${A.modelAvailability}`) : "check network access to Bedrock and retry");
    }
}

/** `*.example.com` covers exactly one label in front of example.com (ACM and TLS wildcard rules). */
export function covers(name: string, domain: string): boolean {
    if (name === domain) return true;
    if (!name.startsWith("*.") || !domain.endsWith(name.slice(1))) return false;
    const label = domain.slice(0, domain.length - name.length + 1);
    return label !== "" && !label.includes(".");
}

async function certificateCheck(c: Clients, t: Targets, account: string | undefined): Promise<CheckResult> {
    const cert = t.certificate;
    if (!cert) return pass("ACM certificate", `none configured (${key("appCertificateArn")} unset): the ALB serves plain HTTP`);
    const what = `ACM certificate for ${cert.domain}`;
    const [, , , region, owner] = cert.arn.split(":");
    if (region !== t.region) return fail(what, `it is in ${region}, the stack in ${t.region}`, `request or import a certificate in ${t.region} and set ${key("appCertificateArn")}`);
    if (account && owner !== account) return fail(what, `it belongs to account ${owner}, the credentials to ${account}`, `use a certificate of account ${account} in ${key("appCertificateArn")}, or run with that account's credentials`);
    try {
        const d = (await c.acm.send(new DescribeCertificateCommand({ CertificateArn: cert.arn }))).Certificate;
        if (d?.Status !== "ISSUED") return fail(what, `status ${d?.Status ?? "unknown"}`, `complete its validation (the DNS records ACM lists for it) until it is ISSUED, or set another ${key("appCertificateArn")}`);
        const names = [...new Set([d.DomainName, ...(d.SubjectAlternativeNames ?? [])].filter((n): n is string => !!n))];
        if (!names.some((n) => covers(n, cert.domain))) return fail(what, `it covers ${names.join(", ")}, not ${cert.domain}`, `request a certificate for ${cert.domain} (or its wildcard), or change ${key("appDomain")}`);
        return pass(what, `ISSUED, in ${region}, account ${owner}, covers it`);
    } catch (e) {
        if (named(e, "ResourceNotFoundException")) return fail(what, `${cert.arn} does not exist`, `set ${key("appCertificateArn")} to a certificate of ${t.region}`);
        return unreachable(what, e, denied(e) ? permissionFix(A.certificate) : "check network access to ACM and retry");
    }
}

async function zoneChecks(c: Clients, t: Targets): Promise<CheckResult[]> {
    try {
        const zones = (await c.ec2.send(new DescribeAvailabilityZonesCommand({ AllAvailabilityZones: true }))).AvailabilityZones ?? [];
        // The usable zones are offered in the form the key takes: config refuses a Tokyo zone name.
        const byId = t.zones.every(isZoneId);
        return t.zones.map((name) => {
            const what = `availability zone ${name}`;
            // By name, or by ID where the stack names its zones so (Tokyo).
            const z = zones.find((x) => x.ZoneName === name || x.ZoneId === name);
            const usable = zones.filter((x) => x.State === "available" && x.OptInStatus !== "not-opted-in").map((x) => (byId ? x.ZoneId : x.ZoneName));
            const fix = `list zones the account can use in ${key("availabilityZones")} (available: ${usable.join(", ") || "none"})`;
            if (!z) return fail(what, `not a zone of ${t.region} for this account`, fix);
            if (z.OptInStatus === "not-opted-in") return fail(what, "the account has not opted in", fix);
            if (z.State !== "available") return fail(what, `state ${z.State}`, fix);
            return pass(what, `available (${z.ZoneId})`);
        });
    } catch (e) {
        return [unreachable(`availability zones ${t.zones.join(", ")}`, e, denied(e) ? permissionFix(A.zones) : "check network access to EC2 and retry")];
    }
}

async function principalCheck(c: Clients, p: { arn: string; key: string }, account: string | undefined): Promise<CheckResult> {
    const what = `${p.key} ${p.arn} exists`;
    const m = /^arn:aws:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(p.arn);
    if (!m) return fail(what, "not an IAM role or user ARN", `fix ${key(p.key)}`);
    const [, owner, kind, name] = m;
    if (account && owner !== account) return fail(what, `it is in account ${owner}, the credentials in ${account}: it cannot be read from here`, `run the preflight with credentials of account ${owner}, or fix ${key(p.key)}`);
    try {
        if (kind === "role") await c.iam.send(new GetRoleCommand({ RoleName: name }));
        else await c.iam.send(new GetUserCommand({ UserName: name }));
        return pass(what);
    } catch (e) {
        const fix = name.startsWith(`${PROJECT}-`) ? `create it first (deployment/ creates the ${PROJECT} deploy and preview roles), or remove it from ${key(p.key)}` : `create the ${kind}, or remove it from ${key(p.key)}`;
        if (named(e, "NoSuchEntityException", "NoSuchEntity")) return fail(what, `no such ${kind} in account ${owner}`, fix);
        return unreachable(what, e, denied(e) ? permissionFix(kind === "role" ? A.role : A.user) : "check network access to IAM and retry");
    }
}

async function quotaValue(c: Clients, code: string): Promise<number> {
    const q = await c.quotas.send(new GetServiceQuotaCommand({ ServiceCode: "ec2", QuotaCode: code }));
    if (typeof q.Quota?.Value !== "number") throw new Error(`no value for ec2/${code}`);
    return q.Quota.Value;
}

export async function awsChecks(t: Targets, o: AwsOptions): Promise<CheckResult[]> {
    const c = clients(t.region, o);
    let account: string | undefined;
    let identity: CheckResult;
    try {
        const id = await c.sts.send(new GetCallerIdentityCommand({}));
        account = id.Account;
        identity = pass("AWS credentials", `${id.Arn} in account ${id.Account}`);
    } catch (e) {
        identity = unreachable("AWS credentials", e, "run with credentials of the stack's account (AWS_PROFILE, or the workflow's OIDC role)");
    }
    const quotaValues = Object.fromEntries(
        await Promise.all(Object.values(QUOTAS).map(async (q) => [q.code, await quotaValue(c, q.code).catch((e: unknown) => e as Error)] as const)),
    );
    const results = await Promise.all([
        Promise.all(t.models.map((m) => modelCheck(c, m, t.region))),
        certificateCheck(c, t, account).then((r) => [r]),
        zoneChecks(c, t),
        offeringChecks(c.ec2, t, (e) => (denied(e) ? permissionFix(A.offerings) : "check network access to EC2 and retry")),
        Promise.resolve(quotaChecks(t, quotaValues, (e) => (denied(e) ? permissionFix(A.quota) : "check network access to Service Quotas and retry"))),
        Promise.all(t.principals.map((p) => principalCheck(c, p, account))),
    ]);
    return [identity, ...results.flat()];
}
