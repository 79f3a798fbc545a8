import type { Category, TrilingualName, Unit } from '@epeople/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { translateProblem } from '../../lib/form-errors.ts';

/** A list loaded from the API, with its loading and error states and a way to reload it. */
export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  isLoading: boolean;
  reload: () => Promise<void>;
}

export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const { t } = useTranslation();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [isLoading, setIsLoading] = useState(true);
  const reload = useCallback(async () => {
    setIsLoading(true);
    try {
      setData(await load());
      setError(undefined);
    } catch (caught) {
      setError(translateProblem(caught, t));
    } finally {
      setIsLoading(false);
    }
  }, [load, t]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, isLoading, reload };
}

const loadUnits = async () => (await api.get<{ units: Unit[] }>('/units')).units;
const loadCategories = async () => (await api.get<{ categories: Category[] }>('/categories')).categories;

export const useUnits = () => useLoad(loadUnits);
export const useCategories = () => useLoad(loadCategories);

/** A name in the reader's language (all three always exist). */
export function localName(name: TrilingualName): string {
  return name[currentLanguage()];
}

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
