import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { TargetList } from '../components/TargetList.js';
import { ConfidenceLabel, EnglishText, LocalizedText } from '../components/Text.js';
import type { ActionLine, MatrixLink, Sdg, SdgTarget } from '../queries.js';

export type MatrixLinkPageProps = { view: ViewContext; link: MatrixLink; line: ActionLine; sdg: Sdg; targets: Map<string, SdgTarget> };

/** Public: why an action line serves an SDG — targets, rationale, confidence and source. */
export const MatrixLinkPage = ({ view, link, line, sdg, targets }: MatrixLinkPageProps) => {
  const { t } = view;
  const heading = t('reference.matrix.link_title', { actionLine: line.code, sdg: sdg.number });
  return (
    <Layout view={view} title={heading}>
      <p class="breadcrumb">
        <a href={view.href('/matrix')}>{t('reference.matrix.title')}</a>
      </p>
      <h1>{heading}</h1>
      <dl class="facts">
        <dt>{t('reference.matrix.action_line_header')}</dt>
        <dd>
          <a href={view.href(`/action-lines/${line.code}`)}>
            <span class="code">{line.code}</span> <LocalizedText view={view} value={line.title} confidence={line.titleConfidence} />
          </a>
        </dd>
        <dt>{t('reference.matrix.sdg_header')}</dt>
        <dd>
          <a href={view.href(`/sdgs/${sdg.number}`)}>
            {t('reference.sdgs.number', { number: sdg.number })}
            {t('core.text.colon')}
            <LocalizedText view={view} value={sdg.title} confidence={sdg.confidence.title} />
          </a>
        </dd>
      </dl>
      <section aria-labelledby="targets">
        <h2 id="targets">{t('reference.matrix.targets', { count: link.targets.length })}</h2>
        <TargetList view={view} codes={link.targets} targets={targets} />
      </section>
      <section aria-labelledby="rationale">
        <h2 id="rationale">{t('reference.matrix.rationale')}</h2>
        {view.localize(link.rationale) ? (
          <p class="rationale">
            <LocalizedText view={view} value={link.rationale} />
          </p>
        ) : (
          <p class="muted">{t('reference.matrix.no_rationale')}</p>
        )}
      </section>
      <section aria-labelledby="provenance">
        <h2 id="provenance">{t('reference.matrix.provenance')}</h2>
        <dl class="facts">
          <dt>{t('reference.matrix.confidence')}</dt>
          <dd>
            <ConfidenceLabel view={view} confidence={link.confidence} />
          </dd>
          <dt>{t('reference.common.source')}</dt>
          <dd>
            <EnglishText view={view} text={link.source} />
          </dd>
          <dt>{t('reference.matrix.updated_at')}</dt>
          <dd>
            <time datetime={link.updatedAt.toISOString()}>{view.fmt.date(link.updatedAt)}</time>
          </dd>
        </dl>
        {link.notes.length > 0 && (
          <>
            <h3>{t('reference.common.notes')}</h3>
            <ul>
              {link.notes.map((n) => (
                <li>
                  <EnglishText view={view} text={n} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </Layout>
  );
};
