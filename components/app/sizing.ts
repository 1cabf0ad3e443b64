/**
 * Requests and limits of LiteLLM's pods, per stack, and why. tests/allocatable.test.ts holds them,
 * with everything else a node carries, to the nodes' allocatable memory and CPU.
 *
 * What is known about LiteLLM's memory (read 2026-12):
 * - BerriAI/litellm docs/my-website/docs/proxy/prod.md §2–3: a production machine of at least
 *   2 vCPU and 4 GB RAM, running as many uvicorn workers as CPUs. The chart starts one worker
 *   (its numWorkers is unset; litellm/constants.py DEFAULT_NUM_WORKERS_LITELLM_PROXY is 1), so one
 *   pod is half that machine's workers, and two replicas are its two.
 * - Prisma's query engine is a process of its own beside Python; when it is OOM-killed the proxy
 *   lives on without a database (BerriAI/litellm#20697). A limit must hold both.
 * - A 1 GiB limit was OOM-killed during Prisma's start-up and 2 GiB started
 *   (davealtena/homelab#1542); 512 MiB was killed within seconds of every start
 *   (mitchross/talos-argocd-proxmox#1766, JiRaska/open-bank-oss#3185).
 * - The migrations Job runs `prisma migrate deploy` (a Node.js CLI): prisma/prisma#24061 reports
 *   it needing 1 GiB where the app itself ran in 256 MB.
 *
 * prod: 2 GiB requested per pod (the level reported to start, and with two pods the 4 GB the
 * docs give two workers), up to 3 GiB. A 4 GiB limit does not fit an 8 GiB node beside Open WebUI
 * and the add-ons under this project's overcommit rule (rules/allocatable.ts fitProblems).
 * dev: a small team, one replica on one node: 1 GiB requested, the 2 GiB limit that is reported
 * to survive start-up. The lower request leaves the single node room for the surge pods of a
 * rolling update (Open WebUI's and LiteLLM's) next to everything else.
 */
import { Environment } from "@openwebui-aws/rules/naming";

export interface PodSize {
    requests: { cpu: string; memory: string };
    limits: { memory: string };
}

export interface LitellmSizing {
    proxy: PodSize;
    migrations: PodSize;
}

/** CPU is requested, never limited: a throttled proxy answers slowly, an OOM-killed one not at all. */
export const LITELLM_SIZING: Readonly<Record<Environment, LitellmSizing>> = {
    dev: {
        proxy: { requests: { cpu: "100m", memory: "1Gi" }, limits: { memory: "2Gi" } },
        migrations: { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "1536Mi" } },
    },
    prod: {
        proxy: { requests: { cpu: "250m", memory: "2Gi" }, limits: { memory: "3Gi" } },
        migrations: { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "1536Mi" } },
    },
};
