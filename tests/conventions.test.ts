import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { azSuffix, checkName, Namer } from "@openwebui-aws/rules/naming";
import { listTaggableAwsTypes, TAGGABLE_TYPES_FILE } from "../scripts/list-taggable-aws-types";
import { cidrContains, cidrsOverlap, isCidr, parseCidr } from "@openwebui-aws/rules/cidr";

describe("naming convention", () => {
    it("builds the design's example names", () => {
        const names = new Namer("openwebui", "dev");
        assert.strictEqual(names.of("vpc"), "openwebui-vpc-dev");
        assert.strictEqual(names.of("public-subnet", azSuffix("ap-northeast-2a")), "openwebui-public-subnet-dev-a");
        assert.strictEqual(names.of("eks"), "openwebui-eks-dev");
    });

    it("refuses to build a name that breaks the rule", () => {
        assert.throws(() => new Namer("openwebui", "dev").of("Bad_Type"), /naming rule broken/);
    });

    it("rejects upper case, double hyphens and foreign projects", () => {
        assert.ok(checkName("openwebui-VPC-dev", "openwebui", "dev"));
        assert.ok(checkName("openwebui--vpc-dev", "openwebui", "dev"));
        assert.ok(checkName("other-vpc-dev", "openwebui", "dev"));
        assert.strictEqual(checkName("openwebui-nat-eip-prod-c", "openwebui", "prod"), undefined);
    });
});

describe("taggable AWS types", () => {
    it("match the installed @pulumi/aws (run `npm run taggable` after an SDK upgrade)", () => {
        const sdkRoot = path.dirname(require.resolve("@pulumi/aws/package.json"));
        const committed = JSON.parse(fs.readFileSync(TAGGABLE_TYPES_FILE, "utf8"));
        const installed = listTaggableAwsTypes(sdkRoot);
        assert.deepStrictEqual(committed, installed);
        assert.ok(installed.includes("aws:ec2/vpc:Vpc") && installed.includes("aws:eks/cluster:Cluster"));
        assert.ok(!installed.includes("aws:ec2/route:Route"));
    });
});

describe("CIDR arithmetic", () => {
    const c = (text: string) => {
        const parsed = parseCidr(text);
        if (!isCidr(parsed)) throw new Error(parsed);
        return parsed;
    };
    it("contains and overlaps", () => {
        assert.ok(cidrContains(c("10.0.0.0/16"), c("10.0.20.0/24")));
        assert.ok(!cidrContains(c("10.0.0.0/16"), c("10.1.0.0/24")));
        assert.ok(!cidrContains(c("10.0.1.0/24"), c("10.0.0.0/16")));
        assert.ok(cidrsOverlap(c("10.0.1.0/24"), c("10.0.1.128/25")));
        assert.ok(!cidrsOverlap(c("10.0.1.0/24"), c("10.0.2.0/24")));
        assert.ok(cidrContains(c("0.0.0.0/0"), c("255.255.255.0/24")));
    });
    it("explains what is malformed", () => {
        assert.match(parseCidr("10.0.0/16") as string, /not an IPv4 CIDR/);
        assert.match(parseCidr("10.0.0.1/16") as string, /host bits/);
    });
    it("refuses what the npm CIDR libraries silently reinterpret (why this stays hand-written)", () => {
        assert.match(parseCidr("10.0.0.1/16") as string, /did you mean 10\.0\.0\.0\/16/);
        assert.match(parseCidr("10.0/16") as string, /not an IPv4 CIDR/);
        assert.match(parseCidr("010.0.0.0/8") as string, /leading zero/);
        assert.match(parseCidr("10.0.0.0") as string, /not an IPv4 CIDR/);
    });
});
