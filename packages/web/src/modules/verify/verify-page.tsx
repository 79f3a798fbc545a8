import type { VerificationResult } from '@epeople/contracts';
import { Paper, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page.tsx';
import { LetterUploadForm } from './letter-upload-form.tsx';
import { ReferenceForm } from './reference-form.tsx';
import { ResultBlock } from './result-block.tsx';
import { TrustAnchorsSection } from './trust-anchors-section.tsx';
import './verify.css';

type Way = 'upload' | 'reference';

/**
 * The public verifier: anyone with an answer letter (or the case's reference and access code)
 * checks that ePeople issued it, unchanged, and that the public log holds it. No sign-in.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const [way, setWay] = useState<Way>('upload');
  const [result, setResult] = useState<VerificationResult>();

  return (
    <Stack gap="xl">
      <PageHeader title={t('verify.page.title')} description={t('verify.page.description')} />
      <Paper withBorder p="lg">
        <Tabs
          value={way}
          keepMounted={false}
          onChange={(value) => {
            setWay(value === 'reference' ? 'reference' : 'upload');
            setResult(undefined);
          }}
        >
          <Tabs.List mb="md">
            <Tabs.Tab value="upload" data-testid="verify-tab-upload">
              {t('verify.page.byFile')}
            </Tabs.Tab>
            <Tabs.Tab value="reference" data-testid="verify-tab-reference">
              {t('verify.page.byReference')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="upload">
            <LetterUploadForm onResult={setResult} />
          </Tabs.Panel>
          <Tabs.Panel value="reference">
            <ReferenceForm onResult={setResult} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
      {result ? <ResultBlock result={result} /> : null}
      <TrustAnchorsSection />
    </Stack>
  );
}
