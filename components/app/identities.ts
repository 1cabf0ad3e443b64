/**
 * What each application pod may do in AWS, through EKS Pod Identity (no access keys anywhere): Open
 * WebUI reads and writes its uploads, LiteLLM invokes the configured Bedrock models, the setup job
 * reads the RDS master password, Fluent Bit writes the application log group.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BEDROCK_INVOKE_ACTIONS, BedrockModel, bedrockModelGrant } from "@openwebui-aws/rules/bedrock";
import { Namer } from "@openwebui-aws/rules/naming";
import { createRole, GrantedRole, podIdentityTrust, Statement, workloadBoundaryArn } from "../iam";

export interface ServiceAccountRef {
    namespace: string;
    serviceAccount: string;
}

/** Open WebUI's S3 storage provider: put, get, delete and list, in its bucket only (no tagging, no ACLs). */
export function uploadsStatements(bucketArn: pulumi.Input<string>): Statement[] {
    return [
        { Sid: "ListUploads", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
        {
            Sid: "ReadWriteUploads",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
            Resource: pulumi.interpolate`${bucketArn}/*`,
        },
    ];
}

/**
 * LiteLLM: invoke exactly the configured models and inference profiles; a profile's foundation model
 * (in whichever Region serves it) only through that profile, never directly.
 */
export function bedrockStatements(models: BedrockModel[], region: string, accountId: string): Statement[] {
    const grants = models.map((m) => bedrockModelGrant(m.id, region, accountId));
    const unique = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => x !== undefined))].sort();
    const throughProfiles = grants.filter((g) => g.throughProfile);
    return [
        { Sid: "InvokeConfiguredModels", Effect: "Allow", Action: [...BEDROCK_INVOKE_ACTIONS], Resource: unique(grants.map((g) => g.invoked)) },
        ...(throughProfiles.length > 0
            ? [
                  {
                      Sid: "InvokeTheirModelsThroughTheProfiles",
                      Effect: "Allow" as const,
                      Action: [...BEDROCK_INVOKE_ACTIONS],
                      Resource: unique(throughProfiles.map((g) => g.throughProfile)),
                      Condition: { StringEquals: { "bedrock:InferenceProfileArn": unique(throughProfiles.map((g) => g.invoked)) } },
                  },
              ]
            : []),
    ];
}

/** The setup job: the RDS-managed master secret, nothing else (it is encrypted with aws/secretsmanager). */
export function masterSecretStatements(secretArn: pulumi.Input<string>): Statement[] {
    return [{ Sid: "ReadMasterPassword", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: secretArn }];
}

/** Fluent Bit: streams in the application log group; the group itself is OpenWebUIOps'. */
export function appLogStatements(logGroupArn: pulumi.Input<string>): Statement[] {
    return [
        {
            Sid: "WriteApplicationLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [logGroupArn, pulumi.interpolate`${logGroupArn}:log-stream:*`],
        },
    ];
}

/**
 * A role for one service account, and its Pod Identity association, which waits for the role's
 * grants: its own, and those `moreGrants` makes once the role exists (a grant on a key whose policy
 * must name the role first).
 */
export function podIdentity(
    args: {
        names: Namer;
        type: string;
        clusterName: pulumi.Input<string>;
        account: ServiceAccountRef;
        statements: Statement[] | pulumi.Output<Statement[]>;
        moreGrants?: (role: GrantedRole) => pulumi.Resource[];
    },
    parent: pulumi.Resource,
): { role: GrantedRole; association: aws.eks.PodIdentityAssociation } {
    const { names } = args;
    const role = createRole(
        {
            name: names.of(`${args.type}-role`),
            description: `Pod Identity role of ${args.account.namespace}/${args.account.serviceAccount}`,
            trust: podIdentityTrust,
            statements: args.statements,
            permissionsBoundary: workloadBoundaryArn(names, parent),
        },
        parent,
    );
    const association = new aws.eks.PodIdentityAssociation(
        names.of(`${args.type}-pia`),
        { clusterName: args.clusterName, namespace: args.account.namespace, serviceAccount: args.account.serviceAccount, roleArn: role.arn },
        { parent, dependsOn: [...role.ready, ...(args.moreGrants?.(role) ?? [])] },
    );
    return { role, association };
}
