/** IAM building blocks: policy documents as data, so tests and policies can read them. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Namer, workloadBoundaryName } from "@openwebui-aws/rules/naming";
import { nameTag } from "@openwebui-aws/rules/tags";

export interface Statement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action: string | string[];
    Resource?: pulumi.Input<string> | pulumi.Input<pulumi.Input<string>[]>;
    NotResource?: pulumi.Input<string> | pulumi.Input<string>[];
    Principal?: Record<string, pulumi.Input<string> | pulumi.Input<string>[]>;
    Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

export function policyDocument(statements: pulumi.Input<Statement[]>): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

export const managedPolicy = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/** Trust for an AWS service, e.g. `eks.amazonaws.com`. */
export function serviceTrust(service: string, actions: string[] = ["sts:AssumeRole"]): Statement[] {
    return [{ Effect: "Allow", Principal: { Service: service }, Action: actions }];
}

/** EKS Pod Identity: the agent assumes the role on behalf of one service account. */
export const podIdentityTrust = serviceTrust("pods.eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]);

/**
 * Trust for people. Named principals when config lists them; otherwise the account itself, and
 * then only for sessions that signed in with MFA.
 */
export function humanTrust(principalArns: string[], accountId: pulumi.Input<string>): Statement[] {
    if (principalArns.length > 0) {
        return [{ Effect: "Allow", Principal: { AWS: principalArns }, Action: "sts:AssumeRole" }];
    }
    return [
        {
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${accountId}:root` },
            Action: "sts:AssumeRole",
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        },
    ];
}

export interface RoleSpec {
    name: string;
    description: string;
    trust: Statement[];
    managedPolicies?: string[];
    /** Inline policy statements, kept with the role so its whole permission set reads in one place. */
    statements?: Statement[] | pulumi.Output<Statement[]>;
    /**
     * ARN of a managed policy that caps what the role can ever do, whatever its policies grant.
     * Required, so that no role is created without deciding: the program's roles take
     * workloadBoundaryArn (the deploy role may create no other), deployment/'s roles their own.
     */
    permissionsBoundary: pulumi.Input<string> | undefined;
}

/**
 * The stack's workload boundary (deployment/ creates it per stack before the stack's first run),
 * in the account the parent's provider deploys to. Derived, not configured: the one naming rule
 * and the caller's account cannot point at another stack's or account's policy, and the deploy
 * role is allowed to create a role only with exactly this ARN.
 */
export function workloadBoundaryArn(names: Namer, parent: pulumi.Resource): pulumi.Output<string> {
    const accountId = aws.getCallerIdentityOutput({}, { parent }).accountId;
    return pulumi.interpolate`arn:aws:iam::${accountId}:policy/${workloadBoundaryName(names.environment)}`;
}

export interface GrantedRole {
    role: aws.iam.Role;
    arn: pulumi.Output<string>;
    /**
     * The role with its attachments and inline policy. Whatever is handed the role depends on all of
     * them: otherwise EKS, DLM or a node group may start with a role that cannot yet do its job.
     */
    ready: pulumi.Resource[];
}

/** A role with its managed-policy attachments and one inline policy. */
export function createRole(spec: RoleSpec, parent: pulumi.Resource): GrantedRole {
    const opts = { parent };
    const role = new aws.iam.Role(
        spec.name,
        {
            name: spec.name,
            description: spec.description,
            assumeRolePolicy: policyDocument(spec.trust),
            permissionsBoundary: spec.permissionsBoundary,
            tags: nameTag(spec.name),
        },
        opts,
    );
    const grants: pulumi.Resource[] = (spec.managedPolicies ?? []).map((arn) => {
        const policyName = arn.split("/").pop() as string;
        return new aws.iam.RolePolicyAttachment(`${spec.name}-${policyName.toLowerCase().replace(/_/g, "-")}`, { role: role.name, policyArn: arn }, opts);
    });
    // Statements that wait on another resource's output (an account id in their ARNs) are never empty.
    if (spec.statements && (pulumi.Output.isInstance(spec.statements) || spec.statements.length > 0)) {
        grants.push(new aws.iam.RolePolicy(`${spec.name}-inline`, { role: role.id, policy: policyDocument(spec.statements) }, opts));
    }
    return { role, arn: role.arn, ready: [role, ...grants] };
}
