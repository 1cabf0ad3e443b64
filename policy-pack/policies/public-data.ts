/**
 * Resource policies and ACLs that open data to anyone. The buckets' public access blocks
 * (s3-bucket-hardening) would make S3 refuse such a policy at apply time; the preview should say so
 * first, and a resource policy on a service without that block has no second line at all.
 *
 * A statement is public when it allows a wildcard principal ("*", {"AWS": "*"}) and no Condition
 * ties it to a fixed account, organisation, VPC, endpoint, source IP or source ARN: the condition
 * keys with which AWS's own policy analysis (S3 Block Public Access, "The meaning of public") calls
 * a policy non-public.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { asRecord, parseMaybeJson } from "@openwebui-aws/rules/props";
import { known } from "@openwebui-aws/rules/preview";

/** Resource types whose `policy` is a resource policy, and the data it guards. */
const RESOURCE_POLICIES: Record<string, string> = {
    "aws:s3/bucketPolicy:BucketPolicy": "bucket",
    "aws:s3/bucket:Bucket": "bucket",
    "aws:ecr/repositoryPolicy:RepositoryPolicy": "repository",
    "aws:sns/topicPolicy:TopicPolicy": "topic",
    "aws:sqs/queuePolicy:QueuePolicy": "queue",
    "aws:secretsmanager/secretPolicy:SecretPolicy": "secret",
};

const FIXING_KEYS = /^aws:(SourceIp|SourceVpc|SourceVpce|SourceAccount|SourceArn|SourceOwner|PrincipalAccount|PrincipalOrgID|PrincipalArn|userid|VpceAccount|SourceOrgID)$/i;

const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);

function wildcardPrincipal(principal: unknown): boolean {
    if (principal === "*") return true;
    return Object.values(asRecord(principal)).some((v) => [v].flat().includes("*"));
}

/** True when some condition fixes the caller with a value that is not itself a wildcard. */
function fixedByCondition(condition: unknown): boolean {
    return Object.entries(asRecord(condition)).some(([operator, byKey]) =>
        !/IfExists$/.test(operator) &&
        Object.entries(asRecord(byKey)).some(([key, value]) => FIXING_KEYS.test(key) && [value].flat().every((v) => typeof v === "string" && v !== "" && !v.includes("*"))),
    );
}

export const resourcePoliciesNotPublic: ResourceValidationPolicy = {
    name: "resource-policies-not-public",
    description:
        "No bucket, repository, topic, queue or secret policy allows Principal \"*\" (or {\"AWS\": \"*\"}) without a condition that fixes the caller (aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce, ...), and no bucket gets a public canned ACL. Deny statements (the TLS-only rule) are fine. A policy the preview cannot see yet is not judged: the bucket's public access block (s3-bucket-hardening) still stops it at apply.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const guards = RESOURCE_POLICIES[args.type];
        if (args.type === "aws:s3/bucketAcl:BucketAcl" || args.type === "aws:s3/bucket:Bucket") {
            const acl = known(() => args.props.acl);
            if (typeof acl === "string" && PUBLIC_ACLS.has(acl)) report(`the bucket's canned ACL "${acl}" lets anyone read it: remove the ACL (the bucket's owner enforced setting makes ACLs unnecessary)`);
        }
        if (!guards) return;
        // A policy not set, or not known yet, reads as no statements. IAM takes one statement object as well as a list of them.
        const statements = asRecord(parseMaybeJson(known(() => args.props.policy))).Statement;
        for (const s of (Array.isArray(statements) ? statements : [statements]).map(asRecord)) {
            if (s.Effect !== "Allow" || !wildcardPrincipal(s.Principal)) continue;
            if (fixedByCondition(s.Condition)) continue;
            const sid = s.Sid ? ` ${String(s.Sid)}` : "";
            report(`the ${guards} policy's statement${sid} allows ${[s.Action ?? s.NotAction].flat().join(", ")} to Principal "*": anyone on the internet; name the principals (role ARNs, a service) or add a condition that fixes the caller (aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce)`);
        }
    },
};
