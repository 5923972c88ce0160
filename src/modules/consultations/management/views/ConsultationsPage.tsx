import { type FormState, LocalTime, Pagination, Select } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { Consultation } from '../../queries.js';
import { AUDIENCES } from '../../tables.js';
import type { ConsultationPage, When } from '../queries.js';
import { audienceLabel, ConsultationText, respondentLabel } from './parts.js';

export type ConsultationsPageProps = {
  view: ViewContext;
  /** The three groups (open, upcoming, past), or the one asked for with `when`. */
  groups: { when: When; page: ConsultationPage }[];
  filters: FormState;
  actionLines: { code: string; title: string }[];
  sdgs: { number: number; title: string }[];
  /** The filters as query parameters (for the pages of a group). */
  query: Record<string, string | undefined>;
};

const Card = ({ view, c }: { view: ViewContext; c: Consultation }) => (
  <li class="card">
    <h3>
      <a href={view.href(`/consultations/${c.id}`)}>
        <ConsultationText view={view} value={c.title} translations={c.translations} />
      </a>
    </h3>
    <p>
      {view.t('consultations.management.opens')}
      {view.t('core.text.colon')}
      <LocalTime view={view} value={c.opensAt} />
      <br />
      {view.t('consultations.management.closes')}
      {view.t('core.text.colon')}
      <LocalTime view={view} value={c.closesAt} />
    </p>
    <p class="muted">
      {audienceLabel(view, c.audience)} · {respondentLabel(view, c.respondentKind)}
    </p>
    {(c.actionLines.length > 0 || c.sdgs.length > 0) && (
      <p class="badges">
        <span class="visually-hidden">
          {view.t('consultations.management.topics')}
          {view.t('core.text.colon')}
        </span>
        {c.actionLines.map((code) => (
          <>
            <span class="code" dir="ltr">
              {code}
            </span>{' '}
          </>
        ))}
        {c.sdgs.map((n) => (
          <>
            <span class="code">{view.t('consultations.management.sdg_code', { number: n })}</span>{' '}
          </>
        ))}
      </p>
    )}
  </li>
);

/** Public: calls for contributions open now, upcoming and past, with filters that work without JavaScript. */
export const ConsultationsPage = ({ view, groups, filters, actionLines, sdgs, query }: ConsultationsPageProps) => {
  const { t } = view;
  const title = t('consultations.management.list_title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('consultations.management.list_lead')}</p>
      <form method="get" action={view.href('/consultations')} class="filters" aria-labelledby="filters-title">
        <h2 id="filters-title" class="visually-hidden">
          {t('consultations.management.filters_title')}
        </h2>
        <Select
          form={filters}
          name="when"
          label={t('consultations.management.filter_when')}
          options={[
            { value: '', label: t('consultations.management.when_all') },
            ...(['open', 'upcoming', 'past'] as const).map((w) => ({ value: w, label: t(`consultations.management.when_${w}`) })),
          ]}
        />
        <Select
          form={filters}
          name="audience"
          label={t('consultations.management.filter_audience')}
          options={[{ value: '', label: t('consultations.management.audience_all') }, ...AUDIENCES.map((a) => ({ value: a, label: audienceLabel(view, a) }))]}
        />
        <Select
          form={filters}
          name="actionLine"
          label={t('consultations.management.filter_action_line')}
          options={[{ value: '', label: t('consultations.management.action_line_all') }, ...actionLines.map((l) => ({ value: l.code, label: `${l.code} ${l.title}` }))]}
        />
        <Select
          form={filters}
          name="sdg"
          label={t('consultations.management.filter_sdg')}
          options={[
            { value: '', label: t('consultations.management.sdg_all') },
            ...sdgs.map((s) => ({ value: String(s.number), label: `${view.fmt.number(s.number)}. ${s.title}` })),
          ]}
        />
        <button type="submit" class="button">
          {t('consultations.management.filter_apply')}
        </button>
      </form>
      {groups.map(({ when, page }) => (
        <section aria-labelledby={`group-${when}`}>
          <h2 id={`group-${when}`}>
            {t(`consultations.management.when_${when}`)} <span class="muted">({view.fmt.number(page.total)})</span>
          </h2>
          {page.items.length === 0 ? (
            <p class="empty">{t(`consultations.management.empty_${when}`)}</p>
          ) : (
            <ul class="card-grid">
              {page.items.map((c) => (
                <Card view={view} c={c} />
              ))}
            </ul>
          )}
          {groups.length === 1 && <Pagination view={view} page={page.page} pageSize={page.pageSize} total={page.total} baseHref={view.href('/consultations')} query={query} />}
          {groups.length > 1 && page.total > page.items.length && (
            <p>
              <a
                href={view.href(
                  `/consultations?${new URLSearchParams(Object.entries({ ...query, when } as Record<string, string | undefined>).filter((e): e is [string, string] => !!e[1])).toString()}`,
                )}
              >
                {t('consultations.management.see_all', { count: page.total })}
              </a>
            </p>
          )}
        </section>
      ))}
    </Layout>
  );
};
