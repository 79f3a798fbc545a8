import { GOVERNORATES, type RoutingRule } from '@epeople/contracts';
import { Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { PageLoader } from '../../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../../app/page.tsx';
import { currentLanguage } from '../../../i18n/index.ts';
import { translateProblem } from '../../../lib/form-errors.ts';
import { localName } from '../../../lib/local-name.ts';
import { useCategories, useUnits } from '../../../lib/reference-data.ts';
import { treeOptions } from '../../../lib/tree.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { TreeSelect } from '../admin-components.tsx';
import { RoutePreview } from './route-preview.tsx';
import { RoutingRuleForm } from './routing-rule-form.tsx';

const loadRules = async () => (await api.get<{ rules: RoutingRule[] }>('/admin/routing-rules')).rules;

export function RoutingRulesPage() {
  const { t } = useTranslation();
  const rules = useLoad(loadRules);
  const units = useUnits();
  const categories = useCategories();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<RoutingRule | null>(null);
  const [actionError, setActionError] = useState<string>();
  const [busyId, setBusyId] = useState<string>();
  const [filter, setFilter] = useState('');

  const any = t('admin.routing.any');
  const categoryName = (id: string | null) => {
    const category = id ? categories.data?.find((c) => c.id === id) : undefined;
    return category ? localName(category.name) : any;
  };
  const governorate = (code: string | null) => GOVERNORATES.find((g) => g.code === code)?.[currentLanguage()] ?? any;
  const unitOptions = treeOptions(units.data ?? []);
  const unitName = (id: string) => {
    const unit = units.data?.find((candidate) => candidate.id === id);
    return unit ? localName(unit.name) : '';
  };
  // Dozens of seeded rules: a filter on what each row shows (type, category, governorate, unit).
  const needle = filter.trim().toLocaleLowerCase();
  const visibleRules = (rules.data ?? []).filter(
    (rule) =>
      !needle ||
      [
        rule.requestType ? t(`admin.requestTypes.${rule.requestType}`) : any,
        categoryName(rule.categoryId),
        governorate(rule.governorate),
        unitName(rule.unitId),
      ].some((text) => text.toLocaleLowerCase().includes(needle)),
  );

  async function act(id: string, action: () => Promise<unknown>) {
    setBusyId(id);
    setActionError(undefined);
    try {
      await action();
      await rules.reload();
    } catch (error) {
      setActionError(translateProblem(error, t));
    } finally {
      setBusyId(undefined);
    }
  }

  return (
    <Stack gap="lg">
      <div>
        <PageHeader title={t('admin.routing.title')} description={t('admin.routing.description')} />
        <Group mb="md">
          <Button onClick={() => setCreating(true)}>{t('admin.routing.create')}</Button>
        </Group>
        <FormAlert message={rules.error ?? actionError} />
        {rules.isLoading && !rules.data ? <PageLoader /> : null}
        {rules.data && rules.data.length === 0 ? <Text c="dimmed">{t('admin.routing.empty')}</Text> : null}
        {rules.data && rules.data.length > 0 ? (
          <TextInput
            label={t('admin.routing.filter')}
            description={t('admin.routing.filterHelp', { shown: visibleRules.length, total: rules.data.length })}
            type="search"
            maw={420}
            mb="md"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
          />
        ) : null}
        {rules.data && rules.data.length > 0 ? (
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="sm">
              <Table.Caption>{t('admin.routing.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.fields.requestType')}</Table.Th>
                  <Table.Th>{t('admin.fields.category')}</Table.Th>
                  <Table.Th>{t('admin.fields.governorate')}</Table.Th>
                  <Table.Th>{t('admin.fields.targetUnit')}</Table.Th>
                  <Table.Th>{t('admin.common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visibleRules.map((rule) => (
                  <Table.Tr key={rule.id}>
                    <Table.Td>{rule.requestType ? t(`admin.requestTypes.${rule.requestType}`) : any}</Table.Td>
                    <Table.Td>{categoryName(rule.categoryId)}</Table.Td>
                    <Table.Td>{governorate(rule.governorate)}</Table.Td>
                    <Table.Td miw={240}>
                      <TreeSelect
                        aria-label={t('admin.routing.changeUnit')}
                        size="sm"
                        clearable={false}
                        data={unitOptions}
                        value={rule.unitId}
                        disabled={busyId === rule.id}
                        onChange={(unitId) =>
                          unitId && unitId !== rule.unitId
                            ? void act(rule.id, () => api.patch(`/admin/routing-rules/${rule.id}`, { unitId }))
                            : undefined
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(rule)}>
                        {t('admin.common.delete')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </div>

      <RoutePreview units={units.data ?? []} categories={categories.data ?? []} />

      <Modal opened={creating} onClose={() => setCreating(false)} title={t('admin.routing.createTitle')} size="lg">
        {creating ? (
          <RoutingRuleForm
            units={units.data ?? []}
            categories={categories.data ?? []}
            onCancel={() => setCreating(false)}
            onSaved={() => {
              setCreating(false);
              void rules.reload();
            }}
          />
        ) : null}
      </Modal>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('admin.routing.deleteTitle')}>
        <Stack gap="md">
          <Text>{t('admin.routing.deleteConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('common.actions.cancel')}
            </Button>
            <Button
              color="red"
              loading={deleting !== null && busyId === deleting.id}
              onClick={() => {
                const rule = deleting;
                if (!rule) return;
                void act(rule.id, () => api.delete(`/admin/routing-rules/${rule.id}`)).then(() => setDeleting(null));
              }}
            >
              {t('admin.common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
