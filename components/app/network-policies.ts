/**
 * Who may open a connection to which pod in the app namespace. Without these, any pod in the cluster
 * could read Open WebUI's websocket state in Redis (no auth) or try the in-cluster Postgres.
 *
 * Enforced by the VPC CNI's network policy agent (enableNetworkPolicy on the vpc-cni add-on,
 * components/cluster/index.ts). Ingress only: every pod here is denied what no rule below admits.
 * Egress stays open (README "Network policies": the apps call Bedrock, OpenAI, S3, STS and the
 * Pod Identity agent, whose addresses a NetworkPolicy cannot name). The agent always admits the
 * pod's own node, so kubelet probes pass (aws/aws-network-policy-agent pull request #65).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Namer } from "@openwebui-aws/rules/naming";
import { LITELLM_PORT, LITELLM_SELECTOR, REDIS_POD_LABELS, REDIS_PORT, WEBUI_CONTAINER_PORT, WEBUI_SELECTOR } from "./chart-values";
import { POSTGRES_LABELS, POSTGRES_PORT } from "./database";
import { LITELLM_KEY_JOB_LABELS } from "./litellm-key";

/**
 * Every pod of a Job carries `batch.kubernetes.io/job-name` (Kubernetes docs, "Jobs", "Job labels"):
 * the database setup job, Open WebUI's init job and LiteLLM's migrations hook, whose names change
 * with each run.
 */
export const ANY_JOB = { matchExpressions: [{ key: "batch.kubernetes.io/job-name", operator: "Exists" }] };

type Peer = { podSelector: Record<string, unknown> } | { ipBlock: { cidr: string } };

export interface AppNetworkPolicy {
    /** `allow-<pod>`; the default deny is `default-deny-ingress`. */
    name: string;
    /** The pods this policy admits connections to. */
    pods: Record<string, string>;
    port: number;
    from: Peer[];
    /** Why each peer may connect: the connection the app makes. */
    why: string;
}

export interface AppNetworkPolicyArgs {
    /** The private subnets' CIDRs, where the nodes are. */
    nodeCidrs: string[];
    /** Postgres runs in the namespace (dev); with RDS it is outside the cluster. */
    inClusterPostgres: boolean;
}

export function appNetworkPolicies(a: AppNetworkPolicyArgs): AppNetworkPolicy[] {
    const pods = (labels: Record<string, string>): Peer => ({ podSelector: { matchLabels: labels } });
    return [
        {
            name: "allow-open-webui",
            pods: WEBUI_SELECTOR,
            port: WEBUI_CONTAINER_PORT,
            // The ALB targets the nodes' NodePort (target-type instance), and kube-proxy forwards with the
            // node's address as the source: the nodes' subnets, which also hold the pods.
            from: a.nodeCidrs.map((cidr) => ({ ipBlock: { cidr } })),
            why: "the ALB, through the Service's NodePort on the nodes",
        },
        {
            name: "allow-litellm",
            pods: LITELLM_SELECTOR,
            port: LITELLM_PORT,
            from: [pods(WEBUI_SELECTOR), pods(LITELLM_KEY_JOB_LABELS)],
            why: "Open WebUI's OpenAI-compatible backend; the key job registers Open WebUI's key",
        },
        {
            name: "allow-open-webui-redis",
            pods: REDIS_POD_LABELS,
            port: REDIS_PORT,
            from: [pods(WEBUI_SELECTOR)],
            why: "Open WebUI's websocket manager",
        },
        ...(a.inClusterPostgres
            ? [
                  {
                      name: "allow-postgres",
                      pods: POSTGRES_LABELS,
                      port: POSTGRES_PORT,
                      from: [pods(WEBUI_SELECTOR), pods(LITELLM_SELECTOR), { podSelector: ANY_JOB }],
                      why: "both apps' databases; the setup, init and migration jobs",
                  },
              ]
            : []),
    ];
}

export function createNetworkPolicies(a: AppNetworkPolicyArgs & { names: Namer; namespace: string }, k8sOpts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy[] {
    const allows = appNetworkPolicies(a).map(
        (p) =>
            new k8s.networking.v1.NetworkPolicy(
                a.names.of("netpol", p.name.replace(/^allow-/, "")),
                {
                    metadata: { name: p.name, namespace: a.namespace, annotations: { "openwebui.io/why": p.why } },
                    spec: { podSelector: { matchLabels: p.pods }, policyTypes: ["Ingress"], ingress: [{ from: p.from, ports: [{ protocol: "TCP", port: p.port }] }] },
                },
                k8sOpts,
            ),
    );
    // After the allows: never a moment in which the namespace denies what the apps need.
    const deny = new k8s.networking.v1.NetworkPolicy(
        a.names.of("netpol", "default-deny"),
        { metadata: { name: "default-deny-ingress", namespace: a.namespace }, spec: { podSelector: {}, policyTypes: ["Ingress"] } },
        { ...k8sOpts, dependsOn: [...((k8sOpts.dependsOn as pulumi.Resource[] | undefined) ?? []), ...allows] },
    );
    return [deny, ...allows];
}
