import type { Db } from '../../../core/db/client.js';
import { meetingGroups } from '../tables.js';

/**
 * The groups every installation has: the Council Working Group on WSIS & SDGs, whose documents
 * are numbered CWG-WSIS&SDG-<meeting>/<n> (the official names of the group in the six languages
 * of the Council's documents). Idempotent: an existing group keeps its settings.
 */
export const seedMeetingGroups = async (db: Db) => {
  await db
    .insert(meetingGroups)
    .values({
      code: 'CWG-WSIS&SDG',
      name: {
        en: 'Council Working Group on WSIS & SDGs',
        fr: 'Groupe de travail du Conseil sur le SMSI et les ODD',
        es: 'Grupo de Trabajo del Consejo sobre la CMSI y los ODS',
        ru: 'Рабочая группа Совета по ВВУИО и ЦУР',
        zh: '理事会信息社会世界峰会和可持续发展目标工作组',
        ar: 'فريق العمل التابع للمجلس المعني بالقمة العالمية لمجتمع المعلومات وأهداف التنمية المستدامة',
      },
      deadlineDays: 12,
    })
    .onConflictDoNothing({ target: meetingGroups.code });
};
