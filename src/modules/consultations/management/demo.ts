/**
 * A demonstration consultation on a first start: open now for six weeks, in the six languages,
 * with a questionnaire that uses most question types (a condition included), built and opened
 * through the commands as the secretariat would, in the name of the first administrator.
 */
import { asc } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { Db } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import type { Actor } from '../../../core/permissions/index.js';
import type { Question } from '../questionnaire.js';
import { changeStatus } from './commands/change-status.js';
import { editQuestionnaire } from './commands/edit-questionnaire.js';
import { createConsultation } from './commands/save-consultation.js';
import { addQuestion, addSection } from './rules.js';

const DAY = 86_400_000;
const six = (en: string, fr: string, es: string, ru: string, zh: string, ar: string): Localized => ({ en, fr, es, ru, zh, ar });
const options = (...labels: Localized[]) => labels.map((label, i) => ({ id: `o${i + 1}`, label }));

/** A question before the builder gives it its id. */
type NewQuestion = Question extends infer Q ? (Q extends Question ? Omit<Q, 'id'> : never) : never;

const SECTIONS: { title: Localized; questions: NewQuestion[] }[] = [
  {
    title: six('About you', 'Qui vous êtes', 'Sobre usted', 'О вас', '关于您', 'نبذة عنك'),
    questions: [
      {
        type: 'single-choice',
        label: six(
          'Which stakeholder group do you belong to?',
          'À quel groupe de parties prenantes appartenez-vous ?',
          '¿A qué grupo de partes interesadas pertenece?',
          'К какой группе заинтересованных сторон вы относитесь?',
          '您属于哪一利益攸关方群体？',
          'إلى أي فئة من أصحاب المصلحة تنتمي؟',
        ),
        required: true,
        allowOther: true,
        options: options(
          six('Government', 'Gouvernement', 'Gobierno', 'Правительство', '政府', 'حكومة'),
          six('Private sector', 'Secteur privé', 'Sector privado', 'Частный сектор', '私营部门', 'القطاع الخاص'),
          six('Civil society', 'Société civile', 'Sociedad civil', 'Гражданское общество', '民间社会', 'المجتمع المدني'),
          six('Academia', 'Milieu universitaire', 'Instituciones académicas', 'Научные круги', '学术界', 'الأوساط الأكاديمية'),
        ),
      },
      {
        type: 'reference',
        list: 'action-lines',
        multiple: true,
        label: six(
          'Which action lines does your work concern?',
          'Quelles grandes orientations votre travail concerne-t-il ?',
          '¿A qué líneas de acción se refiere su trabajo?',
          'К каким направлениям деятельности относится ваша работа?',
          '您的工作涉及哪些行动方面？',
          'ما خطوط العمل التي يتعلق بها عملك؟',
        ),
        required: false,
      },
    ],
  },
  {
    title: six(
      'WSIS beyond 2025',
      'Le SMSI après 2025',
      'La CMSI después de 2025',
      'ВВУИО после 2025 года',
      '2025年后的信息社会世界峰会',
      'القمة العالمية لمجتمع المعلومات بعد عام 2025',
    ),
    questions: [
      {
        type: 'scale',
        min: 1,
        max: 5,
        minLabel: six('Not at all', 'Pas du tout', 'En absoluto', 'Совсем нет', '完全没有', 'إطلاقًا'),
        maxLabel: six('Very much', 'Tout à fait', 'Mucho', 'В полной мере', '非常', 'إلى حد كبير'),
        label: six(
          'How useful have the WSIS action lines been to your work?',
          'Dans quelle mesure les grandes orientations du SMSI ont-elles été utiles à votre travail ?',
          '¿En qué medida le han sido útiles las líneas de acción de la CMSI?',
          'Насколько полезны были для вашей работы направления деятельности ВВУИО?',
          '信息社会世界峰会行动方面对您的工作有多大帮助？',
          'ما مدى فائدة خطوط عمل القمة لعملك؟',
        ),
        required: true,
      },
      {
        type: 'yes-no',
        label: six(
          'Should the action lines be revised?',
          'Faut-il réviser les grandes orientations ?',
          '¿Deberían revisarse las líneas de acción?',
          'Следует ли пересмотреть направления деятельности?',
          '是否应修订行动方面？',
          'هل ينبغي تنقيح خطوط العمل؟',
        ),
        required: true,
      },
      {
        type: 'long-text',
        maxWords: 300,
        label: six(
          'What should change, and why?',
          'Que faudrait-il changer, et pourquoi ?',
          '¿Qué debería cambiar y por qué?',
          'Что следует изменить и почему?',
          '应作出哪些改变？为什么？',
          'ما الذي ينبغي تغييره، ولماذا؟',
        ),
        help: six('300 words at most.', '300 mots au plus.', '300 palabras como máximo.', 'Не более 300 слов.', '不超过300字。', '300 كلمة على الأكثر.'),
        required: false,
        condition: { questionId: 'YESNO', anyOf: ['yes'] },
      },
      {
        type: 'ranking',
        label: six('Rank these priorities', 'Classez ces priorités', 'Ordene estas prioridades', 'Расставьте эти приоритеты', '请对这些优先事项排序', 'رتّب هذه الأولويات'),
        required: false,
        options: options(
          six('Meaningful connectivity', 'Connectivité significative', 'Conectividad significativa', 'Полноценная возможность подключения', '有意义的连通性', 'التوصيل المجدي'),
          six('Digital skills', 'Compétences numériques', 'Competencias digitales', 'Цифровые навыки', '数字技能', 'المهارات الرقمية'),
          six('Trust and security', 'Confiance et sécurité', 'Confianza y seguridad', 'Доверие и безопасность', '信任与安全', 'الثقة والأمن'),
        ),
      },
      {
        type: 'file',
        kinds: ['pdf', 'docx', 'odt'],
        maxBytes: 5 * 1024 * 1024,
        label: six(
          'Attach a written contribution (optional)',
          'Joignez une contribution écrite (facultatif)',
          'Adjunte una contribución escrita (opcional)',
          'Приложите письменный вклад (необязательно)',
          '附上书面意见（可选）',
          'أرفق مساهمة مكتوبة (اختياري)',
        ),
        required: false,
      },
    ],
  },
];

export const demoConsultations = async (db: Db) => {
  const [admin] = await db.select().from(users).orderBy(asc(users.id)).limit(1);
  if (!admin) return;
  const actor: Actor = { id: admin.id, email: admin.email, name: admin.name, roles: ['admin'], locale: 'en', emailVerified: true, status: 'active' };
  const now = Date.now();
  const created = await createConsultation(db, {
    actor,
    input: {
      title: six(
        'Call for contributions: WSIS beyond 2025',
        'Appel à contributions : le SMSI après 2025',
        'Convocatoria de contribuciones: la CMSI después de 2025',
        'Призыв к представлению материалов: ВВУИО после 2025 года',
        '征求意见：2025年后的信息社会世界峰会',
        'دعوة إلى تقديم المساهمات: القمة العالمية لمجتمع المعلومات بعد عام 2025',
      ),
      purpose: six(
        'This is a **demonstration** consultation. The Council Working Group invites the membership to share its views on the WSIS action lines.',
        'Ceci est une consultation de **démonstration**. Le Groupe de travail du Conseil invite les membres à donner leur avis sur les grandes orientations du SMSI.',
        'Esta es una consulta de **demostración**. El Grupo de Trabajo del Consejo invita a los miembros a opinar sobre las líneas de acción de la CMSI.',
        'Это **демонстрационная** консультация. Рабочая группа Совета предлагает членам высказать мнение о направлениях деятельности ВВУИО.',
        '这是一次**演示**磋商。理事会工作组邀请成员就信息社会世界峰会行动方面发表意见。',
        'هذه مشاورة **تجريبية**. يدعو فريق العمل التابع للمجلس الأعضاء إلى إبداء آرائهم في خطوط عمل القمة العالمية لمجتمع المعلومات.',
      ),
      originalLanguage: 'en',
      translations: { fr: 'reviewed', es: 'reviewed', ru: 'unofficial', zh: 'unofficial', ar: 'reviewed' },
      audience: 'everyone',
      respondentKind: 'either',
      opensAt: new Date(now - DAY).toISOString(),
      closesAt: new Date(now + 42 * DAY).toISOString(),
      answersMayBePublished: true,
      actionLines: ['C1', 'C2', 'C4'],
      sdgs: [4, 9, 17],
    },
  });
  if (!created.ok) return;
  const id = created.id;
  let yesNo = '';
  for (const section of SECTIONS) {
    let sectionId = '';
    await editQuestionnaire(db, {
      actor,
      consultationId: id,
      edit: (q, ids) => {
        sectionId = ids('s');
        return addSection(q, { id: sectionId, title: section.title, questions: [] });
      },
    });
    for (const question of section.questions) {
      await editQuestionnaire(db, {
        actor,
        consultationId: id,
        edit: (q, ids) => {
          const qid = ids('q');
          if (question.type === 'yes-no') yesNo = qid;
          const condition = question.condition ? { ...question.condition, questionId: yesNo } : undefined;
          return addQuestion(q, sectionId, { ...question, id: qid, ...(condition ? { condition } : {}) } as Question);
        },
      });
    }
  }
  await changeStatus(db, { actor, id, transition: 'open' });
};
