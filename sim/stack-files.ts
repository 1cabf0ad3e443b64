/**
 * Reads config the way the Pulumi CLI would hand it to the program: Pulumi.yaml defaults for the
 * project's keys, overlaid by Pulumi.<stack>.yaml. The mock engine has no CLI to do this for it.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { sensitiveKeyOf } from "../config/sensitive";

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

/** A file as a user would name it: relative to where they are, unless it is elsewhere. */
function shown(file: string): string {
    const relative = path.relative(process.cwd(), file);
    return relative && !relative.startsWith("..") ? relative : file;
}

const kindOf = (value: unknown) => (Array.isArray(value) ? "a list" : `${typeof value === "string" ? "the text" : "the value"} ${JSON.stringify(value)}`);

function readYaml(file: string): unknown {
    try {
        return yaml.load(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new StackFileError(`cannot read ${shown(file)}: ${(e as Error).message.split("\n")[0]}`);
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

const isMap = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
const isSecure = (value: unknown) => isMap(value) && "secure" in value && Object.keys(value).length === 1;

/** What an encrypted value of a key without a stand-in becomes: config refuses a secret there first. */
export const UNDECRYPTABLE = "(encrypted: cannot be decrypted offline)";

/**
 * Encrypted values cannot be decrypted offline (they need the stack's Pulumi Cloud secrets provider):
 * each is replaced by its key's stand-in (config/sensitive.ts), whole or element by element, so a
 * list never shrinks. `standIns` records where.
 */
function withStandIns(key: string, value: unknown, where: string, standIns: string[]): unknown {
    if (isSecure(value)) {
        standIns.push(where);
        const sensitive = sensitiveKeyOf(key);
        if (!sensitive) return UNDECRYPTABLE;
        return sensitive.list && where === key ? [sensitive.standIn] : sensitive.standIn;
    }
    if (Array.isArray(value)) return value.map((v, i) => withStandIns(key, v, `${where}[${i}]`, standIns));
    if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withStandIns(key, v, `${where}.${k}`, standIns)]));
    return value;
}

export interface StackFiles {
    project: string;
    config: FlatConfig;
    /** Keys holding an encrypted value anywhere in them: what the CLI tells the program are secrets. */
    secretKeys: string[];
    /** Encrypted values the run uses stand-ins for, e.g. `openwebui:alertEmails[0]`. */
    standIns: string[];
}

export function loadStackFiles(stack: string, projectDir = PROJECT_DIR): StackFiles {
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
    const stackYaml = readYaml(stackFile) ?? {};
    // The CLI refuses these too, in words that do not say which part of the file is wrong.
    if (!isMap(stackYaml)) throw new StackFileError(`${shown(stackFile)}: must be a map with a config: section, got ${kindOf(stackYaml)}`);
    const own = stackYaml.config ?? {};
    if (!isMap(own)) throw new StackFileError(`${shown(stackFile)}: config: must be a map of key: value, got ${kindOf(own)}`);
    const secretKeys: string[] = [];
    const standIns: string[] = [];
    for (const [key, value] of Object.entries(own)) {
        const before = standIns.length;
        config[key] = asConfigString(withStandIns(key, value, key, standIns));
        if (standIns.length > before) secretKeys.push(key);
    }
    return { project: project.name, config, secretKeys, standIns };
}
