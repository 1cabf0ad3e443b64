/**
 * The database settings RDS would refuse (or the design forbids) stop the preview, naming the key,
 * before anything is registered; the values at each end of a range are still taken.
 */
import * as assert from "assert";
import { ConfigError } from "../config/reader";
import { configRefusal, run } from "./helpers";

async function refused(key: string, value: string): Promise<ConfigError> {
    const e = await configRefusal("dev", { [`openwebui:${key}`]: value });
    assert.strictEqual(e.key, `openwebui:${key}`);
    return e;
}

describe("database config validation", () => {
    it("refuses gp3 storage outside RDS's 20..65536 GiB, and takes both ends", async () => {
        for (const gb of ["19", "65537"]) assert.match((await refused("databaseStorageGb", gb)).message, new RegExp(`: ${gb} is outside 20\\.\\.65536 GiB \\(RDS gp3\\)$`));
        // dev's own value is 20; the other end:
        await run("dev", { overrides: { "openwebui:databaseStorageGb": "65536" } });
    });

    it("refuses backups kept fewer than the design's 7 days or more than RDS's 35, and takes both ends", async () => {
        for (const days of ["6", "36"]) assert.match((await refused("databaseBackupRetentionDays", days)).message, new RegExp(`: ${days} is outside 7\\.\\.35 `));
        await run("dev", { overrides: { "openwebui:databaseBackupRetentionDays": "35" } });
    });

    it("refuses a PostgreSQL major without pgvector on RDS, and an instance class it knows nothing of", async () => {
        for (const v of ["13", "19", "16.4"]) assert.match((await refused("databaseEngineVersion", v)).message, /is not a PostgreSQL major version RDS offers with pgvector \(14 to 18\)/);
        assert.match((await refused("databaseInstanceClass", "db.x2g.large")).message, /"db\.x2g\.large" has no /);
    });
});
