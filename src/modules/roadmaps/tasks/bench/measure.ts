/**
 * The tasks' cases in `wsis bench`: a corpus of BENCH_TASKS tasks and BENCH_UPDATES updates made
 * once in the scratch database (set-based SQL, marked by their titles), then
 * - the late-and-stale list as the page reads it (findTasks, first page and count) p50/p95,
 *   goal p95 ≤ 30 ms;
 * - the daily reminder run: the tasks' three `due` events and their notify() calls over every
 *   task, as sendDueNotifications runs them, goal ≤ 5 s; measured on a first run (writing the
 *   reminders) and a second (writing none), then the reminders it wrote are removed;
 * - the reports' progress section (progress/report-section.ts) over every line, as of now and as
 *   of 100 days ago (the lights then, from the updates before), goal ≤ 1 s (a report builds in ≤ 10 s).
 */
import { and, inArray, like, sql } from 'drizzle-orm';
import type { BenchContext } from '../../../../core/cli/bench-contract.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { notify } from '../../../../core/notifications/notify.js';
import { notifications } from '../../../../core/notifications/tables.js';
import { tasksNotificationEvents } from '../notifications.js';
import { buildProgressSection } from '../../progress/report-section.js';
import { findTasks } from '../queries.js';

export const BENCH_TASKS = 2_000;
export const BENCH_UPDATES = 50_000;
const LINES = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11'];
const OWNERS = 40;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length };
};
const ms = (v: number) => v.toFixed(1);

/**
 * Makes the corpus unless it is there: owners, focal points, roadmaps, tasks, updates, dated
 * around `today` (default: now; a day of the year of a year's corpus). Returns the seconds it took, or null.
 */
export const makeTasksCorpus = async (context: Pick<BenchContext, 'database' | 'say'>, { today = new Date() }: { today?: Date } = {}): Promise<number | null> => {
  const db = context.database.db;
  const day = sql`${today.toISOString().slice(0, 10)}::date`;
  const now = sql`${today.toISOString()}::timestamptz`;
  const have = Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from roadmaps_tasks where title->>'en' like 'Bench task %'`)).rows[0]?.n ?? 0);
  if (have >= BENCH_TASKS) return null;
  const t0 = Date.now();
  context.say(`tasks: making ${BENCH_TASKS} tasks and ${BENCH_UPDATES} updates`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into auth_users (email, name, password_hash, locale, status, email_verified_at)
      select 'bench-owner-' || i || '@example.org', 'Bench owner ' || i, 'x', (array['en','fr','es','ru','zh','ar'])[1 + i % 6], 'active', ${now}
      from generate_series(1, ${OWNERS}) i
      on conflict do nothing`);
    for (const line of LINES) await tx.execute(sql`insert into roadmaps (action_line) values (${line}) on conflict do nothing`);
    await tx.execute(sql`
      insert into roadmaps_focal_points (user_id, action_line, bureau, appointed_on)
      select u.id, l.line, 'BDT', date '2025-01-01'
      from unnest(${sql.raw(`array[${LINES.map((l) => `'${l}'`).join(',')}]`)}::text[]) with ordinality l(line, n)
      join auth_users u on u.email = 'bench-owner-' || l.n || '@example.org'
      on conflict do nothing`);
    // Deadlines from a year ago to two years ahead; last updates up to 200 days ago; 1 in 10 done.
    await tx.execute(sql`
      insert into roadmaps_tasks (roadmap_id, title, owner_bureau, owner_user_id, starts_on, deadline, status, sdg_targets, connect_targets, last_update_at, created_at)
      select r.id, jsonb_build_object('en', 'Bench task ' || i, 'fr', 'Tâche de banc ' || i),
        (array['GS','BR','TSB','BDT'])[1 + i % 4],
        (select id from auth_users where email = 'bench-owner-' || (1 + i % ${OWNERS}) || '@example.org'),
        ${day} - 400 + (i % 300), greatest(${day} - 400 + (i % 300), ${day} - 365 + (i * 7919 % 1095)),
        case when i % 10 = 0 then 'done' when i % 7 = 0 then 'at-risk' else 'on-track' end,
        array[(array['9.c','4.4','5.b','16.2','17.8'])[1 + i % 5]], array['1.1'],
        ${now} - make_interval(days => (i * 31 % 200)), ${now} - interval '400 days'
      from generate_series(1, ${BENCH_TASKS}) i
      join roadmaps r on r.action_line = (array[${sql.raw(LINES.map((l) => `'${l}'`).join(','))}])[1 + i % ${LINES.length}]`);
    await tx.execute(sql`
      insert into roadmaps_task_updates (task_id, reported_on, status, text, locale, created_at)
      select t.id, (t.last_update_at - make_interval(days => g * 3))::date, t.status, 'Bench progress ' || g, 'en', t.last_update_at - make_interval(days => g * 3)
      from (select id, status, last_update_at, row_number() over (order by id) n from roadmaps_tasks where title->>'en' like 'Bench task %') t
      cross join generate_series(0, ${BENCH_UPDATES / BENCH_TASKS - 1}) g`);
  });
  await db.execute(sql`analyze roadmaps_tasks`);
  await db.execute(sql`analyze roadmaps_task_updates`);
  return (Date.now() - t0) / 1000;
};

export const measureTasks = async (context: BenchContext): Promise<string[]> => {
  const db = context.database.db;
  const corpusSeconds = await makeTasksCorpus(context);
  const counts = (
    await db.execute<{ tasks: number; updates: number }>(sql`select (select count(*)::int from roadmaps_tasks) tasks, (select count(*)::int from roadmaps_task_updates) updates`)
  ).rows[0];
  const now = new Date();

  // 1. The late-and-stale list, first page and count, as /roadmaps/tasks?late=true&stale=true reads it.
  const list: number[] = [];
  let listed = 0;
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    const { total } = await findTasks(db, { filters: { late: 'true', stale: 'true', ...(i % 3 === 1 ? { bureau: 'BDT' as const } : {}) }, now, page: 1 + (i % 4) });
    list.push(performance.now() - t0);
    if (i === 0) listed = total;
  }
  const listStats = stats(list.slice(20));

  // 2. The daily reminder run over every task: the due events and their notify(), as sendDueNotifications runs them.
  const run = async (tx: DbOrTx) => {
    const t0 = performance.now();
    let written = 0;
    for (const event of tasksNotificationEvents)
      for (const due of (await event.due?.(tx, { now })) ?? []) written += await notify(tx, event, { to: due.to, params: due.params, link: due.link, key: due.key });
    return { seconds: (performance.now() - t0) / 1000, written };
  };
  const kinds = tasksNotificationEvents.map((e) => e.event);
  const clear = () => db.delete(notifications).where(and(inArray(notifications.kind, kinds), like(notifications.link, '/roadmaps/tasks/%')));
  await clear();
  // As sendDueNotifications runs today: each reminder its own statement and commit.
  const first = await run(db);
  const second = await run(db);
  await clear();
  // The same first run in one transaction (one commit), as a job runner wrapping the run would do it.
  const inOne = await db.transaction((tx) => run(tx));
  await clear();

  // 3. The reports' progress section over every line (two set-based reads), as of now and 100 days ago, in English and Arabic.
  const section: number[] = [];
  let shown = 0;
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    const { blocks } = await buildProgressSection(db, {
      from: new Date(now.getTime() - 365 * 86_400_000),
      to: now,
      asOf: i % 2 === 0 ? now : new Date(now.getTime() - 100 * 86_400_000),
      locale: i % 4 < 2 ? 'en' : 'ar',
      options: {},
    });
    section.push(performance.now() - t0);
    if (i === 0) shown = blocks.reduce((n, b) => n + (b.type === 'table' ? b.rows.length : 0), 0);
  }
  const sectionStats = stats(section.slice(2));

  context.say(
    `tasks: progress section p95 ${ms(sectionStats.p95)} ms; late-and-stale list p95 ${ms(listStats.p95)} ms; reminder run ${first.seconds.toFixed(2)} s (${first.written} written), again ${second.seconds.toFixed(2)} s, in one transaction ${inOne.seconds.toFixed(2)} s`,
  );
  return [
    '### Roadmap tasks',
    '',
    `${counts?.tasks ?? 0} tasks, ${counts?.updates ?? 0} progress updates${corpusSeconds === null ? '' : ` (made in ${corpusSeconds.toFixed(1)} s)`}.`,
    '',
    '| measure | result | goal |',
    '| --- | --- | --- |',
    `| late-and-stale list (${listed} tasks; first to fourth page and count), p50 / p95 over ${listStats.n} | ${ms(listStats.p50)} / ${ms(listStats.p95)} ms | p95 ≤ 30 ms |`,
    `| daily reminder run over all tasks, writing ${first.written} reminders | ${first.seconds.toFixed(2)} s | ≤ 5 s |`,
    `| the same run again (each reminder once: ${second.written} written) | ${second.seconds.toFixed(2)} s | ≤ 5 s |`,
    `| the first run in one transaction (${inOne.written} written, one commit) | ${inOne.seconds.toFixed(2)} s | ≤ 5 s |`,
    `| reports' progress section, every line (${shown} tasks with their light as of the cut-off), p50 / p95 over ${sectionStats.n} | ${ms(sectionStats.p50)} / ${ms(sectionStats.p95)} ms | ≤ 1 s |`,
    '',
  ];
};
