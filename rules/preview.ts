/**
 * Values a preview does not know yet. CrossGuard hands policies a proxy that throws an
 * UnknownValueError when a policy reads one (@pulumi/policy proxy.js), and the server turns that
 * throw into an advisory note: a mandatory policy that simply reads an unknown value is silently
 * skipped. Policies that must not be skipped read through `known` and decide the unknown case
 * themselves. The engine's sentinel strings and the mock engine's `{ __pulumiUnknown: true }`
 * count as unknown too, so unit tests and recordings reach the same branch.
 */

export const UNKNOWN: unique symbol = Symbol("unknown");
export type Maybe<T> = T | typeof UNKNOWN;

/** The engine's sentinels for unknown booleans, numbers, strings, arrays, assets, archives and objects (@pulumi/policy proxy.js). */
const SENTINELS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export function isUnknown(value: unknown): boolean {
    if (typeof value === "string") return SENTINELS.has(value);
    return value !== null && typeof value === "object" && (value as Record<string, unknown>).__pulumiUnknown === true;
}

/** `read()`, or UNKNOWN when it reads a value the preview does not know yet. */
export function known<T>(read: () => T): Maybe<T> {
    try {
        const value = read();
        return isUnknown(value) ? UNKNOWN : value;
    } catch (e) {
        if ((e as Error)?.constructor?.name === "UnknownValueError") return UNKNOWN;
        throw e;
    }
}

/** A list whose items the preview may know only in part: each unknown item becomes UNKNOWN (a lone value is a list of one). */
export function knownList(read: () => unknown): Maybe<unknown[]> {
    const value = known(read);
    if (value === UNKNOWN) return UNKNOWN;
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return [value];
    return Array.from({ length: value.length }, (_, i) => known(() => value[i]));
}
