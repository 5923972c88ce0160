import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { LocalTime, PostButton, Table } from '../../../../core/views/components.js';
import type { Consultation } from '../../queries.js';

export type Sending = { id: number; recipients: number; sentAt: Date };

/** Analysts and managers: the downloads of all answers, the circular letter and its sendings. */
export const ExportsPage = ({ view, consultation, sendings, canSend }: { view: ViewContext; consultation: Consultation; sendings: Sending[]; canSend: boolean }) => {
  const { t } = view;
  const title = view.localize(consultation.title);
  const api = `/api/v1/consultations/${consultation.id}`;
  const formats = [
    { key: 'csv', path: `${api}/answers.csv` },
    { key: 'xlsx', path: `${api}/answers.xlsx` },
    { key: 'jsonl', path: `${api}/answers.jsonl` },
    { key: 'zip', path: `${api}/attachments.zip` },
  ];
  return (
    <Layout view={view} title={t('consultations.exports.admin.title', { title })}>
      <p class="breadcrumb">
        <a href={view.href(`/admin/consultations/${consultation.id}`)}>{title}</a>
      </p>
      <h1>{t('consultations.exports.admin.title', { title })}</h1>
      <h2>{t('consultations.exports.admin.downloads')}</h2>
      <p>{t('consultations.exports.admin.downloads_lead')}</p>
      <ul class="download-list">
        {formats.map((f) => (
          <li>
            <a href={`${f.path}?lang=${view.locale}`}>{t(`consultations.exports.formats.${f.key}`)}</a>
          </li>
        ))}
      </ul>
      <h2>{t('consultations.exports.admin.letter')}</h2>
      <p>
        <a href={view.href(`/consultations/${consultation.id}/letter`)}>
          {consultation.letterNumber ? t('consultations.exports.letter.number', { number: consultation.letterNumber }) : t('consultations.exports.letter.unnumbered')}
        </a>
      </p>
      {canSend && <PostButton view={view} action={view.href(`/admin/consultations/${consultation.id}/letter/send`)} label={t('consultations.exports.admin.send')} />}
      <Table
        caption={t('consultations.exports.admin.sendings')}
        columns={[
          { header: t('consultations.exports.admin.sent_at'), cell: (s: Sending) => <LocalTime view={view} value={s.sentAt} /> },
          { header: t('consultations.exports.admin.recipients'), cell: (s: Sending) => view.fmt.number(s.recipients), numeric: true },
        ]}
        rows={sendings}
        empty={t('consultations.exports.admin.no_sendings')}
      />
    </Layout>
  );
};
