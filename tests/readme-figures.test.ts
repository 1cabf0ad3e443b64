/**
 * Every dollar figure in the README comes from somewhere a reader can check: a generated section
 * (npm run docs), a sourced price (rules/cost/prices.ts), what `npm run plan` prints for a stack or
 * a lever, a stack's target or budget, the design document itself, or a paragraph that says it was
 * measured once and when. A figure typed from memory fails here.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { MONTHLY_TARGET_USD } from "@openwebui-aws/rules/cost/targets";
import { HOURS_PER_MONTH } from "@openwebui-aws/rules/cost/prices";
import { leverCosts } from "../plan/levers";
import { cachedPlan } from "../plan/plan-cache";
import { DOCS_AS_OF } from "../plan/readme-sections";
import { PROJECT_DIR } from "../sim/stack-files";

const read = (...p: string[]) => fs.readFileSync(path.join(PROJECT_DIR, ...p), "utf8");
const cents = (n: number) => Math.round(n * 100);

/** The README's paragraphs (blank-line separated), generated sections left out: a test holds those. */
function paragraphs(readme: string): string[] {
    const hand = readme.replace(/<!-- BEGIN generated:(\w+)[^>]*-->[\s\S]*?<!-- END generated:\1 -->/g, "");
    // A list item or a table row stands for itself, like a paragraph.
    return hand.split(/\n\s*\n|\n(?=\s*(?:[-*] |\|))/);
}

/** `$1,234.56` figures, as cents. */
function figuresIn(text: string): { text: string; cents: number }[] {
    return [...text.matchAll(/\$(\d[\d,]*(?:\.\d+)?)/g)].map((m) => ({ text: m[0], cents: cents(Number(m[1].replace(/,/g, ""))) }));
}

async function knownFigures(): Promise<{ plan: Set<number>; prices: Set<number>; design: string }> {
    const planned = new Set<number>();
    for (const stack of Object.keys(MONTHLY_TARGET_USD)) {
        const p = await cachedPlan(stack, DOCS_AS_OF);
        planned.add(cents(p.cost.monthlyUsd));
        if (p.cost.budgetUsd !== undefined) planned.add(cents(p.cost.budgetUsd));
        p.cost.lineItems.forEach((i) => planned.add(cents(i.monthlyUsd)));
        planned.add(cents(MONTHLY_TARGET_USD[stack]));
    }
    for (const l of await leverCosts(DOCS_AS_OF)) planned.add(cents(Math.abs(l.differenceUsd)));
    // A sourced unit price, and the same price for a month of hours.
    const prices = new Set<number>();
    for (const m of read("rules", "cost", "prices.ts").matchAll(/:\s*(\d+(?:\.\d+)?)\b/g)) {
        prices.add(cents(Number(m[1])));
        prices.add(cents(Number(m[1]) * HOURS_PER_MONTH));
    }
    return { plan: planned, prices, design: read("docs", "reference", "aws-environment-design.ko.md") };
}

type Known = Awaited<ReturnType<typeof knownFigures>>;

const MEASURED = /measured[\s\S]*?\d{4}-\d{2}-\d{2}/i;
/** A timing or a test count: only a measurement can back it, with its date and the machine's size. */
const TIMING = /\b\d+(?:\.\d+)?(?:–\d+(?:\.\d+)?)? ?(?:s|ms|min)\b|\b\d+ tests\b/;
const ABOUT_SPEED = /npm test|npm run (?:bench|unit)|\bmocha\b|wall time|whole process/i;

/** What in these paragraphs has no source, as one line each. */
function unaccounted(paras: string[], known: Known): string[] {
    const out: string[] = [];
    for (const para of paras) {
        const first = para.trim().split("\n")[0].slice(0, 100);
        const measured = MEASURED.test(para) && /\d+ (?:cores|vCPU)/.test(para);
        const citesDesign = /design/i.test(para);
        for (const f of figuresIn(para)) {
            const bare = f.text.slice(1);
            const ok =
                known.plan.has(f.cents) ||
                known.prices.has(f.cents) ||
                f.cents === 0 ||
                measured ||
                (citesDesign && new RegExp(`\\$\\s?${bare.replace(/[.,]/g, "[.,]?")}\\b`).test(known.design));
            if (!ok) out.push(`${f.text} in: ${first}`);
        }
        if (ABOUT_SPEED.test(para) && TIMING.test(para) && !measured) out.push(`${TIMING.exec(para)?.[0]} in: ${first} (a timing or count: say "measured" with the date and the machine's cores)`);
    }
    return out;
}

describe("README figures", () => {
    it("every dollar figure is generated, sourced, planned, the design's own or marked as measured; every timing is a dated measurement", async () => {
        const known = await knownFigures();
        // The stack files' comments quote figures too: each comment block is a paragraph.
        const texts = [read("README.md"), ...Object.keys(MONTHLY_TARGET_USD).map((s) => read(`Pulumi.${s}.yaml`))];
        assert.deepStrictEqual(unaccounted(texts.flatMap(paragraphs), known), [], "figures with no source: generate them (npm run docs), cite a price, or mark the paragraph as measured with its date and machine");
    });

    it("the checker itself refuses a figure typed by hand and an undated timing, and accepts their sourced forms", async () => {
        const known = await knownFigures();
        assert.deepStrictEqual(unaccounted(["- `natGatewayStrategy: instance` (dev): −$82 against perAz"], known), ["$82 in: - `natGatewayStrategy: instance` (dev): −$82 against perAz"]);
        const lever = (await leverCosts(DOCS_AS_OF)).find((l) => l.instead === "perAz");
        assert.ok(lever);
        assert.deepStrictEqual(unaccounted([`- against perAz: −$${Math.abs(lever.differenceUsd).toFixed(2)}`], known), []);
        assert.strictEqual(unaccounted(["`npm test` takes 41 s on a quiet machine."], known).length, 1);
        assert.strictEqual(unaccounted(["`npm test` takes 41 s, measured 2026-12-07 on 2 cores / 24 GiB."], known).length, 0);
        assert.strictEqual(unaccounted(["The design's table says $228 (us-east-1)."], known).length, 0, "the design's own figure");
        assert.strictEqual(unaccounted(["The design's table says $229 (us-east-1)."], known).length, 1, "not in the design");
    });
});
