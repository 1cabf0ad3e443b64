/**
 * README sections written by a command, not by hand: each is rendered from the single source it
 * summarises, between markers, and `tests/readme-generated.test.ts` fails when the committed README
 * differs from what `npm run docs` would write.
 */
import { leverCosts } from "./levers";

export type SectionRenderer = (asOf: string) => Promise<string>;

const usd = (n: number) => `${n < 0 ? "−" : "+"}$${Math.abs(n).toFixed(2)}`;

async function leversTable(asOf: string): Promise<string> {
    const rows = await leverCosts(asOf);
    return [
        "| stack | setting | instead of | a month | what it gives up |",
        "|---|---|---|---|---|",
        ...rows.map((l) => `| ${l.stack} | \`${l.key}: ${l.value}\` | \`${l.instead}\` | ${usd(l.differenceUsd)} | ${l.givesUp} |`),
    ].join("\n");
}

export const SECTIONS: Record<string, SectionRenderer> = {
    levers: leversTable,
};

const begin = (name: string) => `<!-- BEGIN generated:${name} (npm run docs) -->`;
const end = (name: string) => `<!-- END generated:${name} -->`;

/** The text between a section's markers, or undefined when the README has no such section. */
export function sectionOf(readme: string, name: string): string | undefined {
    const start = readme.indexOf(begin(name));
    const stop = readme.indexOf(end(name));
    if (start < 0 || stop < start) return undefined;
    return readme.slice(start + begin(name).length, stop).trim();
}

export function withSection(readme: string, name: string, body: string): string {
    const start = readme.indexOf(begin(name));
    const stop = readme.indexOf(end(name));
    if (start < 0 || stop < start) throw new Error(`README.md has no ${begin(name)} … ${end(name)} markers`);
    return `${readme.slice(0, start)}${begin(name)}\n${body}\n${readme.slice(stop)}`;
}

/** The day generated figures are priced as: fixed, so the README does not change with the calendar. */
export const DOCS_AS_OF = "2026-12-07";
