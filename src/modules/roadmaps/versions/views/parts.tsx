import type { Localized } from '../../../../core/i18n/locales.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { LocalizedText } from '../../../../core/views/LocalizedText.js';
import type { RoadmapVersion } from '../../queries.js';
import type { VersionStatus } from '../../tables.js';
import { TEXT_FIELDS } from '../inputs.js';

export const statusLabel = (view: ViewContext, s: VersionStatus) => view.t(`roadmaps.versions.status_${s}`);
export const fieldLabel = (view: ViewContext, field: string) => view.t(`roadmaps.versions.field_${field}`);

/** Links of a roadmap's pages: the line's code is a path segment as is ('C7.e-health'). */
export const roadmapPath = (line: string) => `/roadmaps/${encodeURIComponent(line)}`;
export const versionPath = (line: string, number: number) => `${roadmapPath(line)}/versions/${number}`;
export const adminRoadmapPath = (line: string) => `/admin${roadmapPath(line)}`;

/** Names of what a version links to, resolved by the route: partner organizations, and target texts by code. */
export type Labels = { partners: Map<number, string>; sdgTargets: Map<string, Localized>; connectTargets: Map<string, Localized> };

/**
 * The register's page of the document that presented a version. The register answers the link
 * (its page or its own "not found"): no read of another module's documents here (see README).
 */
export const SymbolLink = ({ view, symbol }: { view: ViewContext; symbol: string }) => (
  <a href={view.href(`/documents/${encodeURIComponent(symbol)}`)} dir="ltr">
    {symbol}
  </a>
);

/** A version's texts, partners and targets, in the reader's language where it exists. */
export const VersionContent = ({ view, version: v, labels }: { view: ViewContext; version: RoadmapVersion; labels: Labels }) => {
  const { t } = view;
  return (
    <>
      {TEXT_FIELDS.map((f) => (
        <section>
          <h2>{fieldLabel(view, f)}</h2>
          {view.localize(v[f]) ? <LocalizedText view={view} value={v[f]} translations={{}} as="p" /> : <p class="empty">{t('roadmaps.versions.not_written')}</p>}
        </section>
      ))}
      <section>
        <h2>{fieldLabel(view, 'partnerOrganizationIds')}</h2>
        {v.partnerOrganizationIds.length === 0 ? (
          <p class="empty">{t('roadmaps.versions.none')}</p>
        ) : (
          <ul>
            {v.partnerOrganizationIds.map((id) => (
              <li>
                <bdi>{labels.partners.get(id) ?? `#${id}`}</bdi>
              </li>
            ))}
          </ul>
        )}
      </section>
      {(['sdgTargets', 'connectTargets'] as const).map((field) => (
        <section>
          <h2>{fieldLabel(view, field)}</h2>
          {v[field].length === 0 ? (
            <p class="empty">{t('roadmaps.versions.none')}</p>
          ) : (
            <dl class="targets">
              {v[field].map((code) => {
                const text = labels[field].get(code);
                return (
                  <>
                    <dt dir="ltr">{code}</dt>
                    <dd>{text ? <LocalizedText view={view} value={text} translations={{}} /> : ''}</dd>
                  </>
                );
              })}
            </dl>
          )}
        </section>
      ))}
    </>
  );
};

/** The facts of a version: number, status, presenting document, dates. */
export const VersionFacts = ({ view, version: v }: { view: ViewContext; version: RoadmapVersion }) => {
  const { t } = view;
  return (
    <dl class="facts">
      <dt>{t('roadmaps.versions.version')}</dt>
      <dd>{view.fmt.number(v.number)}</dd>
      <dt>{t('roadmaps.versions.status')}</dt>
      <dd>{statusLabel(view, v.status)}</dd>
      {v.presentedSymbol && (
        <>
          <dt>{t('roadmaps.versions.presented_in')}</dt>
          <dd>
            <SymbolLink view={view} symbol={v.presentedSymbol} />
            {v.presentedAt && ` (${view.fmt.date(v.presentedAt)})`}
          </dd>
        </>
      )}
      {v.currentSince && (
        <>
          <dt>{t('roadmaps.versions.current_since')}</dt>
          <dd>{view.fmt.date(v.currentSince)}</dd>
        </>
      )}
      <dt>{t('roadmaps.versions.updated')}</dt>
      <dd>{view.fmt.date(v.updatedAt)}</dd>
    </dl>
  );
};
