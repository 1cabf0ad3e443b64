/**
 * Whether one resource's property names another: written once for the stack policies that tie
 * resources together (a WAF log configuration to its ACL, an encryption setting to its bucket, an
 * alarm to its topic).
 */
import { PolicyResource } from "@pulumi/policy";
import { known, UNKNOWN } from "@openwebui-aws/rules/preview";

/**
 * `r.props[prop]` names `target`: by property dependency in a preview (ids and ARNs are unknown then),
 * or by value once both are known. An unknown value never counts as a match, and reading it does not
 * throw CrossGuard's UnknownValueError (which would quietly turn a mandatory policy advisory).
 */
export function refersTo(r: PolicyResource, prop: string, target: PolicyResource, targetProp: string): boolean {
    if ((r.propertyDependencies[prop] ?? []).some((dep) => dep.urn === target.urn)) return true;
    const wanted = known(() => target.props[targetProp]);
    const held = known(() => r.props[prop]);
    if (wanted === UNKNOWN || wanted === undefined || held === UNKNOWN) return false;
    return [held].flat().some((v) => known(() => v) === wanted);
}
