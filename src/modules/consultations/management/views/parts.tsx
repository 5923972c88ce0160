import { LocalizedText } from '../../../../core/views/LocalizedText.js';
import type { ViewContext } from '../../../../core/views/context.js';
import type { QuestionType } from '../../questionnaire.js';
import type { Audience, ConsultationStatus, RespondentKind } from '../../tables.js';

export { languageName } from '../../../../core/views/LocalizedText.js';

const key = (value: string) => value.replaceAll('-', '_');
export const audienceLabel = (view: ViewContext, a: Audience) => view.t(`consultations.management.audience_${key(a)}`);
export const respondentLabel = (view: ViewContext, r: RespondentKind) => view.t(`consultations.management.respondent_${r}`);
export const statusLabel = (view: ViewContext, s: ConsultationStatus) => view.t(`consultations.management.status_${s}`);
export const typeLabel = (view: ViewContext, type: QuestionType) => view.t(`consultations.management.type_${key(type)}`);

/** A consultation's text in the reader's language, else in the language it exists in: the core's LocalizedText. */
export const ConsultationText = LocalizedText;
