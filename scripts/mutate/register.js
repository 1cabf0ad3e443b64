// mocha's set-up for the mutation run (stryker.config.json), on top of tests/register.js.
const Module = require("module");
const path = require("path");
require("../../tests/register.js");

// Stryker mutates a copy of the project (its sandbox) and links node_modules to the real one, where
// @openwebui-aws/rules is a workspace link back to the real, unmutated rules/. Resolve it to the
// sandbox's own rules/ instead, or no mutant of rules/ imported by package name would ever run.
const RULES = path.resolve(__dirname, "../../rules");
const PACKAGE = "@openwebui-aws/rules";
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
    if (request === PACKAGE || request.startsWith(`${PACKAGE}/`)) request = RULES + request.slice(PACKAGE.length);
    return resolve.call(this, request, ...rest);
};

// One mocha process runs the tests once without a mutant (the dry run, which measures which test
// reaches which mutant) and then again for each mutant. The shared program runs and plans are
// cached per process: forget them before each mutant's run, and before each test of the dry run,
// so that each test is charged with the code its runs execute, not only the first test to ask.
//
// A stack run executes config/ and rules/, never a policy (the pack runs after the program). When
// neither folder is instrumented (a run of policy-pack/policies/ alone), a cached stack run is the
// same under every mutant and is kept: only plans, which include the pack's verdict, are forgotten.
const fs = require("fs");
const { forgetStackRuns } = require("../../tests/helpers");
const { forgetPlans } = require("../../plan/plan-cache");
const INSTRUMENTED = /\bstryMutAct_[0-9a-f]+\(/;
function instrumented(dir) {
    return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).some((e) => e.isFile() && e.name.endsWith(".ts") && INSTRUMENTED.test(fs.readFileSync(path.join(e.parentPath, e.name), "utf8")));
}
const root = path.resolve(__dirname, "../..");
const stackRunsSeeMutants = ["config", "rules"].some((d) => instrumented(path.join(root, d)));
const forget = () => {
    if (stackRunsSeeMutants) forgetStackRuns();
    forgetPlans();
};
exports.mochaHooks = {
    beforeAll: forget,
    beforeEach() {
        if (globalThis.__stryker__?.activeMutant === undefined) {
            forgetStackRuns();
            forgetPlans();
        }
    },
};
