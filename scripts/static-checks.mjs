// The strict type-check (`npm run typecheck`) and the typed lint (`npm run lint`) over one TypeScript
// program, run by `npm test` as tests/static-checks.test.ts (or alone: `node scripts/static-checks.mjs`). Run apart, each builds and type-checks the whole program (the
// lint's type-aware rules ask the checker about every call); here the lint is handed the program the
// type-check has already checked, so that work is done once. Same tsconfig, same eslint config and
// file set, same --max-warnings 0: only the program's origin differs (parserOptions.programs instead
// of the project service).
import { ESLint } from "eslint";
import path from "node:path";
import ts from "typescript";

const root = path.join(import.meta.dirname, "..");
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

const configFile = path.join(root, "tsconfig.json");
const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, { noEmit: true }, configFile);
// As the `tsc` command does since TypeScript 5.3: JSDoc is parsed only where it can hold a type
// error. The API's default parses every comment of every declaration file, and the AWS SDKs' are
// mostly JSDoc. No rule of the lint reads JSDoc.
const compilerHost = ts.createCompilerHost(parsed.options);
compilerHost.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences, host: compilerHost });
const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
if (diagnostics.length > 0) process.stdout.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
console.log(`tsc: ${diagnostics.length} error(s) in ${parsed.fileNames.length} files (${seconds()})`);

const eslint = new ESLint({
    cwd: root,
    overrideConfig: { files: ["**/*.ts"], languageOptions: { parserOptions: { projectService: false, programs: [program] } } },
});
const results = await eslint.lintFiles(["."]);
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
const formatter = await eslint.loadFormatter("stylish");
process.stdout.write(await formatter.format(results));
console.log(`eslint: ${problems} problem(s) in ${results.length} files (${seconds()})`);

process.exit(diagnostics.length > 0 || problems > 0 ? 1 : 0);
