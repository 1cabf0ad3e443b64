/**
 * rules/naming.ts, the one naming rule: what it builds, what it refuses and how it says so, and the
 * helpers the program and the pack both lean on (resource types in a name, zone suffixes, stacks).
 */
import * as assert from "assert";
import { azSuffix, checkName, deployRoleName, environmentOfStack, hasResourceType, isEnvironment, Namer, wafLogGroupName, workloadBoundaryName } from "@openwebui-aws/rules/naming";

describe("rules/naming: the rule, word for word", () => {
    it("checkName explains a refusal with the pattern for the project and environment", () => {
        assert.strictEqual(checkName("openwebui-vpc-prod", "openwebui", "dev"), '"openwebui-vpc-prod" does not match openwebui-{resource-type}-dev[-{suffix}] (lower-case letters, digits and single hyphens)');
    });

    it("takes the environment in its own place, with one optional suffix of hyphenated segments", () => {
        for (const ok of ["openwebui-vpc-dev", "openwebui-public-subnet-dev-a", "openwebui-vpc-prod-dr-az1", "openwebui-a1-dev-9"]) assert.strictEqual(checkName(ok, "openwebui", ok.includes("prod") ? "prod" : "dev"), undefined, ok);
        for (const bad of ["openwebui-dev", "openwebui-vpc-dev-", "xopenwebui-vpc-dev", "openwebui-vpc-devx", "openwebui-vpc-dev-A", "openwebui-vpc-dev--a"]) assert.ok(checkName(bad, "openwebui", "dev"), bad);
    });

    it("Namer builds, marks the recovery region's names after the environment, and refuses to build a broken name", () => {
        const prod = new Namer("openwebui", "prod");
        assert.strictEqual(prod.recovery().of("vpc"), "openwebui-vpc-prod-dr");
        assert.strictEqual(prod.recovery().of("public-subnet", "az1"), "openwebui-public-subnet-prod-dr-az1");
        assert.strictEqual(prod.of("vpc"), "openwebui-vpc-prod");
        assert.throws(() => prod.of("vpc", "A"), /^Error: naming rule broken by the program itself: "openwebui-vpc-prod-A" does not match/);
    });

    it("names the deploy role, the workload boundary and the WAF log group from the rule", () => {
        assert.strictEqual(deployRoleName("prod"), "openwebui-deploy-role-prod");
        assert.strictEqual(workloadBoundaryName("dev"), "openwebui-workload-boundary-dev");
        assert.strictEqual(wafLogGroupName(new Namer("openwebui", "dev")), "aws-waf-logs-openwebui-waf-dev");
    });
});

describe("rules/naming: reading names", () => {
    it("hasResourceType finds a whole type between hyphens or at either end, not part of a longer one", () => {
        assert.ok(hasResourceType("openwebui-backup-bucket-prod", "backup-bucket"));
        assert.ok(hasResourceType("backup-bucket-prod", "backup-bucket"));
        assert.ok(hasResourceType("openwebui-backup-bucket", "backup-bucket"));
        assert.ok(!hasResourceType("openwebui-backup-bucketx-prod", "backup-bucket"));
        assert.ok(!hasResourceType("openwebui-xbackup-bucket-prod", "backup-bucket"));
    });

    it("azSuffix takes a zone's letter, or a zone ID's az number, and refuses anything else", () => {
        assert.strictEqual(azSuffix("ap-northeast-2c"), "c");
        assert.strictEqual(azSuffix("apne1-az4"), "az4");
        assert.throws(() => azSuffix("ap-northeast-2"), /^Error: "ap-northeast-2" does not end in a zone letter$/);
    });

    it("environments: dev and prod are themselves, dr stands for prod, anything else for nothing", () => {
        assert.ok(isEnvironment("dev") && isEnvironment("prod") && !isEnvironment("dr") && !isEnvironment("Dev"));
        assert.strictEqual(environmentOfStack("dev"), "dev");
        assert.strictEqual(environmentOfStack("prod"), "prod");
        assert.strictEqual(environmentOfStack("dr"), "prod");
        assert.strictEqual(environmentOfStack("staging"), undefined);
    });
});
