/**
 * rules/cidr.ts at its edges: what parseCidr refuses and why, word for word (config quotes it to
 * the person who typed the value), and containment, overlap and cover at the first and last address.
 */
import * as assert from "assert";
import { cidrContains, cidrsCover, cidrsOverlap, coversWholeInternet, Ipv4Cidr, isAnywhere, isCidr, parseCidr } from "@openwebui-aws/rules/cidr";

const c = (text: string): Ipv4Cidr => {
    const parsed = parseCidr(text);
    if (!isCidr(parsed)) throw new Error(parsed);
    return parsed;
};

describe("rules/cidr: parseCidr", () => {
    it("reads the network and prefix, from /0 to /32", () => {
        assert.deepStrictEqual(c("0.0.0.0/0"), { text: "0.0.0.0/0", network: 0, prefix: 0 });
        assert.deepStrictEqual(c("255.255.255.255/32"), { text: "255.255.255.255/32", network: 0xffffffff, prefix: 32 });
        assert.deepStrictEqual(c("10.20.0.0/16"), { text: "10.20.0.0/16", network: (10 * 2 ** 24 + 20 * 2 ** 16) >>> 0, prefix: 16 });
        assert.deepStrictEqual(c("192.168.1.128/25").network, (192 * 2 ** 24 + 168 * 2 ** 16 + 1 * 2 ** 8 + 128) >>> 0);
    });

    it("refuses each malformed value with its reason", () => {
        assert.strictEqual(parseCidr("10.0.0.0/8 "), '"10.0.0.0/8 " is not an IPv4 CIDR (expected a.b.c.d/n)');
        assert.strictEqual(parseCidr(" 10.0.0.0/8"), '" 10.0.0.0/8" is not an IPv4 CIDR (expected a.b.c.d/n)');
        assert.strictEqual(parseCidr("10.0.0.0/123"), '"10.0.0.0/123" is not an IPv4 CIDR (expected a.b.c.d/n)');
        assert.strictEqual(parseCidr("1000.0.0.0/8"), '"1000.0.0.0/8" is not an IPv4 CIDR (expected a.b.c.d/n)');
        assert.strictEqual(parseCidr("10.0.0.00/24"), '"10.0.0.00/24" has an octet with a leading zero (read as octal by some tools); write it without');
        assert.strictEqual(parseCidr("10.0.256.0/24"), '"10.0.256.0/24" has an octet above 255');
        assert.strictEqual(parseCidr("10.0.0.0/33"), '"10.0.0.0/33" has a prefix length above 32');
        assert.strictEqual(parseCidr("10.0.0.1/31"), '"10.0.0.1/31" has host bits set (did you mean 10.0.0.0/31?)');
        assert.strictEqual(parseCidr("255.255.255.255/1"), '"255.255.255.255/1" has host bits set (did you mean 128.0.0.0/1?)');
        assert.strictEqual(parseCidr("10.1.3.5/24"), '"10.1.3.5/24" has host bits set (did you mean 10.1.3.0/24?)');
        assert.strictEqual(parseCidr("10.0.0.0/0"), '"10.0.0.0/0" has host bits set (did you mean 0.0.0.0/0?)');
    });
});

describe("rules/cidr: containment, overlap and cover at the edges", () => {
    it("contains a block that ends on its last address, not one a single address past it", () => {
        assert.ok(cidrContains(c("10.0.0.0/16"), c("10.0.255.0/24")));
        assert.ok(cidrContains(c("10.0.0.0/16"), c("10.0.0.0/16")));
        assert.ok(!cidrContains(c("10.0.0.0/16"), c("10.1.0.0/24")));
        assert.ok(!cidrContains(c("10.0.1.0/24"), c("10.0.0.0/24")));
        // A larger block that starts at the same address is not inside.
        assert.ok(!cidrContains(c("10.0.0.0/24"), c("10.0.0.0/23")));
    });

    it("overlaps when the blocks share one address, either way round, and not when they only touch", () => {
        assert.ok(cidrsOverlap(c("10.0.0.0/24"), c("10.0.0.255/32")));
        assert.ok(cidrsOverlap(c("10.0.0.255/32"), c("10.0.0.0/24")));
        assert.ok(!cidrsOverlap(c("10.0.0.0/24"), c("10.0.1.0/24")));
        assert.ok(!cidrsOverlap(c("10.0.1.0/24"), c("10.0.0.0/24")));
    });

    it("covers a target exactly to its last address, from parsed or text blocks; anything else covers nothing", () => {
        assert.ok(cidrsCover(["10.0.0.0/25", c("10.0.0.128/25")], "10.0.0.0/24"));
        assert.ok(cidrsCover(["10.0.0.0/24"], c("10.0.0.0/24")));
        assert.ok(!cidrsCover(["10.0.0.0/25", "10.0.0.128/26"], "10.0.0.0/24"));
        assert.ok(!cidrsCover(["10.0.0.0/24"], "10.0.0.0/23"));
        // A block that starts after the target's first address leaves that address out.
        assert.ok(!cidrsCover(["10.0.0.1/32", "10.0.0.2/31"], "10.0.0.0/30"));
        // Single addresses count, in any order given.
        assert.ok(cidrsCover(["10.0.0.1/32", "10.0.0.0/32"], "10.0.0.0/31"));
        assert.ok(cidrsCover(["10.0.0.128/25", "10.0.0.0/25"], "10.0.0.0/24"));
        // All but the very last address is not cover.
        assert.ok(!cidrsCover(["10.0.0.0/31", "10.0.0.2/32"], "10.0.0.0/30"));
        assert.ok(!cidrsCover(["10.0.0.0/24"], "not a cidr"));
        assert.ok(!cidrsCover([null, 42, undefined], "10.0.0.0/24"));
    });

    it("names the two spellings of anywhere, and only those", () => {
        assert.ok(isAnywhere("0.0.0.0/0") && isAnywhere("::/0"));
        assert.ok(!isAnywhere("0.0.0.0/1") && !isAnywhere(undefined) && !isAnywhere("::/1"));
        assert.ok(coversWholeInternet(["10.0.0.0/8", "::/0"]));
    });
});
