/** An analyst adds a theme to a consultation's codebook (label in one or more languages, description). */
import { recordAction } from '../../../../core/audit/record.js';
import type { Db } from '../../../../core/db/client.js';
import type { Localized } from '../../../../core/i18n/locales.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { themes } from '../../tables.js';

export type CreateThemeInput = { consultationId: number; label: Localized; description: Localized };

export const createTheme = async (db: Db, { actor, input, ip }: { actor: Actor; input: CreateThemeInput; ip?: string }) =>
  db.transaction(async (tx) => {
    const [theme] = await tx.insert(themes).values({ consultationId: input.consultationId, label: input.label, description: input.description }).returning();
    if (!theme) throw new Error('theme not inserted');
    await recordAction(tx, {
      actor,
      action: 'consultations.consultation.analyse',
      subjectType: 'consultation_theme',
      subjectId: theme.id,
      after: { consultationId: input.consultationId, label: input.label },
      ip,
    });
    return theme;
  });
