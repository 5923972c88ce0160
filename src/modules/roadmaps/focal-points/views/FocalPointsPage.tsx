import { ErrorSummary, Field, type FormState, PostForm, Select, Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { BUREAUX } from '../../tables.js';
import type { Appointment, CurrentFocalPoint } from '../queries.js';

const bureau = (view: ViewContext, b: string) => view.t(`roadmaps.focal_points.bureau_${b}`);

/** The focal points serving today, by action line (name and bureau). Public. */
export const FocalPointsPage = ({ view, focalPoints, lineTitles }: { view: ViewContext; focalPoints: CurrentFocalPoint[]; lineTitles: Map<string, string> }) => {
  const { t } = view;
  const title = t('roadmaps.focal_points.public_title');
  const lines = [...new Set(focalPoints.map((f) => f.actionLine))];
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href('/roadmaps')}>{t('roadmaps.versions.list_title')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('roadmaps.focal_points.public_intro')}</p>
      {lines.length === 0 && <p class="empty">{t('roadmaps.focal_points.none_serving')}</p>}
      {lines.map((line) => (
        <section>
          <h2>
            <span dir="ltr">{line}</span> <bdi>{lineTitles.get(line) ?? ''}</bdi>
          </h2>
          <ul>
            {focalPoints
              .filter((f) => f.actionLine === line)
              .map((f) => (
                <li>
                  <bdi>{f.name}</bdi> — {bureau(view, f.bureau)}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
};

export type ManageFocalPointsProps = {
  view: ViewContext;
  appointments: Appointment[];
  actionLines: { code: string; title: string }[];
  appoint: FormState;
  /** The end form of one appointment, by its id, when it came back with an error. */
  ends: Record<number, FormState>;
  today: string;
};

/** The secretariat's page: every appointment (serving first) with its end form, and a new appointment. */
export const ManageFocalPointsPage = ({ view, appointments, actionLines, appoint, ends, today }: ManageFocalPointsProps) => {
  const { t } = view;
  const title = t('roadmaps.focal_points.manage_title');
  const labels = {
    email: t('roadmaps.focal_points.email'),
    bureau: t('roadmaps.focal_points.bureau'),
    actionLine: t('roadmaps.focal_points.action_line'),
    appointedOn: t('roadmaps.focal_points.appointed_on'),
    endedOn: t('roadmaps.focal_points.ended_on'),
  };
  return (
    <Layout view={view} title={title} wide>
      <p class="breadcrumb">
        <a href={view.href('/admin/roadmaps')}>{t('roadmaps.versions.manage_title')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('roadmaps.focal_points.role_note')}</p>
      <Table
        caption={t('roadmaps.focal_points.appointments')}
        empty={t('roadmaps.focal_points.none_serving')}
        rows={appointments}
        columns={[
          { header: labels.actionLine, cell: (a) => <span dir="ltr">{a.actionLine}</span> },
          {
            header: t('roadmaps.focal_points.person'),
            rowHeader: true,
            cell: (a) => (
              <>
                <bdi>{a.name}</bdi>
                <br />
                <small dir="ltr">{a.email}</small>
                {!a.hasRole && !a.endedOn && (
                  <p class="warning" id={`role-${a.id}`}>
                    {t('roadmaps.focal_points.lacks_role')}
                  </p>
                )}
              </>
            ),
          },
          { header: labels.bureau, cell: (a) => bureau(view, a.bureau) },
          { header: labels.appointedOn, cell: (a) => view.fmt.date(a.appointedOn) },
          {
            header: labels.endedOn,
            cell: (a) => {
              if (a.endedOn) return view.fmt.date(a.endedOn);
              const form = ends[a.id] ?? { values: { endedOn: today }, errors: {}, scope: `end-${a.id}` };
              return (
                <PostForm view={view} action={view.href(`/admin/roadmaps/focal-points/${a.id}/end`)} class="inline-form">
                  <Field form={{ ...form, scope: `end-${a.id}` }} name="endedOn" label={t('roadmaps.focal_points.end_on', { name: a.name })} type="date" required />
                  <button type="submit" class="button button-secondary">
                    {t('roadmaps.focal_points.end_button')}
                  </button>
                </PostForm>
              );
            },
          },
        ]}
      />
      <section>
        <h2>{t('roadmaps.focal_points.appoint_title')}</h2>
        <ErrorSummary view={view} form={appoint} labels={labels} />
        <PostForm view={view} action={view.href('/admin/roadmaps/focal-points')}>
          <Field form={appoint} name="email" label={labels.email} hint={t('roadmaps.focal_points.email_hint')} type="email" required maxLength={320} dir="ltr" />
          <Select form={appoint} name="bureau" label={labels.bureau} options={BUREAUX.map((b) => ({ value: b, label: bureau(view, b) }))} required />
          <Select form={appoint} name="actionLine" label={labels.actionLine} options={actionLines.map((l) => ({ value: l.code, label: `${l.code} — ${l.title}` }))} required />
          <Field form={appoint} name="appointedOn" label={labels.appointedOn} type="date" required />
          <button type="submit" class="button">
            {t('roadmaps.focal_points.appoint_button')}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
};
