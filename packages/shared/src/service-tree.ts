/**
 * The service tree: services inside groups, groups inside groups. A kiosk may be set to offer only
 * some services or groups (a listed group brings its whole subtree). The kiosk's menu, the
 * issuing of a ticket and the kiosk screen all walk the tree with these functions.
 */

/** What the walk needs of a service or group. */
export interface TreeNode {
  id: string;
  parentId: string | null;
}

/** A tree's nodes by id, built once for many walks. */
export type TreeIndex<T extends TreeNode> = ReadonlyMap<string, T>;

export function treeIndex<T extends TreeNode>(nodes: readonly T[]): TreeIndex<T> {
  return new Map(nodes.map((n) => [n.id, n]));
}

/**
 * The node, then its parent, its parent's parent… up to the root. The walk stops at a parent the
 * index does not hold (e.g. an archived group left out of a kiosk's list) and at a loop.
 */
export function lineage<T extends TreeNode>(index: TreeIndex<T>, node: T): T[] {
  const line: T[] = [];
  const seen = new Set<string>();
  for (let cur: T | undefined = node; cur && !seen.has(cur.id); ) {
    line.push(cur);
    seen.add(cur.id);
    cur = cur.parentId === null ? undefined : index.get(cur.parentId);
  }
  return line;
}

/** Whether the node lies inside the group, at any depth (a group is not inside itself). */
export function isUnder<T extends TreeNode>(index: TreeIndex<T>, node: T, groupId: string): boolean {
  return lineage(index, node)
    .slice(1)
    .some((n) => n.id === groupId);
}

/**
 * Whether a kiosk offering `offered` (services and groups) offers this node: it, or a group above
 * it, is listed. A kiosk with no list offers everything.
 */
export function isOffered<T extends TreeNode>(
  index: TreeIndex<T>,
  node: T,
  offered: readonly string[] | null | undefined,
): boolean {
  if (!offered?.length) return true;
  return lineage(index, node).some((n) => offered.includes(n.id));
}

/**
 * What a kiosk shows of the tree: the services it offers with the groups that lead to them, in
 * their order; groups with nothing to offer are left out, and a node whose parent is left out
 * moves to the top.
 */
export function offeredTree<T extends TreeNode & { isGroup: boolean }>(
  nodes: readonly T[],
  offered: readonly string[] | null | undefined,
): T[] {
  const index = treeIndex(nodes);
  const keep = new Set<string>();
  for (const node of nodes) {
    if (node.isGroup || !isOffered(index, node, offered)) continue;
    for (const n of lineage(index, node)) keep.add(n.id);
  }
  return nodes
    .filter((n) => keep.has(n.id))
    .map((n) => (n.parentId !== null && !keep.has(n.parentId) ? { ...n, parentId: null } : n));
}
