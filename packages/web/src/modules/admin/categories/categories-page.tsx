import type { Category } from '@epeople/contracts';
import { Button, Group, Modal, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../../app/page.tsx';
import { localName } from '../../../lib/local-name.ts';
import { useCategories } from '../../../lib/reference-data.ts';
import { buildTree } from '../../../lib/tree.ts';
import { TreeList, TreeRowEnd } from '../admin-components.tsx';
import { CategoryForm } from './category-form.tsx';

type Editing = { mode: 'create' } | { mode: 'edit'; category: Category } | null;

export function CategoriesPage() {
  const { t } = useTranslation();
  const categories = useCategories();
  const [editing, setEditing] = useState<Editing>(null);

  async function saved() {
    setEditing(null);
    await categories.reload();
  }

  return (
    <>
      <PageHeader title={t('admin.categories.title')} description={t('admin.categories.description')} />
      <Group mb="md">
        <Button onClick={() => setEditing({ mode: 'create' })}>{t('admin.categories.create')}</Button>
      </Group>
      <FormAlert message={categories.error} />
      {categories.isLoading && !categories.data ? <PageLoader /> : null}
      {categories.data ? (
        <Paper withBorder p="md" radius="md">
          {categories.data.length === 0 ? <Text c="dimmed">{t('admin.categories.empty')}</Text> : null}
          <TreeList
            label={t('admin.categories.title')}
            nodes={buildTree(categories.data)}
            renderItem={(category) => (
              <Group gap="xs" py={6} wrap="wrap">
                <Text fw={600}>{localName(category.name)}</Text>
                <Text size="xs" c="dimmed" className="ltr-value">
                  {category.code}
                </Text>
                <TreeRowEnd
                  isActive={category.isActive}
                  name={localName(category.name)}
                  onEdit={() => setEditing({ mode: 'edit', category })}
                />
              </Group>
            )}
          />
        </Paper>
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? t('admin.categories.editTitle') : t('admin.categories.createTitle')}
        size="lg"
      >
        {editing ? (
          <CategoryForm
            categories={categories.data ?? []}
            category={editing.mode === 'edit' ? editing.category : undefined}
            onSaved={() => void saved()}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Modal>
    </>
  );
}
