import { Environment, PROJECT } from "@openwebui-aws/rules/naming";
import type { Statement } from "../components/iam";

/**
 * KMS key ids are generated, so key creation cannot name a resource: it is allowed in one region, and
 * only with this stack's tags (the provider's default tags). CreateKey with Tags is also authorised
 * as kms:TagResource on a key that has no tags yet, so that grant too is conditioned on the request's
 * tags, not the key's. The stack's own region and the recovery region use the same rule.
 */
export function taggedKeyCreation(region: string, environment: Environment): Statement {
    return {
        Effect: "Allow",
        Action: ["kms:CreateKey", "kms:TagResource"],
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": region, "aws:RequestTag/Project": PROJECT, "aws:RequestTag/Environment": environment } },
    };
}
