/**
 * The cost levers the README lists, as data: a stack, a setting and the value it is measured
 * against. Each difference is the plan's total with the lever minus the total without it, so a
 * README figure is something `npm run plan -- <stack> --set key=value` reproduces.
 */
import { cachedPlan } from "./plan-cache";

export interface Lever {
    stack: string;
    /** A key of the project's namespace, without the `openwebui:` prefix. */
    key: string;
    /** The cheaper setting. */
    value: string;
    /** What the saving is measured against. */
    instead: string;
    /** What a team gives up by pulling it. */
    givesUp: string;
}

export const LEVERS: readonly Lever[] = [
    {
        stack: "dev",
        key: "natGatewayStrategy",
        value: "instance",
        instead: "perAz",
        givesUp: "one small instance: egress stops while it recovers or if its AZ fails, its bandwidth is a t4g.nano's, its OS is ours to patch",
    },
    { stack: "dev", key: "natGatewayStrategy", value: "instance", instead: "single", givesUp: "as above, against one shared NAT gateway" },
    {
        stack: "dev",
        key: "databaseMode",
        value: "in-cluster",
        instead: "rds",
        givesUp: "one Postgres pod on a gp3 volume: no Multi-AZ, daily volume snapshots instead of point-in-time restore",
    },
    { stack: "dev", key: "appEnabled", value: "false", instead: "true", givesUp: "no application: the ALB and its addresses, the volume, uploads, tokens, ECR and the ALB alarms go; a bare platform" },
    {
        stack: "prod",
        key: "databaseInstanceClass",
        value: "db.t4g.micro",
        instead: "db.t4g.small",
        givesUp: "1 GiB of memory and about 110 connections instead of 2 GiB and about 225",
    },
];

export interface LeverCost extends Lever {
    /** Monthly USD with the lever minus without it: negative is a saving. */
    differenceUsd: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Prices each lever with the real program under the mock engine (runs shared through the plan cache). */
export async function leverCosts(asOf: string, levers: readonly Lever[] = LEVERS): Promise<LeverCost[]> {
    const out: LeverCost[] = [];
    for (const lever of levers) {
        const withLever = (await cachedPlan(lever.stack, asOf, { [lever.key]: lever.value })).cost.monthlyUsd;
        const without = (await cachedPlan(lever.stack, asOf, { [lever.key]: lever.instead })).cost.monthlyUsd;
        out.push({ ...lever, differenceUsd: round2(withLever - without) });
    }
    return out;
}
