/**
 * The README's config table: every key Pulumi.yaml declares (its default and the first sentence of
 * its description), the keys config/ reads beside it (node groups, the OpenAI key), and what each
 * stack file sets, with the values left there to be replaced marked.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { STRUCTURED_CONFIG_KEYS, SUPPORTED_REGIONS } from "../../config";
import { DESIGN_NODE_GROUPS } from "../../config/node-groups";
import { findPlaceholders } from "../../config/placeholders";
import { MONTHLY_TARGET_USD } from "@openwebui-aws/rules/cost/targets";
import { PROJECT_DIR, readProjectFile } from "../../sim/stack-files";
import { cell } from "./policies";

/** Lists and maps as they would be written in YAML flow style, so a reader can copy them into a stack file. */
function shown(value: unknown): string {
    if (value === "") return '`""`';
    if (Array.isArray(value)) return `\`[${value.map((v) => String(v)).join(", ")}]\``;
    if (value !== null && typeof value === "object") return `\`${JSON.stringify(value).replace(/"/g, "").replace(/,/g, ", ").replace(/:/g, ": ")}\``;
    return `\`${String(value)}\``;
}

/** The first sentence: a table row, not the whole description (Pulumi.yaml has the rest). */
export function firstSentence(text: string): string {
    const flat = text.replace(/\s+/g, " ").trim();
    const end = /(?<!\be\.g|\bi\.e)\.(?= [A-Z`])/.exec(flat);
    return end ? flat.slice(0, end.index + 1) : flat;
}

function stackConfig(stack: string): Record<string, unknown> {
    const file = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> };
    return file.config ?? {};
}

/** A stack's value, marked when it is a placeholder the stack must replace before `pulumi up`. */
function stackCell(key: string, value: unknown, project: string): string {
    if (value === undefined) return "";
    const text = typeof value === "string" ? value : JSON.stringify(value);
    const placeholder = findPlaceholders({ [key]: text }, project).length > 0;
    return `${shown(value)}${placeholder ? " — replace" : ""}`;
}

const nodeGroupDefault = (g: (typeof DESIGN_NODE_GROUPS)[string]) =>
    `${g.instanceTypes.join(", ")} ${g.capacityType} ${g.amiType}, min ${g.minSize} / desired ${g.desiredSize} / max ${g.maxSize}${g.taints.length ? `, taint ${g.taints.join(", ")}` : ""}`;

const STRUCTURED_NOTES: Record<(typeof STRUCTURED_CONFIG_KEYS)[number], string> = {
    nodeGroups: "a map Pulumi.yaml cannot declare: each stack changes a field of a design group, drops one (`spot: null`) or adds its own (`new: true`)",
    openaiApiKey: "not declared (a declared key without a default is required in every stack): set it `--secret` when `openaiModels` lists models",
};

export async function configTable(): Promise<string> {
    const project = readProjectFile();
    const name = project.name;
    // The shipped stacks (those with a cost target), not every Pulumi.*.yaml: tests may write others.
    const names = Object.keys(MONTHLY_TARGET_USD);
    const stacks = names.map(stackConfig);
    const row = (key: string, type: string, def: string, values: string[], about: string) => `| \`${key}\` | ${type} | ${def} | ${values.join(" | ")} | ${cell(about)} |`;
    const rows = [
        `| key | type | default (Pulumi.yaml) | ${names.join(" | ")} | what it is |`,
        `|---|---|---|${names.map(() => "---").join("|")}|---|`,
        row("aws:region", "string", "—", stacks.map((s) => stackCell("aws:region", s["aws:region"], name)), `The AWS region; the program supports ${SUPPORTED_REGIONS.join(", ")}.`),
    ];
    for (const [key, decl] of Object.entries(project.config ?? {})) {
        const d = decl as { type?: string; default?: unknown; description?: string };
        const full = `${name}:${key}`;
        const def = d.default === undefined ? "— (required)" : shown(d.default);
        rows.push(row(full, d.type ?? "string", def, stacks.map((s) => stackCell(full, s[full], name)), firstSentence(d.description ?? "")));
    }
    for (const key of STRUCTURED_CONFIG_KEYS) {
        const full = `${name}:${key}`;
        if (key === "nodeGroups") {
            for (const [group, spec] of Object.entries(DESIGN_NODE_GROUPS)) {
                const values = stacks.map((s) => stackCell(full, (s[full] as Record<string, unknown> | undefined)?.[group], name));
                rows.push(row(`${full}.${group}`, "map", cell(nodeGroupDefault(spec)), values, `The design's ${group} node group; ${STRUCTURED_NOTES.nodeGroups}.`));
            }
        } else {
            rows.push(row(full, "secret", "—", stacks.map((s) => stackCell(full, s[full], name)), `${STRUCTURED_NOTES[key]}.`));
        }
    }
    return rows.join("\n");
}
