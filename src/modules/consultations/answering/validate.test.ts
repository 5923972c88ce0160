import { describe, expect, it } from 'vitest';
import { checkAttachment, sniffAttachment } from './file-type.js';
import { DOCX, ODT, PDF, sampleQuestionnaire, zipOf } from './test-helpers.js';
import { validateValues, valuesFromForm, visibleQuestionIds } from './validate.js';

const codes = () => new Set(['C1', 'C2', 'C7.e-health']);
const check = (values: Record<string, unknown>, { submit = false, hidden = 'refuse' as 'refuse' | 'drop', language = 'en' } = {}) =>
  validateValues({ questionnaire: sampleQuestionnaire, values, language, referenceCodes: codes, hidden, submit });
const errors = (values: Record<string, unknown>, options?: Parameters<typeof check>[1]) => check(values, options).problems.map((p) => `${p.questionId}:${p.error}`);

describe('the rules of an answer', () => {
  it('accepts well-formed values of every type', () => {
    const result = check({
      views: { text: 'Broadband for every village.' },
      priority: { choice: 'access' },
      'why-access': { text: 'Because.' },
      score: { number: 4 },
      tags: { choices: ['a', 'b'] },
      order: { order: ['y', 'x'] },
      lines: { codes: ['C2'] },
      agree: { yes: true },
    });
    expect(result.problems).toEqual([]);
    expect(Object.keys(result.values)).toHaveLength(8);
  });

  it('names each broken rule on its question', () => {
    expect(
      errors({
        nope: { text: 'x' },
        views: { number: 3 },
        priority: { choice: 'money' },
        score: { number: 9 },
        tags: { choices: ['a', 'b', 'c'] },
        order: { order: ['x', 'x'] },
        lines: { codes: ['C99'] },
      }),
    ).toEqual([
      'nope:unknown_question',
      'views:wrong_type',
      'priority:choice_not_offered',
      'score:scale_range',
      'tags:too_many_choices',
      'order:ranking_permutation',
      'lines:reference_unknown',
    ]);
    expect(errors({ tags: { choices: ['other'], other: 'D' } })).toEqual(['tags:other_not_allowed']);
    expect(errors({ priority: { choice: 'other' } })).toEqual(['priority:other_missing']);
  });

  it('counts words as the language writes them: Chinese without spaces, Arabic', () => {
    expect(errors({ views: { text: '我们需要在农村地区提供更好的宽带服务和数字技能培训以及更多的资金' } }, { language: 'zh' })).toEqual(['views:too_many_words']);
    expect(errors({ views: { text: 'نحتاج إلى نطاق عريض أفضل' } }, { language: 'ar' })).toEqual([]);
    expect(errors({ views: { text: 'نحتاج إلى نطاق عريض أفضل في المناطق الريفية والمدارس والمستشفيات والمكتبات العامة' } }, { language: 'ar' })).toEqual(['views:too_many_words']);
  });

  it('refuses (API) or drops (form) an answer to a question its condition hides, and asks required questions only when shown', () => {
    expect(errors({ views: { text: 'x' }, priority: { choice: 'skills' }, 'why-access': { text: 'y' } })).toEqual(['why-access:hidden_question']);
    const dropped = check({ views: { text: 'x' }, priority: { choice: 'skills' }, 'why-access': { text: 'y' } }, { hidden: 'drop' });
    expect(dropped.problems).toEqual([]);
    expect(dropped.values['why-access']).toBeUndefined();
    expect(errors({ priority: { choice: 'access' } }, { submit: true })).toEqual(['views:required', 'why-access:required']);
    expect(errors({ views: { text: 'x' } }, { submit: true })).toEqual([]);
    expect([...visibleQuestionIds(sampleQuestionnaire, { priority: { choice: 'access' } })]).toContain('why-access');
  });

  it('reads the form: ranks that are not 1…n are refused', () => {
    const questions = sampleQuestionnaire.sections[1]?.questions ?? [];
    expect(valuesFromForm(questions, { 'q-order-rank-x': '2', 'q-order-rank-y': '1', 'q-score': '3', 'q-agree': 'no' })).toEqual({
      order: { order: ['y', 'x'] },
      score: { number: 3 },
      agree: { yes: false },
    });
    expect(errors(valuesFromForm(questions, { 'q-order-rank-x': '1', 'q-order-rank-y': '1' }))).toEqual(['order:ranking_permutation']);
  });
});

describe('attachments: the type is the bytes’', () => {
  it('recognises PDF, DOCX and ODT from their content', () => {
    expect(sniffAttachment(PDF())).toBe('pdf');
    expect(sniffAttachment(DOCX())).toBe('docx');
    expect(sniffAttachment(ODT())).toBe('odt');
    expect(sniffAttachment(zipOf([{ name: 'a.txt', data: 'hello' }]))).toBeNull();
    expect(sniffAttachment(Buffer.from('MZ\x90\x00 not a document'))).toBeNull();
  });

  it('refuses a file whose name or declared type lies about its bytes', () => {
    expect(checkAttachment({ bytes: PDF(), fileName: 'paper.pdf', declaredType: 'application/pdf' })).toMatchObject({ ok: true, kind: 'pdf' });
    expect(checkAttachment({ bytes: PDF(), fileName: 'paper.docx', declaredType: 'application/pdf' })).toEqual({ ok: false, error: 'file_mismatch' });
    expect(checkAttachment({ bytes: DOCX(), fileName: 'paper.docx', declaredType: 'application/pdf' })).toEqual({ ok: false, error: 'file_mismatch' });
    expect(checkAttachment({ bytes: Buffer.from('<html>'), fileName: 'paper.pdf', declaredType: 'application/pdf' })).toEqual({ ok: false, error: 'file_type' });
    expect(checkAttachment({ bytes: ODT(), fileName: 'paper.odt', declaredType: '', allowed: ['pdf'] })).toEqual({ ok: false, error: 'file_kind_not_allowed' });
  });
});
