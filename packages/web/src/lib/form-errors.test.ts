import { caseTitleSchema } from '@epeople/contracts';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type FieldMessageOptions, validateForm } from './form-errors.ts';

/** The key itself stands for its translation. */
const t = ((key: string) => key) as unknown as TFunction;
const schema = z.object({ title: caseTitleSchema });

describe('form validation messages', () => {
  it('a right-to-left override in a title is named as a refused character, not a wrong length', () => {
    const result = validateForm(schema, { title: 'طلب \u202eإصلاح الطريق' }, t, {
      fieldMessages: { title: 'cases.validation.title' },
    });
    expect(result.errors?.fields.title).toBe('errors.text.forbidden_character');
  });

  it('a title too short keeps the field’s own message, and Arabic punctuation passes', () => {
    const options: FieldMessageOptions = { fieldMessages: { title: 'cases.validation.title' } };
    expect(validateForm(schema, { title: 'طلب' }, t, options).errors?.fields.title).toBe('cases.validation.title');
    expect(validateForm(schema, { title: 'طلب، هل يمكن؟ «نعم»\u200c\u200f' }, t, options).errors).toBeUndefined();
  });
});
