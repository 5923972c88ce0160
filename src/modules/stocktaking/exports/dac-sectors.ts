/**
 * WSIS action lines as OECD DAC 5-digit purpose codes (IATI Sector vocabulary 1), for the IATI
 * export. IATI's rules require a sector of vocabulary 1 beside any other vocabulary, so every
 * activity gets at least one; the WSIS codes stay beside them (vocabulary 99).
 *
 * A line maps to a code only where the code's own definition covers what the action line is about
 * (Geneva Plan of Action, 2003; DAC purpose codes as published in the IATI Sector codelist). Lines
 * with no sound single code (C10, C11) map to none; an activity whose lines all map to none is
 * reported under 22040, ICT, which every stocktaking entry is by definition (an ICT-for-development
 * activity reported to the WSIS Stocktaking).
 */
export type DacMapping = { dac: string | null; name: string; rationale: string };

/** The fallback for an activity none of whose lines has a code of its own. */
export const DAC_ICT = '22040';

export const DAC_SECTORS: Record<string, DacMapping> = {
  C1: {
    dac: '22010',
    name: 'Communications policy and administrative management',
    rationale: 'C1 is the role of governments and stakeholders in ICT strategies and policies: communication sector policy and planning.',
  },
  C2: { dac: '22040', name: 'Information and communication technology (ICT)', rationale: 'C2 is ICT infrastructure: networks, internet access, equipment.' },
  C3: {
    dac: '22040',
    name: 'Information and communication technology (ICT)',
    rationale: 'C3 is access to information through ICTs: public internet access points, digital libraries and archives, software.',
  },
  C4: {
    dac: '22040',
    name: 'Information and communication technology (ICT)',
    rationale: 'C4 is ICT capacity building; IT training is part of the ICT purpose code.',
  },
  C5: {
    dac: '22040',
    name: 'Information and communication technology (ICT)',
    rationale: 'C5 is the security and trust of ICT systems and networks, which the ICT purpose code covers.',
  },
  C6: {
    dac: '22010',
    name: 'Communications policy and administrative management',
    rationale: 'C6 is the enabling environment: legislation, regulation and institutions of the communication sector.',
  },
  C7: {
    dac: '22040',
    name: 'Information and communication technology (ICT)',
    rationale: 'C7 as a whole is ICT applications; its sub-lines map to the sector each application serves.',
  },
  'C7.e-government': {
    dac: '15110',
    name: 'Public sector policy and administrative management',
    rationale: 'E-government modernises public administration and public services.',
  },
  'C7.e-business': { dac: '25010', name: 'Business policy and administration', rationale: 'E-business supports enterprises, trade and the business environment.' },
  'C7.e-learning': {
    dac: '11120',
    name: 'Education facilities and training',
    rationale: 'E-learning provides educational equipment, materials and services through ICTs.',
  },
  'C7.e-health': {
    dac: '12110',
    name: 'Health policy and administrative management',
    rationale: 'E-health is health information systems and digital health services, which health sector management covers.',
  },
  'C7.e-employment': { dac: '16020', name: 'Employment creation', rationale: 'E-employment is employment and decent work through ICTs.' },
  'C7.e-environment': {
    dac: '41010',
    name: 'Environmental policy and administrative management',
    rationale: 'E-environment is environmental protection and monitoring with ICTs.',
  },
  'C7.e-agriculture': {
    dac: '31120',
    name: 'Agricultural development',
    rationale: 'E-agriculture is agricultural development through ICTs (information for farmers, precision farming).',
  },
  'C7.e-science': { dac: '43082', name: 'Research/scientific institutions', rationale: 'E-science is research and scientific networks and institutions.' },
  C8: {
    dac: '16061',
    name: 'Culture and recreation',
    rationale: 'C8 is cultural diversity and identity, linguistic diversity and local content.',
  },
  C9: {
    dac: '15153',
    name: 'Media and free flow of information',
    rationale: 'C9 is the media: their independence, pluralism and role in the Information Society.',
  },
  C10: {
    dac: null,
    name: '',
    rationale: 'C10, the ethical dimensions of the Information Society, has no purpose code of its own: its activities fall under the codes of their other lines, else 22040.',
  },
  C11: {
    dac: null,
    name: '',
    rationale: 'C11, international and regional cooperation, describes how an activity is carried out rather than its sector: the codes of its other lines, else 22040.',
  },
};

/** The distinct DAC codes of an activity's action lines, in line order; 22040 when none maps. */
export const dacSectorsOf = (actionLines: readonly string[]): string[] => {
  const codes = [...new Set(actionLines.map((line) => DAC_SECTORS[line]?.dac).filter((c): c is string => Boolean(c)))];
  return codes.length > 0 ? codes : [DAC_ICT];
};
