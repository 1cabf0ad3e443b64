// mocha's TypeScript loader. swc transpiles instead of TypeScript's emitter (types are checked by
// `npm run typecheck`), and ts-node's source-map hook is removed: it rewrote the stack trace the
// Pulumi SDK creates for every resource registration, which was most of a program run's time.
// Failures still name the test and the assertion; their stack lines point at transpiled code.
//
// `npm test` runs mocha with --parallel (scripts/test.mjs): that process only hands files to its
// workers, which load this file again for themselves, so it skips the loader and the config module
// (0.7 s before the first worker could start).
if (process.argv.includes("--parallel")) return;
require("ts-node").register({ swc: true, transpileOnly: true });
delete Error.prepareStackTrace;

// Config refuses a Kubernetes version past standard support on the day of the run. The suite runs
// the stacks on one fixed day, so that the calendar cannot fail hundreds of unrelated tests at once;
// tests/kubernetes-support.test.ts alone reads the real clock, and fails when the shipped version
// has left standard support (then move kubernetesVersion on, as its message says).
const SUITE_DAY = new Date("2026-12-07T00:00:00Z");
require("../config/cluster").runDay.today = () => SUITE_DAY;
