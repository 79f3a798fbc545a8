import { ROLE_SCOPES, STAFF_ROLES, type Unit } from '@epeople/contracts';
import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../../lib/form-errors.ts';
import { treeOptions } from '../../../lib/tree.ts';
import { TreeSelect } from '../admin-components.tsx';

export interface RoleDraft {
  role: string | null;
  unitId: string | null;
  scope: string | null;
}

export const EMPTY_ROLE: RoleDraft = { role: null, unitId: null, scope: 'unit' };

/** A role, the unit it is held in, and how far it reaches. */
export function RoleFields({
  value,
  onChange,
  units,
  errors,
  prefix = '',
}: {
  value: RoleDraft;
  onChange: (value: RoleDraft) => void;
  units: Unit[];
  errors: FieldErrors;
  prefix?: string;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <Select
        label={t('admin.fields.role')}
        required
        data={STAFF_ROLES.map((role) => ({ value: role, label: t(`admin.roles.${role}`) }))}
        value={value.role}
        onChange={(role) => onChange({ ...value, role })}
        error={errors[`${prefix}role`]}
      />
      <TreeSelect
        label={t('admin.fields.unit')}
        required
        data={treeOptions(units)}
        value={value.unitId}
        onChange={(unitId) => onChange({ ...value, unitId })}
        error={errors[`${prefix}unitId`]}
      />
      <Select
        label={t('admin.fields.scope')}
        required
        allowDeselect={false}
        data={ROLE_SCOPES.map((scope) => ({ value: scope, label: t(`admin.scopes.${scope}`) }))}
        value={value.scope}
        onChange={(scope) => onChange({ ...value, scope })}
        error={errors[`${prefix}scope`]}
      />
    </SimpleGrid>
  );
}
