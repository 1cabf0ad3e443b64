/**
 * Amazon Bedrock model ids and the ARNs a role must be granted to invoke them, written once for the
 * program (LiteLLM's role) and the policy pack (bedrock-invoke-scoped).
 *
 * A cross-Region inference profile (`global.` / `apac.` / … prefix) is invoked by its profile ARN in
 * the caller's account and Region, and Bedrock then authorises the call again on the foundation model
 * in whichever Region serves it; for global profiles that foundation-model ARN carries no Region.
 * The condition key bedrock:InferenceProfileArn then limits the foundation model to calls that come
 * through the profile. Source: AWS Bedrock user guide, "Prerequisites for inference profiles" (the
 * profile and its foundation models must both be granted; the condition restricts the latter).
 */

export interface BedrockModel {
    /** The name Open WebUI users pick, and LiteLLM's model_name. */
    name: string;
    /** A foundation-model id or a cross-Region inference-profile id. */
    id: string;
}

/** Inference-profile prefixes Bedrock uses for cross-Region routing. */
export const INFERENCE_PROFILE_PREFIXES = ["global", "apac", "us", "eu", "jp", "au", "ca", "us-gov"] as const;

/** `anthropic.claude-haiku-4-5-20251001-v1:0`, optionally behind a profile prefix. */
export const BEDROCK_MODEL_ID = /^(?:(global|apac|us|eu|jp|au|ca|us-gov)\.)?[a-z0-9-]+\.[a-z0-9][a-z0-9.-]*(?::\d+)?$/;

export const BEDROCK_INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;

export function splitModelId(id: string): { profile?: string; foundationModel: string } {
    const prefix = INFERENCE_PROFILE_PREFIXES.find((p) => id.startsWith(`${p}.`) && id.split(".").length > 2);
    return prefix ? { profile: prefix, foundationModel: id.slice(prefix.length + 1) } : { foundationModel: id };
}

export interface ModelGrant {
    /** Invoked directly: a foundation model in the Region, or an inference profile. */
    invoked: string;
    /** For a profile: the foundation model in any Region it routes to (and the Region-less ARN of global profiles, "*" matching empty). */
    throughProfile?: string;
}

/**
 * What invoking `id` from `region` is authorised on. Throws on an id that is not a model id, so a
 * typo cannot widen the grant.
 */
export function bedrockModelGrant(id: string, region: string, accountId: string): ModelGrant {
    if (!BEDROCK_MODEL_ID.test(id)) throw new Error(`"${id}" is not a Bedrock model or inference-profile id`);
    const { profile, foundationModel } = splitModelId(id);
    if (!profile) return { invoked: `arn:aws:bedrock:${region}::foundation-model/${foundationModel}` };
    return { invoked: `arn:aws:bedrock:${region}:${accountId}:inference-profile/${id}`, throughProfile: `arn:aws:bedrock:*::foundation-model/${foundationModel}` };
}

/** True when an ARN names one model or profile (a Region wildcard is allowed, a model wildcard is not). */
export function isModelScopedArn(arn: string): boolean {
    const m = /^arn:aws:bedrock:([a-z0-9-]*|\*):(\d{12})?:(foundation-model|inference-profile|application-inference-profile)\/(.+)$/.exec(arn);
    return m !== null && !m[4].includes("*") && !m[4].includes("?");
}
