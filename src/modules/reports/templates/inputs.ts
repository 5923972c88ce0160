/**
 * The template editor's form, read into a template (title and description per language, sections
 * in order, hlpfGoals), with errors as message keys by field (`reports.templates.errors.*`). What
 * needs the installed modules and the reference data (sources, options, codes) is checked by the
 * command (commands/save-template.ts).
 */
import { formList, formText, formValue } from '../../../core/http/forms.js';
import { LOCALES, type Localized } from '../../../core/i18n/locales.js';
import type { FormState } from '../../../core/views/components.js';
import type { TemplateSection } from '../tables.js';

type Values = FormState['values'];

export const SECTION_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;
const TITLE_MAX = 300;
const DESCRIPTION_MAX = 2000;

/** A section as the form sends it: `options` as typed (choices ticked, or codes separated by commas). */
export type SectionDraft = Omit<TemplateSection, 'options'> & { position: number; rawOptions: Record<string, string[]> };
export type TemplateDraft = { title: Localized; description: Localized; sections: SectionDraft[]; hlpfGoals: Record<string, number[]> };

const localized = (values: Values, prefix: string, max: number): Localized | null => {
  const out: Localized = {};
  for (const l of LOCALES) {
    const text = formText(values, `${prefix}.${l}`);
    if (text.length > max) return null;
    if (text) out[l] = text;
  }
  return out;
};

/** Codes typed one after another (commas, semicolons or spaces). */
export const codesOf = (text: string) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

/** "2026: 6, 7, 9" per line → { "2026": [6, 7, 9] }, or null when a line is not that. */
export const hlpfGoalsOf = (text: string): Record<string, number[]> | null => {
  const out: Record<string, number[]> = {};
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\d{4})\s*:\s*([\d\s,;]*)$/.exec(line);
    if (!m?.[1]) return null;
    const year = Number(m[1]);
    const goals = codesOf(m[2] ?? '').map(Number);
    if (year < 2003 || year > 2100 || goals.some((g) => !Number.isInteger(g) || g < 1 || g > 17)) return null;
    out[m[1]] = [...new Set(goals)].sort((a, b) => a - b);
  }
  return out;
};
export const hlpfGoalsText = (goals: Record<string, number[]>) =>
  Object.entries(goals)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, g]) => `${year}: ${g.join(', ')}`)
    .join('\n');

/** The form read: the template's draft, or errors by field. */
export const templateFromForm = (values: Values): { ok: true; draft: TemplateDraft } | { ok: false; errors: Record<string, string> } => {
  const errors: Record<string, string> = {};
  const title = localized(values, 'title', TITLE_MAX);
  if (!title || Object.keys(title).length === 0) errors['title.en'] = 'reports.templates.errors.title';
  const description = localized(values, 'description', DESCRIPTION_MAX);
  if (!description) errors['description.en'] = 'reports.templates.errors.too_long';
  const sections: SectionDraft[] = [];
  const ids = formList(values, 'section');
  for (const [index, id] of ids.entries()) {
    if (!SECTION_ID.test(id)) {
      errors._form = 'reports.templates.errors.section_id';
      continue;
    }
    const p = `s.${id}`;
    if (formValue(values, `${p}.remove`) === 'yes') continue;
    const rawPosition = formText(values, `${p}.position`);
    const position = rawPosition === '' ? index + 1 : /^\d{1,4}$/.test(rawPosition) ? Number(rawPosition) : Number.NaN;
    if (Number.isNaN(position)) errors[`${p}.position`] = 'reports.templates.errors.position';
    const sectionTitle = localized(values, `${p}.title`, TITLE_MAX);
    if (!sectionTitle || Object.keys(sectionTitle).length === 0) errors[`${p}.title.en`] = 'reports.templates.errors.section_title';
    const source = formText(values, `${p}.source`);
    const rawOptions: Record<string, string[]> = {};
    for (const name of Object.keys(values)) {
      const m = name.startsWith(`${p}.opt.`) ? name.slice(`${p}.opt.`.length) : null;
      if (m && /^[A-Za-z][A-Za-z0-9-]{0,40}$/.test(m)) rawOptions[m] = formList(values, name).flatMap(codesOf);
    }
    const forEach = formValue(values, `${p}.forEach`) === 'hlpf-sdgs' ? ('hlpf-sdgs' as const) : undefined;
    sections.push({
      id,
      title: sectionTitle ?? {},
      narrative: formValue(values, `${p}.narrative`) === 'yes',
      ...(source ? { source } : {}),
      ...(forEach ? { forEach } : {}),
      position,
      rawOptions,
    });
  }
  // A narrative section added at the end.
  const newId = formText(values, 'new.id');
  const newTitle = formText(values, 'new.title');
  if (newId || newTitle) {
    if (!SECTION_ID.test(newId)) errors['new.id'] = 'reports.templates.errors.section_id';
    else if (sections.some((s) => s.id === newId) || ids.includes(newId)) errors['new.id'] = 'reports.templates.errors.section_id_taken';
    if (!newTitle || newTitle.length > TITLE_MAX) errors['new.title'] = 'reports.templates.errors.section_title';
    const lang = LOCALES.find((l) => l === formValue(values, 'new.lang')) ?? 'en';
    sections.push({ id: newId, title: { [lang]: newTitle }, narrative: true, position: Number.MAX_SAFE_INTEGER, rawOptions: {} });
  }
  if (sections.length === 0) errors._form = 'reports.templates.errors.no_sections';
  const hlpfGoals = hlpfGoalsOf(formValue(values, 'hlpfGoals'));
  if (!hlpfGoals) errors.hlpfGoals = 'reports.templates.errors.hlpf_goals';
  if (Object.keys(errors).length > 0 || !title || !description || !hlpfGoals) return { ok: false, errors };
  // Order by the position typed (ties keep the form's order).
  const ordered = sections
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.position - b.s.position || a.i - b.i)
    .map(({ s }) => s);
  return { ok: true, draft: { title, description, sections: ordered, hlpfGoals } };
};

/** The form's values for a template (to fill the form). */
export const templateFormValues = (t: { title: Localized; description: Localized; sections: TemplateSection[]; hlpfGoals: Record<string, number[]> }): Values => {
  const values: Values = { section: t.sections.map((s) => s.id), hlpfGoals: hlpfGoalsText(t.hlpfGoals) };
  for (const l of LOCALES) {
    values[`title.${l}`] = t.title[l] ?? '';
    values[`description.${l}`] = t.description[l] ?? '';
  }
  for (const [i, s] of t.sections.entries()) {
    const p = `s.${s.id}`;
    values[`${p}.position`] = String(i + 1);
    values[`${p}.narrative`] = s.narrative ? 'yes' : undefined;
    values[`${p}.source`] = s.source ?? '';
    if (s.forEach) values[`${p}.forEach`] = s.forEach;
    for (const l of LOCALES) values[`${p}.title.${l}`] = s.title[l] ?? '';
    for (const [name, v] of Object.entries(s.options ?? {})) values[`${p}.opt.${name}`] = v;
  }
  return values;
};
