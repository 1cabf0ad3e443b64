/**
 * The WAF as a user meets it: for each rule of the AWS core rule set, whether a request to Open
 * WebUI's chat and file routes, and to any other route, is blocked or only counted — worked out from
 * the web ACL the program registers, and held to the table and reasons in the README. And the WAF's
 * log, without which nobody can tune a false positive.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { logGroupRetention } from "../policy-pack/policies/logging";
import { namingConvention } from "../policy-pack/policies/naming";
import { wafLogging } from "../policy-pack/policies/app-data";
import { fromRecording, loadPackConfig, runPolicies } from "../sim/policy-runner";
import { PROJECT_DIR } from "../sim/stack-files";
import { named, ofType, stackRun } from "./helpers";

/** The core rule set's rules and the label each adds (AWS WAF developer guide, "Baseline rule groups"). */
const CRS_LABELS: Record<string, string> = {
    NoUserAgent_HEADER: "NoUserAgent_Header",
    UserAgent_BadBots_HEADER: "BadBots_Header",
    SizeRestrictions_QUERYSTRING: "SizeRestrictions_QueryString",
    SizeRestrictions_Cookie_HEADER: "SizeRestrictions_Cookie_Header",
    SizeRestrictions_BODY: "SizeRestrictions_Body",
    SizeRestrictions_URIPATH: "SizeRestrictions_URIPath",
    EC2MetaDataSSRF_BODY: "EC2MetaDataSSRF_Body",
    EC2MetaDataSSRF_COOKIE: "EC2MetaDataSSRF_Cookie",
    EC2MetaDataSSRF_URIPATH: "EC2MetaDataSSRF_URIPath",
    EC2MetaDataSSRF_QUERYARGUMENTS: "EC2MetaDataSSRF_QueryArguments",
    GenericLFI_QUERYARGUMENTS: "GenericLFI_QueryArguments",
    GenericLFI_URIPATH: "GenericLFI_URIPath",
    GenericLFI_BODY: "GenericLFI_Body",
    RestrictedExtensions_URIPATH: "RestrictedExtensions_URIPath",
    RestrictedExtensions_QUERYARGUMENTS: "RestrictedExtensions_QueryArguments",
    GenericRFI_QUERYARGUMENTS: "GenericRFI_QueryArguments",
    GenericRFI_BODY: "GenericRFI_Body",
    GenericRFI_URIPATH: "GenericRFI_URIPath",
    CrossSiteScripting_COOKIE: "CrossSiteScripting_Cookie",
    CrossSiteScripting_QUERYARGUMENTS: "CrossSiteScripting_QueryArguments",
    CrossSiteScripting_BODY: "CrossSiteScripting_Body",
    CrossSiteScripting_URIPATH: "CrossSiteScripting_URIPath",
};

/** Requests Open WebUI's browser client makes to its chat and file routes, and to others. */
const CHAT_AND_FILE_PATHS = [
    "/api/chat/completions",
    "/api/v1/chat/completions",
    "/api/v1/chats/new",
    "/api/v1/chats/8c1f/messages/3/event",
    "/openai/chat/completions",
    "/ws/socket.io/",
    "/api/v1/files/",
    "/api/v1/files/0d9e/content/server.log",
    "/api/v1/knowledge/k1/file/add",
    "/api/v1/retrieval/process/web",
];
const OTHER_PATHS = ["/", "/api/v1/auths/signin", "/api/v1/users/", "/api/v1/configs/import", "/api/v1/chatsx", "/api/chatter", "/static/app.log", "/api/v1/models/create"];

/** Does a statement match a request with these labels and this URI path? Only the kinds the ACL uses. */
function matches(statement: any, labels: Set<string>, uriPath: string): boolean {
    if (statement.andStatement) return statement.andStatement.statements.every((s: any) => matches(s, labels, uriPath));
    if (statement.orStatement) return statement.orStatement.statements.some((s: any) => matches(s, labels, uriPath));
    if (statement.notStatement) return !matches(statement.notStatement.statement, labels, uriPath);
    if (statement.labelMatchStatement) return statement.labelMatchStatement.scope === "LABEL" && labels.has(statement.labelMatchStatement.key);
    if (statement.regexMatchStatement) {
        assert.ok("uriPath" in statement.regexMatchStatement.fieldToMatch, "a regex on something other than the URI path");
        return new RegExp(statement.regexMatchStatement.regexString).test(uriPath);
    }
    throw new Error(`statement kind not modelled: ${Object.keys(statement).join(",")}`);
}

/** What the web ACL does with a request that one core rule set rule matches. */
function actionFor(rules: any[], crsRule: string, uriPath: string): "block" | "count" {
    const sorted = [...rules].sort((a, b) => a.priority - b.priority);
    const crs = sorted.find((r) => r.statement.managedRuleGroupStatement?.name === "AWSManagedRulesCommonRuleSet");
    assert.ok(crs && "none" in crs.overrideAction, "the core rule set is missing or its group action overridden");
    const counted = (crs.statement.managedRuleGroupStatement.ruleActionOverrides ?? []).some((o: any) => o.name === crsRule && "count" in o.actionToUse);
    if (!counted) return "block";
    const labels = new Set([`awswaf:managed:aws:core-rule-set:${CRS_LABELS[crsRule]}`]);
    const later = sorted.filter((r) => r.priority > crs.priority && r.action && "block" in r.action);
    return later.some((r) => matches(r.statement, labels, uriPath)) ? "block" : "count";
}

/** The README's table: rule → { chat, elsewhere, why }, "every other rule" expanded. */
function readmeTable(): Map<string, { chat: string; elsewhere: string; why: string }> {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const section = readme.split("### WAF: what blocks where")[1]?.split(/\n#{2,3} /)[0];
    assert.ok(section, "README has no \"WAF: what blocks where\" section");
    const rows = section
        .split("\n")
        .filter((l) => /^\| \S/.test(l) && !l.startsWith("| Core rule set rule"))
        .map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
    const table = new Map<string, { chat: string; elsewhere: string; why: string }>();
    let other: { chat: string; elsewhere: string; why: string } | undefined;
    for (const [rule, chat, elsewhere, why] of rows) {
        assert.ok(why.length > 10, `no reason written for ${rule}`);
        if (rule.startsWith("every other rule")) other = { chat, elsewhere, why };
        else table.set(rule, { chat, elsewhere, why });
    }
    assert.ok(other, "the table does not say what the other rules do");
    for (const rule of Object.keys(CRS_LABELS)) if (!table.has(rule)) table.set(rule, other);
    return table;
}

describe("WAF (prod)", function () {
    this.timeout(120_000);

    it("blocks and counts each core rule set rule on the chat and file routes and elsewhere exactly as the README says, with its reason", async () => {
        const r = await stackRun("prod");
        const rules = named(r, "openwebui-waf-prod").inputs.rules;
        const table = readmeTable();
        assert.deepStrictEqual([...table.keys()].filter((k) => !(k in CRS_LABELS)), [], "the README names a rule the core rule set does not have");
        const wrong: string[] = [];
        for (const [rule, row] of table) {
            for (const p of CHAT_AND_FILE_PATHS) if (actionFor(rules, rule, p) !== row.chat) wrong.push(`${rule} on ${p}: ${actionFor(rules, rule, p)}, README says ${row.chat}`);
            for (const p of OTHER_PATHS) if (actionFor(rules, rule, p) !== row.elsewhere) wrong.push(`${rule} on ${p}: ${actionFor(rules, rule, p)}, README says ${row.elsewhere}`);
        }
        assert.deepStrictEqual(wrong, []);
        // Header, cookie and query rules never relax, on any route.
        for (const rule of Object.keys(CRS_LABELS).filter((k) => /_(HEADER|COOKIE|QUERYARGUMENTS|QUERYSTRING)$/.test(k))) {
            assert.strictEqual(table.get(rule)?.chat, "block", rule);
        }
    });

    it("logs every request to aws-waf-logs-openwebui-waf-prod with a retention, the authorization and cookie headers redacted", async () => {
        const r = await stackRun("prod");
        const acl = named(r, "openwebui-waf-prod");
        const group = named(r, "openwebui-waf-lg-prod");
        assert.strictEqual(group.inputs.name, "aws-waf-logs-openwebui-waf-prod");
        assert.strictEqual(group.inputs.retentionInDays, named(r, "openwebui-application-lg-prod").inputs.retentionInDays);
        const logging = named(r, "openwebui-waf-logging-prod").inputs;
        assert.strictEqual(logging.resourceArn, acl.arn);
        assert.deepStrictEqual(logging.logDestinationConfigs, [group.arn]);
        assert.deepStrictEqual(logging.redactedFields.map((f: any) => f.singleHeader.name).sort(), ["authorization", "cookie"]);
        // The pack's naming, retention and WAF-logging policies accept the group AWS WAF requires.
        const inputs = fromRecording(r.resources).filter((x) => ["openwebui-waf-lg-prod", "openwebui-waf-logging-prod", "openwebui-waf-prod"].includes(x.name));
        assert.deepStrictEqual(await runPolicies([namingConvention, logGroupRetention, wafLogging], inputs, { stack: "prod", packConfig: loadPackConfig("prod") }), []);
    });

    it("dev has no WAF, so no WAF log group either", async () => {
        const r = await stackRun("dev");
        assert.deepStrictEqual(ofType(r, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"), []);
        assert.ok(ofType(r, "aws:cloudwatch/logGroup:LogGroup").every((g) => !String(g.inputs.name).startsWith("aws-waf-logs-")));
    });
});
