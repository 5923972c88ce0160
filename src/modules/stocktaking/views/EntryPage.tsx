import { EntryImages } from '../components/EntryImages.js';
import type { ItemAction } from '../../../core/contributions.js';
import type { Localized } from '../../../core/i18n/locales.js';
import type { ViewContext } from '../../../core/views/context.js';
import { PostButton } from '../../../core/views/components.js';
import { Layout } from '../../../core/views/Layout.js';
import { Markdown } from '../../../core/views/Markdown.js';
import { countryName } from '../../reference/queries.js';
import { EntryBadges } from '../components/EntryBadges.js';
import { facetLabel, languageName, type ReferenceNames } from '../components/labels.js';
import { EntryText } from '../components/LocalizedEntryText.js';
import type { ImageInfo } from '../images/queries.js';
import type { EntryBadge, PublicEntry } from '../queries.js';

export type EntryPageProps = {
  view: ViewContext;
  entry: PublicEntry & { badges: EntryBadge[] };
  names: ReferenceNames;
  organization: string | null;
  images: ImageInfo[];
  /** For the entry's owners and the moderators: where it stands and what they may do. */
  owner: { canEdit: boolean; pendingRevision: boolean; actions: ItemAction[] } | null;
};

const isWebLink = (url: string | null): url is string => !!url && /^https?:\/\//i.test(url);

/** Long text in the Markdown subset, rendered and sanitized (core/views/Markdown.tsx). */
const LongText = ({ view, value, translations }: { view: ViewContext; value: Localized; translations: PublicEntry['translations'] }) => {
  const { text } = view.localizeWithLocale(value);
  return (
    <EntryText view={view} value={value} translations={translations} as="div">
      <Markdown text={text} />
    </EntryText>
  );
};

/**
 * Said when the language version shown predates the latest change of the original text, with a
 * link to the entry in its original language.
 */
export const OutdatedTranslation = ({ view, entry, shown }: { view: ViewContext; entry: Pick<PublicEntry, 'id' | 'originalLanguage' | 'outdatedLanguages'>; shown: string }) =>
  shown !== entry.originalLanguage && (entry.outdatedLanguages ?? []).includes(shown as PublicEntry['originalLanguage']) ? (
    <p class="warning translation-outdated">
      {view.t('stocktaking.entry.translation_outdated')}{' '}
      <a href={`/${entry.originalLanguage}/stocktaking/${entry.id}`} hreflang={entry.originalLanguage}>
        {view.t('stocktaking.entry.read_original', { language: languageName(view, entry.originalLanguage) })}
      </a>
    </p>
  ) : null;

/** Public: one entry of the Stocktaking database with every public field. */
export const EntryPage = ({ view, entry, names, organization, images, owner }: EntryPageProps) => {
  const { t } = view;
  const title = view.localizeWithLocale(entry.title);
  const longText: [string, Localized][] = [
    ['stocktaking.entry.description', entry.description],
    ['stocktaking.entry.impact', entry.impact],
    ['stocktaking.entry.partners', entry.partners],
  ];
  return (
    <Layout view={view} title={title.text}>
      <p class="breadcrumb">
        <a href={view.href('/stocktaking')}>{t('stocktaking.browse.title')}</a>
      </p>
      <h1>
        <EntryText view={view} value={entry.title} translations={entry.translations} />
      </h1>
      <OutdatedTranslation view={view} entry={entry} shown={title.locale} />
      {owner && (
        <section class="owner-panel" aria-labelledby="owner-panel-title">
          <h2 id="owner-panel-title" class="visually-hidden">
            {t('stocktaking.entry.owner_panel')}
          </h2>
          <p>
            {t('stocktaking.entry.state_is', { state: t(`stocktaking.states.${entry.state}`) })}
            {owner.pendingRevision && ` ${t('stocktaking.entry.revision_pending')}`}
          </p>
          <ul class="actions">
            {owner.canEdit && (
              <li>
                <a href={view.href(`/stocktaking/${entry.id}/edit`)}>{t('stocktaking.entry.edit_link')}</a>
              </li>
            )}
            <li>
              <a href={view.href(`/stocktaking/${entry.id}/history`)}>{t('stocktaking.entry.history_link')}</a>
            </li>
            {owner.actions.map((a) => (
              <li>
                <a href={view.href(a.href)}>{t(a.label.key, a.label.values)}</a>
                {a.hint && <span class="hint"> {t(a.hint.key, a.hint.values)}</span>}
              </li>
            ))}
            {(entry.state === 'draft' || entry.state === 'returned') && owner.canEdit && (
              <li>
                <PostButton view={view} action={view.href(`/stocktaking/${entry.id}/submit`)} label={t('stocktaking.entry.submit_button')} variant="secondary" />
              </li>
            )}
          </ul>
        </section>
      )}
      <p>
        <EntryBadges view={view} entry={entry} />
      </p>
      <div class="lead">
        <EntryText view={view} value={entry.summary} translations={entry.translations} as="p" />
      </div>
      {images.length > 0 && <EntryImages view={view} images={images} />}
      {longText.map(([key, value]) =>
        view.localize(value) ? (
          <section>
            <h2>{t(key)}</h2>
            <LongText view={view} value={value} translations={entry.translations} />
          </section>
        ) : null,
      )}
      <h2>{t('stocktaking.entry.details')}</h2>
      <dl class="facts">
        <dt>{t('stocktaking.entry.organization')}</dt>
        <dd>
          {organization && entry.organizationId ? (
            <a href={view.href(`/stocktaking/organizations/${entry.organizationId}`)}>
              <bdi>{organization}</bdi>
            </a>
          ) : (
            t('stocktaking.entry.no_organization')
          )}
        </dd>
        <dt>{t('stocktaking.facets.stakeholder_type')}</dt>
        <dd>{facetLabel(view, names, 'stakeholderType', entry.stakeholderType)}</dd>
        <dt>{t('stocktaking.entry.lead_country')}</dt>
        <dd>{countryName(entry.leadCountry, view.locale)}</dd>
        {entry.countries.length > 0 && (
          <>
            <dt>{t('stocktaking.entry.countries')}</dt>
            <dd>{view.fmt.list(entry.countries.map((c) => countryName(c, view.locale)))}</dd>
          </>
        )}
        {entry.region && (
          <>
            <dt>{t('stocktaking.facets.region')}</dt>
            <dd>{facetLabel(view, names, 'region', entry.region)}</dd>
          </>
        )}
        <dt>{t('stocktaking.entry.scope')}</dt>
        <dd>{t(`stocktaking.scopes.${entry.scope}`)}</dd>
        <dt>{t('stocktaking.facets.action_line')}</dt>
        <dd>
          <ul>
            {entry.actionLines.map((code) => (
              <li>
                <a href={view.href(`/action-lines/${code}`)}>{facetLabel(view, names, 'actionLine', code)}</a>
              </li>
            ))}
          </ul>
        </dd>
        {entry.sdgs.length > 0 && (
          <>
            <dt>{t('stocktaking.facets.sdg')}</dt>
            <dd>
              <ul>
                {entry.sdgs.map((n) => (
                  <li>
                    <a href={view.href(`/sdgs/${n}`)}>{facetLabel(view, names, 'sdg', String(n))}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {entry.sdgTargets.length > 0 && (
          <>
            <dt>{t('stocktaking.entry.sdg_targets')}</dt>
            <dd>{view.fmt.list(entry.sdgTargets, 'unit')}</dd>
          </>
        )}
        {entry.targetGroups.length > 0 && (
          <>
            <dt>{t('stocktaking.facets.target_group')}</dt>
            <dd>{view.fmt.list(entry.targetGroups.map((g) => facetLabel(view, names, 'targetGroup', g)))}</dd>
          </>
        )}
        <dt>{t('stocktaking.facets.status')}</dt>
        <dd>{facetLabel(view, names, 'status', entry.projectStatus)}</dd>
        {(entry.startDate || entry.endDate) && (
          <>
            <dt>{t('stocktaking.entry.dates')}</dt>
            <dd>
              {entry.startDate ? view.fmt.date(entry.startDate) : '…'} – {entry.endDate ? view.fmt.date(entry.endDate) : '…'}
            </dd>
          </>
        )}
        {isWebLink(entry.website) && (
          <>
            <dt>{t('stocktaking.entry.website')}</dt>
            <dd>
              <a href={entry.website} rel="nofollow noopener">
                {entry.website}
              </a>
            </dd>
          </>
        )}
        <dt>{t('stocktaking.entry.original_language')}</dt>
        <dd>{languageName(view, entry.originalLanguage)}</dd>
        {entry.publishedAt && (
          <>
            <dt>{t('stocktaking.entry.published')}</dt>
            <dd>{view.fmt.date(entry.publishedAt)}</dd>
          </>
        )}
      </dl>
    </Layout>
  );
};
