import type { PublicAnswer } from '@epeople/contracts';
import { useTranslation } from 'react-i18next';
import { localName } from '../../lib/local-name.ts';
import { formatDateTime, LtrValue } from '../cases/case-format.tsx';

/** The public facts of an answer, as its log entry records them: no names, no texts. */
export function AnswerFacts({ answer }: { answer: PublicAnswer }) {
  const { t } = useTranslation();
  return (
    <dl className="review-list" data-testid="verify-answer-facts">
      <div>
        <dt>{t('verify.answer.reference')}</dt>
        <dd>
          <LtrValue testId="verify-answer-reference">{answer.reference}</LtrValue>
        </dd>
      </div>
      <div>
        <dt>{t('verify.answer.unit')}</dt>
        <dd data-testid="verify-unit">{localName(answer.unit.name)}</dd>
      </div>
      <div>
        <dt>{t('verify.answer.outcome')}</dt>
        <dd>{t(`cases.outcomes.${answer.outcome}`)}</dd>
      </div>
      <div>
        <dt>{t('verify.answer.issuedAt')}</dt>
        <dd>{formatDateTime(answer.issuedAt)}</dd>
      </div>
      <div>
        <dt>{t('verify.answer.signedAt')}</dt>
        <dd>{formatDateTime(answer.signedAt)}</dd>
      </div>
      <div>
        <dt>{t('verify.answer.letterSha256')}</dt>
        <dd>
          <LtrValue>{answer.letterSha256}</LtrValue>
        </dd>
      </div>
      <div>
        <dt>{t('verify.answer.recordSha256')}</dt>
        <dd>
          <LtrValue>{answer.recordSha256}</LtrValue>
        </dd>
      </div>
      <div>
        <dt>{t('verify.answer.certificateSha256')}</dt>
        <dd>
          <LtrValue>{answer.certificateSha256}</LtrValue>
        </dd>
      </div>
    </dl>
  );
}
