/**
 * A loopback AWS endpoint for the preflight's tests, answering each call in its service's own
 * protocol with the response and error shapes the real service returns, so the SDK clients parse
 * them as they would AWS's: STS and IAM (awsQuery, XML), EC2 (ec2Query, XML), ACM and Service
 * Quotas (awsJson1_1, X-Amz-Target), Bedrock's control plane (restJson1). Shapes as in each
 * service's API reference (GetCallerIdentity, GetRole, DescribeAvailabilityZones,
 * DescribeInstanceTypeOfferings, DescribeCertificate, GetServiceQuota, GetInferenceProfile, GetFoundationModel,
 * GetFoundationModelAvailability), read 2026-11.
 */
import * as http from "http";
import { AddressInfo } from "net";

export interface Call {
    service: string;
    region: string;
    action: string;
}

/** EC2 answers in its own error shape (Response/Errors/Error), not awsQuery's ErrorResponse. */
const EC2_ACTIONS = ["DescribeAvailabilityZones", "DescribeInstanceTypeOfferings"];

/** ec2Query lists: `Filter.1.Name=x`, `Filter.1.Value.1=a`, `Filter.1.Value.2=b`. */
function ec2Filters(form: URLSearchParams): Record<string, string[]> {
    const filters: Record<string, string[]> = {};
    for (const [k, name] of form) {
        const m = /^Filter\.(\d+)\.Name$/.exec(k);
        if (!m) continue;
        filters[name] = [...form].filter(([v]) => v.startsWith(`Filter.${m[1]}.Value.`)).map(([, value]) => value);
    }
    return filters;
}

type Availability = { authorizationStatus: string; entitlementAvailability: string; regionAvailability: string; agreement: string };

export class FakeAws {
    account = "111122223333";
    /** Inference-profile id → status. */
    readonly profiles = new Map<string, string>();
    /** Foundation-model id → lifecycle and inference types. */
    readonly models = new Map<string, { status: string; inference: string[] }>();
    readonly availability = new Map<string, Availability>();
    readonly certificates = new Map<string, { Status: string; DomainName: string; SubjectAlternativeNames: string[] }>();
    /** The account's zones in every Region: an endpoint answers with those of the Region the request was signed for. */
    readonly zones: { region: string; name: string; id: string; state: string; optIn: string }[] = [];
    /** Zone name → the instance types it offers; asked by zone ID, the fake finds the name through `zones`, as the account maps them. */
    readonly offerings = new Map<string, Set<string>>();
    /** Offerings per page, to make the client follow NextToken. */
    offeringsPageSize = 3;
    /** What each DescribeInstanceTypeOfferings call asked: its location type and filters. */
    readonly offeringRequests: { locationType: string | null; filters: Record<string, string[]> }[] = [];
    readonly quotas = new Map<string, number>();
    readonly roles = new Set<string>();
    /** Actions answered with AccessDenied, as a role without the permission gets. */
    readonly denied = new Set<string>();
    readonly calls: Call[] = [];
    private server?: http.Server;
    url = "";

    async start(): Promise<string> {
        this.server = http.createServer((req, res) => {
            let body = "";
            req.on("data", (chunk: Buffer) => (body += chunk.toString()));
            req.on("end", () => this.answer(req, body, res));
        });
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this.url;
    }

    stop(): Promise<void> {
        return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    }

    private answer(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
        // The SigV4 credential scope says which service and Region the SDK signed for.
        const [, region = "", service = ""] = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? "") ?? [];
        const header = req.headers["x-amz-target"];
        const target = typeof header === "string" ? header : undefined;
        const form = new URLSearchParams(body);
        const url = new URL(req.url ?? "/", "http://fake");
        const action = target ? target.split(".")[1] : form.get("Action") ?? `${req.method} ${url.pathname.split("/")[1]}`;
        this.calls.push({ service, region, action });
        const send = (status: number, type: string, text: string, headers: Record<string, string> = {}) => {
            res.writeHead(status, { "content-type": type, "x-amzn-requestid": "fake-request", ...headers });
            res.end(text);
        };
        const xml = (status: number, text: string) => send(status, "text/xml", `<?xml version="1.0" encoding="UTF-8"?>\n${text}`);
        const json11 = (status: number, value: unknown) => send(status, "application/x-amz-json-1.1", JSON.stringify(value));
        const rest = (status: number, value: unknown, error?: string) => send(status, "application/json", JSON.stringify(value), error ? { "x-amzn-errortype": error } : {});

        if (this.denied.has(action)) {
            const message = `User: arn:aws:sts::${this.account}:assumed-role/fake/session is not authorized to perform: ${action}`;
            if (target) return json11(400, { __type: "AccessDeniedException", message });
            if (EC2_ACTIONS.includes(form.get("Action") ?? "")) return xml(403, `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>${message}</Message></Error></Errors><RequestID>fake</RequestID></Response>`);
            if (form.get("Action")) return xml(403, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${message}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`);
            return rest(403, { message }, "AccessDeniedException");
        }
        if (target) return this.json11(target, JSON.parse(body || "{}") as Record<string, string>, region, json11);
        if (form.get("Action")) return this.query(form, region, xml);
        return this.bedrock(url.pathname, region, rest);
    }

    private json11(target: string, input: Record<string, string>, region: string, reply: (status: number, value: unknown) => void): void {
        if (target === "CertificateManager.DescribeCertificate") {
            const c = this.certificates.get(input.CertificateArn);
            if (!c) return reply(400, { __type: "ResourceNotFoundException", message: `Could not find certificate ${input.CertificateArn}.` });
            return reply(200, { Certificate: { CertificateArn: input.CertificateArn, ...c, Type: "AMAZON_ISSUED", KeyAlgorithm: "RSA_2048", InUseBy: [], CreatedAt: 1767225600 } });
        }
        if (target === "ServiceQuotasV20190624.GetServiceQuota") {
            const value = this.quotas.get(input.QuotaCode);
            if (value === undefined) return reply(400, { __type: "NoSuchResourceException", message: "The request failed because the specified service quota does not exist." });
            const arn = `arn:aws:servicequotas:${region}:${this.account}:${input.ServiceCode}/${input.QuotaCode}`;
            return reply(200, { Quota: { ServiceCode: input.ServiceCode, ServiceName: "Amazon Elastic Compute Cloud (Amazon EC2)", QuotaArn: arn, QuotaCode: input.QuotaCode, QuotaName: input.QuotaCode, Value: value, Unit: "None", Adjustable: true, GlobalQuota: false } });
        }
        reply(400, { __type: "UnknownOperationException" });
    }

    private query(form: URLSearchParams, region: string, reply: (status: number, text: string) => void): void {
        const action = form.get("Action");
        if (action === "GetCallerIdentity") {
            return reply(200, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::${this.account}:assumed-role/openwebui-preview-role-prod/pr-1</Arn><UserId>AROAFAKE:pr-1</UserId><Account>${this.account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetCallerIdentityResponse>`);
        }
        if (action === "GetRole") {
            const name = form.get("RoleName") ?? "";
            if (!this.roles.has(name)) return reply(404, `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name ${name} cannot be found.</Message></Error><RequestId>fake</RequestId></ErrorResponse>`);
            return reply(200, `<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><Path>/</Path><RoleName>${name}</RoleName><RoleId>AROAFAKE</RoleId><Arn>arn:aws:iam::${this.account}:role/${name}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>%7B%7D</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration></Role></GetRoleResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetRoleResponse>`);
        }
        const zones = this.zones.filter((z) => z.region === region);
        if (action === "DescribeAvailabilityZones") {
            const items = zones.map((z) => `<item><zoneName>${z.name}</zoneName><zoneId>${z.id}</zoneId><zoneState>${z.state}</zoneState><optInStatus>${z.optIn}</optInStatus><regionName>${region}</regionName><groupName>${region}</groupName><zoneType>availability-zone</zoneType><messageSet/></item>`);
            return reply(200, `<DescribeAvailabilityZonesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake</requestId><availabilityZoneInfo>${items.join("")}</availabilityZoneInfo></DescribeAvailabilityZonesResponse>`);
        }
        if (action === "DescribeInstanceTypeOfferings") {
            const filters = ec2Filters(form);
            const locationType = form.get("LocationType");
            this.offeringRequests.push({ locationType, filters });
            if (locationType !== "availability-zone" && locationType !== "availability-zone-id") {
                return reply(400, `<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>this fake answers only LocationType availability-zone and availability-zone-id</Message></Error></Errors><RequestID>fake</RequestID></Response>`);
            }
            // An offering's location, and so what the location filter matches, is in the location
            // type asked: the zone's name or its ID. Only the signed Region's zones offer anything.
            const all = zones.flatMap((z) => [...(this.offerings.get(z.name) ?? [])].map((type) => ({ zone: locationType === "availability-zone-id" ? z.id : z.name, type })));
            const matching = all.filter((o) => (!filters["instance-type"] || filters["instance-type"].includes(o.type)) && (!filters.location || filters.location.includes(o.zone)));
            const start = Number(form.get("NextToken") ?? "0");
            const page = matching.slice(start, start + this.offeringsPageSize);
            const next = start + this.offeringsPageSize < matching.length ? `<nextToken>${start + this.offeringsPageSize}</nextToken>` : "";
            const items = page.map((o) => `<item><instanceType>${o.type}</instanceType><locationType>${locationType}</locationType><location>${o.zone}</location></item>`);
            return reply(200, `<DescribeInstanceTypeOfferingsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fake</requestId><instanceTypeOfferingSet>${items.join("")}</instanceTypeOfferingSet>${next}</DescribeInstanceTypeOfferingsResponse>`);
        }
        reply(400, `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${action}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`);
    }

    private bedrock(pathname: string, region: string, reply: (status: number, value: unknown, error?: string) => void): void {
        const [, kind, raw] = pathname.split("/");
        const id = decodeURIComponent(raw ?? "");
        const notFound = () => reply(404, { message: `The provided model identifier is invalid.` }, "ResourceNotFoundException");
        if (kind === "inference-profiles") {
            const status = this.profiles.get(id);
            if (!status) return notFound();
            const model = id.slice(id.indexOf(".") + 1);
            return reply(200, { inferenceProfileName: `Global ${model}`, inferenceProfileArn: `arn:aws:bedrock:${region}:${this.account}:inference-profile/${id}`, inferenceProfileId: id, models: [{ modelArn: `arn:aws:bedrock:::foundation-model/${model}` }], status, type: "SYSTEM_DEFINED", createdAt: "2025-10-15T00:00:00Z", updatedAt: "2025-10-15T00:00:00Z" });
        }
        if (kind === "foundation-models") {
            const m = this.models.get(id);
            if (!m) return notFound();
            return reply(200, { modelDetails: { modelArn: `arn:aws:bedrock:${region}::foundation-model/${id}`, modelId: id, modelName: id, providerName: "Anthropic", inputModalities: ["TEXT"], outputModalities: ["TEXT"], responseStreamingSupported: true, customizationsSupported: [], inferenceTypesSupported: m.inference, modelLifecycle: { status: m.status } } });
        }
        if (kind === "foundation-model-availability") {
            const a = this.availability.get(id);
            if (!a) return notFound();
            return reply(200, { modelId: id, agreementAvailability: { status: a.agreement }, authorizationStatus: a.authorizationStatus, entitlementAvailability: a.entitlementAvailability, regionAvailability: a.regionAvailability });
        }
        reply(404, { message: "no such operation" }, "UnknownOperationException");
    }
}
