/** Who may assume the deployment roles: the claims AWS checks in each OIDC token. */
import { PROJECT } from "@openwebui-aws/rules/naming";

export const PULUMI_OIDC_HOST = "api.pulumi.com/oidc";
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/** `pulumi:deploy:org:<org>:project:openwebui:stack:<stack>:operation:<op>:scope:<scope>`: one stack, any operation. */
export function deploySubject(organization: string, stack: string): string {
    return `pulumi:deploy:org:${organization}:project:${PROJECT}:stack:${stack}:operation:*:scope:*`;
}

/** GitHub subjects allowed to preview: pull requests, and runs on the branch (the scheduled drift check). */
export function previewSubjects(repository: string, branch: string): string[] {
    return [`repo:${repository}:pull_request`, `repo:${repository}:ref:refs/heads/${branch}`];
}
