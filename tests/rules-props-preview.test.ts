/**
 * The readers every policy and the cost model share (rules/props.ts, rules/preview.ts): untyped
 * props, URNs, and the values a preview does not know yet, which must read as UNKNOWN whichever way
 * CrossGuard or the mock engine hands them over.
 */
import * as assert from "assert";
import { PREVIEW_SENTINELS, previewProps } from "./fixtures";
import { asArray, asRecord, effectiveTags, nameOfUrn, parseMaybeJson, projectOfUrn, typeOfUrn } from "@openwebui-aws/rules/props";
import { isUnknown, known, knownList, UNKNOWN } from "@openwebui-aws/rules/preview";

const sentinels = PREVIEW_SENTINELS;

describe("rules/props: reading untyped props", () => {
    it("asRecord takes plain objects only; asArray arrays only", () => {
        const o = { a: 1 };
        assert.strictEqual(asRecord(o), o);
        for (const v of [null, undefined, [1], "x", 3]) assert.deepStrictEqual(asRecord(v), {}, String(v));
        const a = [1];
        assert.strictEqual(asArray(a), a);
        for (const v of [null, undefined, { 0: 1 }, "ab"]) assert.deepStrictEqual(asArray(v), [], String(v));
    });

    it("parseMaybeJson parses JSON text, and leaves other text and non-strings as they are", () => {
        assert.deepStrictEqual(parseMaybeJson('{"a":[1]}'), { a: [1] });
        assert.strictEqual(parseMaybeJson("not json"), "not json");
        const o = { a: 1 };
        assert.strictEqual(parseMaybeJson(o), o);
    });

    it("effectiveTags lays the resource's tags over the provider's defaults, JSON or object", () => {
        const provider = { defaultTags: JSON.stringify({ tags: { Project: "openwebui", Owner: "platform-team" } }) };
        assert.deepStrictEqual(effectiveTags({ tags: { Owner: "data-team", Name: "x" } }, provider), { Project: "openwebui", Owner: "data-team", Name: "x" });
        assert.deepStrictEqual(effectiveTags({}, { defaultTags: { tags: { Project: "openwebui" } } }), { Project: "openwebui" });
        assert.deepStrictEqual(effectiveTags({ tags: { Name: "x" } }), { Name: "x" });
    });

    it("reads a URN's project, type (after any parent types) and name (which may itself hold '::')", () => {
        const urn = "urn:pulumi:prod::openwebui::openwebui:app:OpenWebUIApp$kubernetes:helm.sh/v3:Release::openwebui-webui-prod";
        assert.strictEqual(typeOfUrn(urn), "kubernetes:helm.sh/v3:Release");
        assert.strictEqual(typeOfUrn("urn:pulumi:prod::openwebui::aws:s3/bucket:Bucket::b"), "aws:s3/bucket:Bucket");
        assert.strictEqual(projectOfUrn(urn), "openwebui");
        assert.strictEqual(nameOfUrn(urn), "openwebui-webui-prod");
        assert.strictEqual(nameOfUrn("urn:pulumi:prod::openwebui::aws:s3/bucket:Bucket::a::b"), "a::b");
        assert.strictEqual(typeOfUrn("not-a-urn"), "");
        assert.strictEqual(projectOfUrn("not-a-urn"), "");
    });
});

describe("rules/preview: what a preview does not know", () => {
    it("isUnknown knows every sentinel CrossGuard's proxy uses, and the mock engine's marker", () => {
        // Read from the module, so a sentinel a new @pulumi/policy adds is checked too.
        assert.strictEqual(Object.keys(sentinels).length, 7, Object.keys(sentinels).join(", "));
        for (const [name, sentinel] of Object.entries(sentinels)) assert.ok(isUnknown(sentinel), name);
        assert.ok(isUnknown({ __pulumiUnknown: true }));
        for (const v of [{ __pulumiUnknown: "true" }, null, undefined, "", "1c4a061d", 0, {}]) assert.ok(!isUnknown(v), JSON.stringify(v));
    });

    it("known returns the value, UNKNOWN for a sentinel or CrossGuard's UnknownValueError, and rethrows any other error", () => {
        assert.strictEqual(known(() => 3), 3);
        assert.strictEqual(known(() => null), null);
        assert.strictEqual(known(() => sentinels.unknownStringValue), UNKNOWN);
        const props = previewProps({ a: { b: sentinels.unknownStringValue } }) as { a: { b: unknown } };
        assert.strictEqual(known(() => props.a.b), UNKNOWN);
        assert.throws(() => known(() => { throw new TypeError("boom"); }), /boom/);
    });

    it("knownList: an unknown list, no list, one value, and a list with unknown items", () => {
        assert.strictEqual(knownList(() => sentinels.unknownArrayValue), UNKNOWN);
        assert.deepStrictEqual(knownList(() => undefined), []);
        assert.deepStrictEqual(knownList(() => null), []);
        assert.deepStrictEqual(knownList(() => "subnet-1"), ["subnet-1"]);
        const props = previewProps({ ids: ["subnet-1", sentinels.unknownStringValue] }) as { ids: unknown[] };
        assert.deepStrictEqual(knownList(() => props.ids), ["subnet-1", UNKNOWN]);
    });
});
