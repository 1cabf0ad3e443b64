#!/usr/bin/env bash
# The OS packages the tests run for real, which npm cannot bring: a PostgreSQL server and its
# `postgres` user (tests/db-setup.test.ts fails without them). Debian/Ubuntu, as root or through
# sudo; installs nothing when the server is already there. Called by .ci/run and the README's set-up.
set -euo pipefail
have_server() {
    local bindir
    bindir=$(pg_config --bindir 2>/dev/null || true)
    { [ -n "$bindir" ] && [ -x "$bindir/initdb" ]; } || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
if have_server && id postgres >/dev/null 2>&1; then
    exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
