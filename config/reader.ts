/**
 * Typed, key-aware access to one config namespace. Every failure is a ConfigError that names the
 * key, the stack and what is wrong, so `pulumi preview` stops before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { sensitiveKeyOf } from "./sensitive";

/**
 * Whether the stack set a key as a secret. The SDK (3.x) exports `runtime.isConfigSecret`, fed by the
 * CLI's list of secret keys (a key counts when any value in it is encrypted), but marks it internal
 * so it has no type declaration. Without it, every key that may hold personal data or a credential
 * is treated as secret: wrongly secret is harmless, wrongly clear is a leak.
 */
const sdkIsConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: (fullKey: string) => boolean }).isConfigSecret;

export function isSecretConfig(fullKey: string): boolean {
    return sdkIsConfigSecret ? sdkIsConfigSecret(fullKey) : sensitiveKeyOf(fullKey) !== undefined;
}

export class ConfigError extends Error {
    constructor(
        readonly stack: string,
        readonly key: string,
        readonly problem: string,
    ) {
        super(`stack "${stack}": config "${key}": ${problem}`);
        this.name = "ConfigError";
    }
}

export class ConfigReader {
    private readonly config: pulumi.Config;

    constructor(
        readonly namespace: string,
        readonly stack: string,
    ) {
        this.config = new pulumi.Config(namespace);
    }

    /** Every key this reader was asked for: what the program reads. */
    readonly keysRead = new Set<string>();

    private get(key: string): string | undefined {
        this.keysRead.add(key.split(".")[0]);
        return this.config.get(key);
    }

    fullKey(key: string): string {
        return `${this.namespace}:${key}`;
    }

    fail(key: string, problem: string): never {
        throw new ConfigError(this.stack, this.fullKey(key), problem);
    }

    optionalString(key: string): string | undefined {
        const value = this.get(key);
        return value === undefined || value === "" ? undefined : value;
    }

    /** A value set with `pulumi config set --secret`, kept secret; undefined when unset. */
    optionalSecret(key: string): pulumi.Output<string> | undefined {
        this.keysRead.add(key);
        return this.config.getSecret(key);
    }

    /** True when the stack set this key, or an element of it, with `pulumi config set --secret`. */
    isSecret(key: string): boolean {
        return isSecretConfig(this.fullKey(key));
    }

    /** A value taken from `key` as the program hands it on: validated as plaintext, kept secret when the key is. */
    keep(key: string, value: string): pulumi.Input<string> {
        return this.isSecret(key) ? pulumi.secret(value) : value;
    }

    string(key: string): string {
        return this.optionalString(key) ?? this.fail(key, "is required (set it in Pulumi.yaml or the stack file)");
    }

    oneOf<T extends string>(key: string, allowed: readonly T[]): T {
        const value = this.string(key);
        if (!(allowed as readonly string[]).includes(value)) {
            this.fail(key, `"${value}" is not one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
        }
        return value as T;
    }

    integer(key: string): number {
        const raw = this.string(key);
        const value = Number(raw);
        if (!Number.isInteger(value)) {
            this.fail(key, `"${raw}" is not a whole number`);
        }
        return value;
    }

    number(key: string): number {
        const raw = this.string(key);
        const value = Number(raw);
        if (raw.trim() === "" || !Number.isFinite(value)) {
            this.fail(key, `"${raw}" is not a number`);
        }
        return value;
    }

    boolean(key: string): boolean {
        const raw = this.string(key);
        if (raw !== "true" && raw !== "false") {
            this.fail(key, `"${raw}" is not true or false`);
        }
        return raw === "true";
    }

    /** A structured (map) value from the stack file, or undefined when the key is not set. */
    optionalObject(key: string): Record<string, unknown> | undefined {
        const raw = this.get(key);
        if (raw === undefined || raw === "") return undefined;
        let value: unknown;
        try {
            value = JSON.parse(raw);
        } catch {
            this.fail(key, `is not a map: ${raw}`);
        }
        if (value === null || typeof value !== "object" || Array.isArray(value)) this.fail(key, `must be a map, got ${raw}`);
        return value as Record<string, unknown>;
    }

    /** A list of strings; a missing key is an error unless Pulumi.yaml gives a default. */
    stringList(key: string): string[] {
        const raw = this.get(key);
        if (raw === undefined) {
            this.fail(key, "is required (a list of strings)");
        }
        let value: unknown;
        try {
            value = JSON.parse(raw);
        } catch {
            this.fail(key, `is not a list: ${raw}`);
        }
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
            this.fail(key, `must be a list of strings, got ${raw}`);
        }
        return value as string[];
    }
}
