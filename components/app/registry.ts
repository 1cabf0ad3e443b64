/**
 * ECR repositories for the team's own images (a customised Open WebUI, LiteLLM with plugins), under
 * the `openwebui/` prefix the developer role may push to. Plain @pulumi/aws resources: awsx's
 * Repository is a remote component whose children a mock run (and the pack's tests) cannot see.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import { nameTag } from "@openwebui-aws/rules/tags";

/** `openwebui/openwebui-ecr-dev-webui`: the developer role's `repository/openwebui/*` grant covers it. */
export function ecrRepositoryName(names: Namer, suffix: string): string {
    return `${names.project}/${names.of("ecr", suffix)}`;
}

export function ecrLifecyclePolicy(keepImages: number): string {
    return JSON.stringify({
        rules: [
            { rulePriority: 1, description: "Expire untagged images after a day", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 1 }, action: { type: "expire" } },
            { rulePriority: 2, description: `Keep the newest ${keepImages} images`, selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepImages }, action: { type: "expire" } },
        ],
    });
}

export function createRepositories(args: { names: Namer; repositories: string[]; keepImages: number }, parent: pulumi.Resource): aws.ecr.Repository[] {
    return args.repositories.map((suffix) => {
        const name = args.names.of("ecr", suffix);
        const repository = new aws.ecr.Repository(
            name,
            {
                name: ecrRepositoryName(args.names, suffix),
                // A tag names one image forever: deploys and rollbacks mean what they say.
                imageTagMutability: "IMMUTABLE",
                imageScanningConfiguration: { scanOnPush: true },
                encryptionConfigurations: [{ encryptionType: "AES256" }],
                // `pulumi destroy` refuses a repository that still holds images.
                forceDelete: false,
                tags: nameTag(name),
            },
            { parent },
        );
        new aws.ecr.LifecyclePolicy(`${name}-lifecycle`, { repository: repository.name, policy: ecrLifecyclePolicy(args.keepImages) }, { parent });
        return repository;
    });
}
