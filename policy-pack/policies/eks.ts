import { ResourceValidationPolicy } from "@pulumi/policy";
import { CONTROL_PLANE_LOG_TYPES, SUPPORTED_EKS_VERSIONS } from "@openwebui-aws/rules/eks";
import { coversWholeInternet } from "@openwebui-aws/rules/cidr";
import { PROJECT } from "@openwebui-aws/rules/naming";
import { clusterSettings, EKS_CLUSTER_TYPE } from "@openwebui-aws/rules/eks-cluster";
import { asArray, asRecord, parseMaybeJson } from "@openwebui-aws/rules/props";

export const eksVersionSupported: ResourceValidationPolicy = {
    name: "eks-version-supported",
    description: `EKS runs a version in standard support (${SUPPORTED_EKS_VERSIONS.join(", ")}) with upgrade policy STANDARD (EXTENDED bills 6× per hour).`,
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const c = clusterSettings(args.type, args.props);
        if (!c) return;
        if (!(SUPPORTED_EKS_VERSIONS as readonly string[]).includes(String(c.version))) {
            report(`Kubernetes ${c.version ?? "(unset: the provider's default)"} is not one of ${SUPPORTED_EKS_VERSIONS.join(", ")}`);
        }
        if (c.supportType !== "STANDARD") {
            report(`upgradePolicy.supportType is ${c.supportType ?? "unset (the API default, EXTENDED)"}; set STANDARD`);
        }
    },
};

export const eksControlPlaneLogging: ResourceValidationPolicy = {
    name: "eks-control-plane-logging",
    description: "EKS sends all five control-plane log types to CloudWatch.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const c = clusterSettings(args.type, args.props);
        const missing = c ? CONTROL_PLANE_LOG_TYPES.filter((t) => !c.logTypes.includes(t)) : [];
        if (missing.length > 0) report(`control-plane log types not enabled: ${missing.join(", ")}`);
    },
};

export const eksSecretsEncryption: ResourceValidationPolicy = {
    name: "eks-secrets-encryption",
    description: "Kubernetes secrets are envelope-encrypted with a KMS key.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const c = clusterSettings(args.type, args.props);
        if (c && !c.secretsKeyArn) report("secrets are not encrypted with a KMS key");
    },
};

export const eksPublicEndpointRestricted: ResourceValidationPolicy = {
    name: "eks-public-endpoint-restricted",
    description: "A public Kubernetes API endpoint lists the CIDRs allowed to reach it, never the whole internet (0.0.0.0/0, or CIDRs that add up to it).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const c = clusterSettings(args.type, args.props);
        if (!c || !c.publicAccess) return;
        // EKS reads an empty list as 0.0.0.0/0.
        if (c.publicCidrs.length === 0 || coversWholeInternet(c.publicCidrs)) {
            report(`the public API endpoint is open to the whole internet (${c.publicCidrs.join(" + ") || "no CIDRs listed"}); set ${PROJECT}:endpointPublicAccessCidrs to admin or VPN CIDRs`);
        }
    },
};

export const launchTemplateHardening: ResourceValidationPolicy = {
    name: "launch-template-hardening",
    description: "Launch templates require IMDSv2 and encrypt every EBS volume.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== "aws:ec2/launchTemplate:LaunchTemplate") return;
        if (asRecord(args.props.metadataOptions).httpTokens !== "required") {
            report("metadataOptions.httpTokens is not \"required\": IMDSv1 lets SSRF bugs steal the node role");
        }
        asArray(args.props.blockDeviceMappings).forEach((m) => {
            const ebs = asRecord(asRecord(m).ebs);
            if (String(ebs.encrypted) !== "true") report(`volume ${asRecord(m).deviceName ?? "?"} is not encrypted`);
        });
    },
};

export const kmsKeyRotation: ResourceValidationPolicy = {
    name: "kms-key-rotation",
    description: "Symmetric customer-managed KMS keys rotate yearly.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== "aws:kms/key:Key") return;
        const symmetric = (args.props.customerMasterKeySpec ?? args.props.keySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT";
        if (symmetric && args.props.enableKeyRotation !== true) report("key rotation is off");
    },
};

const CRYPTO_ACTION = /^kms:(\*|Encrypt|Decrypt|ReEncrypt\*?|ReEncrypt(From|To)|GenerateDataKey.*)$/i;

/**
 * Checkov CKV_AWS_33-style: a customer-managed key has its own key policy, and it does not let the
 * account root use the key for data (AWS's default policy does: root `kms:*`, so any principal
 * granted `kms:Decrypt` on `*` through IAM could read what the key protects).
 */
export const kmsKeyPolicyExplicit: ResourceValidationPolicy = {
    name: "kms-key-policy-explicit",
    description: "Customer-managed KMS keys have an explicit key policy that gives data use only to named principals, never to the account root.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== "aws:kms/key:Key") return;
        const policy = parseMaybeJson(args.props.policy);
        if (policy === undefined || policy === null || policy === "") {
            report("no key policy: AWS's default gives the account root kms:*");
            return;
        }
        for (const s of asArray(asRecord(policy).Statement).map(asRecord)) {
            if (s.Effect !== "Allow") continue;
            const principals = s.Principal === "*" ? ["*"] : [asRecord(s.Principal).AWS].flat();
            const rootOrAnyone = principals.some((p) => p === "*" || /:root$/.test(String(p)));
            const crypto = [s.Action].flat().filter((a) => CRYPTO_ACTION.test(String(a)));
            if (rootOrAnyone && crypto.length > 0) report(`statement ${String(s.Sid ?? "")} lets the account root (or anyone) use the key for data: ${crypto.join(", ")}`);
        }
    },
};

/**
 * Only the aws:eks Cluster carries the flag, so this acts in a real preview: @pulumi/eks's own
 * inputs never show it (the program turns it off with a transform on the child).
 */
export const eksNoCreatorAdmin: ResourceValidationPolicy = {
    name: "eks-no-creator-admin",
    description: "The identity that creates an EKS cluster gets no implicit, invisible cluster-admin; admins come from access entries.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== EKS_CLUSTER_TYPE) return;
        // EKS bootstraps the creator when the flag is absent.
        if (asRecord(args.props.accessConfig).bootstrapClusterCreatorAdminPermissions !== false) {
            report("accessConfig.bootstrapClusterCreatorAdminPermissions is not false: the creator becomes a hidden cluster-admin");
        }
    },
};
