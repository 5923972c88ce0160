import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { TargetList } from '../components/TargetList.js';
import { LocalizedText } from '../components/Text.js';
import type { ActionLine, MatrixLink, Sdg, SdgTarget } from '../queries.js';

export type SdgPageProps = { view: ViewContext; sdg: Sdg; links: MatrixLink[]; lines: Map<string, ActionLine>; targets: Map<string, SdgTarget> };

/** Public: one SDG and the action lines that serve it. */
export const SdgPage = ({ view, sdg, links, lines, targets }: SdgPageProps) => {
  const { t } = view;
  const heading = `${t('reference.sdgs.number', { number: sdg.number })}${t('core.text.colon')}${view.localize(sdg.short)}`;
  return (
    <Layout view={view} title={heading}>
      <p class="breadcrumb">
        <a href={view.href('/sdgs')}>{t('reference.sdgs.title')}</a>
      </p>
      <h1>
        {t('reference.sdgs.number', { number: sdg.number })}
        {t('core.text.colon')}
        <LocalizedText view={view} value={sdg.short} confidence={sdg.confidence.short} />
      </h1>
      <p class="lead">
        <LocalizedText view={view} value={sdg.title} confidence={sdg.confidence.title} />
      </p>
      <section aria-labelledby="action-lines">
        <h2 id="action-lines">{t('reference.sdgs.action_lines', { count: links.length })}</h2>
        {links.length === 0 ? (
          <p class="muted">{t('reference.sdgs.no_action_lines')}</p>
        ) : (
          <ul class="link-list">
            {links.map((link) => {
              const line = lines.get(link.actionLine);
              return (
                <li>
                  <h3>
                    <a href={view.href(`/action-lines/${link.actionLine}`)}>
                      <span class="code">{link.actionLine}</span>
                      {line && (
                        <>
                          {' '}
                          <LocalizedText view={view} value={line.title} confidence={line.titleConfidence} />
                        </>
                      )}
                    </a>
                  </h3>
                  <TargetList view={view} codes={link.targets} targets={targets} />
                  <p>
                    <a href={view.href(`/matrix/${link.actionLine}/${sdg.number}`)}>{t('reference.matrix.explain_link', { actionLine: link.actionLine, sdg: sdg.number })}</a>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </Layout>
  );
};
