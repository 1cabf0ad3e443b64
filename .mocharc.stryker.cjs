// mocha's options for the mutation run (stryker.config.json). The run scores the folders against
// the same suite `npm test` runs, so every test file is in it, and a new one joins without an edit.
// Left out, each for a reason that holds for every mutant:
const LEFT_OUT = {
    // Stryker's TypeScript checker already refuses mutants that do not compile, and the lint would
    // read the sandbox's instrumented sources, so it would "kill" every mutant, whatever it changed.
    "tests/static-checks.test.ts": "the TypeScript checker types each mutant; the lint reads instrumented code",
    // npm packs and installs the sandbox's pack in child processes, which never see the active
    // mutant (perTest coverage is of the mocha process only): 10 s a run that can kill nothing.
    "tests/pack-tarball.test.ts": "runs the pack in child processes, which never see the active mutant",
    // It checks the mutation run itself (this set, and the README's scores against the report the
    // run is writing, which the sandbox leaves out): it exercises none of the mutated folders.
    "tests/mutation-config.test.ts": "checks the mutation tooling and reads the report the run writes, outside the sandbox",
};

module.exports = {
    require: ["scripts/mutate/register.js"],
    extension: ["ts"],
    spec: ["tests/**/*.test.ts"],
    ignore: Object.keys(LEFT_OUT),
    timeout: 120000,
};
// Not an option of mocha's: tests/mutation-config.test.ts reads it.
Object.defineProperty(module.exports, "LEFT_OUT", { value: LEFT_OUT, enumerable: false });
