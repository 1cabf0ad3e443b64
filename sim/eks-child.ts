/**
 * The aws:eks Cluster that @pulumi/eks 4.3 creates inside its component (nodejs/eks/cluster/cluster.ts),
 * with the transforms the program attached to the component applied to it, as the engine would in a
 * real run. Under mocks the child is invisible; this is how tests and the IAM calls see it.
 */
import type { RecordedResource } from "./mock-engine";

export async function eksClusterChild(component: RecordedResource): Promise<Record<string, any>> {
    const name = String(component.inputs.name);
    let current: any = {
        type: "aws:eks/cluster:Cluster",
        name: `${component.name}-eksCluster`,
        custom: true,
        props: { name, accessConfig: { authenticationMode: component.inputs.authenticationMode ?? "API", bootstrapClusterCreatorAdminPermissions: true } },
        opts: {},
    };
    for (const transform of component.transforms) current = { ...current, ...((await transform(current)) ?? {}) };
    return current.props;
}
