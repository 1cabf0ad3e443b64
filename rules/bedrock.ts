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

/**
 * What a stack's Region can call, from docs/reference/aws-ap-northeast-2-app.md ("Amazon Bedrock
 * (Anthropic Claude) from Seoul", gathered 2026-11; K9–K13 are its sources): Seoul has no in-Region
 * and no geographic Claude offer of its own (K11: In-Region ✗, Geo ✗, Global ✓), calls Claude 4.5
 * and later through `global.` profiles and older Claude through `apac.` ones (K12, K13). `us.`, `eu.`,
 * `jp.` … profiles are invoked from their own geography's Regions only. Only the ids recorded there
 * in full are listed; add others here with their source.
 */
export interface RegionBedrockOffer {
    /** Profile prefixes the Region can call. */
    profiles: readonly string[];
    /** Ids it can call today, with the reference's source keys. */
    callable: Readonly<Record<string, string>>;
    /** Ids the reference records and that the Region cannot call (any more), with why. */
    refused: Readonly<Record<string, string>>;
}

export const BEDROCK_OFFERS: Readonly<Record<string, RegionBedrockOffer>> = {
    "ap-northeast-2": {
        profiles: ["global", "apac"],
        callable: {
            "global.anthropic.claude-haiku-4-5-20251001-v1:0": "K9",
            "global.anthropic.claude-sonnet-4-5-20250929-v1:0": "K9, K11",
            "global.anthropic.claude-sonnet-4-6": "K9, K10",
        },
        refused: {
            "apac.anthropic.claude-haiku-4-5-20251001-v1:0": "Anthropic lists no apac. profile for Haiku 4.5 and Seoul as its source is unconfirmed (K10): use global.anthropic.claude-haiku-4-5-20251001-v1:0",
            "apac.anthropic.claude-sonnet-4-20250514-v1:0": "Claude Sonnet 4 is Legacy and was refused from Seoul in 2026 (K12): use global.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "apac.anthropic.claude-3-5-sonnet-20241022-v2:0": "Claude 3.5 Sonnet v2 is Legacy (K9, K10): use global.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "apac.anthropic.claude-3-haiku-20240307-v1:0": "Claude 3 Haiku reached end of life on 2026-09-10 (K11): use global.anthropic.claude-haiku-4-5-20251001-v1:0",
        },
    },
    // Tokyo, the recovery region (docs/reference/aws-ap-northeast-1.md, "Amazon Bedrock … from Tokyo";
    // T-keys are its sources): Claude 4.5 and later through `jp.` (Tokyo and Osaka only, T19, T34) or
    // `global.` profiles, older Claude through `apac.` (T35), none in-Region (T19).
    "ap-northeast-1": {
        profiles: ["jp", "global", "apac"],
        callable: {
            "jp.anthropic.claude-haiku-4-5-20251001-v1:0": "T18, T19",
            "jp.anthropic.claude-sonnet-4-5-20250929-v1:0": "T18, T19, T21",
            "jp.anthropic.claude-sonnet-4-6": "T18",
            "global.anthropic.claude-haiku-4-5-20251001-v1:0": "T18",
            "global.anthropic.claude-sonnet-4-5-20250929-v1:0": "T18, T21",
            "global.anthropic.claude-sonnet-4-6": "T18",
        },
        refused: {
            "apac.anthropic.claude-sonnet-4-20250514-v1:0": "Claude Sonnet 4 is Legacy and was refused in 2026 (T32): use jp.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "apac.anthropic.claude-3-haiku-20240307-v1:0": "Claude 3 Haiku reached end of life on 2026-09-10 (T19): use jp.anthropic.claude-haiku-4-5-20251001-v1:0",
        },
    },
};

/** Why `id` cannot be called from `region`, or undefined. */
export function bedrockOfferProblem(id: string, region: string): string | undefined {
    const offer = BEDROCK_OFFERS[region];
    if (!offer) return `no Bedrock offer is recorded for ${region} in rules/bedrock.ts`;
    if (offer.callable[id]) return undefined;
    const known = `callable from ${region}: ${Object.keys(offer.callable).join(", ")}`;
    if (offer.refused[id]) return `${id}: ${offer.refused[id]} (${known})`;
    const { profile } = splitModelId(id);
    if (profile && !offer.profiles.includes(profile)) {
        return `${id} is an inference profile of the ${profile}. geography, which Bedrock serves only to that geography's Regions; ${region} calls ${offer.profiles.map((p) => `${p}.`).join(" and ")} profiles (${known})`;
    }
    if (!profile) return `${id} is a foundation model called in-Region, and no model is recorded as served in-Region in ${region}; call it through a ${offer.profiles.map((p) => `${p}.`).join(" or ")} profile (${known})`;
    return `${id} is not a model or inference profile recorded as callable from ${region} (${known}); add it to rules/bedrock.ts with its source`;
}
