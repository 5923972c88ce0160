import type { ViewContext } from '../../../../core/views/context.js';
import type { HistoryStep } from '../queries.js';

/**
 * The steps of an entry's moderation, oldest first: when, what, by whom, and the comment given. An
 * entry with none recorded (loaded as published, as the demo and imported entries are) says so.
 */
export const Steps = ({ view, steps }: { view: ViewContext; steps: HistoryStep[] }) => (
  <>
    <h2>{view.t('stocktaking.moderation.steps')}</h2>
    {steps.length === 0 ? (
      <p>{view.t('stocktaking.moderation.no_steps')}</p>
    ) : (
      <ol class="timeline">
        {steps.map((s) => (
          <li>
            <time datetime={s.at.toISOString()}>{view.fmt.dateTime(s.at)}</time> — {view.t(`stocktaking.moderation.event_${s.kind.replace(/-/g, '_')}`)}
            {s.actorName && (
              <>
                {' '}
                (<bdi>{s.actorName}</bdi>)
              </>
            )}
            {s.comment && (
              <blockquote dir="auto">
                <p>{s.comment}</p>
              </blockquote>
            )}
          </li>
        ))}
      </ol>
    )}
  </>
);
