/**
 * The roadmaps' part of the reports (`roadmaps.progress`): for each chosen action line, the
 * roadmap's version current at the cut-off, its tasks with the traffic light they had then (the
 * task pages' rules, rules.ts, applied to the updates recorded before the cut-off) and a chart of
 * the tasks per light; first, the same chart over every chosen line. Lights are words with their
 * shape, never a colour alone.
 */
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { formatters, localizeWithLocale, translator } from '../../../core/i18n/translate.js';
import type { ReportBlock, ReportRun, ReportSectionArgs, ReportSectionResult } from '../../../core/reports/document.js';
import { findActionLines } from '../../reference/queries.js';
import { LIGHTS, type Light, trafficLight } from '../tasks/rules.js';
import { LIGHT_SYMBOL } from '../tasks/views/parts.js';
import { findRoadmapsAsOf, findTasksAsOf } from './queries.js';

/** A user's or reference text in the report's language, or the house fallback marked with its language. */
const run = (value: Parameters<typeof localizeWithLocale>[0], locale: Locale): ReportRun => {
  const found = localizeWithLocale(value, locale);
  return found.locale === locale ? { text: found.text, isolate: true } : { text: found.text, isolate: true, lang: found.locale };
};

/**
 * The section's blocks. Option `actionLines` (codes of the reference data): the lines to show; none
 * chosen → every line with a roadmap at `asOf`. Public data only (roadmaps, versions in force, tasks).
 */
export const buildProgressSection = async (db: DbOrTx, { asOf, locale, options }: ReportSectionArgs): Promise<ReportSectionResult> => {
  const t = translator(locale);
  const fmt = formatters(locale);
  const chosen = options.actionLines && options.actionLines.length > 0 ? options.actionLines : null;
  // One after the other: `db` may be a transaction (one statement at a time).
  const referenceLines = await findActionLines(db);
  const roadmaps = await findRoadmapsAsOf(db, { lines: chosen, asOf });
  const tasks = await findTasksAsOf(db, { lines: chosen, asOf });
  const day = fmt.date(asOf, { dateStyle: 'long' });
  const position = new Map(referenceLines.map((l) => [l.code, l.position]));
  const nameOf = new Map(referenceLines.map((l) => [l.code, l.title]));
  const ordered = [...roadmaps].sort((a, b) => (position.get(a.actionLine) ?? 1e9) - (position.get(b.actionLine) ?? 1e9) || a.actionLine.localeCompare(b.actionLine));
  if (ordered.length === 0) return { blocks: [{ type: 'paragraph', text: t('roadmaps.progress.none', { date: day }) }] };

  const lightOf = new Map(tasks.map((task) => [task.id, trafficLight(task, asOf)]));
  const lightWord = (light: Light) => `${LIGHT_SYMBOL[light]} ${t(`roadmaps.tasks.light_${light}`)}`;
  const chart = (title: string, list: typeof tasks): ReportBlock => {
    const counts = new Map<Light, number>(LIGHTS.map((l) => [l, 0]));
    for (const task of list) {
      const light = lightOf.get(task.id) as Light;
      counts.set(light, (counts.get(light) ?? 0) + 1);
    }
    return {
      type: 'chart',
      title,
      labelHeading: t('roadmaps.tasks.light'),
      valueHeading: t('roadmaps.progress.tasks_count'),
      data: LIGHTS.map((light) => ({ label: lightWord(light), value: counts.get(light) ?? 0, display: fmt.number(counts.get(light) ?? 0) })),
    };
  };

  const blocks: ReportBlock[] = [
    { type: 'paragraph', text: t('roadmaps.progress.intro', { date: day, lines: ordered.length, tasks: tasks.length }) },
    chart(t('roadmaps.progress.summary_chart', { date: day }), tasks),
  ];
  for (const roadmap of ordered) {
    const line = roadmap.actionLine;
    const lineTasks = tasks.filter((task) => task.actionLine === line);
    const name = nameOf.get(line);
    blocks.push({ type: 'heading', level: 2, text: [{ text: line, isolate: true }, { text: ' ' }, ...(name ? [run(name, locale)] : [])] });
    const version = roadmap.version;
    if (version) {
      blocks.push({ type: 'paragraph', text: t('roadmaps.progress.version', { number: version.number, date: fmt.date(version.currentSince, { dateStyle: 'long' }) }) });
      const objectives = localizeWithLocale(version.objectives, locale);
      if (objectives.text.trim()) {
        blocks.push({ type: 'heading', level: 3, text: t('roadmaps.versions.field_objectives') });
        for (const paragraph of objectives.text
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean))
          blocks.push(objectives.locale === locale ? { type: 'paragraph', text: paragraph } : { type: 'paragraph', text: paragraph, lang: objectives.locale });
      }
    } else blocks.push({ type: 'paragraph', text: t('roadmaps.progress.no_version', { date: day }) });
    if (lineTasks.length === 0) {
      blocks.push({ type: 'paragraph', text: t('roadmaps.progress.no_tasks', { date: day }) });
      continue;
    }
    blocks.push({
      type: 'table',
      caption: t('roadmaps.progress.tasks_caption', { line, date: day }),
      columns: [
        { label: t('roadmaps.tasks.title') },
        { label: t('roadmaps.tasks.owner_bureau') },
        { label: t('roadmaps.tasks.deadline') },
        { label: t('roadmaps.tasks.reported_status') },
        { label: t('roadmaps.tasks.light') },
      ],
      rowHeader: true,
      rows: lineTasks.map((task) => [
        [run(task.title, locale)],
        t(`roadmaps.tasks.bureau_${task.ownerBureau}`),
        fmt.date(`${task.deadline}T00:00:00Z`, { dateStyle: 'long' }),
        t(`roadmaps.tasks.status_${task.status}`),
        lightWord(lightOf.get(task.id) as Light),
      ]),
    });
    blocks.push(chart(t('roadmaps.progress.line_chart', { line, date: day }), lineTasks));
  }
  blocks.push({ type: 'note', text: t('roadmaps.progress.note', { date: day }) });
  return { blocks };
};
