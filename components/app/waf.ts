/**
 * AWS WAF in front of Open WebUI's ALB: AWS managed rule groups, tuned so that ordinary chat and
 * file uploads pass, and logged so that false positives can be found and tuned.
 *
 * Why the core rule set's body rules cannot simply block (README "WAF: what blocks where"): an LLM
 * chat sends HTML, code, `../` paths, URLs and metadata addresses such as 169.254.169.254 as
 * ordinary prompt text, and users upload files whose names end in .log or .ini. So those rules only
 * count inside the core rule set, and one rule of ours, right after it, blocks on their labels
 * everywhere except on Open WebUI's chat and file routes. Header, cookie, query and URI-path rules
 * of the group keep blocking everywhere.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Namer, wafLogGroupName } from "@openwebui-aws/rules/naming";
import { nameTag } from "@openwebui-aws/rules/tags";

/** AWS managed rule groups: common exploits, known bad inputs, IP reputation (no extra subscription fee). */
export const WAF_MANAGED_RULE_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"] as const;
export const CORE_RULE_SET = "AWSManagedRulesCommonRuleSet";

/**
 * Core rule set rules that inspect what a user writes or uploads, with the label each adds to a
 * request it matches (AWS WAF developer guide, "Baseline rule groups", core rule set table, read
 * 2026-12). RestrictedExtensions_URIPATH inspects the URI, but Open WebUI puts the uploaded file's
 * own name in the path it serves the file from (GET /api/v1/files/{id}/content/{file_name},
 * routers/files.py). Its query-argument twin keeps blocking: no route of the app was found that
 * takes a file name as a query argument.
 */
export const USER_CONTENT_RULES: Readonly<Record<string, string>> = {
    CrossSiteScripting_BODY: "CrossSiteScripting_Body",
    GenericLFI_BODY: "GenericLFI_Body",
    GenericRFI_BODY: "GenericRFI_Body",
    EC2MetaDataSSRF_BODY: "EC2MetaDataSSRF_Body",
    RestrictedExtensions_URIPATH: "RestrictedExtensions_URIPath",
};
/** Every rule of the core rule set (the same table), for the README's account of what blocks where. */
export const CORE_RULE_SET_RULES = [
    "NoUserAgent_HEADER", "UserAgent_BadBots_HEADER", "SizeRestrictions_QUERYSTRING", "SizeRestrictions_Cookie_HEADER", "SizeRestrictions_BODY", "SizeRestrictions_URIPATH",
    "EC2MetaDataSSRF_BODY", "EC2MetaDataSSRF_COOKIE", "EC2MetaDataSSRF_URIPATH", "EC2MetaDataSSRF_QUERYARGUMENTS",
    "GenericLFI_QUERYARGUMENTS", "GenericLFI_URIPATH", "GenericLFI_BODY", "RestrictedExtensions_URIPATH", "RestrictedExtensions_QUERYARGUMENTS",
    "GenericRFI_QUERYARGUMENTS", "GenericRFI_BODY", "GenericRFI_URIPATH",
    "CrossSiteScripting_COOKIE", "CrossSiteScripting_QUERYARGUMENTS", "CrossSiteScripting_BODY", "CrossSiteScripting_URIPATH",
] as const;
/** Counted everywhere: prompts, chat histories, settings and model images all exceed 8 KB. */
export const COUNTED_EVERYWHERE = ["SizeRestrictions_BODY"] as const;

export const coreRuleSetLabel = (label: string) => `awswaf:managed:aws:core-rule-set:${label}`;

/**
 * Open WebUI's routes that carry users' prompts and files (open-webui/open-webui
 * backend/open_webui/main.py as stored for v0.11.0: POST /api/chat/completions and
 * /api/v1/chat/completions, and the routers mounted at /api/v1/chats, /api/v1/files,
 * /api/v1/knowledge, /api/v1/retrieval, /openai and the Socket.IO app at /ws).
 */
export const USER_CONTENT_PATHS = ["/api/chat", "/api/v1/chat", "/api/v1/chats", "/api/v1/files", "/api/v1/knowledge", "/api/v1/retrieval", "/openai", "/ws"] as const;
/** One regular expression for all of them: a prefix followed by "/" or the end of the path. */
export const USER_CONTENT_PATH_REGEX = `^(${USER_CONTENT_PATHS.map((p) => p.replace(/\//g, "\\/")).join("|")})(\\/|$)`;

/** The rule of ours that blocks the counted user-content rules outside the chat and file routes. */
export const USER_CONTENT_RULE_NAME = "CoreRuleSetBodyOutsideChatAndFiles";

/** Headers never written to the WAF log: the session cookie and bearer tokens would let a log reader sign in. */
export const WAF_REDACTED_HEADERS = ["authorization", "cookie"] as const;

export function createWebAcl(names: Namer, logRetentionDays: number, parent: pulumi.Resource): aws.wafv2.WebAcl {
    const name = names.of("waf");
    const metric = (rule: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${name}-${rule}` });
    const counted = [...Object.keys(USER_CONTENT_RULES), ...COUNTED_EVERYWHERE].map((rule) => ({ name: rule, actionToUse: { count: {} } }));
    const managed = (group: (typeof WAF_MANAGED_RULE_GROUPS)[number], priority: number) => ({
        name: group,
        priority,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group, ...(group === CORE_RULE_SET ? { ruleActionOverrides: counted } : {}) } },
        visibilityConfig: metric(group),
    });
    const outsideUserContent: aws.types.input.wafv2.WebAclRule = {
        name: USER_CONTENT_RULE_NAME,
        // Right after the core rule set, whose labels it reads.
        priority: 1,
        action: { block: {} },
        statement: {
            andStatement: {
                statements: [
                    { orStatement: { statements: Object.values(USER_CONTENT_RULES).map((label) => ({ labelMatchStatement: { scope: "LABEL", key: coreRuleSetLabel(label) } })) } },
                    {
                        notStatement: {
                            statement: { regexMatchStatement: { regexString: USER_CONTENT_PATH_REGEX, fieldToMatch: { uriPath: {} }, textTransformations: [{ priority: 0, type: "NONE" }] } },
                        },
                    },
                ],
            },
        },
        visibilityConfig: metric(USER_CONTENT_RULE_NAME),
    };
    const acl = new aws.wafv2.WebAcl(
        name,
        {
            name,
            description: "Open WebUI ALB: AWS managed rule groups; user-content rules count on chat and file routes",
            scope: "REGIONAL",
            defaultAction: { allow: {} },
            rules: [managed(CORE_RULE_SET, 0), outsideUserContent, managed("AWSManagedRulesKnownBadInputsRuleSet", 2), managed("AWSManagedRulesAmazonIpReputationList", 3)],
            visibilityConfig: metric("acl"),
            tags: nameTag(name),
        },
        { parent },
    );

    // WAF delivers only to a log group whose name starts with aws-waf-logs- (rules/naming.ts).
    const logGroupType = "waf-lg";
    const logs = new aws.cloudwatch.LogGroup(
        names.of(logGroupType),
        { name: wafLogGroupName(names), retentionInDays: logRetentionDays, tags: nameTag(names.of(logGroupType)) },
        { parent },
    );
    new aws.wafv2.WebAclLoggingConfiguration(
        names.of("waf-logging"),
        {
            resourceArn: acl.arn,
            logDestinationConfigs: [logs.arn],
            redactedFields: WAF_REDACTED_HEADERS.map((header) => ({ singleHeader: { name: header } })),
        },
        { parent },
    );
    return acl;
}
