import type { Unit } from '@epeople/contracts';
import { Badge, Button, Group, Modal, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../../app/page.tsx';
import { localName } from '../../../lib/local-name.ts';
import { useUnits } from '../../../lib/reference-data.ts';
import { buildTree } from '../../../lib/tree.ts';
import { governorateName } from '../../accounts/account-fields.tsx';
import { TreeList, TreeRowEnd } from '../admin-components.tsx';
import { UnitForm } from './unit-form.tsx';

type Editing = { mode: 'create' } | { mode: 'edit'; unit: Unit } | null;

export function UnitsPage() {
  const { t } = useTranslation();
  const units = useUnits();
  const [editing, setEditing] = useState<Editing>(null);

  async function saved() {
    setEditing(null);
    await units.reload();
  }

  return (
    <>
      <PageHeader title={t('admin.units.title')} description={t('admin.units.description')} />
      <Group mb="md">
        <Button onClick={() => setEditing({ mode: 'create' })}>{t('admin.units.create')}</Button>
      </Group>
      <FormAlert message={units.error} />
      {units.isLoading && !units.data ? <PageLoader /> : null}
      {units.data ? (
        <Paper withBorder p="md" radius="md">
          {units.data.length === 0 ? <Text c="dimmed">{t('admin.units.empty')}</Text> : null}
          <TreeList
            label={t('admin.units.title')}
            nodes={buildTree(units.data)}
            renderItem={(unit) => (
              <Group gap="xs" py={6} wrap="wrap">
                <Text fw={600}>{localName(unit.name)}</Text>
                <Badge variant="light" color="gray">
                  {t(`admin.unitKinds.${unit.kind}`)}
                </Badge>
                <Text size="xs" c="dimmed" className="ltr-value">
                  {unit.code}
                </Text>
                {unit.governorate ? <Text size="sm">{governorateName(unit.governorate)}</Text> : null}
                <TreeRowEnd
                  isActive={unit.isActive}
                  name={localName(unit.name)}
                  onEdit={() => setEditing({ mode: 'edit', unit })}
                />
              </Group>
            )}
          />
        </Paper>
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? t('admin.units.editTitle') : t('admin.units.createTitle')}
        size="lg"
      >
        {editing ? (
          <UnitForm
            units={units.data ?? []}
            unit={editing.mode === 'edit' ? editing.unit : undefined}
            onSaved={() => void saved()}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Modal>
    </>
  );
}
