import type { TrilingualName } from '@epeople/contracts';
import { Select, type SelectProps, SimpleGrid, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../lib/form-errors.ts';
import type { TreeNode } from './admin-data.ts';

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
