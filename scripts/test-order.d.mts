/** Types of scripts/test-order.mjs, for the tests that import it. */
export function expandSpec(root: string, spec: string[], ignore?: string[]): string[];
export function readDurations(file: string): Map<string, number>;
export function longestFirst(root: string, files: string[], durations: Map<string, number>): string[];
export function withSeed(durations: Map<string, number>, seedFile: string): Map<string, number>;
