/**
 * The managers' edition form: phase dates typed as UTC date-times (`datetime-local` inputs, the
 * label says UTC) and the settings, turned into the API's input so both are checked alike.
 */
import { fieldErrors, formList, formLocalized, formText, formValue } from '../../../core/http/forms.js';
import { LOCALES, type Locale } from '../../../core/i18n/locales.js';
import type { Translate } from '../../../core/i18n/translate.js';
import type { FormState } from '../../../core/views/components.js';
import { editionPatchInput } from '../inputs.js';
import type { Edition } from '../phases.js';
import { phasesOf } from '../phases.js';
import { PHASES, type PrizeQuestion } from '../tables.js';

type Values = FormState['values'];

/** "2027-03-01T09:30" typed in a UTC field → ISO instant, or null. */
export const utcInstant = (text: string): string | null => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) return null;
  const date = new Date(`${text.length === 16 ? `${text}:00` : text}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** The form's phase fields (`submission.start`, …) as API phases; errors for fields that are not a date-time. */
export const phasesFromForm = (values: Values) => {
  const errors: Record<string, string> = {};
  const phases: Record<string, { start: string; end: string }> = {};
  for (const phase of PHASES) {
    const start = utcInstant(formValue(values, `${phase}.start`));
    const end = utcInstant(formValue(values, `${phase}.end`));
    if (!start) errors[`${phase}.start`] = 'core.errors.invalid_date';
    if (!end) errors[`${phase}.end`] = 'core.errors.invalid_date';
    phases[phase] = { start: start ?? '', end: end ?? '' };
  }
  return { phases, errors };
};

const int = (text: string, fallback: number) => (/^\d{1,4}$/.test(text) ? Number(text) : fallback);

/** The settings part of the edition form (checkboxes absent mean false). */
export const settingsFromForm = (values: Values, edition: Edition) => ({
  categoriesPerProject: int(formValue(values, 'categoriesPerProject'), edition.categoriesPerProject),
  projectsPerOrganizationPerCategory: int(formValue(values, 'projectsPerOrganizationPerCategory'), edition.projectsPerOrganizationPerCategory),
  excludePastWinners: formValue(values, 'excludePastWinners') === 'yes',
  summaryMinWords: int(formValue(values, 'summaryMinWords'), edition.summaryMinWords),
  summaryMaxWords: int(formValue(values, 'summaryMaxWords'), edition.summaryMaxWords),
  allowedLanguages: formList(values, 'allowedLanguages').filter((l): l is Locale => (LOCALES as readonly string[]).includes(l)),
  validVote: { accountCreatedBeforeVoting: formValue(values, 'accountCreatedBeforeVoting') === 'yes', allCategoriesRequired: formValue(values, 'allCategoriesRequired') === 'yes' },
  countsPublicDuringVoting: formValue(values, 'countsPublicDuringVoting') === 'yes',
  nomineesPublished: formValue(values, 'nomineesPublished') === 'yes',
});

const utcField = (date: Date) => date.toISOString().slice(0, 16);

/**
 * The form of a new edition: the year after the latest one (at least next year), its phases
 * suggested from the latest edition's calendar moved to that year (the prizes follow the same
 * yearly rhythm); empty dates when there is no edition yet.
 */
export const newEditionFormValues = (latest: Edition | undefined, now = new Date()): Values => {
  const year = Math.max(now.getUTCFullYear() + 1, (latest?.year ?? 0) + 1);
  if (!latest) return { year: String(year) };
  const shift = (date: Date) => {
    const moved = new Date(date);
    moved.setUTCFullYear(date.getUTCFullYear() + (year - latest.year));
    return utcField(moved);
  };
  const phases = phasesOf(latest);
  return {
    year: String(year),
    ...Object.fromEntries(
      PHASES.flatMap((p) => [
        [`${p}.start`, shift(phases[p].start)],
        [`${p}.end`, shift(phases[p].end)],
      ]),
    ),
  };
};

/** An edition as the form's values. */
export const editionFormValues = (edition: Edition, language: Locale): Values => {
  const phases = phasesOf(edition);
  const yes = (b: boolean) => (b ? 'yes' : undefined);
  return {
    ...Object.fromEntries(
      PHASES.flatMap((p) => [
        [`${p}.start`, utcField(phases[p].start)],
        [`${p}.end`, utcField(phases[p].end)],
      ]),
    ),
    categoriesPerProject: String(edition.categoriesPerProject),
    projectsPerOrganizationPerCategory: String(edition.projectsPerOrganizationPerCategory),
    excludePastWinners: yes(edition.excludePastWinners),
    summaryMinWords: String(edition.summaryMinWords),
    summaryMaxWords: String(edition.summaryMaxWords),
    allowedLanguages: edition.allowedLanguages,
    accountCreatedBeforeVoting: yes(edition.validVote.accountCreatedBeforeVoting),
    allCategoriesRequired: yes(edition.validVote.allCategoriesRequired),
    countsPublicDuringVoting: yes(edition.countsPublicDuringVoting),
    nomineesPublished: yes(edition.nomineesPublishedAt !== null),
    rulesLanguage: language,
    rules: edition.rules[language] ?? '',
    ...Object.fromEntries(
      edition.questions.flatMap((q, i) => [
        [`question.${i}.label`, q.label[language] ?? ''],
        [`question.${i}.required`, yes(q.required)],
        [`question.${i}.maxWords`, String(q.maxWords)],
      ]),
    ),
    'question.new.maxWords': '300',
    'question.new.required': 'yes',
  };
};

/**
 * The edition's submission questions from the form: each existing one (label in the form's
 * language, other languages kept; required; word limit; or removed) and at most one new one.
 */
export const questionsFromForm = (values: Values, edition: Edition, language: Locale): PrizeQuestion[] => {
  const questions: PrizeQuestion[] = [];
  for (const [i, question] of edition.questions.entries()) {
    if (formValue(values, `question.${i}.remove`) === 'yes') continue;
    const label = formText(values, `question.${i}.label`).slice(0, 500);
    questions.push({
      id: question.id,
      label: { ...question.label, ...(label ? { [language]: label } : {}) },
      required: formValue(values, `question.${i}.required`) === 'yes',
      maxWords: Math.min(Math.max(int(formValue(values, `question.${i}.maxWords`), question.maxWords), 10), 2000),
    });
  }
  const label = formText(values, 'question.new.label').slice(0, 500);
  if (label) {
    const used = new Set(questions.map((q) => q.id));
    let n = questions.length + 1;
    while (used.has(`q${n}`)) n++;
    questions.push({
      id: `q${n}`,
      label: { [language]: label },
      required: formValue(values, 'question.new.required') === 'yes',
      maxWords: Math.min(Math.max(int(formValue(values, 'question.new.maxWords'), 300), 10), 2000),
    });
  }
  return questions;
};

/** One category of the API's edition input (number, action line, title per language). */
const categorySchema = editionPatchInput.shape.categories.unwrap().element;

/**
 * The category form (`number` when adding, `actionLine`, `title.<locale>`) checked with the
 * API's schema; errors are i18n keys or localized messages per field. A title is needed in at
 * least one language (in the reader's, if none is given).
 */
export const categoryFromForm = (values: Values, { number, locale, t }: { number?: number; locale: Locale; t: Translate }) => {
  const numberText = formText(values, 'number');
  const title = formLocalized(values, 'title');
  const parsed = categorySchema.safeParse({
    number: number ?? (/^\d{1,3}$/.test(numberText) ? Number(numberText) : numberText === '' ? undefined : Number.NaN),
    actionLine: formValue(values, 'actionLine'),
    title,
  });
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues, t);
  if (Object.keys(title).length === 0) errors[`title.${locale}`] = t('prizes.management.category_title_required');
  return parsed.success && Object.keys(errors).length === 0 ? ({ ok: true, category: parsed.data } as const) : ({ ok: false, errors } as const);
};
