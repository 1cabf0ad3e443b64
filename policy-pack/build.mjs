// `pulumi policy publish` (and deployment/'s PolicyPack) run `npm pack` in this folder alone, and
// the service then runs `npm install` on what was packed. The shared rules are a workspace package
// that no registry has, so they are bundled in here; only the registry packages stay external.
// npm runs this as `prepack`, so a packed tarball can never miss or carry a stale bundle.
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const { dependencies } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

await build({
    entryPoints: [new URL("./index.ts", import.meta.url).pathname],
    outfile: new URL("./dist/index.js", import.meta.url).pathname,
    bundle: true,
    platform: "node",
    format: "cjs",
    // The oldest Node line package.json's engines admits: the pack runs on the Node of whichever
    // machine runs the Pulumi CLI.
    target: "node22",
    external: Object.keys(dependencies),
    sourcemap: "inline",
    logLevel: "warning",
});
