import type { Category, Unit } from '@epeople/contracts';
import { api } from '../api/client.ts';
import { useLoad } from './use-load.ts';

/**
 * The administrative units and the categories of service areas: filing, the inbox and the admin
 * pages all name them and offer them in selects.
 */
const loadUnits = async () => (await api.get<{ units: Unit[] }>('/units')).units;
const loadCategories = async () => (await api.get<{ categories: Category[] }>('/categories')).categories;

export const useUnits = () => useLoad(loadUnits);
export const useCategories = () => useLoad(loadCategories);
