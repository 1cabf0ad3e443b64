/**
 * Container images the program runs itself (the charts pin their own through their appVersion).
 * Each is a fixed tag, multi-arch (the nodes are Graviton), seen in use in public repositories; none
 * was pulled from here (no registry but npm is reachable), so the first `pulumi up` in dev is where
 * a wrong tag would show, as an ImagePullBackOff of that pod alone.
 */

/** Postgres 17 with pgvector (Open WebUI keeps its RAG vectors there): in-cluster server and psql client. */
export const POSTGRES_IMAGE = "pgvector/pgvector:0.8.0-pg17";

/** Reads the RDS-managed master password from Secrets Manager for the one-off database setup. */
export const AWS_CLI_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.32.3";

/**
 * Ships the application's container logs to the design's /aws/application/openwebui-<env> group. Its
 * `cloudwatch_logs` output takes EKS Pod Identity credentials from 2.32.5 on (aws/aws-for-fluent-bit
 * PR #888, upstream fluent/fluent-bit #10114); the older Go `cloudwatch` output does not.
 */
export const FLUENT_BIT_IMAGE = "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.34.3";
