import { ErrorSummary, type FormState, PostForm, Select, TextArea, Field } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { InLanguage } from '../../../../core/views/components.js';
import { Layout } from '../../../../core/views/Layout.js';
import { TASK_STATUSES } from '../../tables.js';
import type { findUpdates, TaskRow } from '../queries.js';
import { trafficLight } from '../rules.js';
import { Day, LightBadge, statusLabel, TaskText } from './parts.js';

type Update = Awaited<ReturnType<typeof findUpdates>>[number];

/** A task: its facts and light, its evidence, its progress updates and (for who may) the update form. */
export const TaskPage = ({
  view,
  task,
  updates,
  evidence,
  outputCode,
  now,
  canEdit,
  updateForm,
}: {
  view: ViewContext;
  task: TaskRow;
  updates: Update[];
  evidence: { id: number; title: string }[];
  outputCode: string | null;
  now: Date;
  canEdit: boolean;
  updateForm: FormState | null;
}) => {
  const { t } = view;
  const title = view.localize(task.title);
  const light = trafficLight(task, now);
  const labels = { reportedOn: t('roadmaps.tasks.reported_on'), status: t('roadmaps.tasks.status'), text: t('roadmaps.tasks.update_text') };
  return (
    <Layout view={view} title={title}>
      <p>
        <a href={view.href(`/roadmaps/${encodeURIComponent(task.actionLine)}/tasks`)}>{t('roadmaps.tasks.roadmap_title', { line: task.actionLine })}</a>
      </p>
      <h1>
        <TaskText view={view} value={task.title} />
      </h1>
      <p class="lead">
        <LightBadge view={view} light={light} />
      </p>
      {view.localize(task.description) && <TaskText view={view} value={task.description} />}
      <dl class="facts">
        <dt>{t('roadmaps.tasks.action_line')}</dt>
        <dd dir="ltr">{task.actionLine}</dd>
        <dt>{t('roadmaps.tasks.owner')}</dt>
        <dd>
          {task.ownerName && (
            <>
              <bdi>{task.ownerName}</bdi>,{' '}
            </>
          )}
          {t(`roadmaps.tasks.bureau_${task.ownerBureau}`)}
        </dd>
        <dt>{t('roadmaps.tasks.starts_on')}</dt>
        <dd>
          <Day view={view} day={task.startsOn} />
        </dd>
        <dt>{t('roadmaps.tasks.deadline')}</dt>
        <dd>
          <Day view={view} day={task.deadline} />
        </dd>
        <dt>{t('roadmaps.tasks.reported_status')}</dt>
        <dd>{statusLabel(view, task.status)}</dd>
        <dt>{t('roadmaps.tasks.last_update')}</dt>
        <dd>{view.fmt.date(task.lastUpdateAt)}</dd>
        {outputCode && (
          <>
            <dt>{t('roadmaps.tasks.output')}</dt>
            <dd dir="ltr">{outputCode}</dd>
          </>
        )}
        <dt>{t('roadmaps.tasks.sdg_targets')}</dt>
        <dd dir="ltr">{task.sdgTargets.length > 0 ? task.sdgTargets.join(', ') : '—'}</dd>
        <dt>{t('roadmaps.tasks.connect_targets')}</dt>
        <dd dir="ltr">{task.connectTargets.length > 0 ? task.connectTargets.join(', ') : '—'}</dd>
      </dl>
      {canEdit && (
        <p>
          <a href={view.href(`/roadmaps/tasks/${task.id}/edit`)}>{t('roadmaps.tasks.edit')}</a>
        </p>
      )}
      <section aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t('roadmaps.tasks.evidence')}</h2>
        {evidence.length === 0 ? (
          <p class="empty">{t('roadmaps.tasks.no_evidence')}</p>
        ) : (
          <ul>
            {evidence.map((e) => (
              <li>
                <a href={view.href(`/stocktaking/${e.id}`)}>
                  <bdi>{e.title}</bdi>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="updates-heading">
        <h2 id="updates-heading">{t('roadmaps.tasks.updates')}</h2>
        {updates.length === 0 ? (
          <p class="empty">{t('roadmaps.tasks.no_updates')}</p>
        ) : (
          <ol class="task-updates">
            {updates.map((u) => (
              <li>
                <p>
                  <strong>
                    <Day view={view} day={u.reportedOn} />
                  </strong>{' '}
                  — {statusLabel(view, u.status)}
                  {u.authorName && (
                    <>
                      {' '}
                      — <bdi>{u.authorName}</bdi>
                    </>
                  )}
                </p>
                <p>
                  <InLanguage view={view} text={u.text} locale={u.locale} />
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
      {updateForm && (
        <section aria-labelledby="update-form-heading">
          <h2 id="update-form-heading">{t('roadmaps.tasks.add_update')}</h2>
          <PostForm view={view} action={view.href(`/roadmaps/tasks/${task.id}/updates`)}>
            <ErrorSummary view={view} form={updateForm} labels={labels} />
            <Field form={updateForm} name="reportedOn" label={labels.reportedOn} type="date" required />
            <Select form={updateForm} name="status" label={labels.status} options={TASK_STATUSES.map((s) => ({ value: s, label: statusLabel(view, s) }))} required />
            <TextArea form={updateForm} name="text" label={labels.text} hint={t('roadmaps.tasks.update_text_hint')} required maxLength={5000} />
            <button type="submit" class="button">
              {t('roadmaps.tasks.save_update')}
            </button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
};
