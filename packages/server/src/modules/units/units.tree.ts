import type { RoleAssignment } from '@epeople/contracts';

/**
 * A unit and its ancestors, nearest first: `[unit, parent, grandparent, ..., root]`.
 * The empty path stands for "no unit" (the top of the tree, where root units are created).
 */
export type UnitPath = readonly string[];

export interface UnitTreeNode {
  id: string;
  parentId: string | null;
}

/**
 * The unit tree held in memory: a few thousand rows at most, loaded once per request, so
 * ancestry questions ("is this unit inside that ministry?") cost no further queries.
 */
export interface UnitTree {
  has(unitId: string): boolean;
  /** The unit and its ancestors, nearest first; empty when the unit does not exist. */
  pathOf(unitId: string): UnitPath;
  /** The unit and every unit below it. */
  subtreeOf(unitId: string): string[];
  /** True when `unitId` is `ancestorId` or lies below it. */
  isWithin(unitId: string, ancestorId: string): boolean;
}

export function buildUnitTree(nodes: readonly UnitTreeNode[]): UnitTree {
  const parentOf = new Map<string, string | null>();
  const childrenOf = new Map<string, string[]>();
  for (const node of nodes) {
    parentOf.set(node.id, node.parentId);
    if (node.parentId) {
      const siblings = childrenOf.get(node.parentId) ?? [];
      siblings.push(node.id);
      childrenOf.set(node.parentId, siblings);
    }
  }
  const pathOf = (unitId: string): string[] => {
    const path: string[] = [];
    let current: string | null | undefined = parentOf.has(unitId) ? unitId : undefined;
    // The size bound stops a corrupted (cyclic) table from looping forever.
    while (current && path.length <= parentOf.size) {
      path.push(current);
      current = parentOf.get(current);
    }
    return path;
  };
  return {
    has: (unitId) => parentOf.has(unitId),
    pathOf,
    subtreeOf: (unitId) => {
      if (!parentOf.has(unitId)) return [];
      const result: string[] = [];
      const pending = [unitId];
      const seen = new Set<string>();
      while (pending.length > 0) {
        const id = pending.pop()!;
        if (seen.has(id)) continue;
        seen.add(id);
        result.push(id);
        pending.push(...(childrenOf.get(id) ?? []));
      }
      return result;
    },
    isWithin: (unitId, ancestorId) => pathOf(unitId).includes(ancestorId),
  };
}

/**
 * Whether a role assignment reaches a unit (docs/PRODUCT.md §2): scope `all` reaches everything,
 * `subtree` the assignment's unit and every unit below it, `unit` that unit alone.
 * The empty path (the top of the tree) is reached by scope `all` only.
 */
export function reaches(assignment: Pick<RoleAssignment, 'unitId' | 'scope'>, target: UnitPath): boolean {
  switch (assignment.scope) {
    case 'all':
      return true;
    case 'subtree':
      return target.includes(assignment.unitId);
    case 'unit':
      return target[0] === assignment.unitId;
  }
}

/**
 * The units a set of assignments reaches, for filtering lists in SQL (`unit_id IN (...)`):
 * `'all'` when one of them has scope `all`.
 */
export function reachableUnitIds(
  assignments: ReadonlyArray<Pick<RoleAssignment, 'unitId' | 'scope'>>,
  tree: UnitTree,
): 'all' | Set<string> {
  const ids = new Set<string>();
  for (const assignment of assignments) {
    if (assignment.scope === 'all') return 'all';
    if (assignment.scope === 'unit') {
      if (tree.has(assignment.unitId)) ids.add(assignment.unitId);
    } else {
      for (const id of tree.subtreeOf(assignment.unitId)) ids.add(id);
    }
  }
  return ids;
}
