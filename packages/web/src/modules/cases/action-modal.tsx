import type { AttachmentDto } from '@epeople/contracts';
import { Button, Group, Input, Modal, Rating, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { FormAlert } from '../../app/page.tsx';
import { validateForm } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { AttachmentsPicker } from './attachments-picker.tsx';

export interface ActionField {
  name: string;
  /** 'template': a picker that is not sent; choosing an option copies its `fills` into the other fields. */
  kind: 'textarea' | 'text' | 'select' | 'rating' | 'attachments' | 'template';
  label: string;
  description?: string;
  required?: boolean;
  options?: { value: string; label: string; fills?: Record<string, unknown> }[];
  /** 'attachments' of an anonymous notice: uploaded as nobody's, their metadata removed. */
  anonymous?: boolean;
}

/** One action on a case as a small form: its fields, the contract schema of its body, its button. */
export interface ActionSpec {
  title: string;
  description?: string;
  fields: ActionField[];
  submitLabel: string;
  color?: string;
  schema: z.ZodType;
  initial?: Record<string, unknown>;
}

type Values = Record<string, unknown>;

/** Empty optional texts are left out; files travel as their ids. */
function toBody(fields: readonly ActionField[], values: Values): Values {
  const body: Values = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === 'template') continue;
    if (field.kind === 'attachments') body[field.name] = (value as AttachmentDto[] | undefined)?.map((a) => a.id) ?? [];
    else if (typeof value === 'string') {
      if (value.trim() !== '') body[field.name] = value;
    } else if (value !== undefined && value !== null) body[field.name] = value;
  }
  return body;
}

/** A case action in a dialog: fields checked with the contract, the API's refusal translated. */
export function ActionModal({
  spec,
  onClose,
  onSubmit,
}: {
  spec: ActionSpec | undefined;
  onClose: () => void;
  onSubmit: (body: Values) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { values, set, setValues } = useFields<Values>({});
  const { isSubmitting, errors, setErrors, handle, formRef } = useSubmission({
    fieldMessages: { assigneeId: 'common.validation.required', unitId: 'common.validation.required' },
  });

  useEffect(() => {
    setValues(spec?.initial ?? {});
    setErrors({ fields: {} });
  }, [spec, setValues, setErrors]);

  const submit = handle(async () => {
    if (!spec) return undefined;
    const checked = validateForm(spec.schema, toBody(spec.fields, values), t, {
      fieldMessages: { rating: 'cases.validation.rating' },
    });
    if (checked.errors) return checked.errors;
    await onSubmit(checked.data as Values);
    return undefined;
  });

  return (
    <Modal opened={spec !== undefined} onClose={onClose} title={spec?.title} size="lg" centered>
      {spec ? (
        <form ref={formRef} onSubmit={submit} noValidate data-testid="action-form">
          <Stack gap="md">
            {spec.description ? <Text size="sm">{spec.description}</Text> : null}
            <FormAlert message={errors.form} />
            {spec.fields.map((field) => {
              const common = {
                label: field.label,
                description: field.description,
                required: field.required,
                error: errors.fields[field.name],
              };
              switch (field.kind) {
                case 'textarea':
                  return (
                    <Textarea
                      key={field.name}
                      {...common}
                      autosize
                      minRows={4}
                      value={(values[field.name] as string | undefined) ?? ''}
                      onChange={(event) => set(field.name, event.currentTarget.value)}
                      data-autofocus
                    />
                  );
                case 'text':
                  return (
                    <TextInput
                      key={field.name}
                      {...common}
                      value={(values[field.name] as string | undefined) ?? ''}
                      onChange={(event) => set(field.name, event.currentTarget.value)}
                      data-autofocus
                    />
                  );
                case 'select':
                  return (
                    <Select
                      key={field.name}
                      {...common}
                      searchable
                      data={field.options ?? []}
                      value={(values[field.name] as string | undefined) ?? null}
                      onChange={(value) => set(field.name, value ?? undefined)}
                      comboboxProps={{ withinPortal: true }}
                    />
                  );
                case 'template':
                  return (
                    <Select
                      key={field.name}
                      {...common}
                      clearable
                      searchable
                      data={(field.options ?? []).map(({ value, label }) => ({ value, label }))}
                      value={(values[field.name] as string | undefined) ?? null}
                      onChange={(value) => {
                        set(field.name, value ?? undefined);
                        const fills = field.options?.find((option) => option.value === value)?.fills ?? {};
                        for (const [name, filled] of Object.entries(fills)) set(name, filled);
                      }}
                      comboboxProps={{ withinPortal: true }}
                      data-testid={`field-${field.name}`}
                    />
                  );
                case 'rating':
                  return (
                    <Input.Wrapper key={field.name} {...common} id={`field-${field.name}`}>
                      <Rating
                        size="xl"
                        value={(values[field.name] as number | undefined) ?? 0}
                        onChange={(value) => set(field.name, value)}
                        aria-labelledby={`field-${field.name}-label`}
                        data-testid="rating-input"
                      />
                    </Input.Wrapper>
                  );
                case 'attachments':
                  return (
                    <Input.Wrapper key={field.name} {...common}>
                      <AttachmentsPicker
                        value={(values[field.name] as AttachmentDto[] | undefined) ?? []}
                        onChange={(list) => set(field.name, list)}
                        anonymous={field.anonymous}
                      />
                    </Input.Wrapper>
                  );
                default:
                  return null;
              }
            })}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.actions.cancel')}
              </Button>
              <Button type="submit" color={spec.color} loading={isSubmitting} data-testid="action-submit">
                {spec.submitLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
