/** Readers for untyped resource properties, shared by the cost model and the policy pack. */

export function asRecord(value: unknown): Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asArray(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}
