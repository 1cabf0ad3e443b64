import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./policies";

new PolicyPack(PACK_NAME, {
    description: "Guardrails for openwebui-aws: naming, tags, network exposure, logging, EKS, IAM, cost.",
    enforcementLevel: "advisory",
    policies,
});
