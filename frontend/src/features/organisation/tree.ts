/** Build a forest from flat rows that name their parent by code (org units: `parent_code`). */
export type TreeNode<T> = T & { children?: TreeNode<T>[] }

export function buildTree<T extends { code: string; parent_code: string | null }>(rows: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>()
  for (const r of rows) nodes.set(r.code, { ...r })
  const roots: TreeNode<T>[] = []
  for (const r of rows) {
    const node = nodes.get(r.code)!
    const parent = r.parent_code ? nodes.get(r.parent_code) : undefined
    if (parent && parent !== node) (parent.children ??= []).push(node)
    else roots.push(node)
  }
  return roots
}
