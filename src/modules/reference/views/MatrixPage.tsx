import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import type { ActionLine, MatrixCell, Sdg } from '../queries.js';

export type MatrixPageProps = { view: ViewContext; lines: ActionLine[]; sdgs: Sdg[]; cells: MatrixCell[] };

/**
 * Public: the WSIS–SDG matrix as a table (rows: action lines and C7's sub-lines; columns: SDGs).
 * Each cell says in words whether the pair is linked; linked cells open the explanation.
 */
export const MatrixPage = ({ view, lines, sdgs, cells }: MatrixPageProps) => {
  const { t } = view;
  const linked = new Set(cells.map((c) => `${c.actionLine}|${c.sdg}`));
  const notLinked = t('reference.matrix.cell_not_linked');
  const caption = t('reference.matrix.caption');
  return (
    <Layout view={view} title={t('reference.matrix.title')} wide>
      <h1>{t('reference.matrix.title')}</h1>
      <p class="lead">{t('reference.matrix.lead')}</p>
      <p>{t('reference.matrix.summary', { links: cells.length, lines: new Set(cells.map((c) => c.actionLine)).size })}</p>
      <section class="table-wrap matrix-wrap" aria-label={caption} tabindex={0}>
        <table class="matrix">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reference.matrix.action_line_header')}</th>
              {sdgs.map((sdg) => (
                <th scope="col" class="sdg-col" title={view.localize(sdg.short)}>
                  <a href={view.href(`/sdgs/${sdg.number}`)}>
                    <span class="visually-hidden">{t('reference.matrix.sdg_prefix')} </span>
                    {sdg.number}
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => {
              const hasChildren = lines.some((l) => l.parent === line.code);
              return (
                <tr class={line.parent ? 'sub-line' : undefined}>
                  <th scope="row">
                    <a href={view.href(`/action-lines/${line.code}`)}>{line.code}</a> <span class="row-title">{view.localize(line.short)}</span>
                  </th>
                  {hasChildren && !sdgs.some((s) => linked.has(`${line.code}|${s.number}`)) ? (
                    <td colSpan={sdgs.length} class="muted">
                      {t('reference.matrix.see_sub_lines')}
                    </td>
                  ) : (
                    sdgs.map((sdg) =>
                      linked.has(`${line.code}|${sdg.number}`) ? (
                        <td class="linked">
                          <a href={view.href(`/matrix/${line.code}/${sdg.number}`)}>
                            <span aria-hidden="true">●</span>
                            <span class="visually-hidden">{t('reference.matrix.cell_linked', { actionLine: line.code, sdg: sdg.number })}</span>
                          </a>
                        </td>
                      ) : (
                        <td class="not-linked">
                          <span class="visually-hidden">{notLinked}</span>
                        </td>
                      ),
                    )
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </Layout>
  );
};
