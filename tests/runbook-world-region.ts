/**
 * Scenario C's commands the other scenarios do not use, as the model sees them: `pulumi config
 * set/get` on the recovery stack, the KMS grant that lets Open WebUI's dr role read prod's replicas,
 * the caller's account, and the Route 53 cutover, which must point at an ALB whose apps run.
 */
import { flag } from "./runbook-commands";
import { APP_DEPLOYMENTS } from "./runbook-facts";
import type { World } from "./runbook-world";

/** The model's ALB host name for the dr stack's Ingress, once the program has created it. */
export const DR_ALB = "k8s-openwebui-openwebu-0123456789.ap-northeast-1.elb.amazonaws.com";

export function pulumiConfig(w: World, words: string[]): string {
    const [, , verb, key, value] = words.filter((x, i) => !x.startsWith("--") && !words[i - 1]?.startsWith("--stack"));
    const stack = flag(words, "--stack");
    if (stack !== undefined && stack !== w.start.stack) w.fail(`--stack ${stack}, but this is ${w.start.stack}`);
    const full = key.includes(":") ? key : `openwebui:${key}`;
    if (verb === "set") {
        if (!(full in w.facts.run.config)) w.fail(`${full} is not a key of the stack`);
        w.configSet[full] = value;
        return "";
    }
    if (verb === "get") return w.configSet[full] ?? w.facts.run.config[full] ?? w.fail(`${full} is not set`);
    return w.fail(`the model does not know \`pulumi config ${verb}\``);
}

export function awsRegion(w: World, service: string, op: string, words: string[]): string | undefined {
    const need = (name: string) => flag(words, name) ?? w.fail(`needs ${name}`);
    if (service === "sts" && op === "get-caller-identity") return "210987654321";
    if (service === "kms" && op === "create-grant") {
        const role = w.facts.run.resources.find((r) => r.type === "aws:iam/role:Role" && r.inputs.name === need("--grantee-principal").split("/").pop());
        if (!role) w.fail(`${need("--grantee-principal")} is not a role the program creates`);
        if (!w.exists.has(w.urn(role.urn))) w.fail(`${role.inputs.name} does not exist yet: \`pulumi up\` first (KMS refuses a grant to a missing principal)`);
        if (!/^<recoveryKmsKeyArn>$/.test(need("--key-id"))) w.fail("the grant is on prod's recovery key (pulumi stack output recoveryKmsKeyArn --stack prod)");
        const ops = words.slice(words.indexOf("--operations") + 1).filter((x) => !x.startsWith("--"));
        for (const o of ["Decrypt", "GenerateDataKey"]) if (!ops.includes(o)) w.fail(`Open WebUI needs ${o} on the replicas' key`);
        w.grants.push(role.inputs.name);
        return "";
    }
    if (service === "route53" && op === "change-resource-record-sets") {
        const batch = JSON.parse(need("--change-batch"));
        const set = batch.Changes[0].ResourceRecordSet;
        if (set.Name !== w.facts.run.config["openwebui:appDomain"]) w.fail(`the record is ${set.Name}, not the stack's appDomain`);
        if (set.ResourceRecords[0].Value !== DR_ALB) w.fail(`the record points at ${set.ResourceRecords[0].Value}, not dr's ALB`);
        const stopped = APP_DEPLOYMENTS.filter((d) => !w.replicas.get(d));
        if (stopped.length > 0) w.fail(`DNS moves to an ALB whose ${stopped.join(", ")} do not run`);
        if (w.grants.length === 0) w.fail("users arrive before Open WebUI may read the uploads replica (no KMS grant yet)");
        w.dnsTarget = DR_ALB;
        return "";
    }
    return undefined;
}

/** `kubectl get ingress <name> -o jsonpath=…hostname`: the ALB the controller built, once the Ingress exists. */
export function ingressHostname(w: World, name: string): string {
    const ingress = w.facts.run.resources.find((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress" && r.inputs.metadata?.name === name);
    if (!ingress || !w.exists.has(w.urn(ingress.urn))) return w.fail(`no Ingress ${name}`);
    return DR_ALB;
}
