import { StackValidationPolicy } from "@pulumi/policy";
import { nodeFit } from "@openwebui-aws/rules/node-fit";

export const NODE_FIT_POLICY = "pods-fit-nodes";

/**
 * The pods fit the nodes (rules/allocatable.ts): what a stack file's node groups and replica counts
 * give the scheduler, checked before `up`, where a pod that fits no node would stay Pending until
 * its Release times out. Mandatory in both stacks: dev fails the same way.
 *
 * Reads the preview's node groups, Kubernetes objects, Helm release values (objects or JSON
 * strings) and add-ons through rules/workloads.ts. A value a first preview cannot know (a Helm
 * value or a node group's subnets made of outputs) makes CrossGuard report that the policy could
 * not run, as an advisory; the plan runs the same check offline.
 */
export const podsFitNodes: StackValidationPolicy = {
    name: NODE_FIT_POLICY,
    description: "Every node group's worst-placed node holds its pods' requests, any one pod's growth to its memory limit, and a rollout's surge pod or room to add a node (rules/allocatable.ts).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        // urn:pulumi:<stack>::<project>::...
        const stack = args.resources[0]?.urn.split("::")[0].split(":").pop() ?? "this stack";
        let problems: string[];
        try {
            problems = nodeFit(stack, args.resources.map((r) => ({ type: r.type, props: r.props }))).problems;
        } catch (e) {
            // CrossGuard's own error for an unknown value: it reports the policy as not run.
            if ((e as { unknownTypeSentinel?: unknown }).unknownTypeSentinel !== undefined) throw e;
            problems = [`cannot check that the pods fit the nodes: ${(e as Error).message}`];
        }
        problems.forEach((p) => report(p));
    },
};
