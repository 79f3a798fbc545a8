import type { TrilingualName } from '@epeople/contracts';
import { currentLanguage } from '../i18n/index.ts';
import { localName } from './local-name.ts';

export interface TreeNode<T> {
  item: T;
  children: TreeNode<T>[];
}

/** Items with a parentId as a forest sorted by name; orphans (parent not listed) become roots. */
export function buildTree<T extends { id: string; parentId: string | null; name: TrilingualName }>(
  items: readonly T[],
): TreeNode<T>[] {
  const nodes = new Map(items.map((item) => [item.id, { item, children: [] as TreeNode<T>[] }]));
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.item.parentId ? nodes.get(node.item.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sortNodes = (list: TreeNode<T>[]) => {
    list.sort((a, b) => localName(a.item.name).localeCompare(localName(b.item.name), currentLanguage()));
    for (const node of list) sortNodes(node.children);
  };
  sortNodes(roots);
  return roots;
}

/** Options for a select of units or categories, indented by depth so the tree stays readable. */
export function treeOptions<T extends { id: string; parentId: string | null; name: TrilingualName }>(
  items: readonly T[],
  exclude?: string,
): { value: string; label: string }[] {
  const options: { value: string; label: string }[] = [];
  const walk = (list: TreeNode<T>[], depth: number) => {
    for (const node of list) {
      if (node.item.id === exclude) continue;
      options.push({ value: node.item.id, label: `${'— '.repeat(depth)}${localName(node.item.name)}` });
      walk(node.children, depth + 1);
    }
  };
  walk(buildTree(items), 0);
  return options;
}
