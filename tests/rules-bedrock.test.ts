/**
 * rules/bedrock.ts on its own: reading model ids, the ARNs a role is granted for one, which ARNs
 * name exactly one model, and why a Region cannot call an id (config quotes it to the operator).
 */
import * as assert from "assert";
import { BEDROCK_MODEL_ID, bedrockModelGrant, bedrockOfferProblem, isModelScopedArn, splitModelId } from "@openwebui-aws/rules/bedrock";

const HAIKU = "anthropic.claude-haiku-4-5-20251001-v1:0";
const ACCOUNT = "123456789012";

describe("rules/bedrock: model ids and grants", () => {
    it("splits a profile prefix from the foundation model, and leaves a bare model or a lookalike whole", () => {
        assert.deepStrictEqual(splitModelId(`global.${HAIKU}`), { profile: "global", foundationModel: HAIKU });
        assert.deepStrictEqual(splitModelId(`us-gov.${HAIKU}`), { profile: "us-gov", foundationModel: HAIKU });
        assert.deepStrictEqual(splitModelId(HAIKU), { foundationModel: HAIKU });
        // A provider that happens to be called like a prefix, with nothing after its model: not a profile.
        assert.deepStrictEqual(splitModelId("us.model"), { foundationModel: "us.model" });
    });

    it("takes model and profile ids, versions included, and nothing with other characters", () => {
        for (const id of [HAIKU, `global.${HAIKU}`, "global.anthropic.claude-sonnet-4-6", "amazon.nova-pro-v1:0"]) assert.ok(BEDROCK_MODEL_ID.test(id), id);
        for (const id of ["anthropic", "Anthropic.claude", `global.${HAIKU}*`, `${HAIKU} `, " " + HAIKU, "x.y:z", `${HAIKU}:`]) assert.ok(!BEDROCK_MODEL_ID.test(id), id);
    });

    it("grants a bare model in the Region, and a profile in the account plus its model in any Region", () => {
        assert.deepStrictEqual(bedrockModelGrant(HAIKU, "ap-northeast-2", ACCOUNT), { invoked: `arn:aws:bedrock:ap-northeast-2::foundation-model/${HAIKU}` });
        assert.deepStrictEqual(bedrockModelGrant(`global.${HAIKU}`, "ap-northeast-2", ACCOUNT), {
            invoked: `arn:aws:bedrock:ap-northeast-2:${ACCOUNT}:inference-profile/global.${HAIKU}`,
            throughProfile: `arn:aws:bedrock:*::foundation-model/${HAIKU}`,
        });
        assert.throws(() => bedrockModelGrant("anthropic.*", "ap-northeast-2", ACCOUNT), /^Error: "anthropic\.\*" is not a Bedrock model or inference-profile id$/);
    });

    it("an ARN is model-scoped when it names one model or profile; a Region wildcard is allowed, a model wildcard is not", () => {
        for (const arn of [`arn:aws:bedrock:ap-northeast-2::foundation-model/${HAIKU}`, `arn:aws:bedrock:*::foundation-model/${HAIKU}`, `arn:aws:bedrock:ap-northeast-2:${ACCOUNT}:inference-profile/global.${HAIKU}`, `arn:aws:bedrock:ap-northeast-2:${ACCOUNT}:application-inference-profile/abc123`]) {
            assert.ok(isModelScopedArn(arn), arn);
        }
        for (const arn of ["arn:aws:bedrock:ap-northeast-2::foundation-model/*", "arn:aws:bedrock:ap-northeast-2::foundation-model/anthropic.claude-?", "arn:aws:bedrock:ap-northeast-2::foundation-model/", "arn:aws:bedrock:ap-northeast-2::custom-model/x", "*", `xarn:aws:bedrock:*::foundation-model/${HAIKU}`, `arn:aws:bedrock:ap-northeast-2:1234:inference-profile/x`]) {
            assert.ok(!isModelScopedArn(arn), arn);
        }
    });
});

describe("rules/bedrock: what a Region can call", () => {
    it("names the Region with no recorded offer, and a refused id's reason with what is callable", () => {
        assert.strictEqual(bedrockOfferProblem(`global.${HAIKU}`, "us-east-1"), "no Bedrock offer is recorded for us-east-1 in rules/bedrock.ts");
        const problem = bedrockOfferProblem(`apac.${HAIKU}`, "ap-northeast-2") ?? "";
        assert.ok(problem.startsWith(`apac.${HAIKU}: Anthropic lists no apac. profile for Haiku 4.5`), problem);
        assert.ok(problem.endsWith("(callable from ap-northeast-2: global.anthropic.claude-haiku-4-5-20251001-v1:0, global.anthropic.claude-sonnet-4-5-20250929-v1:0, global.anthropic.claude-sonnet-4-6)"), problem);
    });

    it("says whether a foreign geography, an in-Region call or an unrecorded id is the trouble", () => {
        assert.match(bedrockOfferProblem(`eu.${HAIKU}`, "ap-northeast-1") ?? "", /^eu\.anthropic\S+ is an inference profile of the eu\. geography, which Bedrock serves only to that geography's Regions; ap-northeast-1 calls jp\. and global\. and apac\. profiles \(callable from ap-northeast-1: /);
        assert.match(bedrockOfferProblem(HAIKU, "ap-northeast-1") ?? "", /^anthropic\S+ is a foundation model called in-Region, and no model is recorded as served in-Region in ap-northeast-1; call it through a jp\. or global\. or apac\. profile \(/);
        assert.match(bedrockOfferProblem("global.anthropic.claude-opus-9", "ap-northeast-1") ?? "", /^global\.anthropic\.claude-opus-9 is not a model or inference profile recorded as callable from ap-northeast-1 \(callable from .*\); add it to rules\/bedrock\.ts with its source$/);
    });
});
