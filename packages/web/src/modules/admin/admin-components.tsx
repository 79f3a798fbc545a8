import type { TrilingualName } from '@epeople/contracts';
import { Badge, Button, Group, Select, type SelectProps, SimpleGrid, Switch, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../lib/form-errors.ts';
import type { TreeNode } from '../../lib/tree.ts';

/** The three names every unit and category carries, each typed in its own direction. */
export function TrilingualNameFields({
  value,
  onChange,
  errors,
}: {
  value: TrilingualName;
  onChange: (value: TrilingualName) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      {(['ar', 'fr', 'en'] as const).map((language) => (
        <TextInput
          key={language}
          label={t(`admin.fields.name_${language}`)}
          required
          lang={language}
          dir={language === 'ar' ? 'rtl' : 'ltr'}
          value={value[language]}
          onChange={(e) => onChange({ ...value, [language]: e.currentTarget.value })}
          error={errors[`name.${language}`]}
        />
      ))}
    </SimpleGrid>
  );
}

export function TreeList<T extends { id: string }>({
  nodes,
  renderItem,
  label,
}: {
  nodes: TreeNode<T>[];
  renderItem: (item: T) => ReactNode;
  label?: string;
}) {
  return (
    <ul className="tree-list" aria-label={label}>
      {nodes.map((node) => (
        <li key={node.item.id}>
          {renderItem(node.item)}
          {node.children.length > 0 ? <TreeList nodes={node.children} renderItem={renderItem} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** A searchable select over a tree's options (units, categories). */
export function TreeSelect(props: SelectProps) {
  return <Select searchable clearable nothingFoundMessage="—" maxDropdownHeight={320} {...props} />;
}

/** Cancel and save, at the foot of every administration form. */
export function FormActions({ onCancel, isSubmitting }: { onCancel: () => void; isSubmitting: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.actions.cancel')}
      </Button>
      <Button type="submit" loading={isSubmitting}>
        {t('common.actions.save')}
      </Button>
    </Group>
  );
}

/** Deactivating (rather than deleting) keeps the history of units and categories readable. */
export function ActiveSwitch({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Switch label={t('admin.fields.active')} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
  );
}

/** The end of a row in a tree of units or categories: an "inactive" badge when it is, and Edit. */
export function TreeRowEnd({ isActive, name, onEdit }: { isActive: boolean; name: string; onEdit: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {isActive ? null : (
        <Badge color="orange" variant="light">
          {t('admin.common.inactive')}
        </Badge>
      )}
      <Button size="compact-sm" variant="subtle" onClick={onEdit} aria-label={t('admin.common.editNamed', { name })}>
        {t('admin.common.edit')}
      </Button>
    </>
  );
}
