import { ResourceValidationPolicy } from "@pulumi/policy";
import { MANAGED_BY, REQUIRED_TAG_KEYS, TAG_EXEMPTIONS } from "@openwebui-aws/rules/tags";
import taggableTypes from "@openwebui-aws/rules/taggable-aws-types.json";
import { effectiveTags } from "@openwebui-aws/rules/props";

const TAGGABLE = new Set<string>(taggableTypes);

export const requiredTags: ResourceValidationPolicy = {
    name: "required-tags",
    description: `Every taggable AWS resource carries ${REQUIRED_TAG_KEYS.join(", ")} (provider default tags count).`,
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!TAGGABLE.has(args.type) || args.type in TAG_EXEMPTIONS) {
            return;
        }
        const tags = effectiveTags(args.props, args.provider?.props);
        const missing = REQUIRED_TAG_KEYS.filter((key) => typeof tags[key] !== "string" || tags[key].trim() === "");
        if (missing.length > 0) {
            report(`missing required tags: ${missing.join(", ")}`);
        }
        if (tags.ManagedBy !== undefined && tags.ManagedBy !== MANAGED_BY) {
            report(`ManagedBy is "${tags.ManagedBy}", expected "${MANAGED_BY}"`);
        }
    },
};
