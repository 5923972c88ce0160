/**
 * A report document per language for the renderers' tests: real text in each of the six languages
 * (the first page, two sections with headings, paragraphs, a list, a table, a chart and a note),
 * an English organization name isolated inside the Arabic text, an English quotation in each.
 */
import { dir, type Locale } from '../../../core/i18n/locales.js';
import type { ReportDocument } from '../document.js';

type Words = {
  organization: string;
  title: string;
  date: string;
  original: string;
  distribution: string;
  period: string;
  contents: string;
  draft: string;
  overview: string;
  figures: string;
  intro: string;
  /** Before and after the isolated organization name. */
  partner: [string, string];
  subheading: string;
  items: [string, string, string];
  tableCaption: string;
  region: string;
  entries: string;
  regions: [string, string, string];
  chartTitle: string;
  note: string;
  numbers: (n: number) => string;
};

const WORDS: Record<Locale, Words> = {
  en: {
    organization: 'International Telecommunication Union',
    title: "ITU's contribution to the implementation of the WSIS outcomes",
    date: 'Date: 15 January 2027',
    original: 'Original: English',
    distribution: 'Distribution: General',
    period: 'Period: 1 January – 31 December 2026 · figures as of 31 December 2026',
    contents: 'Contents',
    draft: 'Draft: not an official document',
    overview: 'Overview',
    figures: 'Stocktaking figures',
    intro: 'This report describes the activities carried out by the Union during the year.',
    partner: ['The project was carried out with ', ' in twelve countries.'],
    subheading: 'Main achievements',
    items: ['Broadband access in rural areas', 'Digital skills for women and girls', 'Accessibility for persons with disabilities'],
    tableCaption: 'Entries by region',
    region: 'Region',
    entries: 'Entries',
    regions: ['Africa', 'Arab States', 'Asia and the Pacific, including the small island developing States of the Pacific Ocean'],
    chartTitle: 'Stocktaking entries by region',
    note: 'Source: WSIS Stocktaking database.',
    numbers: (n) => n.toLocaleString('en'),
  },
  fr: {
    organization: 'Union internationale des télécommunications',
    title: 'Contribution de l’UIT à la mise en œuvre des résultats du SMSI',
    date: 'Date : 15 janvier 2027',
    original: 'Original : anglais',
    distribution: 'Distribution : générale',
    period: 'Période : 1er janvier – 31 décembre 2026 · chiffres au 31 décembre 2026',
    contents: 'Table des matières',
    draft: 'Projet : document non officiel',
    overview: 'Aperçu général',
    figures: 'Chiffres de l’inventaire',
    intro: 'Le présent rapport décrit les activités menées par l’Union au cours de l’année.',
    partner: ['Le projet a été mené avec ', ' dans douze pays.'],
    subheading: 'Principales réalisations',
    items: ['Accès au large bande dans les zones rurales', 'Compétences numériques des femmes et des filles', 'Accessibilité pour les personnes handicapées'],
    tableCaption: 'Contributions par région',
    region: 'Région',
    entries: 'Contributions',
    regions: ['Afrique', 'États arabes', 'Asie et Pacifique, y compris les petits États insulaires en développement de l’océan Pacifique'],
    chartTitle: 'Contributions à l’inventaire par région',
    note: 'Source : base de données de l’inventaire du SMSI.',
    numbers: (n) => n.toLocaleString('fr'),
  },
  es: {
    organization: 'Unión Internacional de Telecomunicaciones',
    title: 'Contribución de la UIT a la aplicación de los resultados de la CMSI',
    date: 'Fecha: 15 de enero de 2027',
    original: 'Original: inglés',
    distribution: 'Distribución: general',
    period: 'Período: 1 de enero – 31 de diciembre de 2026 · cifras al 31 de diciembre de 2026',
    contents: 'Índice',
    draft: 'Borrador: documento no oficial',
    overview: 'Panorama general',
    figures: 'Cifras del inventario',
    intro: 'El presente informe describe las actividades realizadas por la Unión durante el año.',
    partner: ['El proyecto se llevó a cabo con ', ' en doce países.'],
    subheading: 'Principales logros',
    items: ['Acceso a la banda ancha en las zonas rurales', 'Competencias digitales de mujeres y niñas', 'Accesibilidad para las personas con discapacidad'],
    tableCaption: 'Contribuciones por región',
    region: 'Región',
    entries: 'Contribuciones',
    regions: ['África', 'Estados Árabes', 'Asia y el Pacífico, incluidos los pequeños Estados insulares en desarrollo del océano Pacífico'],
    chartTitle: 'Contribuciones al inventario por región',
    note: 'Fuente: base de datos del inventario de la CMSI.',
    numbers: (n) => n.toLocaleString('es'),
  },
  ru: {
    organization: 'Международный союз электросвязи',
    title: 'Вклад МСЭ в выполнение решений ВВУИО',
    date: 'Дата: 15 января 2027 года',
    original: 'Язык оригинала: английский',
    distribution: 'Распространение: общее',
    period: 'Период: 1 января – 31 декабря 2026 года · данные на 31 декабря 2026 года',
    contents: 'Содержание',
    draft: 'Проект: неофициальный документ',
    overview: 'Общий обзор',
    figures: 'Данные инвентаризации',
    intro: 'В настоящем докладе описывается деятельность, проведенная Союзом в течение года.',
    partner: ['Проект осуществлялся совместно с ', ' в двенадцати странах.'],
    subheading: 'Основные достижения',
    items: ['Широкополосный доступ в сельских районах', 'Цифровые навыки женщин и девочек', 'Доступность для лиц с инвалидностью'],
    tableCaption: 'Записи по регионам',
    region: 'Регион',
    entries: 'Записи',
    regions: ['Африка', 'Арабские государства', 'Азиатско-Тихоокеанский регион, включая малые островные развивающиеся государства Тихого океана'],
    chartTitle: 'Записи инвентаризации по регионам',
    note: 'Источник: база данных инвентаризации ВВУИО.',
    numbers: (n) => n.toLocaleString('ru'),
  },
  zh: {
    organization: '国际电信联盟',
    title: '国际电联对落实信息社会世界峰会成果的贡献',
    date: '日期：2027年1月15日',
    original: '原文：英文',
    distribution: '分发：普遍',
    period: '期间：2026年1月1日至12月31日 · 数据截至2026年12月31日',
    contents: '目录',
    draft: '草案：非正式文件',
    overview: '概述',
    figures: '盘点数据',
    intro: '本报告介绍国际电联在本年度开展的活动。',
    partner: ['该项目与', '在十二个国家共同实施。'],
    subheading: '主要成就',
    items: ['农村地区的宽带接入', '妇女和女童的数字技能', '残疾人的无障碍获取'],
    tableCaption: '按区域分列的条目',
    region: '区域',
    entries: '条目',
    regions: ['非洲', '阿拉伯国家', '亚太地区，包括太平洋小岛屿发展中国家以及其他参与信息社会世界峰会盘点的成员国'],
    chartTitle: '按区域分列的盘点条目',
    note: '来源：信息社会世界峰会盘点数据库。',
    numbers: (n) => n.toLocaleString('zh'),
  },
  ar: {
    organization: 'الاتحاد الدولي للاتصالات',
    title: 'مساهمة الاتحاد في تنفيذ نتائج القمة العالمية لمجتمع المعلومات',
    date: 'التاريخ: 15 يناير 2027',
    original: 'الأصل: بالإنكليزية',
    distribution: 'التوزيع: عام',
    period: 'الفترة: 1 يناير – 31 ديسمبر 2026 · الأرقام حتى 31 ديسمبر 2026',
    contents: 'المحتويات',
    draft: 'مسودة: ليست وثيقة رسمية',
    overview: 'لمحة عامة',
    figures: 'أرقام الحصر',
    intro: 'يصف هذا التقرير الأنشطة التي نفذها الاتحاد خلال العام.',
    partner: ['نُفذ المشروع بالتعاون مع ', ' في اثني عشر بلداً.'],
    subheading: 'الإنجازات الرئيسية',
    items: ['النفاذ إلى النطاق العريض في المناطق الريفية', 'المهارات الرقمية للنساء والفتيات', 'إمكانية النفاذ للأشخاص ذوي الإعاقة'],
    tableCaption: 'المدخلات حسب المنطقة',
    region: 'المنطقة',
    entries: 'المدخلات',
    regions: ['أفريقيا', 'الدول العربية', 'آسيا والمحيط الهادئ، بما في ذلك الدول الجزرية الصغيرة النامية في المحيط الهادئ'],
    chartTitle: 'مدخلات الحصر حسب المنطقة',
    note: 'المصدر: قاعدة بيانات حصر القمة العالمية لمجتمع المعلومات.',
    numbers: (n) => n.toLocaleString('ar-EG'),
  },
};

/** The English name isolated inside each language's text. */
export const FIXTURE_PARTNER = 'Acme Rural Networks Ltd.';
/** A quotation in English (a user's text kept in its language). */
export const FIXTURE_QUOTE = 'Connectivity changed our village.';
const VALUES = [1234, 87, 0];

/** The words of a fixture document, for the tests' assertions. */
export const fixtureWords = (locale: Locale) => WORDS[locale];

/** A report document in `locale`; `draft: false` for a final one (no draft mark). */
export const fixtureDocument = (locale: Locale, { draft = true, symbol = 'C26/25' as string | null } = {}): ReportDocument => {
  const w = WORDS[locale];
  const data = w.regions.map((label, i) => ({ label, value: VALUES[i] ?? 0, display: w.numbers(VALUES[i] ?? 0) }));
  return {
    locale,
    dir: dir(locale),
    front: {
      organization: w.organization,
      title: w.title,
      symbol,
      dateLine: w.date,
      originalLine: w.original,
      distributionLine: w.distribution,
      periodLine: w.period,
      contentsHeading: w.contents,
      draftMark: draft ? w.draft : null,
    },
    sections: [
      {
        id: 'narrative.overview',
        title: w.overview,
        blocks: [
          { type: 'paragraph', text: w.intro },
          { type: 'paragraph', text: [{ text: w.partner[0] }, { text: FIXTURE_PARTNER, isolate: true, bold: true }, { text: w.partner[1] }] },
          { type: 'heading', level: 2, text: w.subheading },
          { type: 'list', items: [w.items[0], [{ text: w.items[1], italic: true }], w.items[2]] },
          { type: 'list', ordered: true, items: [w.items[2], w.items[0]] },
          { type: 'paragraph', text: FIXTURE_QUOTE, lang: 'en' },
        ],
      },
      {
        id: 'stocktaking.figures',
        title: w.figures,
        blocks: [
          { type: 'heading', level: 3, text: w.tableCaption },
          {
            type: 'table',
            caption: w.tableCaption,
            columns: [{ label: w.region }, { label: w.entries, numeric: true }],
            rows: data.map((d) => [d.label, { text: d.display, value: d.value }]),
            rowHeader: true,
          },
          { type: 'chart', title: w.chartTitle, labelHeading: w.region, valueHeading: w.entries, data },
          { type: 'note', text: w.note },
        ],
      },
    ],
  };
};
