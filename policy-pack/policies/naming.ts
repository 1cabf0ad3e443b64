import { ResourceValidationPolicy } from "@pulumi/policy";
import { checkName, PHYSICAL_NAME_PROPERTY } from "@openwebui-aws/rules/naming";
import { asRecord, nameOfUrn, projectOfUrn, typeOfUrn } from "@openwebui-aws/rules/props";

interface NamingConfig {
    environment: string;
}

/** Names the engine or the CLI chooses, not the program. */
function isEngineNamed(type: string, name: string): boolean {
    return type === "pulumi:pulumi:Stack" || (type.startsWith("pulumi:providers:") && name.startsWith("default"));
}

export const namingConvention: ResourceValidationPolicy = {
    name: "naming-convention",
    description: "Logical names, Name tags and physical names follow {project}-{resource-type}-{environment}[-{suffix}].",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: { environment: { type: "string", enum: ["dev", "prod"] } },
        required: ["environment"],
    },
    validateResource: (args, report) => {
        if (isEngineNamed(args.type, args.name)) {
            return;
        }
        const { environment } = args.getConfig<NamingConfig>();
        const project = projectOfUrn(args.urn);
        const parentUrn = args.opts.parent;
        const parentType = parentUrn ? typeOfUrn(parentUrn) : undefined;
        if (parentUrn && parentType !== "pulumi:pulumi:Stack" && !parentType?.startsWith(`${project}:`)) {
            // Children of third-party components (e.g. @pulumi/eks) are named by the component as
            // `<parent name>-<role>`; they comply when their parent does.
            const parentName = nameOfUrn(parentUrn);
            if (!args.name.startsWith(`${parentName}-`) && args.name !== parentName) {
                report(`"${args.name}" does not start with its component's name "${parentName}"`);
            }
            return;
        }
        const logical = checkName(args.name, project, environment);
        if (logical) report(`logical name: ${logical}`);

        const nameTag = asRecord(args.props.tags).Name;
        if (typeof nameTag === "string" && nameTag !== args.name) {
            report(`Name tag "${nameTag}" differs from the logical name "${args.name}"`);
        }
        const physicalName = PHYSICAL_NAME_PROPERTY[args.type];
        const physical = physicalName ? args.props[physicalName.property] : undefined;
        if (physicalName && typeof physical === "string") {
            const prefix = physicalName.awsPrefix ?? "";
            const problem = physical.startsWith(prefix) ? checkName(physical.slice(prefix.length), project, environment) : `"${physical}" lacks the prefix "${prefix}"`;
            if (problem) report(`${physicalName.property}: ${problem}`);
        }
    },
};
