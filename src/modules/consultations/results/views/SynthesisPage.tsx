import { Layout } from '../../../../core/views/Layout.js';
import { PostButton } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import type { Synthesis } from '../synthesis.js';
import { SynthesisDocument } from './SynthesisDocument.js';

export type FrozenNote = { at: Date; by: string | null } | null;

/** The frozen-on sentence (page and DOCX). */
export const frozenSentence = (view: Pick<ViewContext, 't' | 'fmt'>, frozen: NonNullable<FrozenNote>) =>
  view.t('consultations.results.frozen_on', { date: view.fmt.date(frozen.at, { dateStyle: 'long' }), name: frozen.by ?? '—' });

/** The synthesis for the Council: public once published, for analysts always (with the freeze). */
export const SynthesisPage = ({
  view,
  synthesis,
  frozen,
  admin,
  canFreeze,
}: {
  view: ViewContext;
  synthesis: Synthesis;
  frozen: FrozenNote;
  admin: boolean;
  canFreeze: boolean;
}) => {
  const { t } = view;
  const base = admin ? `/admin/consultations/${synthesis.consultationId}/synthesis` : `/consultations/${synthesis.consultationId}/synthesis`;
  return (
    <Layout view={view} title={t('consultations.results.synthesis_title', { title: synthesis.title })}>
      <p class="breadcrumb">
        <a href={view.href(admin ? `/admin/consultations/${synthesis.consultationId}` : `/consultations/${synthesis.consultationId}`)}>{synthesis.title}</a>
      </p>
      <h1>{t('consultations.results.synthesis_title', { title: synthesis.title })}</h1>
      {frozen ? <p class="notice">{frozenSentence(view, frozen)}</p> : <p class="notice">{t('consultations.results.not_frozen')}</p>}
      <p>
        <a href={view.href(`${base}.docx`)}>{t('consultations.results.download_docx')}</a>
        {' · '}
        <a href={view.href(`/consultations/${synthesis.consultationId}/results`)}>{t('consultations.results.see_results')}</a>
      </p>
      {canFreeze && !frozen && (
        <PostButton view={view} action={view.href(`/admin/consultations/${synthesis.consultationId}/synthesis/freeze`)} label={t('consultations.results.freeze')} />
      )}
      <SynthesisDocument view={view} synthesis={synthesis} />
    </Layout>
  );
};
