// package.json's postinstall. When scripts/setup.sh brought the pinned Node into .node/ (the machine's
// was older than .node-version), link it as node_modules/.bin/node: npm puts that directory first on
// PATH for every script, so `npm test`, `npm run plan` and the tools they start (tsc, eslint, mocha,
// ts-node, all `#!/usr/bin/env node`) run on it. Without .node/ (CI's setup-node, a new enough
// machine) it does nothing. Plain CommonJS: it runs on whatever Node npm itself runs on.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const pinned = path.join(root, ".node", "bin", "node");
const link = path.join(root, "node_modules", ".bin", "node");
if (fs.existsSync(pinned)) {
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.rmSync(link, { force: true });
    fs.symlinkSync(path.relative(path.dirname(link), pinned), link);
} else if (fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) {
    fs.rmSync(link); // .node/ was removed: the machine's own Node again
}
