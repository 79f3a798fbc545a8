import type { StaffCase } from '@epeople/contracts';
import { useTranslation } from 'react-i18next';
import { LtrValue } from '../cases/case-format.tsx';
import { SummaryRow } from '../cases/case-summary.tsx';

/**
 * What only staff see in a case's summary: who filed it, and a sealed identity, shown only when
 * the reporter consented to reveal it (docs/threat-model-anonymous-notice.md).
 */
export function StaffCaseDetails({ theCase }: { theCase: StaffCase }) {
  const { t } = useTranslation();
  const { submitter, revealedIdentity } = theCase;
  return (
    <>
      <SummaryRow label={t('inbox.case.submitter')} testId="case-submitter">
        {t(`inbox.case.submitterKinds.${submitter.kind}`)}
        {submitter.name ? ` · ${submitter.name}` : ''}
        {submitter.email ? (
          <>
            {' · '}
            <LtrValue>{submitter.email}</LtrValue>
          </>
        ) : null}
        {submitter.phone ? (
          <>
            {' · '}
            <LtrValue>{submitter.phone}</LtrValue>
          </>
        ) : null}
      </SummaryRow>
      {theCase.hasSealedIdentity ? (
        <SummaryRow label={t('inbox.case.sealedIdentity')} testId="sealed-identity">
          {revealedIdentity
            ? [revealedIdentity.name, revealedIdentity.email, revealedIdentity.phone].filter(Boolean).join(' · ')
            : t('inbox.case.sealedNotConsented')}
        </SummaryRow>
      ) : null}
    </>
  );
}
