import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseSnapshotSchedule, recoveryPointHours, SnapshotSchedule } from "@openwebui-aws/rules/ops";
import { STRUCTURED_CONFIG_KEYS } from "../config";
import { readProjectFile, PROJECT_DIR } from "../sim/stack-files";
import { deploymentRun, stackRun } from "./helpers";

const DOCS = ["docs/runbook.md", "README.md"].map((f) => ({ file: f, text: fs.readFileSync(path.join(PROJECT_DIR, f), "utf8") }));
const all = (re: RegExp) => DOCS.flatMap(({ file, text }) => [...text.matchAll(re)].map((m) => ({ file, value: m[1] })));

describe("runbook and README commands match the program", () => {
    it("every `pulumi stack output X` is a real output of the program (or of deployment/, after `cd deployment`)", async () => {
        const main = Object.keys((await stackRun("prod")).outputs);
        const deployment = Object.keys((await deploymentRun()).outputs);
        const used = DOCS.flatMap(({ file, text }) =>
            [...text.matchAll(/(cd deployment && )?pulumi stack output (\w+)/g)].map((m) => ({ file, inDeployment: Boolean(m[1]), value: m[2] })),
        );
        assert.ok(used.length >= 8, "the runbook uses stack outputs");
        for (const { file, inDeployment, value } of used) {
            const outputs = inDeployment ? deployment : main;
            assert.ok(outputs.includes(value), `${file}: no stack output "${value}" (have ${outputs.join(", ")})`);
        }
    });

    it("every `pulumi config set K` is a key Pulumi.yaml declares", () => {
        const keys = [...Object.keys(readProjectFile().config ?? {}), ...STRUCTURED_CONFIG_KEYS];
        // The key is the first word after `set` that is neither a flag nor the value of --stack or --type.
        const used = all(/pulumi config set ([^\n`&#]+)/g).map(({ file, value }) => {
            const words = value.trim().split(/\s+/);
            const key = words.find((w, i) => !w.startsWith("-") && words[i - 1] !== "--stack" && words[i - 1] !== "--type");
            // `--path 'nodeGroups.primary.maxSize'` sets inside a map key.
            return { file, value: String(key).replace(/^'|'$/g, "").replace(/\[\d+\]$/, "").split(".")[0] };
        });
        assert.ok(used.length >= 6);
        for (const { file, value } of used) assert.ok(keys.includes(value.replace(/^openwebui:/, "")), `${file}: no config key "${value}"`);
    });

    it("states the recovery point each stack's snapshot schedules really give", async () => {
        const runbook = DOCS[0].text;
        for (const stack of ["prod", "dev"]) {
            const schedules = (JSON.parse((await stackRun(stack)).config["openwebui:snapshotSchedules"]) as string[]).map((t) => parseSnapshotSchedule(t) as SnapshotSchedule);
            const row = new RegExp(`^\\| ${stack} \\| (.+) \\| (\\d+) h \\|$`, "m").exec(runbook);
            assert.ok(row, `no RPO row for ${stack}`);
            assert.strictEqual(Number(row[2]), recoveryPointHours(schedules), stack);
            const described = schedules.map((s) => `every ${s.intervalHours} h${s.atUtc ? ` at ${s.atUtc} UTC` : ""}, kept ${s.keep}`).join("; ");
            assert.strictEqual(row[1], described, stack);
        }
        assert.doesNotMatch(runbook, /daily in CI/);
    });

    it("names the real node groups, log groups and stacks", async () => {
        for (const stack of ["dev", "prod"]) {
            const names = new Set((await stackRun(stack)).resources.map((r) => r.inputs.nodeGroupName).filter(Boolean));
            for (const { file, value } of all(/(openwebui-\w+-nodes)-\$STACK/g)) assert.ok(names.has(`${value}-${stack}`), `${file}: ${value}-${stack}`);
        }
        for (const { file, value } of all(/policy-pack\/config\/([\w$]+)\.json/g)) {
            const stacks = value.includes("$") ? ["dev", "prod"] : [value];
            for (const s of stacks) assert.ok(fs.existsSync(path.join(PROJECT_DIR, "policy-pack", "config", `${s}.json`)), `${file}: ${s}.json`);
        }
    });
});
