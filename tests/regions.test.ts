/** Regions are data: the two this project accepts, their zones by ID, their prices and their Bedrock offers. */
import * as assert from "assert";
import { bedrockOfferProblem, BEDROCK_OFFERS } from "@openwebui-aws/rules/bedrock";
import { priceBook } from "@openwebui-aws/rules/cost/regional";
import { SEOUL } from "@openwebui-aws/rules/cost/prices";
import { checkName, Namer } from "@openwebui-aws/rules/naming";
import { regionProblem, REGIONS, zoneIdProblem } from "@openwebui-aws/rules/regions";

describe("regions as data", () => {
    it("accepts Seoul and Tokyo, and refuses any other region naming both", () => {
        for (const region of ["ap-northeast-2", "ap-northeast-1"]) assert.strictEqual(regionProblem(region), undefined);
        const problem = regionProblem("us-east-1") ?? "";
        assert.match(problem, /"us-east-1" is not a region/);
        assert.ok(problem.includes("ap-northeast-2 (Seoul, primary)") && problem.includes("ap-northeast-1 (Tokyo, recovery)"), problem);
        assert.throws(() => priceBook("ap-northeast-3"), /ap-northeast-2 \(Seoul, primary\) or ap-northeast-1 \(Tokyo, recovery\)/);
    });

    it("never offers Tokyo's constrained zone, and says why when it is asked for", () => {
        assert.ok(!REGIONS["ap-northeast-1"].zoneIds.includes("apne1-az3"));
        assert.match(zoneIdProblem("apne1-az3", "ap-northeast-1") ?? "", /constrained/);
        assert.strictEqual(zoneIdProblem("apne1-az1", "ap-northeast-1"), undefined);
        assert.match(zoneIdProblem("apne2-az1", "ap-northeast-1") ?? "", /not a zone ID of ap-northeast-1/);
        for (const facts of Object.values(REGIONS)) assert.ok(facts.zoneIds.length >= 2, `${facts.label}: EKS needs two zones`);
    });

    it("prices every item in both regions, and Tokyo's differ where the reference says they do", () => {
        for (const region of Object.keys(REGIONS)) {
            const book = priceBook(region);
            for (const key of Object.keys(SEOUL) as (keyof typeof SEOUL)[]) assert.ok(book.table[key] > 0, `${region} ${key}`);
            // The Graviton types the shipped stacks use, on the recovery side too.
            for (const type of ["t4g.nano", "t4g.large", "m6g.large", "m7g.large"]) assert.ok(book.ec2[type] > 0, `${region} ${type}`);
            assert.ok((book.rdsHourly("db.t4g.small", true) ?? 0) > (book.rdsHourly("db.t4g.small", false) ?? Infinity));
        }
        // docs/reference/aws-ap-northeast-1.md, "Tokyo against Seoul": NAT, ALB, gp3, egress differ.
        const [seoul, tokyo] = [priceBook("ap-northeast-2").table, priceBook("ap-northeast-1").table];
        assert.deepStrictEqual([tokyo.natGatewayHour, tokyo.albHour, tokyo.ebsGp3GbMonth, tokyo.dataOutGb, tokyo.rdsGp3GbMonth], [0.062, 0.0243, 0.096, 0.114, 0.138]);
        assert.notStrictEqual(seoul.natGatewayHour, tokyo.natGatewayHour);
        // Seoul's price list has Multi-AZ db.t4g.micro at 0.051, not twice 0.025 (aws-ap-northeast-2-app.md K1).
        assert.strictEqual(priceBook("ap-northeast-2").rdsHourly("db.t4g.micro", true), 0.051);
    });

    it("lets Tokyo call jp. and global. Claude profiles and Seoul global. ones, each refusing the other's geography", () => {
        assert.strictEqual(bedrockOfferProblem("jp.anthropic.claude-haiku-4-5-20251001-v1:0", "ap-northeast-1"), undefined);
        assert.match(bedrockOfferProblem("jp.anthropic.claude-haiku-4-5-20251001-v1:0", "ap-northeast-2") ?? "", /jp\. geography/);
        assert.strictEqual(bedrockOfferProblem("global.anthropic.claude-sonnet-4-5-20250929-v1:0", "ap-northeast-1"), undefined);
        assert.match(bedrockOfferProblem("apac.anthropic.claude-3-haiku-20240307-v1:0", "ap-northeast-1") ?? "", /end of life/);
        assert.deepStrictEqual(Object.keys(BEDROCK_OFFERS).sort(), Object.keys(REGIONS).sort(), "every region has its Bedrock offer recorded");
    });

    it("marks what lives in the recovery region in the suffix slot, so the naming rule still holds", () => {
        const prod = new Namer("openwebui", "prod");
        const dr = prod.recovery();
        assert.strictEqual(dr.of("vpc"), "openwebui-vpc-prod-dr");
        assert.strictEqual(dr.of("public-subnet", "a"), "openwebui-public-subnet-prod-dr-a");
        for (const name of [dr.of("vpc"), dr.of("public-subnet", "a")]) assert.strictEqual(checkName(name, "openwebui", "prod"), undefined);
        assert.notStrictEqual(dr.of("backup-bucket"), prod.of("backup-bucket"));
    });
});
