import type { ViewContext } from '../../../../core/views/context.js';
import { EditionLayout } from '../../views/EditionLayout.js';
import { LocalTime, Table, ScrollRegion } from '../../../../core/views/components.js';
import type { Edition } from '../../phases.js';
import type { Category } from '../../queries.js';
import { REASON_MAX_LENGTH } from '../invalidate-votes.js';
import { IntegrityTables } from './IntegrityTables.js';
import { type IntegrityCategory, SIGNAL_KINDS, SIGNAL_RULES, type Signal, type VoteDetail } from '../queries.js';

/** Most votes listed under a signal (the form can still invalidate all of them). */
export const SHOWN_VOTES = 100;

export type SignalFormError = { signalId: string; message: string; reason: string };

const signalKey = (view: ViewContext, s: Signal) => {
  const { t } = view;
  switch (s.kind) {
    case 'address_burst':
      return t('prizes.integrity.signal.address', { key: s.key ?? '' });
    case 'network_burst':
    case 'new_account_cluster':
      return t('prizes.integrity.signal.network', { key: s.key ?? '' });
    case 'disposable_email':
      return t('prizes.integrity.signal.domain', { key: s.key ?? '' });
    default:
      return t('prizes.integrity.signal.new_accounts');
  }
};

const SignalForm = ({
  view,
  edition,
  signal,
  index,
  details,
  error,
}: {
  view: ViewContext;
  edition: Edition;
  signal: Signal;
  index: number;
  details: VoteDetail[];
  error?: SignalFormError;
}) => {
  const { t } = view;
  const headingId = `signal-${index}`;
  const reasonId = `signal-${index}-reason`;
  return (
    <section aria-labelledby={headingId} class="integrity-signal">
      <h3 id={headingId}>{signalKey(view, signal)}</h3>
      <p>
        {t('prizes.integrity.signal_counts', { votes: signal.voteIds.length, voters: signal.voters, pending: signal.pending })} <LocalTime view={view} value={signal.first} /> –{' '}
        <LocalTime view={view} value={signal.last} />
      </p>
      <form method="post" action={view.href(`/admin/prizes/${edition.year}/integrity`)} novalidate>
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        <input type="hidden" name="signal" value={signal.id} />
        <ScrollRegion label={t('prizes.integrity.votes_caption', { signal: signalKey(view, signal) })}>
          <table>
            <caption>{t('prizes.integrity.votes_caption', { signal: signalKey(view, signal) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('prizes.integrity.vote_header')}</th>
                <th scope="col">{t('prizes.integrity.category_header')}</th>
                <th scope="col">{t('prizes.integrity.cast_at_header')}</th>
                <th scope="col">{t('prizes.integrity.address_header')}</th>
                <th scope="col">{t('prizes.integrity.account_created_header')}</th>
                <th scope="col">{t('prizes.integrity.status_header')}</th>
              </tr>
            </thead>
            <tbody>
              {details.map((v) => (
                <tr>
                  <td>
                    {v.invalidReason === null ? (
                      <div class="checkbox">
                        <input type="checkbox" id={`vote-${index}-${v.id}`} name="vote" value={String(v.id)} />
                        <label for={`vote-${index}-${v.id}`}>{t('prizes.integrity.vote_label', { id: v.id })}</label>
                      </div>
                    ) : (
                      t('prizes.integrity.vote_label', { id: v.id })
                    )}
                  </td>
                  <td>{view.fmt.number(v.categoryNumber)}</td>
                  <td>
                    <LocalTime view={view} value={v.castAt} />
                  </td>
                  <td>
                    <code dir="ltr">{v.ip ?? '—'}</code>
                  </td>
                  <td>
                    <LocalTime view={view} value={v.accountCreatedAt} />
                  </td>
                  <td dir="auto">
                    {v.invalidReason !== null
                      ? t('prizes.integrity.invalidated_because', { reason: v.invalidReason })
                      : v.valid
                        ? t('prizes.integrity.status_valid')
                        : t('prizes.integrity.status_rule')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        {signal.voteIds.length > details.length && <p class="hint">{t('prizes.integrity.more_votes', { count: signal.voteIds.length - details.length })}</p>}
        {signal.pending > 0 && (
          <>
            <div class={error ? 'field field-error' : 'field'}>
              <label for={reasonId}>{t('prizes.integrity.reason_label')}</label>
              <p class="hint" id={`${reasonId}-hint`}>
                {t('prizes.integrity.reason_hint')}
              </p>
              {error && (
                <p class="error-message" id={`${reasonId}-error`} role="alert">
                  {error.message}
                </p>
              )}
              <input
                id={reasonId}
                type="text"
                name="reason"
                required
                maxLength={REASON_MAX_LENGTH}
                value={error?.reason ?? ''}
                dir="auto"
                aria-describedby={error ? `${reasonId}-hint ${reasonId}-error` : `${reasonId}-hint`}
                aria-invalid={error ? 'true' : undefined}
              />
            </div>
            <p class="actions">
              <button type="submit" class="button danger" name="scope" value="signal">
                {t('prizes.integrity.invalidate_signal', { count: signal.pending })}
              </button>{' '}
              <button type="submit" class="button secondary" name="scope" value="selected">
                {t('prizes.integrity.invalidate_selected')}
              </button>
            </p>
          </>
        )}
      </form>
    </section>
  );
};

/** Prize managers: the fraud signals of an edition, each with its votes and a form to invalidate them. */
export const IntegrityAdminPage = ({
  view,
  edition,
  categories,
  signals,
  details,
  report,
  error,
  years,
}: {
  view: ViewContext;
  edition: Edition;
  /** Every edition's year, newest first (the switcher). */
  years: number[];
  categories: Category[];
  signals: Signal[];
  details: Map<number, VoteDetail>;
  report: IntegrityCategory[];
  error?: SignalFormError;
}) => {
  const { t } = view;
  const title = t('prizes.integrity.admin_title', { year: edition.year });
  let index = 0;
  return (
    <EditionLayout view={view} edition={edition} title={title} switcher={{ years, path: (year) => `/admin/prizes/${year}/integrity` }}>
      <p class="lead">{t('prizes.integrity.admin_lead')}</p>
      <p>
        <a href={view.href(`/prizes/${edition.year}/integrity`)}>{t('prizes.integrity.public_link')}</a>
      </p>
      <Table
        caption={t('prizes.integrity.signals_caption')}
        empty=""
        rows={[...SIGNAL_KINDS]}
        columns={[
          { header: t('prizes.integrity.signal_header'), cell: (kind) => <a href={`#kind-${kind}`}>{t(`prizes.integrity.kind.${kind}`)}</a> },
          {
            header: t('prizes.integrity.rule_description_header'),
            cell: (kind) =>
              t(`prizes.integrity.rule.${kind}`, {
                votes: kind === 'address_burst' ? SIGNAL_RULES.addressBurst.votes : kind === 'network_burst' ? SIGNAL_RULES.networkBurst.votes : SIGNAL_RULES.cluster.votes,
                seconds: kind === 'address_burst' ? SIGNAL_RULES.addressBurst.seconds : kind === 'network_burst' ? SIGNAL_RULES.networkBurst.seconds : SIGNAL_RULES.cluster.seconds,
                voters: SIGNAL_RULES.cluster.voters,
                days: SIGNAL_RULES.newAccountDays,
              }),
          },
          { header: t('prizes.integrity.signals_header'), cell: (kind) => view.fmt.number(signals.filter((s) => s.kind === kind).length), numeric: true },
          {
            header: t('prizes.integrity.pending_header'),
            cell: (kind) => view.fmt.number(signals.filter((s) => s.kind === kind).reduce((n, s) => n + s.pending, 0)),
            numeric: true,
          },
        ]}
      />
      {SIGNAL_KINDS.map((kind) => {
        const ofKind = signals.filter((s) => s.kind === kind);
        return (
          <section aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`}>{t(`prizes.integrity.kind.${kind}`)}</h2>
            {ofKind.length === 0 ? (
              <p class="empty">{t('prizes.integrity.no_signal')}</p>
            ) : (
              ofKind.map((signal) => {
                index += 1;
                const shown = signal.voteIds
                  .slice(0, SHOWN_VOTES)
                  .map((id) => details.get(id))
                  .filter((d): d is VoteDetail => d !== undefined);
                return <SignalForm view={view} edition={edition} signal={signal} index={index} details={shown} error={error?.signalId === signal.id ? error : undefined} />;
              })
            )}
          </section>
        );
      })}
      <section aria-labelledby="integrity-report">
        <h2 id="integrity-report">{t('prizes.integrity.report_heading')}</h2>
        <IntegrityTables view={view} categories={categories} report={report} />
      </section>
    </EditionLayout>
  );
};
