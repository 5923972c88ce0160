import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { TargetList } from '../components/TargetList.js';
import { EnglishText, Facilitators, LocalizedText } from '../components/Text.js';
import type { ActionLine, MatrixLink, Sdg, SdgTarget } from '../queries.js';

export type ActionLinePageProps = {
  view: ViewContext;
  line: ActionLine;
  parent: ActionLine | null;
  children: ActionLine[];
  links: MatrixLink[];
  sdgs: Map<number, Sdg>;
  targets: Map<string, SdgTarget>;
};

/** Public: one action line, its facilitators, and the SDGs it serves (with targets and rationale). */
export const ActionLinePage = ({ view, line, parent, children, links, sdgs, targets }: ActionLinePageProps) => {
  const { t } = view;
  const title = view.localize(line.title);
  return (
    <Layout view={view} title={`${line.code} ${title}`}>
      <p class="breadcrumb">
        <a href={view.href('/action-lines')}>{t('reference.action_lines.title')}</a>
        {parent && (
          <>
            {' › '}
            <a href={view.href(`/action-lines/${parent.code}`)}>{`${parent.code} ${view.localize(parent.short)}`}</a>
          </>
        )}
      </p>
      <h1>
        <span class="code">{line.code}</span> <LocalizedText view={view} value={line.title} confidence={line.titleConfidence} />
      </h1>
      <dl class="facts">
        <dt>{t('reference.action_lines.short_title')}</dt>
        <dd>
          <LocalizedText view={view} value={line.short} confidence={line.shortConfidence} />
        </dd>
        <dt>{t('reference.action_lines.lead_facilitators')}</dt>
        <dd>
          <Facilitators view={view} names={line.leadFacilitators} />
        </dd>
        {line.ituRole && (
          <>
            <dt>{t('reference.action_lines.itu_role')}</dt>
            <dd>
              <EnglishText view={view} text={line.ituRole} />
            </dd>
          </>
        )}
      </dl>

      {children.length > 0 && (
        <section aria-labelledby="sub-lines">
          <h2 id="sub-lines">{t('reference.action_lines.sub_lines')}</h2>
          <ul>
            {children.map((child) => (
              <li>
                <a href={view.href(`/action-lines/${child.code}`)}>
                  <span class="code">{child.code}</span> <LocalizedText view={view} value={child.title} confidence={child.titleConfidence} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="sdgs-served">
        <h2 id="sdgs-served">{t('reference.action_lines.sdgs_served', { count: links.length })}</h2>
        {links.length === 0 ? (
          <p class="muted">{t(children.length > 0 ? 'reference.action_lines.sdgs_via_sub_lines' : 'reference.action_lines.no_sdgs')}</p>
        ) : (
          <ul class="link-list">
            {links.map((link) => {
              const sdg = sdgs.get(link.sdg);
              return (
                <li>
                  <h3>
                    <a href={view.href(`/sdgs/${link.sdg}`)}>
                      {t('reference.sdgs.number', { number: link.sdg })}
                      {sdg && (
                        <>
                          {t('core.text.colon')}
                          <LocalizedText view={view} value={sdg.short} confidence={sdg.confidence.short} />
                        </>
                      )}
                    </a>
                  </h3>
                  <TargetList view={view} codes={link.targets} targets={targets} />
                  {view.localize(link.rationale) && (
                    <p class="rationale">
                      <LocalizedText view={view} value={link.rationale} />
                    </p>
                  )}
                  <p>
                    <a href={view.href(`/matrix/${line.code}/${link.sdg}`)}>{t('reference.matrix.explain_link', { actionLine: line.code, sdg: link.sdg })}</a>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {line.sources.length > 0 && (
        <section aria-labelledby="sources">
          <h2 id="sources">{t('reference.common.sources')}</h2>
          <ul class="sources">
            {line.sources.map((s) => (
              <li>
                <EnglishText view={view} text={s} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
};
