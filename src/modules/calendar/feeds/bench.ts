/**
 * The calendar in `wsis bench`: the full feed (`/calendar.ics`: every module's dates from 2006 to
 * five years ahead, in a language) under load against the bare-server ceiling, and its build
 * timed one request at a time (goal: p95 ≤ 100 ms). A feed with a matching ETag answers 304; the
 * timed requests send none, so each builds the whole feed.
 */
import type { BenchContext, ModuleBench } from '../../../core/cli/bench-contract.js';

const SAMPLES = 40;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export const calendarBench: ModuleBench = {
  about: ['Calendar: the full iCalendar feed (every module’s dates, 2006 to five years ahead), built per request without a cached copy; goal p95 ≤ 100 ms.'],
  pages: [{ name: 'calendar feed (/calendar.ics)', path: '/calendar.ics?lang=fr' }],
  cases: ['calendar'],
  measure: async ({ baseUrl, say }: BenchContext) => {
    const times: number[] = [];
    let bytes = 0;
    let events = 0;
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
    say(`calendar feed: ${events} events, ${bytes} bytes, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    return {
      lines: () => [
        `Full calendar feed, one request at a time (${SAMPLES} builds): ${events} events, ${Math.round(bytes / 1024)} KB, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (goal ≤ 100 ms).`,
      ],
    };
  },
};
