/**
 * IPv4 CIDR arithmetic, small and dependency-free, shared by config validation and policies.
 *
 * Kept by hand on purpose (checked 2026-11 against the maintained npm libraries): `netmask` 2.1
 * silently turns "10.0.0.1/16" into 10.0.0.0/16, "10.0/16" into 10.0.0.0/16 and "010.0.0.0/8" into
 * 8.0.0.0/8, and `ip-cidr` 4 accepts host bits and is ESM-only (the program is CommonJS). For
 * validating what a person typed, every one of those must be refused with the reason.
 */

export interface Ipv4Cidr {
    readonly text: string;
    readonly network: number; // first address as an unsigned 32-bit integer
    readonly prefix: number;
}

const CIDR_SHAPE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses "a.b.c.d/n"; returns a reason string instead of throwing so callers can name the config key. */
export function parseCidr(text: string): Ipv4Cidr | string {
    const m = CIDR_SHAPE.exec(text);
    if (!m) {
        return `"${text}" is not an IPv4 CIDR (expected a.b.c.d/n)`;
    }
    if (m.slice(1, 5).some((o) => o.length > 1 && o.startsWith("0"))) {
        return `"${text}" has an octet with a leading zero (read as octal by some tools); write it without`;
    }
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255)) {
        return `"${text}" has an octet above 255`;
    }
    if (prefix > 32) {
        return `"${text}" has a prefix length above 32`;
    }
    const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    const network = (address & mask(prefix)) >>> 0;
    if (network !== address) {
        // AWS rejects host bits in a VPC or subnet CIDR; say which network was probably meant.
        return `"${text}" has host bits set (did you mean ${formatAddress(network)}/${prefix}?)`;
    }
    return { text, network, prefix };
}

export function isCidr(value: Ipv4Cidr | string): value is Ipv4Cidr {
    return typeof value !== "string";
}

function mask(prefix: number): number {
    return prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
}

function lastAddress(c: Ipv4Cidr): number {
    return (c.network + 2 ** (32 - c.prefix) - 1) >>> 0;
}

function formatAddress(n: number): string {
    return [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join(".");
}

/** True when every address of `inner` is inside `outer` (blocks are aligned, so its first and last are enough). */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
    return inner.network >= outer.network && lastAddress(inner) <= lastAddress(outer);
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
    return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** "0.0.0.0/0" and "::/0": the two spellings of "anywhere". */
export function isAnywhere(cidr: string | undefined): boolean {
    return cidr === "0.0.0.0/0" || cidr === "::/0";
}

/**
 * True when every address of `target` lies in at least one of `cidrs`, taken together: 0.0.0.0/1
 * and 128.0.0.0/1 cover 0.0.0.0/0 as surely as one rule does. Entries that are not IPv4 CIDRs
 * (IPv6, unknown values) add nothing.
 */
export function cidrsCover(cidrs: readonly unknown[], target: string | Ipv4Cidr): boolean {
    const goal = typeof target === "string" ? parseCidr(target) : target;
    if (!isCidr(goal)) return false;
    const blocks = cidrs
        .map((c) => (typeof c === "string" ? parseCidr(c) : c))
        .filter((c): c is Ipv4Cidr => typeof c === "object" && c !== null && isCidr(c as Ipv4Cidr))
        .sort((a, b) => a.network - b.network);
    // Sweep from the target's first address: each block that starts at or before the next uncovered
    // address pushes the covered end forward; a gap means some address is left out.
    let next = goal.network;
    const end = lastAddress(goal);
    for (const b of blocks) {
        if (b.network > next) break;
        if (lastAddress(b) >= next) next = lastAddress(b) + 1;
    }
    return next > end;
}

/**
 * "Open to the world": `::/0`, or IPv4 CIDRs whose union is all of 0.0.0.0/0, however it is split.
 * Every check that decides whether something faces the whole internet asks this.
 */
export function coversWholeInternet(cidrs: readonly unknown[]): boolean {
    return cidrs.some((c) => c === "::/0") || cidrsCover(cidrs, "0.0.0.0/0");
}
