/**
 * Every `pulumi config set` the README and the runbook tell people to run, applied to the stack file
 * the way the CLI would write it, then read by the real config reader. Values are typed as the CLI
 * types them: plain `set` stores a string; with `--path`, `true`/`false` become booleans and
 * integer-looking values (a leading + included) numbers, unless `--type string`; `--secret` stores
 * `{secure: …}`, which offline runs cannot decrypt and give a stand-in (config/sensitive.ts).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as yaml from "js-yaml";
import * as path from "path";
import { ConfigError } from "../config";
import { PROJECT_DIR } from "../sim/stack-files";
import { rejection, run } from "./helpers";

interface SetCommand {
    file: string;
    text: string;
    stack: string;
    key: string;
    value: unknown;
    path: boolean;
}

function words(command: string): string[] {
    return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/**
 * Commands whose value is a template (…, <x>, v1.36.x) or a shell variable an earlier command of the
 * same block fills ("$BACKUPS") teach a step; they are not runnable as written.
 */
const isTemplate = (value: string | undefined) => value === undefined || /…|<|>|\.x$|^\$/.test(value);

/** The `pulumi config set` commands of each line, grouped: `a && b` on one line are one change. */
function commands(): SetCommand[][] {
    return ["README.md", "docs/runbook.md"].flatMap((file) =>
        fs.readFileSync(path.join(PROJECT_DIR, file), "utf8").split("\n").filter((line) => line.includes("pulumi config set")).map((line) => parseLine(file, line)).filter((group) => group.length > 0),
    );
}

function parseLine(file: string, line: string): SetCommand[] {
    const parsed = [...line.matchAll(/pulumi config set ([^\n`&#]+)/g)].map((m) => {
            const w = words(m[1]);
            let stack = "prod";
            let isPath = false;
            let secret = false;
            let type: string | undefined;
            const positional: string[] = [];
            for (let i = 0; i < w.length; i++) {
                if (w[i] === "--stack") stack = w[++i];
                else if (w[i] === "--path") isPath = true;
                else if (w[i] === "--secret") secret = true;
                else if (w[i] === "--type") type = w[++i];
                else positional.push(w[i]);
            }
            const [key, raw] = positional;
            if (!secret && isTemplate(raw)) return undefined;
            let value: unknown = raw;
            if (secret) value = { secure: "v1:AAAA" };
            else if (isPath && type !== "string" && /^[+-]?\d+$/.test(raw)) value = Number(raw);
            else if (isPath && type !== "string" && /^(true|false)$/.test(raw)) value = raw === "true";
            return { file, text: `pulumi config set ${m[1].trim()}`, stack, key: key.includes(":") ? key : `openwebui:${key}`, value, path: isPath };
    });
    // A template anywhere makes the whole change a template.
    return parsed.includes(undefined) ? [] : (parsed as SetCommand[]);
}

/** Sets `openwebui:a[0]` / `openwebui:a.b.c` inside the stack file's config, as `--path` does. */
function apply(config: Record<string, unknown>, c: SetCommand): void {
    if (!c.path) {
        config[c.key] = c.value;
        return;
    }
    const [ns, rest] = [c.key.slice(0, c.key.indexOf(":")), c.key.slice(c.key.indexOf(":") + 1)];
    const steps = rest.split(/\.|(?=\[)/).map((s) => (/^\[\d+\]$/.test(s) ? Number(s.slice(1, -1)) : s));
    const top = `${ns}:${steps[0]}`;
    let node = (config[top] ??= typeof steps[1] === "number" ? [] : {}) as Record<string | number, unknown>;
    for (let i = 1; i < steps.length - 1; i++) node = (node[steps[i]] ??= typeof steps[i + 1] === "number" ? [] : {}) as Record<string | number, unknown>;
    node[steps[steps.length - 1]] = c.value;
}

/**
 * Runs the stack's file with the commands applied, as stack "doccheck" of a temp copy of the project
 * (Pulumi.yaml): nothing is written into the repository.
 */
async function runApplied(stack: string, cmds: SetCommand[]): ReturnType<typeof run> {
    const stackYaml = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    for (const c of cmds) apply(stackYaml.config, c);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "owui-doccheck-"));
    try {
        fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(path.join(dir, "Pulumi.doccheck.yaml"), yaml.dump(stackYaml));
        return await run("doccheck", { projectDir: dir });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("config commands in the docs, as the CLI would apply them", () => {
    const found = commands();

    it("finds the documented commands", () => {
        assert.ok(found.length >= 5, found.map((g) => g.map((c) => c.text).join(" && ")).join("\n"));
        assert.ok(found.flat().some((c) => typeof c.value === "object"), "a --secret example is among them");
    });

    for (const group of found) {
        it(`${group[0].file}: ${group.map((c) => c.text).join(" && ")}`, async () => {
            const r = await runApplied(group[0].stack, group);
            assert.ok(r.resources.length > 0);
        });
    }

    it("would catch the CLI turning an unquoted +82 phone number into an integer", async () => {
        const c = { file: "", text: "", stack: "prod", key: "openwebui:alertSmsNumbers[0]", value: 821012345678, path: true };
        const e = await rejection(runApplied("prod", [c]));
        assert.ok(e instanceof ConfigError, String(e));
        assert.strictEqual(e.key, "openwebui:alertSmsNumbers");
    });
});
