/**
 * The application's internet edge (issue 21; the issue-22 class "TLS on the internet edge"): an
 * internet-facing ALB speaks current TLS, or, HTTP-only, admits named CIDRs and not the internet;
 * and once the app is served over HTTPS, Open WebUI tells browsers to keep it there (Secure cookies,
 * HSTS, CORS for its own origin). Shared facts and their sources: rules/app-edge.ts.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { ALB_ANNOTATION } from "@openwebui-aws/rules/app";
import { ALB_EDGE_ANNOTATION, ALB_SSL_POLICY, browserHardeningProblems, isCurrentTlsPolicy } from "@openwebui-aws/rules/app-edge";
import { coversWholeInternet } from "@openwebui-aws/rules/cidr";
import { asArray, asRecord, parseMaybeJson } from "@openwebui-aws/rules/props";
import { configKey } from "@openwebui-aws/rules/prod-contract";
import { known, UNKNOWN } from "@openwebui-aws/rules/preview";
import { internetReaches, ruleSets } from "./exposure";
import { annotationsOf, INGRESS, servedByAlbController } from "./ingress";

const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
const LISTENER_TYPES = new Set(["aws:lb/listener:Listener", "aws:alb/listener:Listener"]);

type Annotations = Record<string, unknown>;

/** Open WebUI's releases: the official chart, by name or by a chart reference ending in it. */
function webuiReleases(resources: PolicyResource[]): PolicyResource[] {
    return resources.filter((r) => r.type === HELM_RELEASE && /(^|\/)open-webui$/.test(String(known(() => r.props.chart) === UNKNOWN ? "" : r.props.chart)));
}

function webuiEnv(release: PolicyResource): { name?: unknown; value?: unknown }[] | undefined {
    const values = known(() => parseMaybeJson(release.props.values));
    if (values === UNKNOWN) return undefined;
    return asArray(asRecord(values).extraEnvVars).map((e) => {
        const entry = asRecord(e);
        const value = known(() => entry.value);
        // An env value the preview does not know yet is not judged: treat it as the right one.
        return value === UNKNOWN ? { name: entry.name, value: undefined, unknown: true } : { name: entry.name, value };
    });
}

/** The listener ports an Ingress asks for (the controller's default is HTTP 80, or HTTPS 443 with a certificate). */
function listenProtocols(a: Annotations): Set<string> {
    const raw = known(() => a[ALB_ANNOTATION.listenPorts]);
    if (typeof raw !== "string") return new Set(a[ALB_EDGE_ANNOTATION.certificateArn] !== undefined ? ["HTTPS"] : ["HTTP"]);
    try {
        return new Set(asArray(JSON.parse(raw)).flatMap((p) => Object.keys(asRecord(p))));
    } catch {
        return new Set(["HTTP"]);
    }
}

const servesHttps = (a: Annotations) => a[ALB_EDGE_ANNOTATION.certificateArn] !== undefined || listenProtocols(a).has("HTTPS");

/** A stack serves the app over HTTPS when an ALB Ingress has a certificate, or Open WebUI's own URL is https:// (known in a first preview). */
function stackServesHttps(resources: PolicyResource[]): boolean {
    const byIngress = resources.some((r) => {
        if (r.type !== INGRESS) return false;
        const a = annotationsOf(r.props);
        return a !== UNKNOWN && servesHttps(a);
    });
    const byUrl = webuiReleases(resources).some((r) => (webuiEnv(r) ?? []).some((e) => e.name === "WEBUI_URL" && typeof e.value === "string" && e.value.startsWith("https://")));
    return byIngress || byUrl;
}

export const appHttpsBrowserHardening: StackValidationPolicy = {
    name: "app-https-browser-hardening",
    description:
        "In a stack that serves the app over HTTPS, every Open WebUI release sends Secure session and auth cookies (WEBUI_SESSION_COOKIE_SECURE, WEBUI_AUTH_COOKIE_SECURE), an HSTS header of at least a year, and allows CORS only for its own https:// origin (CORS_ALLOW_ORIGIN, whose default is '*').",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        if (!stackServesHttps(args.resources)) return;
        for (const release of webuiReleases(args.resources)) {
            const env = webuiEnv(release);
            if (!env) continue;
            const unknownNames = new Set(env.filter((e) => (e as { unknown?: boolean }).unknown).map((e) => e.name));
            const problems = browserHardeningProblems(env).filter((p) => ![...unknownNames].some((n) => p.startsWith(String(n))));
            if (problems.length > 0) {
                report(`Open WebUI release "${release.name}" is served over HTTPS but ${problems.join("; ")} (set them in its extraEnvVars; components/app/chart-values.ts webuiEnv does with ${configKey("appDomain")})`, release.urn);
            }
        }
    },
};

/** The security groups an Ingress's ALB uses: named by id once known, else the groups its annotations depend on. */
function albGroups(ingress: PolicyResource, a: Annotations, resources: PolicyResource[]): PolicyResource[] {
    const groups = resources.filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup");
    const ids = known(() => a[ALB_EDGE_ANNOTATION.securityGroups]);
    if (typeof ids === "string") {
        const named = ids.split(",").map((s) => s.trim());
        const found = groups.filter((g) => named.includes(String(known(() => g.props.id))) || named.includes(String(known(() => g.props.name))));
        if (found.length > 0) return found;
    }
    const deps = new Set((ingress.propertyDependencies.metadata ?? []).map((d) => d.urn));
    return groups.filter((g) => deps.has(g.urn));
}

/** True when the internet reaches the HTTP listener: through the ALB's own groups, or, without any, the controller's inbound-cidrs (default 0.0.0.0/0). */
function httpOpenToInternet(ingress: PolicyResource, a: Annotations, resources: PolicyResource[]): boolean {
    if (a[ALB_EDGE_ANNOTATION.securityGroups] === undefined) {
        const cidrs = known(() => a[ALB_EDGE_ANNOTATION.inboundCidrs]);
        if (cidrs === UNKNOWN) return false;
        return cidrs === undefined || coversWholeInternet(String(cidrs).split(",").map((c) => c.trim()));
    }
    const groups = new Set(albGroups(ingress, a, resources).map((g) => g.urn));
    return ruleSets(resources).some((set) => groups.has(set.resource.urn) && internetReaches(set, "tcp", 80, 80));
}

export const albTlsEdge: StackValidationPolicy = {
    name: "alb-tls-edge",
    description:
        "Every internet-facing ALB Ingress serves HTTPS with a TLS 1.2+ security policy (the controller's default accepts TLS 1.0) and redirects its HTTP listener to HTTPS; an HTTP-only one admits named CIDRs, never the whole internet. Listeners the stack creates itself use a TLS 1.2+ policy too. Annotations a preview does not know yet are not judged.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const ingress of args.resources.filter((r) => r.type === INGRESS && servedByAlbController(r))) {
            const a = annotationsOf(ingress.props);
            if (a === UNKNOWN || known(() => a[ALB_ANNOTATION.scheme]) === "internal") continue;
            const protocols = listenProtocols(a);
            if (servesHttps(a)) {
                const policy = known(() => a[ALB_EDGE_ANNOTATION.sslPolicy]);
                if (policy !== UNKNOWN && !isCurrentTlsPolicy(policy)) {
                    const said = policy === undefined ? "no ssl-policy, so the controller's default ELBSecurityPolicy-2016-08" : `ssl-policy ${String(policy)}`;
                    report(`Ingress "${ingress.name}": ${said} lets clients negotiate TLS 1.0/1.1 on the internet; set ${ALB_EDGE_ANNOTATION.sslPolicy}: ${ALB_SSL_POLICY} (or another TLS 1.2+ policy)`, ingress.urn);
                }
                if (protocols.has("HTTP") && known(() => a[ALB_EDGE_ANNOTATION.sslRedirect]) === undefined) {
                    report(`Ingress "${ingress.name}" listens on HTTP without ${ALB_EDGE_ANNOTATION.sslRedirect}: the app and its cookies are served in clear on port 80; redirect it to 443`, ingress.urn);
                }
            } else if (httpOpenToInternet(ingress, a, args.resources)) {
                report(
                    `Ingress "${ingress.name}" is an HTTP-only internet-facing ALB open to 0.0.0.0/0: logins and sessions cross the internet in clear. Give the stack HTTPS (${configKey("appDomain")} and ${configKey("appCertificateArn")}), or set ${configKey("appHttpOnly")}: true with ${configKey("appAlbInboundCidrs")} naming who may connect`,
                    ingress.urn,
                );
            }
        }
        for (const listener of args.resources.filter((r) => LISTENER_TYPES.has(r.type))) {
            const protocol = known(() => listener.props.protocol);
            const policy = known(() => listener.props.sslPolicy);
            if ((protocol === "HTTPS" || protocol === "TLS") && policy !== UNKNOWN && !isCurrentTlsPolicy(policy)) {
                report(`listener "${listener.name}": ${policy === undefined ? "no sslPolicy, so ELBSecurityPolicy-2016-08" : `sslPolicy ${String(policy)}`} accepts TLS 1.0/1.1; use ${ALB_SSL_POLICY}`, listener.urn);
            }
        }
    },
};
