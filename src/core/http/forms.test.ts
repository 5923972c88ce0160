/**
 * Zod's issues in the reader's language: a value not given reads "required", a value of the wrong
 * type says so (Zod leaves the value out of its issues, so both once read "required").
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate.js';
import { fieldErrors, formList, formLocalized, formText, formValue, localizedFormValues, localizedText } from './forms.js';

const schema = z.object({
  respondent: z.discriminatedUnion('kind', [z.object({ kind: z.literal('individual') }), z.object({ kind: z.literal('organization'), id: z.int() })]),
  title: z.string(),
  count: z.number(),
  note: z.string().optional(),
});

describe('field errors', () => {
  it('tell a missing value from a value of the wrong type, in the reader’s language', () => {
    const parsed = schema.safeParse({ respondent: 'individual', count: null, title: '' });
    expect(parsed.success).toBe(false);
    const en = fieldErrors(parsed.error?.issues ?? [], translator('en'));
    expect(en).toEqual({ respondent: 'This value is of the wrong type.', count: 'This field is required.' });
    const missing = fieldErrors(schema.safeParse({ respondent: { kind: 'individual' }, count: 2 }).error?.issues ?? [], translator('fr'));
    expect(Object.keys(missing)).toEqual(['title']);
    expect(missing.title).toBe('Ce champ est obligatoire.');
    expect(fieldErrors(schema.safeParse({ respondent: { kind: 'individual' }, title: 3, count: 2 }).error?.issues ?? [], translator('ar')).title).toBe(
      translator('ar')('core.errors.invalid_type'),
    );
  });
});

describe('what a form sent', () => {
  const values = { title: ['  Premier  ', 'second'], none: '', 'name.fr': '  Genève ', 'name.ar': ' جنيف', 'name.en': '   ', codes: 'C1' };

  it('reads the first value as sent or trimmed, every value, and a text in six languages', () => {
    expect(formValue(values, 'title')).toBe('  Premier  ');
    expect(formText(values, 'title')).toBe('Premier');
    expect(formText(values, 'missing')).toBe('');
    expect(formList(values, 'codes')).toEqual(['C1']);
    expect(formList(values, 'none')).toEqual([]);
    // A language left blank is absent; each text is trimmed and cut.
    expect(formLocalized(values, 'name')).toEqual({ fr: 'Genève', ar: 'جنيف' });
    expect(formLocalized(values, 'name', 3)).toEqual({ fr: 'Gen', ar: 'جني' });
    expect(localizedFormValues('name', { fr: 'Genève' })).toEqual({ 'name.ar': '', 'name.en': '', 'name.es': '', 'name.fr': 'Genève', 'name.ru': '', 'name.zh': '' });
  });

  it('checks a text in six languages: trimmed, each optional, none longer than the maximum', () => {
    expect(localizedText(5).parse({ fr: ' Paix ', zh: '和平' })).toEqual({ fr: 'Paix', zh: '和平' });
    expect(localizedText(5).safeParse({ en: 'Too long' }).success).toBe(false);
  });
});
