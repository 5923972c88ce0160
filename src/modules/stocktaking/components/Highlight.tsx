import { MARK_START, MARK_STOP } from '../queries.js';

/** Splits a headline into plain and marked runs; stray markers are dropped. */
export const highlightRuns = (text: string): { text: string; marked: boolean }[] =>
  text
    .split(MARK_START)
    .flatMap((chunk, i) => {
      if (i === 0) return [{ text: chunk.split(MARK_STOP).join(''), marked: false }];
      const [marked = '', ...rest] = chunk.split(MARK_STOP);
      return [
        { text: marked, marked: rest.length > 0 },
        { text: rest.join(''), marked: false },
      ];
    })
    .filter((run) => run.text !== '');

/**
 * A title with the search terms marked. The database wraps matches in MARK_START…MARK_STOP; every
 * run is rendered as text (escaped), never as HTML.
 */
export const Highlight = ({ text }: { text: string }) => <>{highlightRuns(text).map((run) => (run.marked ? <mark>{run.text}</mark> : run.text))}</>;
