import { describe, expect, it } from 'vitest';
import type { EntryContent } from '../commands/entry-content.js';
import { diffContent, diffText } from './diff.js';

const content = (over: Partial<EntryContent> = {}): EntryContent => ({
  organizationId: null,
  originalLanguage: 'en',
  outdatedLanguages: [],
  title: { en: 'Rural telecentres' },
  summary: { en: 'Telecentres in 12 villages.' },
  description: {},
  impact: {},
  partners: {},
  translations: { en: 'original' },
  stakeholderType: 'government',
  leadCountry: 'KE',
  countries: ['KE'],
  region: 'AFR',
  scope: 'national',
  actionLines: ['C2'],
  sdgs: [9],
  sdgTargets: [],
  targetGroups: [],
  projectStatus: 'ongoing',
  startDate: null,
  endDate: null,
  website: null,
  contactName: null,
  contactEmail: null,
  imageIds: [],
  ...over,
});

describe('diffContent', () => {
  it('shows word changes in texts, added and removed codes, and changed values', () => {
    const changes = diffContent(
      content(),
      content({
        summary: { en: 'Telecentres in 30 villages.' },
        title: { en: 'Rural telecentres', fr: 'Télécentres ruraux' },
        actionLines: ['C2', 'C4'],
        sdgs: [],
        projectStatus: 'completed',
      }),
    );
    const summary = changes.find((c) => c.kind === 'text' && c.field === 'summary');
    expect(summary).toMatchObject({ locale: 'en' });
    expect(summary?.kind === 'text' && summary.parts.filter((p) => p.change !== 'same').map((p) => `${p.change}:${p.value}`)).toEqual(['removed:12', 'added:30']);
    expect(changes).toContainEqual({ kind: 'text', field: 'title', locale: 'fr', parts: [{ value: 'Télécentres ruraux', change: 'added' }] });
    expect(changes).toContainEqual({ kind: 'list', field: 'actionLines', added: ['C4'], removed: [] });
    expect(changes).toContainEqual({ kind: 'list', field: 'sdgs', added: [], removed: ['9'] });
    expect(changes).toContainEqual({ kind: 'value', field: 'projectStatus', before: 'ongoing', after: 'completed' });
    expect(diffContent(content(), content())).toEqual([]);
  });

  it('splits Chinese into words, not whole sentences', () => {
    const parts = diffText('农村地区的数字扫盲', '城市地区的数字扫盲', 'zh');
    expect(
      parts
        .filter((p) => p.change === 'same')
        .map((p) => p.value)
        .join(''),
    ).toContain('数字');
  });
});
