/**
 * Reads config the way the Pulumi CLI would hand it to the program: Pulumi.yaml defaults for the
 * project's keys, overlaid by Pulumi.<stack>.yaml. The mock engine has no CLI to do this for it.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

export const PROJECT_DIR = path.resolve(__dirname, "..");

export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

interface ProjectFile {
    name: string;
    config?: Record<string, { default?: unknown; value?: unknown }>;
}

export type FlatConfig = Record<string, string>;

function readYaml(file: string): unknown {
    try {
        return yaml.load(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new StackFileError(`cannot read ${path.relative(process.cwd(), file) || file}: ${(e as Error).message.split("\n")[0]}`);
    }
}

/** Config values reach the program as strings; lists and maps as JSON, like the CLI sends them. */
function asConfigString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

export function readProjectFile(projectDir = PROJECT_DIR): ProjectFile {
    return readYaml(path.join(projectDir, "Pulumi.yaml")) as ProjectFile;
}

/** The stacks that have a Pulumi.<stack>.yaml next to Pulumi.yaml. */
export function listStacks(projectDir = PROJECT_DIR): string[] {
    return fs
        .readdirSync(projectDir)
        .map((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

const isSecure = (value: unknown) => value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in (value as object) && Object.keys(value as object).length === 1;

function withoutSecrets(value: unknown, path: string, leftOut: string[]): unknown {
    if (Array.isArray(value)) {
        return value.flatMap((v, i) => (isSecure(v) ? (leftOut.push(`${path}[${i}]`), []) : [withoutSecrets(v, `${path}[${i}]`, leftOut)]));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => (isSecure(v) ? (leftOut.push(`${path}.${k}`), []) : [[k, withoutSecrets(v, `${path}.${k}`, leftOut)]])),
        );
    }
    return value;
}

export function loadStackFiles(stack: string, projectDir = PROJECT_DIR): { project: string; config: FlatConfig; secretsLeftOut: string[] } {
    const project = readProjectFile(projectDir);
    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile)) {
        const known = listStacks(projectDir);
        throw new StackFileError(
            `unknown stack "${stack}": there is no Pulumi.${stack}.yaml (stacks here: ${known.join(", ") || "none"})`,
        );
    }
    const config: FlatConfig = {};
    for (const [key, decl] of Object.entries(project.config ?? {})) {
        const fullKey = key.includes(":") ? key : `${project.name}:${key}`;
        const value = decl?.value ?? decl?.default;
        if (value !== undefined) {
            config[fullKey] = asConfigString(value);
        }
    }
    const stackYaml = (readYaml(stackFile) ?? {}) as { config?: Record<string, unknown> };
    const secretsLeftOut: string[] = [];
    for (const [key, value] of Object.entries(stackYaml.config ?? {})) {
        // Encrypted values cannot be decrypted offline: the run goes on as if they were not set
        // (a secret list element is left out of its list), and says which were.
        if (isSecure(value)) {
            secretsLeftOut.push(key);
            continue;
        }
        config[key] = asConfigString(withoutSecrets(value, key, secretsLeftOut));
    }
    return { project: project.name, config, secretsLeftOut };
}
