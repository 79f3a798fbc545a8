import {
  caseDescriptionSchema,
  caseTitleSchema,
  type FileCaseRequest,
  fileCaseRequestSchema,
  REQUEST_TYPES,
  type RequestType,
} from '@epeople/contracts';
import { Button, Group, Paper, Stack, Stepper, Text } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { type FieldMessageOptions, type FormErrors, validateForm } from '../../lib/form-errors.ts';
import { localName } from '../../lib/local-name.ts';
import { useCategories } from '../../lib/reference-data.ts';
import { treeOptions } from '../../lib/tree.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { governorateName, normalizePhone } from '../accounts/account-fields.tsx';
import { AttachmentsPicker } from './attachments-picker.tsx';
import { fileCase, newIdempotencyKey } from './cases-api.ts';
import { FiledReceipt } from './filed-receipt.tsx';
import { DetailsStep, type FilingValues, IdentityStep, TypeStep } from './filing-fields.tsx';

// Who files comes before the files: an anonymous notice's files are uploaded as nobody's, their
// metadata removed (docs/threat-model-anonymous-notice.md), so the picker must know.
const STEPS = ['type', 'details', 'identity', 'attachments', 'review'] as const;

const MESSAGES: FieldMessageOptions = {
  fieldMessages: {
    title: 'cases.validation.title',
    description: 'cases.validation.description',
    'guest.name': 'common.validation.fullName',
    'sealedIdentity.name': 'common.validation.fullName',
    guest: 'errors.cases.contact_required',
  },
  codeFields: {
    'cases.contact_required': 'guest',
    'cases.category_not_found': 'categoryId',
    'contact.phone_country_not_allowed': 'guest.phone',
  },
};

/** Which step shows a field, to go back to it when the server refuses a value. */
function stepOfField(field: string): number {
  if (field.startsWith('guest') || field.startsWith('sealedIdentity') || field === 'anonymous') return 2;
  if (field.startsWith('attachment')) return 3;
  return 1;
}

const detailsSchema = z.object({ title: caseTitleSchema, description: caseDescriptionSchema });

/**
 * Filing a request, one flow for the four types: type → details → identity → attachments →
 * review. Similar public answers show while the title is typed; the receipt comes last.
 */
export function FileCasePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [params] = useSearchParams();
  const initialType = REQUEST_TYPES.find((type) => type === params.get('type')) ?? null;
  const { values, set } = useFields<FilingValues>({
    type: initialType,
    title: '',
    description: '',
    categoryId: null,
    governorate: user?.governorate ?? null,
    locationLabel: '',
    coordinates: null,
    language: currentLanguage(),
    publishConsent: false,
    attachments: [],
    identity: 'guest',
    guestName: '',
    guestEmail: '',
    guestPhone: '',
    sealIdentity: false,
    sealedName: '',
    sealedEmail: '',
    sealedPhone: '',
    sealedDetails: '',
  });
  const [step, setStep] = useState(initialType ? 1 : 0);
  const [filed, setFiled] = useState<Awaited<ReturnType<typeof fileCase>>>();
  // One key per visit to the review step: a double click or a retry sends the same key (one case).
  const idempotencyKey = useRef(newIdempotencyKey());
  const { isSubmitting, errors, setErrors, handle, formRef } = useSubmission(MESSAGES);
  const categories = useCategories();
  const categoryOptions = useMemo(
    () => treeOptions((categories.data ?? []).filter((category) => category.isActive)),
    [categories.data],
  );
  const signedInName = user?.kind === 'citizen' ? user.fullName : undefined;
  const isAnonymous = !signedInName && values.type === 'notice' && values.identity === 'anonymous';

  /**
   * Files uploaded for one way of filing do not serve the other: an anonymous notice takes only
   * files uploaded for it, and a named request should keep its files' names. Changing the way
   * drops the files, to be chosen again.
   */
  const setIdentityField: typeof set = (key, value) => {
    const becomesAnonymous = key === 'identity' ? value === 'anonymous' : isAnonymous;
    if (key === 'identity' && becomesAnonymous !== isAnonymous && values.attachments.length > 0) {
      set('attachments', []);
    }
    set(key, value);
  };

  function request(): unknown {
    const label = values.locationLabel.trim();
    // A notice's place: a label, coordinates, or both.
    const location =
      values.type === 'notice' && (label || values.coordinates)
        ? { ...(values.coordinates ?? {}), ...(label ? { label } : {}) }
        : undefined;
    return {
      type: values.type,
      title: values.title,
      description: values.description,
      categoryId: values.categoryId,
      governorate: values.governorate,
      location,
      language: values.language,
      publishConsent: values.publishConsent,
      attachmentIds: values.attachments.length > 0 ? values.attachments.map((a) => a.id) : undefined,
      anonymous: isAnonymous,
      guest:
        !signedInName && !isAnonymous
          ? {
              name: values.guestName,
              email: values.guestEmail.trim() || undefined,
              phone: normalizePhone(values.guestPhone) ?? (values.guestPhone.trim() || undefined),
            }
          : undefined,
      sealedIdentity:
        isAnonymous && values.sealIdentity
          ? {
              name: values.sealedName,
              email: values.sealedEmail.trim() || undefined,
              phone: normalizePhone(values.sealedPhone) ?? (values.sealedPhone.trim() || undefined),
              details: values.sealedDetails.trim() || undefined,
            }
          : undefined,
    };
  }

  function checkStep(index: number): FormErrors | undefined {
    if (index === 0 && !values.type) return { form: t('cases.file.chooseType'), fields: {} };
    if (index === 1) return validateForm(detailsSchema, values, t, MESSAGES).errors;
    if (index === 2) {
      const checked = validateForm(fileCaseRequestSchema, request(), t, MESSAGES);
      if (checked.errors) {
        // A guest without any contact: say what is missing instead of "not valid".
        if (!signedInName && values.identity === 'guest' && !values.guestEmail.trim() && !values.guestPhone.trim()) {
          checked.errors.fields['guest.email'] = t('errors.cases.contact_required');
        }
        return checked.errors;
      }
    }
    return undefined;
  }

  const onSubmit = handle(async () => {
    if (step < STEPS.length - 1) {
      const problem = checkStep(step);
      if (problem) return problem;
      if (step === STEPS.length - 2) idempotencyKey.current = newIdempotencyKey();
      setStep(step + 1);
      return undefined;
    }
    const checked = validateForm(fileCaseRequestSchema, request(), t, MESSAGES);
    if (checked.errors) return checked.errors;
    try {
      setFiled(await fileCase(checked.data as FileCaseRequest, idempotencyKey.current));
    } catch (error) {
      const field = (error as { fieldProblems?: { field: string }[] }).fieldProblems?.[0]?.field;
      if (field) setStep(stepOfField(field));
      throw error;
    }
    return undefined;
  });

  if (filed) return <FiledReceipt filed={filed} />;

  function goTo(index: number) {
    if (index < step) {
      setErrors({ fields: {} });
      setStep(index);
    }
  }

  return (
    <>
      <PageHeader title={t('cases.file.title')} description={t('cases.file.description')} />
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Stepper active={step} onStepClick={goTo} allowNextStepsSelect={false} size="sm" wrap>
            {STEPS.map((name) => (
              <Stepper.Step key={name} label={t(`cases.file.steps.${name}`)} />
            ))}
          </Stepper>
          <FormAlert message={errors.form} />
          <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="step-title">
            <Text fw={700} size="lg" mb="md" id="step-title" data-testid="step-title">
              {t(`cases.file.steps.${STEPS[step]!}`)}
            </Text>
            {step === 0 ? (
              <TypeStep
                value={values.type}
                onChoose={(type: RequestType) => {
                  set('type', type);
                  if (type !== 'notice') set('identity', 'guest');
                }}
              />
            ) : null}
            {step === 1 ? (
              <DetailsStep values={values} set={set} errors={errors.fields} categoryOptions={categoryOptions} />
            ) : null}
            {step === 2 ? (
              <IdentityStep values={values} set={setIdentityField} errors={errors.fields} signedInName={signedInName} />
            ) : null}
            {step === 3 ? (
              <AttachmentsPicker
                value={values.attachments}
                onChange={(list) => set('attachments', list)}
                anonymous={isAnonymous}
              />
            ) : null}
            {step === 4 ? <Review values={values} signedInName={signedInName} categoryName={categoryNameOf} /> : null}
          </Paper>
          <Group justify="space-between">
            <Button variant="default" onClick={() => goTo(step - 1)} disabled={step === 0 || isSubmitting}>
              {t('cases.file.back')}
            </Button>
            <Button type="submit" loading={isSubmitting} data-testid={step === 4 ? 'file-submit' : 'file-next'}>
              {step === 4 ? t('cases.file.submit') : t('cases.file.next')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );

  function categoryNameOf(id: string | null): string {
    const category = categories.data?.find((item) => item.id === id);
    return category ? localName(category.name) : t('cases.review.none');
  }
}

function Review({
  values,
  signedInName,
  categoryName,
}: {
  values: FilingValues;
  signedInName: string | undefined;
  categoryName: (id: string | null) => string;
}) {
  const { t } = useTranslation();
  const identity = signedInName
    ? t('cases.identity.asAccount', { name: signedInName })
    : values.type === 'notice' && values.identity === 'anonymous'
      ? values.sealIdentity
        ? t('cases.review.anonymousSealed')
        : t('cases.review.anonymous')
      : t('cases.review.guest', { name: values.guestName });
  const rows: [string, string][] = [
    [t('cases.fields.type'), values.type ? t(`home.entries.${values.type}.title`) : ''],
    [t('cases.fields.title'), values.title],
    [t('cases.fields.description'), values.description],
    [t('cases.fields.category'), categoryName(values.categoryId)],
    [t('cases.fields.governorate'), governorateName(values.governorate) || t('cases.review.none')],
    ...(values.type === 'notice' && values.locationLabel
      ? ([[t('cases.fields.location'), values.locationLabel]] as [string, string][])
      : []),
    [t('cases.review.attachments'), values.attachments.map((a) => a.fileName).join(', ') || t('cases.review.none')],
    [t('cases.review.publication'), values.publishConsent ? t('cases.review.publishYes') : t('cases.review.publishNo')],
    [t('cases.review.identity'), identity],
  ];
  return (
    <Stack gap="sm">
      <Text>{t('cases.review.lead')}</Text>
      <dl className="review-list" data-testid="review">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="multiline-text">{value}</dd>
          </div>
        ))}
      </dl>
    </Stack>
  );
}
