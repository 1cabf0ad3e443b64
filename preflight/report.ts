/** One line per check: what was checked, whether it holds, and for a failure what to do about it. */

export interface CheckResult {
    /** What was checked, e.g. `chart open-webui 16.0.0 in https://helm.openwebui.com`. */
    what: string;
    ok: boolean;
    /** What was found (a failure's reason, or the figures behind a pass). */
    detail?: string;
    /** For a failure: what the operator changes so that the next run passes. */
    fix?: string;
}

export const pass = (what: string, detail?: string): CheckResult => ({ what, ok: true, detail });
export const fail = (what: string, detail: string, fix: string): CheckResult => ({ what, ok: false, detail, fix });

export function formatCheck(c: CheckResult): string {
    const head = `${c.ok ? "ok  " : "FAIL"} ${c.what}`;
    const detail = c.detail ? `: ${c.detail}` : "";
    return c.ok ? head + detail : `${head}${detail}\n       fix: ${c.fix}`;
}

/** A check that could not even ask (network, credentials, permissions) fails too, saying why. */
export function unreachable(what: string, error: unknown, fix: string): CheckResult {
    const e = error as { name?: string; message?: string; cause?: { message?: string } };
    const cause = e.cause?.message ? ` (${e.cause.message})` : "";
    return fail(what, `could not ask: ${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message ?? String(error)}${cause}`, fix);
}
