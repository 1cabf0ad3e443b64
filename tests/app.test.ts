/**
 * OpenWebUIApp as users and operators meet it: where its data lives, how it is reached, who can do
 * what, and that nobody but the configured admin can ever become admin.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { ConfigError } from "../config";
import { bedrockStatements } from "../components/app/identities";
import { setupJobName, setupSql } from "../components/app/setup";
import { ACCOUNT_ID, REGION } from "../sim/fake-aws";
import { decide, PolicyDocument } from "../sim/iam-engine";
import { ProgramRun, RecordedResource } from "../sim/mock-engine";
import { PROJECT_DIR } from "../sim/stack-files";
import { jsonInput, named, ofType, REAL_VALUES, rejection, run, stackRun, STACKS } from "./helpers";

const inApp = (r: ProgramRun) => r.resources.filter((x) => /::openwebui:index:OpenWebUIApp(\$|::)/.test(String(x.parentUrn)));
const release = (r: ProgramRun, which: "webui" | "litellm") => named(r, `openwebui-${which}-${r.stack}`).inputs;
const env = (values: any, name: string) => (values.extraEnvVars as any[]).find((e) => e.name === name);


/** How the Pulumi SDK hands a secret to the engine: wrapped with its signature, never as bare text. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const isSecret = (v: unknown) => typeof v === "object" && v !== null && (v as Record<string, unknown>)["4dabf18193072939515e22adb298388d"] === SECRET_SIG;
const reveal = (v: any) => (isSecret(v) ? v.value : v);

/** A role as AWS would evaluate it: its inline policy, nothing else attached. */
function rolePrincipal(r: ProgramRun, roleType: string) {
    const name = `openwebui-${roleType}-role-${r.stack}`;
    const attachments = ofType(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === name);
    assert.deepStrictEqual(attachments, [], `${name} has managed policies attached`);
    return { arn: `arn:aws:iam::${ACCOUNT_ID}:role/${name}`, identityPolicies: [jsonInput(named(r, `${name}-inline`), "policy") as PolicyDocument] };
}
const region = { "aws:RequestedRegion": REGION };
const decision = (r: ProgramRun, role: string, action: string, resource: string, context: Record<string, string> = {}) =>
    decide(rolePrincipal(r, role), { action, resource, context: { ...region, ...context } });

describe("OpenWebUIApp", function () {
    this.timeout(120_000);

    for (const stack of STACKS) {
        describe(`${stack}`, () => {
            it("is one component after the cluster and operations, its resources parented to it", async () => {
                const r = await stackRun(stack);
                const component = named(r, `openwebui-app-${stack}`);
                assert.strictEqual(component.type, "openwebui:index:OpenWebUIApp");
                // dependsOn a component waits for all its children: the load balancer controller that builds
                // the ALB, and the log group and topics the app reports to.
                for (const upstream of [`openwebui-lb-controller-${stack}`, `openwebui-application-lg-${stack}`, `openwebui-alerts-topic-${stack}-critical`]) {
                    assert.ok(component.dependencies.includes(named(r, upstream).urn), upstream);
                }
                assert.ok(inApp(r).length > 40);
                assert.ok(inApp(r).every((x) => x.name.startsWith("openwebui-")));
            });

            it("starts nothing before what it needs: the setup job after the database and secrets, the apps after it and their roles", async () => {
                const r = await stackRun(stack);
                const waits = (consumer: string, ...needs: string[]) => {
                    const c = named(r, consumer);
                    for (const n of needs) assert.ok(c.dependencies.includes(named(r, n).urn), `${consumer} does not wait for ${n}`);
                };
                const server = stack === "prod" ? "openwebui-rds-prod" : "openwebui-postgres-dev";
                waits(`openwebui-db-setup-${stack}`, server, `openwebui-webui-secret-${stack}`, `openwebui-litellm-secret-${stack}`, `openwebui-db-setup-passwords-${stack}`);
                if (stack === "prod") waits("openwebui-db-setup-prod", "openwebui-db-setup-pia-prod");
                waits(`openwebui-litellm-${stack}`, `openwebui-db-setup-${stack}`, `openwebui-litellm-pia-${stack}`);
                waits(`openwebui-webui-${stack}`, `openwebui-db-setup-${stack}`, `openwebui-litellm-${stack}`, `openwebui-webui-pia-${stack}`);
                // Pod Identity hands out credentials only once the role's grants exist.
                waits(`openwebui-litellm-pia-${stack}`, `openwebui-litellm-role-${stack}-inline`);
                waits(`openwebui-ingress-${stack}`, `openwebui-webui-${stack}`);
            });

            it("pins both official charts to the vendored versions, in the app namespace", async () => {
                const r = await stackRun(stack);
                const webui = release(r, "webui");
                const litellm = release(r, "litellm");
                assert.deepStrictEqual([webui.chart, webui.version, webui.repositoryOpts.repo, webui.namespace], ["open-webui", "16.0.0", "https://helm.openwebui.com", "openwebui"]);
                assert.deepStrictEqual([litellm.chart, litellm.version, litellm.namespace], ["oci://ghcr.io/berriai/litellm-helm", "1.86.2", "openwebui"]);
                // Open WebUI's chart renders its appVersion as the image, so pinning the chart pins it;
                // LiteLLM's default tag was never published, so the program sets the image (litellm-chart.test.ts).
                assert.strictEqual(webui.values.image, undefined);
                assert.deepStrictEqual(litellm.values.image, { repository: "ghcr.io/berriai/litellm-database", tag: "1.86.2", pullPolicy: "IfNotPresent" });
            });

            it("Open WebUI: LiteLLM as its only backend, uploads in S3 through Pod Identity, Postgres and pgvector, shared Redis", async () => {
                const r = await stackRun(stack);
                const v = release(r, "webui").values;
                assert.deepStrictEqual([v.ollama.enabled, v.pipelines.enabled], [false, false]);
                assert.strictEqual(v.openaiBaseApiUrl, "http://litellm:4000/v1");
                // Its own virtual key, never LiteLLM's master key (tests/litellm-key-script.test.ts).
                assert.deepStrictEqual([v.openaiApiKey, v.openaiApiKeyExistingSecret, v.openaiApiKeyExistingSecretKey], ["", "open-webui-secrets", "litellm-virtual-key"]);
                assert.strictEqual(v.persistence.provider, "s3");
                assert.strictEqual(v.persistence.s3.bucket, `openwebui-uploads-bucket-${stack}-${ACCOUNT_ID}`);
                assert.strictEqual(v.persistence.s3.endpointUrl, "https://s3.ap-northeast-2.amazonaws.com");
                // No keys anywhere: the provider then uses boto3's default chain, i.e. Pod Identity.
                for (const key of ["accessKey", "secretKey", "accessKeyExistingSecret", "secretKeyExistingSecret"]) assert.strictEqual(v.persistence.s3[key], undefined, key);
                assert.deepStrictEqual(v.websocket, { ...v.websocket, enabled: true, manager: "redis" });
                assert.strictEqual(v.websocket.redis.enabled, true);
                assert.deepStrictEqual(env(v, "DATABASE_URL").valueFrom.secretKeyRef, { name: "open-webui-secrets", key: "database-url" });
                assert.strictEqual(env(v, "VECTOR_DB").value, "pgvector");
                assert.deepStrictEqual(env(v, "WEBUI_SECRET_KEY").valueFrom.secretKeyRef, { name: "open-webui-secrets", key: "webui-secret-key" });
                const pia = named(r, `openwebui-webui-pia-${stack}`).inputs;
                assert.deepStrictEqual([pia.namespace, pia.serviceAccount, pia.roleArn], ["openwebui", "open-webui", `arn:aws:iam::${ACCOUNT_ID}:role/openwebui-webui-role-${stack}`]);
                assert.strictEqual(v.serviceAccount.name, "open-webui");
            });

            it("first-admin safety: the admin exists from the first start, and nobody can sign up, not even first", async () => {
                const r = await stackRun(stack);
                const v = release(r, "webui").values;
                // The one-off init job creates the admin (tests/webui-first-install.test.ts); the replicas never do.
                const init = { extraEnvVars: named(r, `openwebui-webui-init-${stack}`).inputs.spec.template.spec.containers[0].env };
                assert.match(env(init, "WEBUI_ADMIN_EMAIL").value, /^[^@]+@[^@]+$/);
                assert.strictEqual(env(init, "WEBUI_ADMIN_EMAIL").value, r.config["openwebui:appAdminEmail"]);
                assert.deepStrictEqual(env(init, "WEBUI_ADMIN_PASSWORD").valueFrom.secretKeyRef, { name: "open-webui-secrets", key: "admin-password" });
                assert.strictEqual(env(v, "ENABLE_SIGNUP").value, "False");
                assert.strictEqual(env(v, "ENABLE_INITIAL_ADMIN_SIGNUP").value, "False");
                assert.strictEqual(env(v, "DEFAULT_USER_ROLE").value, "pending");
                // The password is generated (40 letters and digits), lives in the Kubernetes Secret and is a stack output.
                const generated = named(r, `openwebui-admin-password-${stack}`);
                assert.deepStrictEqual([generated.type, generated.inputs.length, generated.inputs.special], ["random:index/randomPassword:RandomPassword", 40, false]);
                const stringData = named(r, `openwebui-webui-secret-${stack}`).inputs.stringData;
                assert.ok(isSecret(stringData), "the Secret's data reaches the engine as a Pulumi secret");
                assert.strictEqual(reveal(stringData)["admin-password"], "x".repeat(40));
                assert.strictEqual(r.outputs.adminPassword, "x".repeat(40));
                assert.strictEqual(r.outputs.adminEmail, r.config["openwebui:appAdminEmail"]);
            });

            it("no secret is written in a stack file or a chart value: each comes from a generated password or RDS", async () => {
                const r = await stackRun(stack);
                const file = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
                const plain = Object.entries(file.config).filter(([k, v]) => /password|secret|masterKey|apiKey/i.test(k) && !(typeof v === "object" && v !== null && "secure" in v));
                assert.deepStrictEqual(plain, []);
                const generated = ofType(r, "random:index/randomPassword:RandomPassword").map((p) => p.name.replace(/^openwebui-|-dev$|-prod$/g, "")).sort();
                assert.deepStrictEqual(generated, stack === "dev"
                    ? ["admin-password", "db-setup-digest-key", "litellm-db-password", "litellm-master-key", "postgres-admin-password", "webui-db-password", "webui-litellm-key", "webui-secret-key"]
                    : ["admin-password", "db-setup-digest-key", "litellm-db-password", "litellm-master-key", "webui-db-password", "webui-litellm-key", "webui-secret-key"]);
                // Chart values carry secret references, never a secret's text.
                const values = JSON.stringify([release(r, "webui").values, release(r, "litellm").values]);
                assert.doesNotMatch(values, /x{40}/);
                for (const secret of ["webui-secret", "litellm-secret", "db-setup-passwords"]) assert.ok(isSecret(named(r, `openwebui-${secret}-${stack}`).inputs.stringData), secret);
                assert.strictEqual(reveal(named(r, `openwebui-litellm-secret-${stack}`).inputs.stringData).masterkey, `sk-${"x".repeat(40)}`);
            });

            it("LiteLLM: the configured Bedrock models through Pod Identity, its own database, no provider keys", async () => {
                const r = await stackRun(stack);
                const v = release(r, "litellm").values;
                assert.deepStrictEqual(v.proxy_config.model_list, [
                    { model_name: "claude-haiku-4.5", litellm_params: { model: "bedrock/global.anthropic.claude-haiku-4-5-20251001-v1:0", aws_region_name: "ap-northeast-2" } },
                ]);
                assert.strictEqual(JSON.stringify(v).includes("aws_access_key_id"), false);
                assert.deepStrictEqual([v.db.useExisting, v.db.deployStandalone, v.db.database], [true, false, "litellm"]);
                assert.deepStrictEqual(v.db.secret, { name: "litellm-secrets", usernameKey: "db-username", passwordKey: "db-password" });
                assert.match(v.db.url, stack === "prod" ? /\?sslmode=require$/ : /\/\$\(DATABASE_NAME\)$/);
                const pia = named(r, `openwebui-litellm-pia-${stack}`).inputs;
                assert.deepStrictEqual([pia.namespace, pia.serviceAccount], ["openwebui", "litellm"]);
                assert.deepStrictEqual(reveal(named(r, `openwebui-provider-keys-secret-${stack}`).inputs.stringData), {});
            });

            it("LiteLLM's role may invoke the configured model through its inference profile, and nothing else", async () => {
                const r = await stackRun(stack);
                const model = "anthropic.claude-haiku-4-5-20251001-v1:0";
                const profile = `arn:aws:bedrock:${REGION}:${ACCOUNT_ID}:inference-profile/global.${model}`;
                assert.strictEqual(await decision(r, "litellm", "bedrock:InvokeModelWithResponseStream", profile), "Allowed");
                // Bedrock authorises the call again on the model in whichever Region serves it, naming the profile.
                // (The Region-less ARN of global profiles is not in the simulator's ARN catalogue.)
                const routed = `arn:aws:bedrock:ap-northeast-1::foundation-model/${model}`;
                assert.strictEqual(await decision(r, "litellm", "bedrock:InvokeModel", routed, { "bedrock:InferenceProfileArn": profile }), "Allowed");
                // The same model called directly, around the profile, is not allowed.
                assert.notStrictEqual(await decision(r, "litellm", "bedrock:InvokeModel", routed), "Allowed");
                assert.notStrictEqual(await decision(r, "litellm", "bedrock:InvokeModel", `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-opus-4-1-20250805-v1:0`), "Allowed");
                assert.notStrictEqual(await decision(r, "litellm", "bedrock:ListFoundationModels", "*"), "Allowed");
                assert.notStrictEqual(await decision(r, "litellm", "s3:GetObject", `arn:aws:s3:::openwebui-uploads-bucket-${stack}-${ACCOUNT_ID}/uploads/a`), "Allowed");
            });

            it("Open WebUI's role reads and writes its uploads and nothing else", async () => {
                const r = await stackRun(stack);
                const uploads = `arn:aws:s3:::openwebui-uploads-bucket-${stack}-${ACCOUNT_ID}`;
                for (const action of ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]) assert.strictEqual(await decision(r, "webui", action, `${uploads}/uploads/f.pdf`), "Allowed", action);
                assert.strictEqual(await decision(r, "webui", "s3:ListBucket", uploads), "Allowed");
                for (const [action, resource] of [
                    ["s3:PutObject", `arn:aws:s3:::openwebui-backup-bucket-${stack}-${ACCOUNT_ID}/x`],
                    ["s3:DeleteBucket", uploads],
                    ["s3:PutBucketPolicy", uploads],
                    ["s3:PutObjectAcl", `${uploads}/uploads/f.pdf`],
                    ["bedrock:InvokeModel", `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0`],
                ]) {
                    assert.notStrictEqual(await decision(r, "webui", action, resource), "Allowed", `${action} ${resource}`);
                }
            });

            it("the uploads bucket is built like the backup bucket: private, versioned, encrypted, TLS only, kept on destroy", async () => {
                const r = await stackRun(stack);
                const bucket = named(r, `openwebui-uploads-bucket-${stack}`);
                for (const suffix of ["ownership", "public-access", "versioning", "encryption", "lifecycle", "policy"]) named(r, `openwebui-uploads-bucket-${stack}-${suffix}`);
                assert.deepStrictEqual(named(r, `openwebui-uploads-bucket-${stack}-versioning`).inputs.versioningConfiguration, { status: "Enabled" });
                const policy = jsonInput(named(r, `openwebui-uploads-bucket-${stack}-policy`), "policy");
                assert.deepStrictEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
                assert.strictEqual(bucket.inputs.forceDestroy, false);
            });

            it("the ALB: internet-facing in the public subnets, the design's ALB security group, long idle timeout, sticky", async () => {
                const r = await stackRun(stack);
                const ingress = named(r, `openwebui-ingress-${stack}`).inputs;
                const a = ingress.metadata.annotations;
                assert.strictEqual(ingress.spec.ingressClassName, "alb");
                assert.strictEqual(a["alb.ingress.kubernetes.io/scheme"], "internet-facing");
                const publicSubnets = ofType(r, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("public-subnet")).map((s) => s.id);
                assert.deepStrictEqual(a["alb.ingress.kubernetes.io/subnets"].split(","), publicSubnets);
                assert.strictEqual(a["alb.ingress.kubernetes.io/security-groups"], named(r, `openwebui-alb-sg-${stack}`).id);
                assert.strictEqual(a["alb.ingress.kubernetes.io/manage-backend-security-group-rules"], "false");
                // NodePort targets: the design's worker group admits NodePorts from the ALB group only.
                assert.strictEqual(a["alb.ingress.kubernetes.io/target-type"], "instance");
                assert.strictEqual(release(r, "webui").values.service.type, "NodePort");
                assert.match(a["alb.ingress.kubernetes.io/load-balancer-attributes"], /idle_timeout\.timeout_seconds=600/);
                assert.match(a["alb.ingress.kubernetes.io/target-group-attributes"], /stickiness\.enabled=true/);
                assert.strictEqual(ingress.spec.rules[0].http.paths[0].backend.service.name, "open-webui");
            });

            it("application logs reach /aws/application/openwebui-<env> through Fluent Bit, whose role writes only there", async () => {
                const r = await stackRun(stack);
                const config = named(r, `openwebui-app-logs-config-${stack}`).inputs.data["fluent-bit.conf"];
                assert.match(config, new RegExp(`log_group_name /aws/application/openwebui-${stack}\\n`));
                assert.match(config, /Path \/var\/log\/containers\/\*_openwebui_\*\.log/);
                assert.match(config, /auto_create_group false/);
                const group = `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/application/openwebui-${stack}`;
                assert.strictEqual(await decision(r, "app-logs", "logs:PutLogEvents", `${group}:log-stream:node-a.app.x`), "Allowed");
                assert.notStrictEqual(await decision(r, "app-logs", "logs:PutLogEvents", `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/vpc/flowlogs/openwebui-vpc-${stack}:log-stream:x`), "Allowed");
                assert.notStrictEqual(await decision(r, "app-logs", "logs:CreateLogGroup", group), "Allowed");
                // The app namespace refuses host paths; only the log shipper's own namespace allows them.
                assert.strictEqual(named(r, `openwebui-app-namespace-${stack}`).inputs.metadata.labels["pod-security.kubernetes.io/enforce"], "baseline");
                assert.strictEqual(named(r, `openwebui-app-logs-${stack}`).inputs.metadata.namespace, "openwebui-logs");
            });

            it("ECR: the repositories the developer role targets, immutable tags, scan on push, a lifecycle", async () => {
                const r = await stackRun(stack);
                const repos = ofType(r, "aws:ecr/repository:Repository");
                assert.deepStrictEqual(repos.map((x) => x.inputs.name).sort(), [`openwebui/openwebui-ecr-${stack}-litellm`, `openwebui/openwebui-ecr-${stack}-webui`]);
                const developer = jsonInput(named(r, `openwebui-developer-role-${stack}-inline`), "policy").Statement.find((s: { Sid?: string }) => s.Sid === "EcrPushPullProjectRepositories");
                for (const repo of repos) {
                    assert.deepStrictEqual([repo.inputs.imageTagMutability, repo.inputs.imageScanningConfiguration.scanOnPush, repo.inputs.forceDelete], ["IMMUTABLE", true, false]);
                    const arn = `arn:aws:ecr:${REGION}:${ACCOUNT_ID}:repository/${repo.inputs.name}`;
                    assert.ok([developer.Resource].flat().some((p: string) => new RegExp(`^${p.replace(/\*/g, ".*")}$`).test(arn)), `developer role cannot push to ${arn}`);
                    const rules = JSON.parse(named(r, `${repo.name}-lifecycle`).inputs.policy).rules;
                    assert.deepStrictEqual(rules.map((x: any) => x.selection.countType), ["sinceImagePushed", "imageCountMoreThan"]);
                    assert.strictEqual(rules[1].selection.countNumber, 30);
                }
            });

            it("the database setup job is named from the passwords it sets (a change runs it again), in clear, with no password or key in it", async () => {
                // As `pulumi up` runs it: in a preview, prod's name waits for the RDS instance's id.
                const p = await run(stack, { up: true, overrides: REAL_VALUES[stack] });
                const job = named(p, `openwebui-db-setup-${stack}`).inputs;
                const passwords = reveal(named(p, `openwebui-db-setup-passwords-${stack}`).inputs.stringData);
                // The fake answers a random password with "x" repeated to its length (sim/fake-aws.ts).
                const key = "x".repeat(named(p, `openwebui-db-setup-digest-key-${stack}`).inputs.length);
                const secrets = [passwords.webui, passwords.litellm, key];
                assert.ok(secrets.every((v) => typeof v === "string" && v.length >= 40));
                // A plain string, not a secret the engine would hide; the fake server has no id (generation "").
                assert.strictEqual(job.metadata.name, setupJobName({ sql: setupSql(), generation: "", key, passwords: { webui: passwords.webui, litellm: passwords.litellm } }));
                const text = JSON.stringify(job);
                for (const v of secrets) assert.ok(!text.includes(v), "a password or the key is in the job");
                assert.ok(!isSecret(job.metadata.name) && !text.includes(SECRET_SIG), "the job carries a secret value");
                // The passwords reach the pod only by reference to the Secret.
                const env = job.spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: unknown }[];
                assert.deepStrictEqual(env.filter((e) => /_DB_PASSWORD$/.test(e.name)).map((e) => [e.name, e.value, e.valueFrom]), [
                    ["WEBUI_DB_PASSWORD", undefined, { secretKeyRef: { name: "db-setup-passwords", key: "webui" } }],
                    ["LITELLM_DB_PASSWORD", undefined, { secretKeyRef: { name: "db-setup-passwords", key: "litellm" } }],
                ]);
                // Run again with the same passwords: the same job, so nothing re-runs.
                const again = await run(stack, { up: true, overrides: REAL_VALUES[stack] });
                assert.strictEqual(named(again, `openwebui-db-setup-${stack}`).inputs.metadata.name, job.metadata.name);
            });

            it("ALB alarms go to the alert topics, on the load balancer and target group the controller built", async () => {
                // As `pulumi up` runs it: the Ingress has its address, so the program looks the ALB up.
                const p = await run(stack, { up: true, overrides: REAL_VALUES[stack] });
                const lookup = (token: string) => p.invokes.filter((i) => i.token === token).map((i) => i.inputs.tags as Record<string, string>);
                const stackTags = { "elbv2.k8s.aws/cluster": `openwebui-eks-${stack}`, "ingress.k8s.aws/stack": "openwebui/open-webui" };
                assert.deepStrictEqual(lookup("aws:lb/getLoadBalancer:getLoadBalancer"), [{ ...stackTags, "ingress.k8s.aws/resource": "LoadBalancer" }]);
                const [filter, ...more] = lookup("aws:lb/getTargetGroup:getTargetGroup");
                assert.deepStrictEqual(more, []);
                // What the controller (v2.14.0, pkg/deploy/tracking/provider.go) tags each backend's target
                // group with: the stack's tags and `<namespace>/<ingress>-<service>:<port>`. With a second
                // backend on the Ingress, a filter must still match exactly one: AWS requires every pair.
                const targetGroups = [["open-webui", 80], ["litellm", 4000], ["open-webui", 8080]].map(([service, port]) => ({
                    ...stackTags,
                    "ingress.k8s.aws/resource": `openwebui/open-webui-${service}:${port}`,
                    Project: "openwebui",
                }));
                const matches = (tags: Record<string, string>) => targetGroups.filter((tg) => Object.entries(tags).every(([k, v]) => (tg as Record<string, string>)[k] === v));
                assert.deepStrictEqual(matches(filter), [targetGroups[0]]);
                // The stack's tags alone, the lookup before, would be ambiguous.
                assert.strictEqual(matches(stackTags).length, 3);
                const alarm = (type: string) => named(p, `openwebui-${type}-alarm-${stack}`).inputs;
                assert.deepStrictEqual(alarm("unhealthy-targets").dimensions, { LoadBalancer: "app/k8s-ingress/0123456789abcdef", TargetGroup: "targetgroup/k8s-openwebu-openwebu/fedcba9876543210" });
                assert.deepStrictEqual(alarm("alb-5xx").dimensions, { LoadBalancer: "app/k8s-ingress/0123456789abcdef" });
                assert.strictEqual(alarm("alb-5xx").metricName, "HTTPCode_ELB_5XX_Count");
                assert.strictEqual(alarm("unhealthy-targets").metricName, "UnHealthyHostCount");
                assert.deepStrictEqual(alarm("alb-5xx").alarmActions, [`arn:aws:sns:${REGION}:${ACCOUNT_ID}:openwebui-alerts-topic-${stack}-critical`]);
                assert.deepStrictEqual(alarm("target-5xx").alarmActions, [`arn:aws:sns:${REGION}:${ACCOUNT_ID}:openwebui-alerts-topic-${stack}-warning`]);
            });
        });
    }

    it("dev: Postgres in the cluster on an encrypted, snapshotted gp3 volume; the same setup job as RDS", async () => {
        const r = await stackRun("dev");
        assert.deepStrictEqual(ofType(r, "aws:rds/instance:Instance"), []);
        const pg = named(r, "openwebui-postgres-dev").inputs;
        assert.strictEqual(pg.spec.volumeClaimTemplates[0].spec.storageClassName, "gp3");
        assert.strictEqual(pg.spec.volumeClaimTemplates[0].spec.resources.requests.storage, "20Gi");
        assert.strictEqual(pg.spec.template.spec.securityContext.runAsNonRoot, true);
        // gp3 is encrypted, and every EBS CSI volume carries the tag the daily snapshot policy selects.
        assert.strictEqual(named(r, "openwebui-gp3-storageclass-dev").inputs.parameters.encrypted, "true");
        const job = named(r, "openwebui-db-setup-dev").inputs;
        assert.deepStrictEqual(job.spec.template.spec.initContainers, []);
        const container = job.spec.template.spec.containers[0];
        assert.deepStrictEqual(container.env.find((e: any) => e.name === "PGPASSWORD").valueFrom.secretKeyRef, { name: "postgres-admin", key: "password" });
        assert.strictEqual(container.env.find((e: any) => e.name === "PGHOST").value, "postgres.openwebui.svc.cluster.local");
        assert.strictEqual(r.outputs.databaseHost, "postgres.openwebui.svc.cluster.local");
    });

    it("prod: RDS PostgreSQL Multi-AZ, private, CMK-encrypted, 7 days of backups, deletion protection, managed master password", async () => {
        const r = await stackRun("prod");
        const db = named(r, "openwebui-rds-prod").inputs;
        assert.deepStrictEqual(
            [db.engine, db.instanceClass, db.multiAz, db.publiclyAccessible, db.storageEncrypted, db.backupRetentionPeriod, db.deletionProtection, db.manageMasterUserPassword, db.password],
            ["postgres", "db.t4g.small", true, false, true, 7, true, true, undefined],
        );
        assert.strictEqual(db.kmsKeyId, named(r, "openwebui-rds-key-prod").arn);
        assert.strictEqual(named(r, "openwebui-rds-key-prod").inputs.enableKeyRotation, true);
        assert.deepStrictEqual(named(r, "openwebui-rds-subnet-group-prod").inputs.subnetIds, ofType(r, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("private-subnet")).map((s) => s.id));
        // 5432 from the worker nodes' group only; nothing else may connect.
        const sgId = named(r, "openwebui-rds-sg-prod").id;
        const rules = ofType(r, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((x) => x.inputs.securityGroupId === sgId);
        assert.deepStrictEqual(rules.map((x) => [x.inputs.fromPort, x.inputs.toPort, x.inputs.referencedSecurityGroupId, x.inputs.cidrIpv4]), [[5432, 5432, named(r, "openwebui-eks-worker-sg-prod").id, undefined]]);
        assert.deepStrictEqual(db.vpcSecurityGroupIds, [sgId]);
    });

    it("prod: the setup job reads the RDS-managed master password with its own role, allowed that secret only", async () => {
        const r = await stackRun("prod");
        const job = named(r, "openwebui-db-setup-prod").inputs.spec.template.spec;
        const secretArn = job.initContainers[0].env.find((e: any) => e.name === "MASTER_SECRET_ARN").value;
        assert.match(secretArn, /^arn:aws:secretsmanager:ap-northeast-2:\d{12}:secret:rds!db-/);
        assert.strictEqual(job.containers[0].env.find((e: any) => e.name === "PGSSLMODE").value, "require");
        assert.strictEqual(await decision(r, "db-setup", "secretsmanager:GetSecretValue", secretArn), "Allowed");
        assert.notStrictEqual(await decision(r, "db-setup", "secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:other-AbCdEf`), "Allowed");
        assert.deepStrictEqual(named(r, "openwebui-db-setup-pia-prod").inputs.serviceAccount, "db-setup");
    });

    it("prod: RDS CPU, storage and connection alarms on the alert topics", async () => {
        const r = await stackRun("prod");
        const alarm = (type: string) => named(r, `openwebui-rds-${type}-alarm-prod`).inputs;
        assert.deepStrictEqual(alarm("cpu").dimensions, { DBInstanceIdentifier: "openwebui-rds-prod" });
        assert.strictEqual(alarm("storage").threshold, Math.round(20 * 0.1 * 1024 ** 3));
        // db.t4g.small: 2 GiB / 9,531,392 bytes per connection = 225 connections; alarm at 80%.
        assert.strictEqual(alarm("connections").threshold, 180);
        assert.deepStrictEqual(alarm("storage").alarmActions, [`arn:aws:sns:${REGION}:${ACCOUNT_ID}:openwebui-alerts-topic-prod-critical`]);
    });

    it("prod: two Open WebUI and two LiteLLM pods spread across AZs, each with a PodDisruptionBudget", async () => {
        const r = await stackRun("prod");
        const webui = release(r, "webui").values;
        const litellm = release(r, "litellm").values;
        assert.deepStrictEqual([webui.replicaCount, litellm.replicaCount], [2, 2]);
        for (const v of [webui, litellm]) assert.deepStrictEqual([v.topologySpreadConstraints[0].topologyKey, v.topologySpreadConstraints[0].whenUnsatisfiable], ["topology.kubernetes.io/zone", "DoNotSchedule"]);
        const pdb = named(r, "openwebui-webui-pdb-prod").inputs.spec;
        assert.deepStrictEqual(pdb, { minAvailable: 1, selector: { matchLabels: webui.topologySpreadConstraints[0].labelSelector.matchLabels } });
        assert.deepStrictEqual(litellm.pdb, { enabled: true, minAvailable: 1 });
        const dev = await stackRun("dev");
        assert.throws(() => named(dev, "openwebui-webui-pdb-dev"), /no resource named/);
    });

    it("prod: HTTPS with the ACM certificate, 80 redirected to 443, WAF with AWS managed rule groups; the URL is https://<domain>", async () => {
        const r = await stackRun("prod");
        const a = named(r, "openwebui-ingress-prod").inputs.metadata.annotations;
        assert.strictEqual(a["alb.ingress.kubernetes.io/certificate-arn"], r.config["openwebui:appCertificateArn"]);
        assert.deepStrictEqual(JSON.parse(a["alb.ingress.kubernetes.io/listen-ports"]), [{ HTTP: 80 }, { HTTPS: 443 }]);
        assert.strictEqual(a["alb.ingress.kubernetes.io/ssl-redirect"], "443");
        const waf = named(r, "openwebui-waf-prod");
        assert.strictEqual(a["alb.ingress.kubernetes.io/wafv2-acl-arn"], waf.arn);
        // Beside the three groups, one rule of ours tunes the common set for chat (tests/app-waf.test.ts).
        assert.deepStrictEqual(waf.inputs.rules.flatMap((x: any) => x.statement.managedRuleGroupStatement?.name ?? []), ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"]);
        assert.strictEqual(waf.inputs.scope, "REGIONAL");
        assert.strictEqual(r.outputs.appUrl, `https://${r.config["openwebui:appDomain"]}`);
        assert.strictEqual(env(release(r, "webui").values, "WEBUI_URL").value, r.outputs.appUrl);
    });

    it("an HTTP-only dev (said, for named CIDRs): plain HTTP on the ALB's own name, no WAF; the URL is known once the controller has built the ALB", async () => {
        const httpOnly = { "openwebui:appDomain": "", "openwebui:appCertificateArn": "", "openwebui:appHttpOnly": "true", "openwebui:appAlbInboundCidrs": JSON.stringify(["10.20.0.0/16"]) };
        const r = await run("dev", { overrides: httpOnly });
        const a = named(r, "openwebui-ingress-dev").inputs.metadata.annotations;
        assert.deepStrictEqual(JSON.parse(a["alb.ingress.kubernetes.io/listen-ports"]), [{ HTTP: 80 }]);
        assert.strictEqual(a["alb.ingress.kubernetes.io/wafv2-acl-arn"], undefined);
        assert.deepStrictEqual(ofType(r, "aws:wafv2/webAcl:WebAcl"), []);
        assert.strictEqual(r.outputs.appUrl, "(known after pulumi up)");
    });

    it("appEnabled false: a bare platform, no application resources and no application outputs", async () => {
        const r = await run("dev", { overrides: { "openwebui:appEnabled": "false" } });
        assert.deepStrictEqual(inApp(r), []);
        assert.strictEqual(r.resources.some((x) => x.type === "openwebui:index:OpenWebUIApp"), false);
        assert.strictEqual(r.outputs.appUrl, undefined);
    });
});

describe("application config validation", () => {
    const refused = async (stack: string, overrides: Record<string, string>, key: string, pattern: RegExp) => {
        const e = await rejection(run(stack, { overrides }));
        assert.ok(e instanceof ConfigError, String(e));
        assert.strictEqual(e.key, key);
        assert.match(e.message, pattern);
        assert.strictEqual(e.registeredBeforeFailure, 0);
    };

    it("refuses what prod promises and would not get: one replica, plain HTTP, in-cluster data", async () => {
        await refused("prod", { "openwebui:webuiReplicas": "1" }, "openwebui:webuiReplicas", /prod runs at least 2 Open WebUI replicas/);
        await refused("prod", { "openwebui:appDomain": "", "openwebui:appCertificateArn": "" }, "openwebui:appDomain", /HTTPS only/);
        await refused("prod", { "openwebui:databaseMode": "in-cluster" }, "openwebui:databaseMode", /prod keeps its data in RDS/);
    });

    it("refuses half an HTTPS setup and a certificate of another region", async () => {
        await refused("dev", { "openwebui:appDomain": "chat.acme.kr", "openwebui:appCertificateArn": "" }, "openwebui:appCertificateArn", /needs both appDomain and appCertificateArn/);
        await refused(
            "dev",
            { "openwebui:appDomain": "chat.acme.kr", "openwebui:appCertificateArn": "arn:aws:acm:us-east-1:210987654321:certificate/5f0c6a8e-1b2d-4c3e-9f4a-0123456789ab" },
            "openwebui:appCertificateArn",
            /in us-east-1, the ALB in ap-northeast-2/,
        );
    });

    it("refuses a model id Bedrock does not use, a model twice, and OpenAI models without a key", async () => {
        await refused("dev", { "openwebui:bedrockModels": JSON.stringify(["haiku=anthropic claude"]) }, "openwebui:bedrockModels", /not a Bedrock model or inference-profile id/);
        await refused("dev", { "openwebui:bedrockModels": JSON.stringify(["m=amazon.nova-lite-v1:0", "m=amazon.nova-pro-v1:0"]) }, "openwebui:bedrockModels", /"m" is listed twice/);
        await refused("dev", { "openwebui:openaiModels": JSON.stringify(["gpt-4o-mini"]) }, "openwebui:openaiApiKey", /pulumi config set --secret openaiApiKey/);
    });

    it("refuses backups shorter than the design's 7 days, an RDS class whose memory is not on record, an unvendored chart", async () => {
        await refused("prod", { "openwebui:databaseBackupRetentionDays": "3" }, "openwebui:databaseBackupRetentionDays", /outside 7\.\.35/);
        await refused("prod", { "openwebui:databaseInstanceClass": "db.r7g.large" }, "openwebui:databaseInstanceClass", /"db\.r7g\.large" has no memory size on record in rules\/app\.ts \(RDS sets max_connections from it/);
        await refused("dev", { "openwebui:webuiChartVersion": "17.0.0" }, "openwebui:webuiChartVersion", /not the vendored open-webui chart 16\.0\.0/);
        // 1.1.0 is the version in LiteLLM's git Chart.yaml, never a published one.
        await refused("dev", { "openwebui:litellmChartVersion": "1.1.0" }, "openwebui:litellmChartVersion", /"1\.1\.0" is not the vendored litellm-helm chart 1\.86\.2/);
    });

    it("an external provider's key arrives as a Pulumi secret and reaches LiteLLM only as a Kubernetes Secret", async () => {
        const key = "sk-proj-abcdefghijklmnop";
        const r = await run("dev", { overrides: { "openwebui:openaiModels": JSON.stringify(["gpt-4o-mini"]), "openwebui:openaiApiKey": key } });
        const stringData = named(r, "openwebui-provider-keys-secret-dev").inputs.stringData;
        assert.ok(isSecret(stringData));
        assert.deepStrictEqual(reveal(stringData), { OPENAI_API_KEY: key });
        const v = release(r, "litellm").values;
        assert.deepStrictEqual(v.environmentSecrets, ["litellm-provider-keys"]);
        assert.deepStrictEqual(v.proxy_config.model_list[1], { model_name: "gpt-4o-mini", litellm_params: { model: "openai/gpt-4o-mini", api_key: "os.environ/OPENAI_API_KEY" } });
        // Elsewhere only as a secret: OpenWebUIApp's own inputs hold it too, encrypted in state like the Secret's.
        const inClear = (x: RecordedResource) => JSON.stringify(x.inputs, (_k, v) => (isSecret(v) ? "[secret]" : v)).includes(key);
        assert.deepStrictEqual(r.resources.filter((x) => x.name !== "openwebui-provider-keys-secret-dev" && inClear(x)).map((x) => x.name), []);
        assert.ok(isSecret(ofType(r, "openwebui:index:OpenWebUIApp")[0].inputs.openaiApiKey));
        assert.deepStrictEqual(r.outputs.models, ["claude-haiku-4.5", "gpt-4o-mini"]);
    });

    it("serves another Bedrock model by config alone, and LiteLLM's role follows it", async () => {
        const haiku = "claude-haiku-4.5=global.anthropic.claude-haiku-4-5-20251001-v1:0";
        const r = await run("dev", { overrides: { "openwebui:bedrockModels": JSON.stringify([haiku, "sonnet-4.5=global.anthropic.claude-sonnet-4-5-20250929-v1:0"]) } });
        assert.deepStrictEqual(release(r, "litellm").values.proxy_config.model_list[1], { model_name: "sonnet-4.5", litellm_params: { model: "bedrock/global.anthropic.claude-sonnet-4-5-20250929-v1:0", aws_region_name: "ap-northeast-2" } });
        const [invoked, routed] = jsonInput(named(r, "openwebui-litellm-role-dev-inline"), "policy").Statement;
        const profiles = [`arn:aws:bedrock:${REGION}:${ACCOUNT_ID}:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0`, `arn:aws:bedrock:${REGION}:${ACCOUNT_ID}:inference-profile/global.anthropic.claude-sonnet-4-5-20250929-v1:0`];
        assert.deepStrictEqual(invoked.Resource, profiles);
        assert.deepStrictEqual(routed.Resource, ["arn:aws:bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0", "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"]);
        assert.deepStrictEqual(routed.Condition, { StringEquals: { "bedrock:InferenceProfileArn": profiles } });
        // Seoul has no in-Region model on record (config refuses one there); where a Region has, it is granted there, directly.
        const [direct, ...none] = bedrockStatements([{ name: "titan", id: "amazon.titan-text-express-v1" }], "us-east-1", ACCOUNT_ID);
        assert.deepStrictEqual([direct.Resource, none], [["arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1"], []]);
    });

    it("refuses an empty model list (a model without a price is the plan's to refuse: config.test.ts)", async () => {
        await refused("dev", { "openwebui:bedrockModels": "[]" }, "openwebui:bedrockModels", /is empty/);
    });
});

