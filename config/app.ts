/**
 * The application layer's settings (OpenWebUIApp): what runs, how it is reached, where its data
 * lives and which models it may call. Every value has a default in Pulumi.yaml.
 */
import { readRestoreConfig } from "./restore";
import { Environment } from "@openwebui-aws/rules/naming";
import { MIN_BACKUP_RETENTION_DAYS, RDS_INSTANCE_MEMORY_GIB } from "@openwebui-aws/rules/app";
import { BEDROCK_MODEL_ID, BedrockModel, bedrockOfferProblem } from "@openwebui-aws/rules/bedrock";
import { appNamespaceProblem } from "@openwebui-aws/rules/namespaces";
import { OPEN_WEBUI_RELEASE, LITELLM_RELEASE } from "../components/releases";
import type { OpenWebUIAppArgs } from "../components/app";
import type { DatabaseMode, DatabaseSettings } from "../components/app/database";
import { coversWholeInternet, isCidr, parseCidr } from "@openwebui-aws/rules/cidr";
import { ConfigReader } from "./reader";
import { stackAccountIds } from "./cluster";

export const DATABASE_MODES = ["rds", "in-cluster"] as const satisfies readonly DatabaseMode[];

export type DatabaseConfig = DatabaseSettings;

/**
 * The application's settings as the stack gives them: OpenWebUIApp's Args that come from config,
 * and whether the stack runs the app at all.
 */
export type AppConfig = Pick<
    OpenWebUIAppArgs,
    | "namespace"
    | "domain"
    | "certificateArn"
    | "adminEmail"
    | "webuiReplicas"
    | "litellmReplicas"
    | "waf"
    | "bedrockModels"
    | "openaiModels"
    | "openaiApiKey"
    | "database"
    | "ecrRepositories"
    | "ecrKeepImages"
    | "webuiChartVersion"
    | "litellmChartVersion"
    | "uploadsBucketIsReplica"
> & {
    /** Whether the stack builds OpenWebUIApp (appEnabled). */
    enabled: boolean;
    /** appHttpOnly: plain HTTP on the ALB's own name, said explicitly (no domain, no certificate). */
    httpOnly: boolean;
    /** appAlbInboundCidrs: who the ALB admits; empty = the internet (HTTPS stacks only). */
    albInboundCidrs: string[];
};

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ACM_ARN = /^arn:aws:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MODEL_NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/;

function chartVersion(reader: ConfigReader, key: string, vendored: string, chart: string): string {
    const version = reader.string(key);
    if (version !== vendored) reader.fail(key, `"${version}" is not the vendored ${chart} chart ${vendored} (vendor/): vendor the new chart's values.yaml first`);
    return version;
}

function positive(reader: ConfigReader, key: string, min = 1): number {
    const n = reader.integer(key);
    if (n < min) reader.fail(key, `${n} is below ${min}`);
    return n;
}

function readModels(reader: ConfigReader, region: string): BedrockModel[] {
    const models = reader.stringList("bedrockModels").map((entry) => {
        const [name, id, ...rest] = entry.split("=");
        if (rest.length > 0 || !name || !id) reader.fail("bedrockModels", `"${entry}" is not name=modelId`);
        if (!MODEL_NAME.test(name)) reader.fail("bedrockModels", `"${name}" is not a model name (lower-case letters, digits, "." and "-")`);
        if (!BEDROCK_MODEL_ID.test(id)) reader.fail("bedrockModels", `"${id}" is not a Bedrock model or inference-profile id (e.g. global.anthropic.claude-haiku-4-5-20251001-v1:0)`);
        return { name, id };
    });
    const names = models.map((m) => m.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) reader.fail("bedrockModels", `"${twice}" is listed twice`);
    if (models.length === 0) reader.fail("bedrockModels", "is empty: LiteLLM needs at least one model to start");
    models.forEach(({ id }) => {
        const problem = bedrockOfferProblem(id, region);
        if (problem) reader.fail("bedrockModels", problem);
    });
    return models;
}

function readDatabase(reader: ConfigReader): DatabaseConfig {
    const mode = reader.oneOf("databaseMode", DATABASE_MODES);
    const instanceClass = reader.string("databaseInstanceClass");
    if (!(instanceClass in RDS_INSTANCE_MEMORY_GIB)) {
        reader.fail("databaseInstanceClass", `"${instanceClass}" has no memory size on record in rules/app.ts (RDS sets max_connections from it, and the connections alarm follows): add it with its source (known: ${Object.keys(RDS_INSTANCE_MEMORY_GIB).join(", ")})`);
    }
    const backupRetentionDays = reader.integer("databaseBackupRetentionDays");
    if (backupRetentionDays < MIN_BACKUP_RETENTION_DAYS || backupRetentionDays > 35) {
        reader.fail("databaseBackupRetentionDays", `${backupRetentionDays} is outside ${MIN_BACKUP_RETENTION_DAYS}..35 (the design keeps 7 days; RDS allows at most 35)`);
    }
    const storageGb = reader.integer("databaseStorageGb");
    // gp3 on RDS PostgreSQL starts at 20 GiB.
    if (storageGb < 20 || storageGb > 65536) reader.fail("databaseStorageGb", `${storageGb} is outside 20..65536 GiB (RDS gp3)`);
    const engineVersion = reader.string("databaseEngineVersion");
    if (!/^1[4-8]$/.test(engineVersion)) reader.fail("databaseEngineVersion", `"${engineVersion}" is not a PostgreSQL major version RDS offers with pgvector (14 to 18)`);
    return {
        mode,
        instanceClass,
        multiAz: reader.boolean("databaseMultiAz"),
        storageGb,
        backupRetentionDays,
        deletionProtection: reader.boolean("databaseDeletionProtection"),
        engineVersion,
    };
}

/**
 * Who reaches the ALB, and how. An admin's password and every session cross the internet in clear
 * over HTTP, so no stack is HTTP-only by default: it needs HTTPS (appDomain + appCertificateArn),
 * or appHttpOnly said in so many words together with the CIDRs that may connect.
 */
function readEdge(reader: ConfigReader, enabled: boolean, https: boolean): { httpOnly: boolean; albInboundCidrs: string[] } {
    const httpOnly = reader.boolean("appHttpOnly");
    const albInboundCidrs = reader.stringList("appAlbInboundCidrs");
    albInboundCidrs.forEach((c) => {
        if (!isCidr(parseCidr(c))) reader.fail("appAlbInboundCidrs", `"${c}" is not an IPv4 CIDR (a.b.c.d/n)`);
    });
    if (!enabled) return { httpOnly, albInboundCidrs };
    if (!https && !httpOnly) {
        reader.fail("appDomain", `is empty, so the ALB would serve the admin's login in clear HTTP: set appDomain and appCertificateArn (ACM certificates cost nothing), or say it with ${reader.fullKey("appHttpOnly")}: true and the CIDRs that may connect in ${reader.fullKey("appAlbInboundCidrs")}`);
    }
    if (https && httpOnly) reader.fail("appHttpOnly", "is true, and appDomain/appCertificateArn give the stack HTTPS: drop one or the other");
    if (httpOnly && albInboundCidrs.length === 0) {
        reader.fail("appAlbInboundCidrs", `is empty, and ${reader.fullKey("appHttpOnly")} is true: an HTTP-only ALB admits only the CIDRs listed here (your office/VPN ranges), never the whole internet`);
    }
    if (httpOnly && coversWholeInternet(albInboundCidrs)) {
        reader.fail("appAlbInboundCidrs", `${albInboundCidrs.join(", ")} is the whole internet (0.0.0.0/0), and ${reader.fullKey("appHttpOnly")} is true: HTTP-only is allowed only for named CIDRs; give the stack HTTPS instead`);
    }
    return { httpOnly, albInboundCidrs };
}

export function readAppConfig(reader: ConfigReader, environment: Environment, region: string): AppConfig {
    const enabled = reader.boolean("appEnabled");
    const namespace = reader.string("appNamespace");
    const namespaceProblem = appNamespaceProblem(namespace);
    if (namespaceProblem) reader.fail("appNamespace", namespaceProblem);

    const domain = reader.optionalString("appDomain");
    if (domain !== undefined && !DNS_NAME.test(domain)) reader.fail("appDomain", `"${domain}" is not a lower-case DNS name`);
    const certificateArn = reader.optionalString("appCertificateArn");
    if (certificateArn !== undefined) {
        const match = ACM_ARN.exec(certificateArn);
        if (!match) reader.fail("appCertificateArn", `"${certificateArn}" is not an ACM certificate ARN`);
        // An ALB takes only certificates of its own region.
        if (match[1] !== region) reader.fail("appCertificateArn", `the certificate is in ${match[1]}, the ALB in ${region}: ACM certificates for an ALB must be in its region`);
        // ...and of its account: a listener cannot use another account's certificate.
        const accounts = stackAccountIds(reader, environment);
        if (!accounts.includes(match[2])) {
            reader.fail("appCertificateArn", `the certificate belongs to account ${match[2]}, the stack deploys into ${accounts.join(" or ")} (the account of ${reader.fullKey("operatorPrincipalArns")}): an ALB can only use certificates of its own account`);
        }
    }
    if ((domain === undefined) !== (certificateArn === undefined)) {
        reader.fail(domain === undefined ? "appDomain" : "appCertificateArn", "HTTPS needs both appDomain and appCertificateArn, or neither (then appHttpOnly must say so)");
    }

    const adminEmail = reader.string("appAdminEmail");
    if (!EMAIL.test(adminEmail)) reader.fail("appAdminEmail", `"${adminEmail}" is not an e-mail address`);

    const openaiModels = reader.stringList("openaiModels");
    openaiModels.forEach((m) => {
        if (!MODEL_NAME.test(m)) reader.fail("openaiModels", `"${m}" is not an OpenAI model name`);
    });
    const openaiApiKey = reader.optionalSecret("openaiApiKey");
    if (openaiModels.length > 0 && openaiApiKey === undefined) {
        reader.fail("openaiApiKey", "openaiModels lists models, so LiteLLM needs the key: `pulumi config set --secret openaiApiKey`");
    }

    const ecrRepositories = reader.stringList("ecrRepositories");
    ecrRepositories.forEach((r) => {
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r)) reader.fail("ecrRepositories", `"${r}" is not a repository name suffix (lower-case letters, digits, single hyphens)`);
    });

    const webuiReplicas = positive(reader, "webuiReplicas");
    const waf = reader.boolean("appWaf");
    const read = readDatabase(reader);
    // In the recovery region the stack restores prod: its database from the replicated backups, its
    // uploads bucket is prod's replica (config/restore.ts).
    const restore = readRestoreConfig(reader, region, read.mode);
    const database = restore?.databaseBackupsArn ? { ...read, restoreFromBackupsArn: restore.databaseBackupsArn } : read;
    // What prod promises its users, refused here rather than discovered after an outage.
    if (enabled && environment === "prod") {
        if (webuiReplicas < 2) reader.fail("webuiReplicas", `${webuiReplicas}: prod runs at least 2 Open WebUI replicas, one per AZ`);
        if (domain === undefined) reader.fail("appDomain", "prod serves Open WebUI over HTTPS only: set appDomain and appCertificateArn");
        if (database.mode !== "rds") reader.fail("databaseMode", `"${database.mode}": prod keeps its data in RDS (Multi-AZ, automated backups)`);
        if (!waf) reader.fail("appWaf", "is false, and prod's internet-facing ALB runs behind AWS WAF (the design's managed rule groups; prod's pack requires it): set it to true");
    }
    const { httpOnly, albInboundCidrs } = readEdge(reader, enabled, domain !== undefined);
    return {
        enabled,
        httpOnly,
        albInboundCidrs,
        namespace,
        domain,
        certificateArn,
        adminEmail: reader.keep("appAdminEmail", adminEmail),
        webuiReplicas,
        litellmReplicas: positive(reader, "litellmReplicas"),
        waf,
        bedrockModels: readModels(reader, region),
        openaiModels,
        openaiApiKey,
        database,
        ...(restore ? { uploadsBucketIsReplica: true } : {}),
        ecrRepositories,
        ecrKeepImages: positive(reader, "ecrKeepImages"),
        webuiChartVersion: chartVersion(reader, "webuiChartVersion", OPEN_WEBUI_RELEASE.chartVersion, "open-webui"),
        litellmChartVersion: chartVersion(reader, "litellmChartVersion", LITELLM_RELEASE.chartVersion, "litellm-helm"),
    };
}
