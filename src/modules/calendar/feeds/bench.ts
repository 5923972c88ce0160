/**
 * The calendar in `wsis bench`: the full feed (`/calendar.ics`: every module's dates from 2006 to
 * five years ahead, in a language) under load against the bare-server ceiling, timed one request
 * at a time (goal: p95 ≤ 100 ms): the first request builds it, the others find it kept (the feeds' versionedCache:
 * one fingerprint read per module); the first build is reported apart. The timed requests send no
 * ETag, so each gets the whole body.
 */
import type { BenchContext, ModuleBench } from '../../../core/cli/bench-contract.js';

const SAMPLES = 40;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export const calendarBench: ModuleBench = {
  about: [
    'Calendar: the full iCalendar feed (every module’s dates, 2006 to five years ahead), kept between requests while no module’s dates change; goal p95 ≤ 100 ms. The first build is timed apart.',
  ],
  pages: [{ name: 'calendar feed (/calendar.ics)', path: '/calendar.ics?lang=fr' }],
  cases: ['calendar'],
  measure: async ({ baseUrl, say }: BenchContext) => {
    const times: number[] = [];
    let bytes = 0;
    let events = 0;
    // A filtered feed no request asked for yet: built, as after a change of a module's dates.
    const firstStarted = performance.now();
    await fetch(`${baseUrl}/calendar.ics?lang=fr&kind=forum`).then((r) => r.text());
    const firstBuild = performance.now() - firstStarted;
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      const res = await fetch(`${baseUrl}/calendar.ics?lang=fr`);
      const body = await res.text();
      times.push(performance.now() - started);
      bytes = body.length;
      events = body.split('BEGIN:VEVENT').length - 1;
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    say(`calendar feed: ${events} events, ${bytes} bytes, first build ${firstBuild.toFixed(1)} ms, then p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    return {
      lines: () => [
        `Full calendar feed, one request at a time (${SAMPLES} requests): ${events} events, ${Math.round(bytes / 1024)} KB, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (goal ≤ 100 ms; met: ${p95 <= 100 ? 'yes' : 'no'}); a first build (filtered feed, nothing kept) ${firstBuild.toFixed(1)} ms.`,
      ],
    };
  },
};
