/**
 * The Pulumi CLI passes a stack file's keys to the program without checking them against
 * Pulumi.yaml, so a typo (`natGatewaystrategy: single`) would silently leave the default in place.
 * After every key has been read, any key of this project's namespace that was not read — or any key
 * in a namespace that is a near-miss of it — stops the program, with the closest real key.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, ConfigReader } from "./reader";

/** Namespaces of providers and tools that legitimately sit beside the project's own. */
const OTHER_NAMESPACES = new Set(["aws", "pulumi", "kubernetes", "eks", "awsx", "random", "tls", "command"]);

export function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

/** The known key closest to `key` (case-insensitive first, then by edit distance), if any is close. */
export function closest(key: string, known: Iterable<string>): string | undefined {
    let best: { key: string; distance: number } | undefined;
    for (const candidate of known) {
        const distance = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(candidate.toLowerCase(), key.toLowerCase());
        if (!best || distance < best.distance) best = { key: candidate, distance };
    }
    return best && best.distance <= Math.max(2, Math.floor(key.length / 4)) ? best.key : undefined;
}

export function refuseUnknownKeys(own: ConfigReader, config: Record<string, string> = pulumi.runtime.allConfig()): void {
    const project = own.namespace;
    for (const fullKey of Object.keys(config).sort()) {
        const [namespace, ...rest] = fullKey.split(":");
        const key = rest.join(":");
        if (namespace === project) {
            if (own.keysRead.has(key)) continue;
            const guess = closest(key, own.keysRead);
            own.fail(key, `is not a setting of ${project}${guess ? `: did you mean ${project}:${guess}?` : " (see Pulumi.yaml for the keys there are)"}`);
        }
        if (!OTHER_NAMESPACES.has(namespace) && (namespace.toLowerCase() === project || editDistance(namespace.toLowerCase(), project) <= 2)) {
            const guess = own.keysRead.has(key) ? key : closest(key, own.keysRead);
            throw new ConfigError(own.stack, fullKey, `"${namespace}" is not this project's namespace${guess ? `: did you mean ${project}:${guess}?` : ""}`);
        }
    }
}
