import type { VerificationResult } from '@epeople/contracts';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { type DragEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../app/page.tsx';
import { useSubmission } from '../../lib/use-form.ts';
import { formatSize } from '../cases/attachments-picker.tsx';
import { LtrValue } from '../cases/case-format.tsx';
import { verifyLetter } from './verify-api.ts';
import { letterFileProblem } from './verify-model.ts';

/**
 * Choose or drop the answer letter (a PDF), then send it to the verifier. The file input stays
 * a real, focusable input inside a label, so keyboards and screen readers use it as usual.
 */
export function LetterUploadForm({ onResult }: { onResult: (result: VerificationResult) => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [file, setFile] = useState<File>();
  const [isDragging, setIsDragging] = useState(false);
  const { isSubmitting, errors, setErrors, handle, formRef } = useSubmission();

  function choose(chosen: File | undefined) {
    setFile(chosen);
    const problem = chosen ? letterFileProblem(chosen) : undefined;
    setErrors({ fields: {}, ...(problem ? { form: t(`errors.${problem}`), code: problem } : {}) });
  }

  function onDrop(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    setIsDragging(false);
    choose(event.dataTransfer.files[0]);
  }

  const onSubmit = handle(async () => {
    if (!file) return { form: t('verify.upload.chooseFirst'), fields: {} };
    const problem = letterFileProblem(file);
    if (problem) return { form: t(`errors.${problem}`), code: problem, fields: {} };
    onResult(await verifyLetter(file));
    return undefined;
  });

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={errors.form} />
        <Paper
          component="label"
          htmlFor={inputId}
          withBorder
          p="xl"
          radius="md"
          className="letter-drop-zone"
          data-dragging={isDragging || undefined}
          onDragOver={(event: DragEvent<HTMLLabelElement>) => {
            event.preventDefault();
            setIsDragging(true);
          }}
          onDragLeave={() => setIsDragging(false)}
          onDrop={onDrop}
          data-testid="verify-drop-zone"
        >
          <Stack gap={4} align="center">
            <Text fw={700}>{t('verify.upload.dropHere')}</Text>
            <Text size="sm" c="dimmed">
              {t('verify.upload.rules')}
            </Text>
            {file ? (
              <Text size="sm" data-testid="verify-chosen-file">
                {t('verify.upload.chosen')} <LtrValue>{file.name}</LtrValue> · {formatSize(file.size)}
              </Text>
            ) : null}
          </Stack>
          <input
            id={inputId}
            type="file"
            accept=".pdf,application/pdf"
            className="visually-hidden"
            data-testid="verify-upload-input"
            onChange={(event) => choose(event.currentTarget.files?.[0])}
          />
        </Paper>
        <Group>
          <Button type="submit" loading={isSubmitting} data-testid="verify-submit">
            {t('verify.upload.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
