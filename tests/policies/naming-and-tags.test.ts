import { namingConvention } from "../../policy-pack/policies/naming";
import { requiredTags } from "../../policy-pack/policies/tags";
import * as assert from "assert";
import { assertFlags, assertPasses, check, taggedProvider } from "./helpers";

const devConfig = { "naming-convention": { environment: "dev" } };
const vpc = (name: string, tags: Record<string, string> = { Name: name }) => ({
    type: "aws:ec2/vpc:Vpc",
    name,
    urn: `urn:pulumi:dev::openwebui::aws:ec2/vpc:Vpc::${name}`,
    props: { cidrBlock: "10.0.0.0/16", tags },
});

describe("policy naming-convention", () => {
    it("accepts {project}-{type}-{env}[-{suffix}] names and matching Name tags", async () => {
        await assertPasses(namingConvention, [vpc("openwebui-vpc-dev"), vpc("openwebui-public-subnet-dev-a")], devConfig);
    });

    it("flags a logical name that breaks the pattern", async () => {
        await assertFlags(namingConvention, [vpc("my-vpc")], /logical name: "my-vpc" does not match/, devConfig);
    });

    it("flags a name for the wrong environment", async () => {
        await assertFlags(namingConvention, [vpc("openwebui-vpc-prod")], /does not match openwebui-\{resource-type\}-dev/, devConfig);
    });

    it("flags a Name tag that differs from the logical name", async () => {
        await assertFlags(namingConvention, [vpc("openwebui-vpc-dev", { Name: "vpc" })], /Name tag "vpc" differs/, devConfig);
    });

    it("flags a physical name that breaks the pattern", async () => {
        const role = {
            type: "aws:iam/role:Role",
            name: "openwebui-flowlogs-role-dev",
            props: { name: "FlowLogsRole" },
        };
        await assertFlags(namingConvention, [role], /name: "FlowLogsRole" does not match/, devConfig);
    });

    it("reads ECR repository names under the project's namespace, and flags one without its environment", async () => {
        const repo = (name: string) => ({ type: "aws:ecr/repository:Repository", name: "openwebui-ecr-dev-webui", props: { name } });
        await assertPasses(namingConvention, [repo("openwebui/openwebui-ecr-dev-webui")], devConfig);
        await assertFlags(namingConvention, [repo("openwebui/webui")], /does not match openwebui-\{resource-type\}-dev/, devConfig);
        await assertFlags(namingConvention, [repo("openwebui-ecr-dev-webui")], /lacks the prefix "openwebui\/"/, devConfig);
    });

    it("accepts children of a third-party component named after it, and flags one that is not", async () => {
        const parentUrn = "urn:pulumi:dev::openwebui::eks:index:Cluster::openwebui-eks-dev";
        const child = (name: string) => ({ type: "aws:iam/role:Role", name, parentUrn, props: {} });
        await assertPasses(namingConvention, [child("openwebui-eks-dev-eksRole")], devConfig);
        await assertFlags(namingConvention, [child("eksRole")], /does not start with its component's name/, devConfig);
        // The rule also admits a child named exactly as its component.
        await assertPasses(namingConvention, [{ ...child("openwebui-eks-dev"), type: "aws:eks/cluster:Cluster" }], devConfig);
    });

    it("leaves the names the engine chooses alone: the stack and default providers, and nothing else", async () => {
        await assertPasses(namingConvention, [{ type: "pulumi:pulumi:Stack", name: "openwebui-dev", props: {} }], devConfig);
        await assertPasses(namingConvention, [{ type: "pulumi:providers:aws", name: "default_7_12_0", props: {} }], devConfig);
        await assertFlags(namingConvention, [{ type: "pulumi:providers:aws", name: "my-aws", props: {} }], /logical name: "my-aws" does not match/, devConfig);
        await assertFlags(namingConvention, [{ type: "aws:ec2/vpc:Vpc", name: "default-vpc", props: {} }], /logical name: "default-vpc" does not match/, devConfig);
        await assertFlags(namingConvention, [{ type: "pulumi:providers:aws", name: "aws-default", props: {} }], /logical name: "aws-default" does not match/, devConfig);
    });

    it("does not judge a physical name the inputs do not carry", async () => {
        await assertPasses(namingConvention, [{ type: "aws:iam/role:Role", name: "openwebui-flowlogs-role-dev", props: {} }], devConfig);
    });
});

describe("policy required-tags", () => {
    it("accepts a taggable resource whose provider default tags carry every required tag", async () => {
        await assertPasses(requiredTags, [{ ...vpc("openwebui-vpc-dev"), provider: taggedProvider }]);
    });

    it("accepts tags set on the resource itself", async () => {
        const tags = JSON.parse(taggedProvider.props.defaultTags).tags;
        await assertPasses(requiredTags, [vpc("openwebui-vpc-dev", { Name: "openwebui-vpc-dev", ...tags })]);
    });

    it("flags a taggable resource without the provider's default tags, naming what is missing", async () => {
        const found = await check(requiredTags, [vpc("openwebui-vpc-dev")]);
        // Only what is missing: no second finding about a ManagedBy that is not there at all.
        assert.deepStrictEqual(found.map((v) => v.message), ["missing required tags: Project, Environment, Owner, ManagedBy, CostCenter, Department, Team"]);
    });

    it("flags an empty required tag and a wrong ManagedBy", async () => {
        const r = { ...vpc("openwebui-vpc-dev", { Name: "x", Owner: " ", ManagedBy: "terraform" }), provider: taggedProvider };
        await assertFlags(requiredTags, [r], /missing required tags: Owner/);
        await assertFlags(requiredTags, [r], /ManagedBy is "terraform"/);
    });

    it("ignores types that take no tags", async () => {
        await assertPasses(requiredTags, [{ type: "aws:ec2/route:Route", name: "openwebui-route-dev", props: {} }]);
    });
});
