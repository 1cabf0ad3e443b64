/**
 * Each component owns its inputs: Args of its own, every field documented with its default (or as
 * required), as pulumi-eks documents ClusterOptions; and the Args go to `super()`, so that they are
 * the component's inputs in state, where a preview, a policy and `pulumi stack export` see them.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { PROJECT_DIR } from "../sim/stack-files";
import { ofType, run } from "./helpers";

const COMPONENTS = ["network", "cluster", "ops", "app", "recovery"].map((c) => path.join(PROJECT_DIR, "components", c, "index.ts"));

const parse = (file: string) => ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);

/** Every interface declared under components/, by name: the Args and the types their fields use. */
function componentInterfaces(): Map<string, ts.InterfaceDeclaration> {
    const found = new Map<string, ts.InterfaceDeclaration>();
    const walk = (dir: string): void => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, e.name);
            if (e.isDirectory()) walk(full);
            else if (e.name.endsWith(".ts")) {
                parse(full).statements.filter(ts.isInterfaceDeclaration).forEach((i) => found.set(i.name.text, i));
            }
        }
    };
    walk(path.join(PROJECT_DIR, "components"));
    return found;
}

/** The class that extends ComponentResource, the name of its constructor's Args type, and what it passes to super(). */
function component(file: string): { className: string; argsType: string; superArgs: string } {
    const source = parse(file);
    const cls = source.statements.filter(ts.isClassDeclaration).find((c) => c.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText(source) === "pulumi.ComponentResource")));
    assert.ok(cls?.name, `${file} declares no ComponentResource`);
    const ctor = cls.members.find(ts.isConstructorDeclaration);
    assert.ok(ctor?.body, `${cls.name.text} has no constructor`);
    const argsParam = ctor.parameters[1];
    assert.ok(argsParam?.type && ts.isTypeReferenceNode(argsParam.type), `${cls.name.text}'s second parameter is not a named Args type`);
    let superArgs = "";
    const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) superArgs = node.arguments[2]?.getText(source) ?? "";
        else ts.forEachChild(node, visit);
    };
    visit(ctor.body);
    return { className: cls.name.text, argsType: argsParam.type.typeName.getText(source), superArgs: superArgs === argsParam.name.getText(source) ? "args" : superArgs };
}

const docOf = (member: ts.TypeElement): string =>
    ts
        .getJSDocCommentsAndTags(member)
        .map((d) => d.getText())
        .join(" ");

/**
 * Problems with an interface's documentation: every field needs TSDoc that says what the default is
 * (an optional field) or that it is required; fields whose type is another interface of components/
 * are checked the same way.
 */
function docProblems(name: string, interfaces: Map<string, ts.InterfaceDeclaration>, seen = new Set<string>()): string[] {
    if (seen.has(name)) return [];
    seen.add(name);
    const decl = interfaces.get(name);
    if (!decl) return [`${name} is not an interface declared in components/`];
    // An extended interface brings fields documented (or not) elsewhere: Args list their own.
    const problems = decl.heritageClauses ? [`${name} extends ${decl.heritageClauses.flatMap((h) => h.types.map((t) => t.getText())).join(", ")}: give it fields of its own`] : [];
    for (const member of decl.members) {
        const field = `${name}.${member.name?.getText() ?? "?"}`;
        const doc = docOf(member);
        if (!ts.isPropertySignature(member)) problems.push(`${field} is not a plain field`);
        else if (doc === "") problems.push(`${field} has no TSDoc`);
        else if (member.questionToken && !/\bDefault\b/.test(doc)) problems.push(`${field} is optional but its TSDoc does not say its default ("Default: …")`);
        else if (!member.questionToken && !/\bRequired\b/.test(doc)) problems.push(`${field} is required but its TSDoc does not say so ("Required.")`);
        // The field's own types, when they are components' interfaces too (SubnetPlan, NodeGroupSettings…).
        const refs: string[] = [];
        const collect = (n: ts.Node): void => {
            if (ts.isTypeReferenceNode(n)) refs.push(n.typeName.getText());
            ts.forEachChild(n, collect);
        };
        if (ts.isPropertySignature(member) && member.type) collect(member.type);
        refs.filter((r) => interfaces.has(r)).forEach((r) => problems.push(...docProblems(r, interfaces, seen)));
    }
    return problems;
}

describe("component Args", () => {
    const interfaces = componentInterfaces();

    it("each component takes Args of its own, every field documented with its default or as required", () => {
        const argsTypes = COMPONENTS.map((f) => component(f).argsType);
        assert.deepStrictEqual(argsTypes, ["OpenWebUINetworkArgs", "OpenWebUIClusterArgs", "OpenWebUIOpsArgs", "OpenWebUIAppArgs", "OpenWebUIRecoveryArgs"]);
        const checked = new Set<string>();
        const problems = argsTypes.flatMap((t) => docProblems(t, interfaces, checked));
        assert.deepStrictEqual(problems, []);
        // The nested settings were reached and checked too, not only the four top-level interfaces.
        for (const nested of ["SubnetPlan", "NodeGroupSettings", "Taint", "SlackChannel", "DatabaseSettings", "RecoveryCopyTarget"]) assert.ok(checked.has(nested), `${nested} was not checked`);
    });

    it("finds an undocumented field, a default left unsaid and an inherited field", () => {
        const source = ts.createSourceFile(
            "x.ts",
            [
                "interface Inner {",
                "    /** Required. */",
                "    a: string;",
                "    b: number; // a comment is not TSDoc",
                "}",
                "interface Args {",
                "    /** The zone. */",
                "    zone?: string;",
                "    /** Required. */",
                "    inner: Inner[];",
                "    /** Default: none. */",
                "    c?: string;",
                "}",
                "interface Wide extends Inner {",
                "    /** Required. */",
                "    d: string;",
                "}",
            ].join("\n"),
            ts.ScriptTarget.Latest,
            true,
        );
        const local = new Map(source.statements.filter(ts.isInterfaceDeclaration).map((i) => [i.name.text, i]));
        assert.deepStrictEqual(docProblems("Args", local), ["Args.zone is optional but its TSDoc does not say its default (\"Default: …\")", "Inner.b has no TSDoc"]);
        assert.match(docProblems("Wide", local)[0], /Wide extends Inner: give it fields of its own/);
    });

    it("each component passes its Args to super(), so that they are its inputs in state", () => {
        for (const file of COMPONENTS) {
            const { className, superArgs } = component(file);
            assert.strictEqual(superArgs, "args", `${className} passes ${superArgs || "nothing"} to super() instead of its args`);
        }
    });

    describe("a run records each component's inputs", () => {
        const key = "sk-proj-component-inputs-test";
        let r: Awaited<ReturnType<typeof run>>;
        before(async () => {
            r = await run("prod", { overrides: { "openwebui:openaiModels": JSON.stringify(["gpt-4o-mini"]), "openwebui:openaiApiKey": key } });
        });
        const inputsOf = (type: string) => {
            const [c] = ofType(r, `openwebui:index:${type}`);
            assert.ok(c, `no ${type} registered`);
            return c.inputs;
        };

        it("the same values the component built its children from", () => {
            const [vpc] = ofType(r, "aws:ec2/vpc:Vpc");
            assert.strictEqual(inputsOf("OpenWebUINetwork").vpcCidr, vpc.inputs.cidrBlock);
            const [cluster] = ofType(r, "eks:index:Cluster");
            assert.strictEqual(inputsOf("OpenWebUICluster").kubernetesVersion, cluster.inputs.version);
            assert.deepStrictEqual(
                inputsOf("OpenWebUICluster").nodeGroups.map((g: { name: string; maxSize: number }) => [`openwebui-${g.name}-nodes-prod`, g.maxSize]),
                ofType(r, "aws:eks/nodeGroup:NodeGroup").map((g) => [g.inputs.nodeGroupName, g.inputs.scalingConfig.maxSize]),
            );
            const [budget] = ofType(r, "aws:budgets/budget:Budget");
            assert.strictEqual(inputsOf("OpenWebUIOps").budgetMonthlyUsd.toFixed(2), budget.inputs.limitAmount);
            assert.strictEqual(inputsOf("OpenWebUIApp").namespace, ofType(r, "kubernetes:core/v1:Namespace").find((n) => n.name === "openwebui-app-namespace-prod")?.inputs.metadata.name);
            // A value from another resource arrives as that resource resolves it.
            assert.strictEqual(inputsOf("OpenWebUICluster").vpcId, `${vpc.name}-id`);
        });

        it("with secrets still secret: the API key and the kubeconfig are never in clear", () => {
            const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
            const SIG_KEY = "4dabf18193072939515e22adb298388d";
            const app = inputsOf("OpenWebUIApp");
            assert.deepStrictEqual(app.openaiApiKey, { [SIG_KEY]: SECRET_SIG, value: key });
            assert.strictEqual(app.kubeconfig[SIG_KEY], SECRET_SIG);
            assert.strictEqual(inputsOf("OpenWebUIOps").kubeconfig[SIG_KEY], SECRET_SIG);
            const clear = (v: unknown): boolean => (typeof v === "object" && v !== null ? (v as Record<string, unknown>)[SIG_KEY] !== SECRET_SIG && Object.values(v).some(clear) : v === key);
            assert.strictEqual(ofType(r, "openwebui:index:OpenWebUIApp").some((c) => clear(c.inputs)), false);
        });
    });
});
