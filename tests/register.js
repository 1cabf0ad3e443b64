// mocha's TypeScript loader. swc transpiles instead of TypeScript's emitter (types are checked by
// `npm run typecheck`), and ts-node's source-map hook is removed: it rewrote the stack trace the
// Pulumi SDK creates for every resource registration, which was most of a program run's time.
// Failures still name the test and the assertion; their stack lines point at transpiled code.
require("ts-node").register({ swc: true, transpileOnly: true });
delete Error.prepareStackTrace;
