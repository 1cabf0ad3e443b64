/** The one test on the real clock: the Kubernetes version each shipped stack runs is in standard support today. */
import * as assert from "assert";
import { standardSupportProblem, SUPPORTED_EKS_VERSIONS } from "@openwebui-aws/rules/eks";
import { loadStackFiles } from "../sim/stack-files";
import { STACKS } from "./helpers";

describe("Kubernetes version on the real calendar", () => {
    for (const stack of STACKS) {
        it(`${stack}: the version it deploys has not left EKS standard support today`, () => {
            const version = loadStackFiles(stack).config["openwebui:kubernetesVersion"];
            assert.ok((SUPPORTED_EKS_VERSIONS as readonly string[]).includes(version), `${stack}: ${version} is not a supported EKS version`);
            const problem = standardSupportProblem(version as (typeof SUPPORTED_EKS_VERSIONS)[number], new Date());
            assert.strictEqual(problem, undefined, `${stack}: ${problem}`);
        });
    }
});
