import {
  addContributorRequestSchema,
  addNoteRequestSchema,
  assignCaseRequestSchema,
  caseMessageRequestSchema,
  closeCaseRequestSchema,
  contributeRequestSchema,
  draftAnswerRequestSchema,
  extendDeadlineRequestSchema,
  linkDuplicateRequestSchema,
  OUTCOMES_BY_TYPE,
  REJECTION_REASONS,
  rejectCaseRequestSchema,
  requestInfoRequestSchema,
  reviewDraftRequestSchema,
  type StaffCase,
  transferCaseRequestSchema,
} from '@epeople/contracts';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { Translation } from '../../i18n/en.ts';
import type { TranslationKey } from '../../i18n/keys.ts';
import type { ActionSpec } from '../cases/action-modal.tsx';
import type { StaffAction } from './inbox-api.ts';

/** The order of the buttons on the case page: the usual next step first. */
export const STAFF_ACTION_ORDER: StaffAction[] = [
  'register',
  'assign',
  'start',
  'request_info',
  'save_draft',
  'submit_draft',
  'approve_draft',
  'return_draft',
  'answer',
  'send_message',
  'add_note',
  'transfer',
  'extend_deadline',
  'add_contributor',
  'contribute',
  'link_duplicate',
  'reject',
  'close',
];

const emptyBody = z.strictObject({});

export interface StaffActionContext {
  theCase: StaffCase;
  assignees: { value: string; label: string }[];
  units: { value: string; label: string }[];
  /** The unit's model answers, offered in the draft dialog (their text in the case's language). */
  templates?: { value: string; label: string; fills: Record<string, unknown> }[];
}

type ActionTexts = Translation['inbox']['actions'];

/** The form of each back-office action, built when its dialog opens. */
export function staffActionSpec(
  action: StaffAction,
  { theCase, assignees, units, templates = [] }: StaffActionContext,
  t: TFunction,
): ActionSpec {
  // The key is checked against the texts of the action named (narrowed by each case below).
  const label = <A extends StaffAction>(of: A, key: keyof ActionTexts[A] & string) =>
    t(`inbox.actions.${of}.${key}` as TranslationKey);
  const base = { title: label(action, 'title'), submitLabel: label(action, 'submit') };
  const latestDraft = [...theCase.drafts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  const outcomes = OUTCOMES_BY_TYPE[theCase.type].map((value) => ({ value, label: t(`cases.outcomes.${value}`) }));
  const message = (name: string, text: string, required = true) =>
    ({ name, kind: 'textarea', label: text, required }) as const;
  switch (action) {
    case 'register':
    case 'start':
    case 'close':
      return {
        ...base,
        description: label(action, 'description'),
        schema: action === 'close' ? closeCaseRequestSchema : emptyBody,
        fields: [],
      };
    case 'assign':
      return {
        ...base,
        schema: assignCaseRequestSchema,
        fields: [
          { name: 'assigneeId', kind: 'select', label: label(action, 'field'), required: true, options: assignees },
        ],
      };
    case 'transfer':
      return {
        ...base,
        description: label(action, 'description'),
        schema: transferCaseRequestSchema,
        fields: [
          { name: 'unitId', kind: 'select', label: label(action, 'unit'), required: true, options: units },
          message('reason', label(action, 'field')),
        ],
      };
    case 'request_info':
      return {
        ...base,
        description: label(action, 'description'),
        schema: requestInfoRequestSchema,
        fields: [message('question', label(action, 'field'))],
      };
    case 'add_note':
      return {
        ...base,
        description: label(action, 'description'),
        schema: addNoteRequestSchema,
        fields: [message('body', label(action, 'field'))],
      };
    case 'send_message':
      return { ...base, schema: caseMessageRequestSchema, fields: [message('body', label(action, 'field'))] };
    case 'link_duplicate':
      return {
        ...base,
        schema: linkDuplicateRequestSchema,
        fields: [{ name: 'duplicateOfReference', kind: 'text', label: label(action, 'field'), required: true }],
      };
    case 'add_contributor':
      return {
        ...base,
        schema: addContributorRequestSchema,
        fields: [{ name: 'unitId', kind: 'select', label: label(action, 'field'), required: true, options: units }],
      };
    case 'contribute':
      return { ...base, schema: contributeRequestSchema, fields: [message('contribution', label(action, 'field'))] };
    case 'extend_deadline':
      return {
        ...base,
        description: label(action, 'description'),
        schema: extendDeadlineRequestSchema,
        fields: [message('reason', label(action, 'field'))],
      };
    case 'save_draft':
    case 'submit_draft':
      return {
        ...base,
        description: latestDraft?.reviewComment
          ? t('inbox.actions.returnedComment', { comment: latestDraft.reviewComment })
          : undefined,
        schema: draftAnswerRequestSchema,
        initial: latestDraft ? { outcome: latestDraft.outcome, body: latestDraft.body } : {},
        fields: [
          ...(templates.length > 0
            ? [
                {
                  name: 'template',
                  kind: 'template',
                  label: t('inbox.actions.template'),
                  description: t('inbox.actions.templateHelp'),
                  options: templates,
                } as const,
              ]
            : []),
          { name: 'outcome', kind: 'select', label: t('inbox.actions.outcome'), required: true, options: outcomes },
          { name: 'body', kind: 'textarea', label: t('inbox.actions.answerText'), required: true },
        ],
      };
    case 'return_draft':
    case 'approve_draft':
      return {
        ...base,
        description: latestDraft
          ? t('inbox.actions.draftToReview', { outcome: t(`cases.outcomes.${latestDraft.outcome}`) })
          : undefined,
        color: action === 'return_draft' ? 'orange' : undefined,
        schema: reviewDraftRequestSchema,
        fields: [message('comment', label(action, 'field'), action === 'return_draft')],
      };
    case 'answer':
      return { ...base, description: label(action, 'description'), schema: emptyBody, fields: [] };
    case 'reject':
      return {
        ...base,
        color: 'red',
        schema: rejectCaseRequestSchema,
        fields: [
          {
            name: 'reason',
            kind: 'select',
            label: label(action, 'reason'),
            required: true,
            options: REJECTION_REASONS.map((value) => ({ value, label: t(`inbox.rejectionReasons.${value}`) })),
          },
          message('explanation', label(action, 'field')),
        ],
      };
  }
}
