/**
 * The pack's policy table and the security deviations table, rendered from the policies'
 * metadata, the per-stack pack config and rules/deviations.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { DEVIATIONS } from "@openwebui-aws/rules/deviations";
import { policies } from "../../policy-pack/policies";
import { PROJECT_DIR } from "../../sim/stack-files";

/** A table cell: pipes would end the cell early and newlines the row. */
export const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

type PackSetting = string | Record<string, unknown> | undefined;

function packConfig(stack: string): Record<string, PackSetting> {
    return JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "policy-pack", "config", `${stack}.json`), "utf8")) as Record<string, PackSetting>;
}

/** The level a stack runs a policy at, and the settings its pack config gives it beside the level. */
function enforcement(declared: string, setting: PackSetting): string {
    if (typeof setting === "string") return setting;
    if (setting === undefined) return declared;
    const { enforcementLevel, ...rest } = setting;
    const level = typeof enforcementLevel === "string" ? enforcementLevel : declared;
    const settings = Object.entries(rest).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v).replace(/"/g, "").replace(/,/g, ", ").replace(/:/g, ": ") : String(v)}`);
    return settings.length ? `${level} (${settings.join("; ")})` : level;
}

/** The stacks with a pack config, in name order. */
export const PACK_STACKS = fs
    .readdirSync(path.join(PROJECT_DIR, "policy-pack", "config"))
    .flatMap((f) => /^(.+)\.json$/.exec(f)?.[1] ?? [])
    .sort();

export async function policyTable(): Promise<string> {
    const configs = PACK_STACKS.map(packConfig);
    return [
        `| policy | ${PACK_STACKS.join(" | ")} | rule |`,
        `|---|${PACK_STACKS.map(() => "---").join("|")}|---|`,
        ...policies.map((p) => `| ${p.name} | ${configs.map((c) => cell(enforcement(p.enforcementLevel ?? "advisory", c[p.name]))).join(" | ")} | ${cell(p.description)} |`),
    ].join("\n");
}

export async function deviationsTable(): Promise<string> {
    return [
        "| check | decision | reason | pack policy |",
        "|---|---|---|---|",
        ...DEVIATIONS.map((d) => `| ${cell(d.check)} | ${cell(d.decision)} | ${cell(d.reason)} | ${d.policy ? `\`${d.policy}\`` : "none"} |`),
    ].join("\n");
}
