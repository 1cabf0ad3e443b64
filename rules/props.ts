/** Readers for untyped resource properties, shared by the cost model and the policy pack. */

export function asRecord(value: unknown): Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asArray(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

/** Provider config arrives JSON-encoded in a real preview and as an object under mocks. */
export function parseMaybeJson(value: unknown): unknown {
    if (typeof value === "string") {
        try {
            return JSON.parse(value);
        } catch {
            return value;
        }
    }
    return value;
}


/** The provider's default tags plus the resource's own, as AWS will see them. */
export function effectiveTags(props: Record<string, unknown>, providerProps?: Record<string, unknown>): Record<string, string> {
    const defaults = asRecord(asRecord(parseMaybeJson(providerProps?.defaultTags)).tags);
    return { ...defaults, ...asRecord(props.tags) } as Record<string, string>;
}

/** `urn:pulumi:stack::project::parent$type::name` → `type`. */
export function typeOfUrn(urn: string): string {
    // The last of the `$`-joined parent types is the resource's own (split always yields one part).
    return (urn.split("::")[2] ?? "").split("$").pop() as string;
}

export function nameOfUrn(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

export function projectOfUrn(urn: string): string {
    return urn.split("::")[1] ?? "";
}
