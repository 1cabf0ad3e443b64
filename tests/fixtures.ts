/**
 * Fixtures for tests of pure code (rules/, the policies on hand-made resources): nothing here loads
 * the program or the mock engine, so a test that needs only these starts in milliseconds.
 */
import * as proxyModule from "@pulumi/policy/proxy";
import type { CostResource } from "@openwebui-aws/rules/cost/quantities";
import { DEFAULT_USAGE, UsageAssumptions } from "@openwebui-aws/rules/cost/usage";

/**
 * Props as a real preview hands them over: CrossGuard's proxy, which throws when a policy reads a
 * value marked unknown (@pulumi/policy proxy.js; internal, hence untyped here).
 */
const previewProxy = proxyModule as unknown as { unknownCheckingProxy: <T extends object>(props: T) => T; unknownStringValue: string } & Record<string, unknown>;
export const previewProps = previewProxy.unknownCheckingProxy;
export const UNKNOWN_STRING = previewProxy.unknownStringValue;
/** Every unknown value the proxy module exports (one per kind: boolean, number, string, array, asset, archive, object). */
export const PREVIEW_SENTINELS: Readonly<Record<string, unknown>> = Object.fromEntries(Object.entries(previewProxy).filter(([name]) => /^unknown\w+Value$/.test(name)));

/** A resource as the cost model reads it. */
export const costResource = (type: string, props: Record<string, unknown>): CostResource => ({ type, props });

/** Usage assumptions all at zero: a line then costs only what the quantities themselves bring. */
export const NO_USAGE = Object.fromEntries(Object.keys(DEFAULT_USAGE).map((k) => [k, 0])) as unknown as UsageAssumptions;
