import type { DiffRun } from '../i18n/words.js';
import type { ViewContext } from './context.js';

/**
 * The runs of a word diff (core/i18n/words.ts, wordDiff): inserted text in <ins>, deleted text in
 * <del>, each also said in words ("[inserted: …]") for those who do not see the colours or lines.
 */
export const DiffRuns = ({ view, runs }: { view: ViewContext; runs: DiffRun[] }) => (
  <>
    {runs.map((run) => {
      if (run.kind === 'same') return run.text;
      const Tag = run.kind;
      return (
        <Tag>
          <span class="visually-hidden">
            [{view.t(run.kind === 'ins' ? 'core.diff.inserted' : 'core.diff.deleted')}
            {view.t('core.text.colon')}
          </span>
          {run.text}
          <span class="visually-hidden">]</span>
        </Tag>
      );
    })}
  </>
);
