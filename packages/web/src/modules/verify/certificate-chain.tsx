import type { CertificateSummary } from '@epeople/contracts';
import { Accordion, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime, LtrValue } from '../cases/case-format.tsx';
import { commonName } from './verify-model.ts';

/** The certificates from the signer up to the root, collapsed: most readers only need the verdict. */
export function CertificateChain({ chain }: { chain: readonly CertificateSummary[] }) {
  const { t } = useTranslation();
  if (chain.length === 0) return null;
  return (
    <Accordion variant="contained" data-testid="verify-chain">
      <Accordion.Item value="chain">
        <Accordion.Control>{t('verify.chain.title', { count: chain.length })}</Accordion.Control>
        <Accordion.Panel>
          <ol className="plain-list">
            {chain.map((certificate, position) => (
              <li key={certificate.sha256}>
                <Text fw={700} mt={position === 0 ? 0 : 'md'}>
                  {position === 0
                    ? t('verify.chain.signer')
                    : position === chain.length - 1
                      ? t('verify.chain.root')
                      : t('verify.chain.intermediate')}
                  {' · '}
                  <LtrValue>{commonName(certificate.subject)}</LtrValue>
                </Text>
                <CertificateDetails certificate={certificate} />
              </li>
            ))}
          </ol>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

export function CertificateDetails({ certificate }: { certificate: CertificateSummary }) {
  const { t } = useTranslation();
  return (
    <dl className="review-list">
      <div>
        <dt>{t('verify.certificate.subject')}</dt>
        <dd>
          <LtrValue>{certificate.subject}</LtrValue>
        </dd>
      </div>
      <div>
        <dt>{t('verify.certificate.issuer')}</dt>
        <dd>
          <LtrValue>{certificate.issuer}</LtrValue>
        </dd>
      </div>
      <div>
        <dt>{t('verify.certificate.serialNumber')}</dt>
        <dd>
          <LtrValue>{certificate.serialNumber}</LtrValue>
        </dd>
      </div>
      <div>
        <dt>{t('verify.certificate.validity')}</dt>
        <dd>
          {t('verify.certificate.validFromTo', {
            from: formatDateTime(certificate.notBefore),
            to: formatDateTime(certificate.notAfter),
          })}
        </dd>
      </div>
      <div>
        <dt>{t('verify.certificate.sha256')}</dt>
        <dd>
          <LtrValue>{certificate.sha256}</LtrValue>
        </dd>
      </div>
    </dl>
  );
}
