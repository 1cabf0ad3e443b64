/** EC2 instance-type facts the config, the network and the node groups share. */

/** Graviton families (a1, and a `g` after the generation digit: t4g, m7g, c7gn, r8g…) run only arm64 AMIs. */
export function isArmInstanceType(type: string): boolean {
    return /^a1\.|^[a-z]+\d+g[a-z]*\./.test(type);
}
