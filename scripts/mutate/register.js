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
const { forgetStackRuns } = require("../../tests/helpers");
const { forgetPlans } = require("../../plan/plan-cache");
const forget = () => {
    forgetStackRuns();
    forgetPlans();
};
exports.mochaHooks = {
    beforeAll: forget,
    beforeEach() {
        if (globalThis.__stryker__?.activeMutant === undefined) forget();
    },
};
