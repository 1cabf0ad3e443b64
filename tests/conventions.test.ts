import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { azSuffix, checkName, Namer } from "@openwebui-aws/rules/naming";
import { listTaggableAwsTypes, TAGGABLE_TYPES_FILE } from "../scripts/list-taggable-aws-types";
import { cidrContains, cidrsOverlap, isCidr, parseCidr } from "@openwebui-aws/rules/cidr";
import * as ts from "typescript";
import { PROJECT_DIR } from "../sim/stack-files";

describe("naming convention", () => {
    it("builds the design's example names", () => {
        const names = new Namer("openwebui", "dev");
        assert.strictEqual(names.of("vpc"), "openwebui-vpc-dev");
        assert.strictEqual(names.of("public-subnet", azSuffix("ap-northeast-2a")), "openwebui-public-subnet-dev-a");
        assert.strictEqual(names.of("eks"), "openwebui-eks-dev");
    });

    it("refuses to build a name that breaks the rule", () => {
        assert.throws(() => new Namer("openwebui", "dev").of("Bad_Type"), /naming rule broken/);
    });

    it("rejects upper case, double hyphens and foreign projects", () => {
        assert.ok(checkName("openwebui-VPC-dev", "openwebui", "dev"));
        assert.ok(checkName("openwebui--vpc-dev", "openwebui", "dev"));
        assert.ok(checkName("other-vpc-dev", "openwebui", "dev"));
        assert.strictEqual(checkName("openwebui-nat-eip-prod-c", "openwebui", "prod"), undefined);
    });
});

describe("taggable AWS types", () => {
    it("match the installed @pulumi/aws (run `npm run taggable` after an SDK upgrade)", () => {
        const sdkRoot = path.dirname(require.resolve("@pulumi/aws/package.json"));
        const committed = JSON.parse(fs.readFileSync(TAGGABLE_TYPES_FILE, "utf8"));
        const installed = listTaggableAwsTypes(sdkRoot);
        assert.deepStrictEqual(committed, installed);
        assert.ok(installed.includes("aws:ec2/vpc:Vpc") && installed.includes("aws:eks/cluster:Cluster"));
        assert.ok(!installed.includes("aws:ec2/route:Route"));
    });
});

describe("CIDR arithmetic", () => {
    const c = (text: string) => {
        const parsed = parseCidr(text);
        if (!isCidr(parsed)) throw new Error(parsed);
        return parsed;
    };
    it("contains and overlaps", () => {
        assert.ok(cidrContains(c("10.0.0.0/16"), c("10.0.20.0/24")));
        assert.ok(!cidrContains(c("10.0.0.0/16"), c("10.1.0.0/24")));
        assert.ok(!cidrContains(c("10.0.1.0/24"), c("10.0.0.0/16")));
        assert.ok(cidrsOverlap(c("10.0.1.0/24"), c("10.0.1.128/25")));
        assert.ok(!cidrsOverlap(c("10.0.1.0/24"), c("10.0.2.0/24")));
        assert.ok(cidrContains(c("0.0.0.0/0"), c("255.255.255.0/24")));
    });
    it("explains what is malformed", () => {
        assert.match(parseCidr("10.0.0/16") as string, /not an IPv4 CIDR/);
        assert.match(parseCidr("10.0.0.1/16") as string, /host bits/);
    });
    it("refuses what the npm CIDR libraries silently reinterpret (why this stays hand-written)", () => {
        assert.match(parseCidr("10.0.0.1/16") as string, /did you mean 10\.0\.0\.0\/16/);
        assert.match(parseCidr("10.0/16") as string, /not an IPv4 CIDR/);
        assert.match(parseCidr("010.0.0.0/8") as string, /leading zero/);
        assert.match(parseCidr("10.0.0.0") as string, /not an IPv4 CIDR/);
    });
});

/** Every .ts file under `dir` (node_modules, build output and the pack's staging folders aside). */
function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return ["node_modules", "dist", ".published-pack"].includes(e.name) ? [] : sourceFiles(full);
        return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
    });
}

/**
 * What a file imports, as TypeScript reads it (import and export-from declarations, require(),
 * import() and import types), each relative specifier resolved to a path in the repository.
 */
function importsOf(file: string, text = fs.readFileSync(file, "utf8")): string[] {
    const { importedFiles } = ts.preProcessFile(text, true, true);
    return importedFiles.map((i) => i.fileName).filter((spec) => spec.startsWith(".")).map((spec) => path.resolve(path.dirname(file), spec));
}

const under = (dir: string) => (target: string) => target === dir || target.startsWith(dir + path.sep);

/** `file → imported path` for every import from a file under `from` of something under `to`. */
function crossings(from: string, to: string): string[] {
    const [fromDir, toDir] = [from, to].map((d) => path.join(PROJECT_DIR, d));
    return sourceFiles(fromDir).flatMap((file) => importsOf(file).filter(under(toDir)).map((target) => `${path.relative(PROJECT_DIR, file)} → ${path.relative(PROJECT_DIR, target)}`));
}

describe("layering: what may import what", () => {
    it("reads imports the way TypeScript does, so a check of none found cannot pass by missing them", () => {
        const file = path.join(PROJECT_DIR, "components", "app", "x.ts");
        const text = [
            'import { AppConfig } from "../../config/app";',
            'import type { OpsConfig } from "../../config/ops";',
            'export { readStackConfig } from "../../config";',
            'const r = require("../../config/releases");',
            'type N = import("../../config/network").NetworkConfig;',
        ].join("\n");
        assert.deepStrictEqual(
            importsOf(file, text).map((t) => path.relative(PROJECT_DIR, t)),
            ["config/app", "config/ops", "config", "config/releases", "config/network"].map((p) => p.split("/").join(path.sep)),
        );
        // The other direction is allowed and happens: config maps itself onto the components' Args.
        assert.ok(crossings("config", "components").length > 0);
        assert.ok(crossings("deployment", "policy-pack").some((c) => c.endsWith(path.join("policy-pack", "published"))));
    });

    it("components/ imports nothing from config/: each component's Args are its own, and config maps onto them", () => {
        assert.ok(sourceFiles(path.join(PROJECT_DIR, "components")).length > 20);
        assert.deepStrictEqual(crossings("components", "config"), []);
    });

    it("sim/ imports nothing from deployment/ (what both need lives in policy-pack/published.ts)", () => {
        assert.ok(sourceFiles(path.join(PROJECT_DIR, "sim")).length > 5);
        assert.deepStrictEqual(crossings("sim", "deployment"), []);
    });

    it("config/ does not ask the cost model: prices are the plan's and the cost policy's to refuse", () => {
        assert.deepStrictEqual([...crossings("config", "rules/cost"), ...crossings("config", "plan")], []);
        const viaPackage = sourceFiles(path.join(PROJECT_DIR, "config")).filter((f) =>
            ts.preProcessFile(fs.readFileSync(f, "utf8"), true, true).importedFiles.some((i) => i.fileName.startsWith("@openwebui-aws/rules/cost")),
        );
        assert.deepStrictEqual(viaPackage.map((f) => path.relative(PROJECT_DIR, f)), []);
    });
});
