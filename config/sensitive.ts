/**
 * Keys that may hold personal data (people's addresses and phone numbers, the team's Slack ids) or a
 * credential. A stack may set any of them — or, for a list, any element — with
 * `pulumi config set --secret`; the program then reads the plaintext to validate it and hands on only
 * secret values (stack outputs, Kubernetes objects, subscriptions stay encrypted in state).
 *
 * Offline there is no Pulumi Cloud to decrypt a `secure:` value, so the tests and the plan use the
 * stand-in below instead: a value each key's validation accepts and that is no placeholder, so a run
 * goes on exactly as with the real value, and says which keys it stood in for.
 */
export interface SensitiveKey {
    /** What an offline run uses for an encrypted value (for a list, for each encrypted element). */
    standIn: string;
    /** A list of strings: a whole encrypted list stands in as a one-element list. */
    list?: true;
}

// ".invalid" is reserved (RFC 2606) and never delivers; +82 10 0000 0000 is a well-formed Korean mobile number.
export const SENSITIVE_KEYS: Readonly<Record<string, SensitiveKey>> = {
    appAdminEmail: { standIn: "admin@offline-stand-in.invalid" },
    alertEmails: { standIn: "alerts@offline-stand-in.invalid", list: true },
    alertSmsNumbers: { standIn: "+821000000000", list: true },
    slackTeamId: { standIn: "T0STANDIN" },
    slackChannelId: { standIn: "C0STANDIN" },
    openaiApiKey: { standIn: "sk-offline-stand-in" },
};

/** `alertEmails` for `openwebui:alertEmails`, `openwebui:alertEmails[0]` or `alertEmails`. */
export function sensitiveKeyOf(key: string): SensitiveKey | undefined {
    const name = key.slice(key.indexOf(":") + 1).split(/[.[]/)[0];
    return Object.prototype.hasOwnProperty.call(SENSITIVE_KEYS, name) ? SENSITIVE_KEYS[name] : undefined;
}
