/**
 * Values that are there to be replaced: documentation accounts, domains and address ranges. The
 * stack files ship with them so a new team sees every blank to fill in. `pulumi preview` and the
 * offline plan warn; `pulumi up` refuses them before registering anything.
 */
import { parseCidr, isCidr, cidrContains } from "@openwebui-aws/rules/cidr";

export interface Placeholder {
    key: string;
    value: string;
    what: string;
}

/** Sources: AWS documentation's example account id; RFC 2606 (example domains); RFC 5737 (IPv4 documentation ranges). */
const TEXT_PLACEHOLDERS: { pattern: RegExp; what: string }[] = [
    { pattern: /\b111122223333\b|\b123456789012\b/, what: "an AWS documentation account id" },
    { pattern: /(^|[@.])example\.(com|org|net)\b/i, what: "a documentation domain (RFC 2606)" },
];
const DOCUMENTATION_RANGES = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].map((c) => parseCidr(c)).filter(isCidr);

function placeholderIn(value: string): string | undefined {
    const text = TEXT_PLACEHOLDERS.find((p) => p.pattern.test(value));
    if (text) return text.what;
    for (const token of value.match(/\d{1,3}(\.\d{1,3}){3}\/\d{1,2}/g) ?? []) {
        const cidr = parseCidr(token);
        // A range that merely overlaps one (0.0.0.0/0 overlaps them all) is a real choice, not a blank.
        if (isCidr(cidr) && DOCUMENTATION_RANGES.some((d) => cidrContains(d, cidr))) return "a documentation address range (RFC 5737)";
    }
    return undefined;
}

/** Placeholders in the project's own keys, in key order. */
export function findPlaceholders(config: Record<string, string>, project: string): Placeholder[] {
    return Object.keys(config)
        .filter((k) => k.startsWith(`${project}:`))
        .sort()
        .flatMap((key) => {
            const what = placeholderIn(config[key]);
            return what ? [{ key, value: config[key], what }] : [];
        });
}
