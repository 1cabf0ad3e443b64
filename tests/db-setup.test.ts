/**
 * The database setup job's SQL and its password handling, run by the tools that run them for real:
 * psql against a PostgreSQL server (the OS's packaged one, found through pg_config or under
 * /usr/lib/postgresql; scripts/ci-deps.sh installs it), logged in as an admin
 * that, like RDS's master user, may create roles and databases but is no superuser; and bash
 * turning a Secrets Manager answer into a pgpass file that libpq must accept.
 */
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { ADMIN_USER } from "../components/app/database";
import { APP_DATABASES, FETCH_RDS_PASSWORD, setupSql } from "../components/app/setup";

/**
 * The server's directory, whatever major version the OS packages: pg_config's answer, else the
 * newest /usr/lib/postgresql/<major>/bin. Empty when there is none, and then the suite fails.
 */
function findPgBin(): string {
    const fromPgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
    const debian = "/usr/lib/postgresql";
    const majors = fs.existsSync(debian) ? fs.readdirSync(debian).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
    const candidates = [...(fromPgConfig.status === 0 ? [fromPgConfig.stdout.trim()] : []), ...majors.map((m) => path.join(debian, m, "bin"))];
    return candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) ?? "";
}

const PG_BIN = findPgBin();
/** The server refuses to run as root: as root, run it as the postgres OS user; otherwise as ourselves. */
const root = process.getuid?.() === 0;
const serverCommand = (cmd: string, args: string[]): [string, string[]] => (root ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args]);

function freePort(): Promise<number> {
    return new Promise((resolve) => {
        const server = net.createServer().listen(0, "127.0.0.1", () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}

const asServerUser = (cmd: string, args: string[]) => execFileSync(...serverCommand(cmd, args), { stdio: "pipe" });

describe("database setup job, run by psql against PostgreSQL", function () {
    this.timeout(60_000);
    let dir = "";
    let port = 0;
    const adminPassword = "Ab:c$d!e'f~g9";

    const psql = (env: Record<string, string>, args: string[]) =>
        spawnSync("psql", ["-X", "-v", "ON_ERROR_STOP=1", ...args], { env: { ...process.env, PGHOST: "127.0.0.1", PGPORT: String(port), PGCONNECT_TIMEOUT: "5", ...env }, encoding: "utf8" });
    const runSetup = (sql: string, passwords: { webui: string; litellm: string }, auth: Record<string, string>) => {
        const file = path.join(dir, "setup.sql");
        fs.writeFileSync(file, sql);
        return psql({ PGUSER: ADMIN_USER, PGDATABASE: "postgres", WEBUI_DB_PASSWORD: passwords.webui, LITELLM_DB_PASSWORD: passwords.litellm, ...auth }, ["-f", file]);
    };
    const canLogIn = (user: string, password: string, database: string) =>
        psql({ PGUSER: user, PGPASSWORD: password, PGDATABASE: database }, ["-tAc", "CREATE TABLE IF NOT EXISTS probe (id int); SELECT current_user"]);

    before(async () => {
        // A test that cannot run fails: the set-up (scripts/ci-deps.sh) installs the server.
        if (!PG_BIN) throw new Error("no PostgreSQL server (initdb) from pg_config --bindir or /usr/lib/postgresql/*/bin: run scripts/ci-deps.sh (apt-get install postgresql)");
        if (root && spawnSync("id", ["postgres"]).status !== 0) throw new Error("running as root without a postgres OS user to run the server as: run scripts/ci-deps.sh (apt-get install postgresql)");
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "owui-pg-"));
        fs.chmodSync(dir, 0o777);
        const data = path.join(dir, "data");
        port = await freePort();
        asServerUser(path.join(PG_BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "--no-instructions"]);
        asServerUser(path.join(PG_BIN, "pg_ctl"), ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB`, "start"]);
        // What RDS gives its master user: CREATEROLE and CREATEDB, not SUPERUSER.
        asServerUser("psql", ["-h", dir, "-p", String(port), "-U", "postgres", "-d", "postgres", "-X", "-v", "ON_ERROR_STOP=1", "-c", `CREATE ROLE ${ADMIN_USER} LOGIN CREATEROLE CREATEDB PASSWORD '${adminPassword.replace(/'/g, "''")}'`]);
    });

    after(() => {
        if (!dir) return;
        spawnSync(...serverCommand(path.join(PG_BIN, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", "immediate", "stop"]));
        fs.rmSync(dir, { recursive: true, force: true });
    });

    // pgvector is not in Debian's server package; the image the job runs (pgvector/pgvector) and RDS have it.
    const withoutPgvector = () => {
        const sql = setupSql();
        assert.match(sql, /\\connect openwebui\nCREATE EXTENSION IF NOT EXISTS vector;\n$/);
        return sql.replace("CREATE EXTENSION IF NOT EXISTS vector;", "SELECT current_database();");
    };

    it("creates each app's login and database as a non-superuser admin; each logs in with its password and owns its database", () => {
        const r = runSetup(withoutPgvector(), { webui: "webuiPassw0rd1", litellm: "litellmPassw0rd1" }, { PGPASSWORD: adminPassword });
        assert.strictEqual(r.status, 0, r.stderr);
        for (const [user, password] of [[APP_DATABASES.webui, "webuiPassw0rd1"], [APP_DATABASES.litellm, "litellmPassw0rd1"]]) {
            const login = canLogIn(user, password, user);
            assert.strictEqual(login.status, 0, login.stderr);
            assert.strictEqual(login.stdout.trim().split("\n").pop(), user);
        }
    });

    it("keeps the apps apart: neither may connect to the other's database", () => {
        const r = canLogIn(APP_DATABASES.webui, "webuiPassw0rd1", APP_DATABASES.litellm);
        assert.notStrictEqual(r.status, 0);
        assert.match(r.stderr, /permission denied for database "litellm"/);
    });

    it("runs again without error and sets a new password (what a re-run job does)", () => {
        const r = runSetup(withoutPgvector(), { webui: "webuiPassw0rd1", litellm: "litellmPassw0rd2" }, { PGPASSWORD: adminPassword });
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(canLogIn(APP_DATABASES.litellm, "litellmPassw0rd2", APP_DATABASES.litellm).status, 0);
        assert.notStrictEqual(canLogIn(APP_DATABASES.litellm, "litellmPassw0rd1", APP_DATABASES.litellm).status, 0);
    });

    it("the RDS path: bash turns the Secrets Manager answer into a pgpass file libpq accepts, ':' and all", () => {
        const bin = path.join(dir, "bin");
        fs.mkdirSync(bin, { recursive: true });
        // A stand-in for `aws secretsmanager get-secret-value --query SecretString --output text`.
        // PATH is this directory alone, with the only other tools the script runs linked in: the
        // host's own AWS CLI is never reachable, whatever the host's PATH holds.
        const standIn = path.join(bin, "aws");
        fs.writeFileSync(standIn, `#!/bin/sh\ncat <<'JSON'\n${JSON.stringify({ username: ADMIN_USER, password: adminPassword })}\nJSON\n`, { mode: 0o755 });
        for (const tool of ["cat", "sed", "chmod"]) {
            const found = spawnSync("/bin/sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
            assert.ok(path.isAbsolute(found), `${tool} not found on this machine`);
            fs.symlinkSync(found, path.join(bin, tool));
        }
        const env = { PATH: bin, MASTER_SECRET_ARN: "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:rds!db-x", PGHOST: "127.0.0.1", PGPORT: String(port), PGUSER: ADMIN_USER };
        const resolved = spawnSync("/bin/bash", ["-c", "command -v aws"], { env, encoding: "utf8" });
        assert.strictEqual(resolved.stdout.trim(), standIn, "the script would not run the stand-in aws");
        const work = path.join(dir, "work");
        fs.mkdirSync(work, { recursive: true });
        const script = FETCH_RDS_PASSWORD.replace(/\/work\//g, `${work}/`);
        const fetched = spawnSync("/bin/bash", ["-c", script], { env, encoding: "utf8" });
        assert.strictEqual(fetched.status, 0, fetched.stderr);
        assert.strictEqual((fs.statSync(path.join(work, "pgpass")).mode & 0o777).toString(8), "600");
        const r = runSetup(withoutPgvector(), { webui: "webuiPassw0rd1", litellm: "litellmPassw0rd2" }, { PGPASSFILE: path.join(work, "pgpass") });
        assert.strictEqual(r.status, 0, r.stderr);
    });
});
