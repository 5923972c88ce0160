import { describe, expect, it } from 'vitest';
import type { EntryContent } from '../commands/entry-content.js';
import { diffContent } from './diff.js';

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
    expect(summary?.kind === 'text' && summary.runs.filter((r) => r.kind !== 'same').map((r) => `${r.kind}:${r.text}`)).toEqual(['del:12', 'ins:30']);
    expect(changes).toContainEqual({ kind: 'text', field: 'title', locale: 'fr', runs: [{ text: 'Télécentres ruraux', kind: 'ins' }] });
    expect(changes).toContainEqual({ kind: 'list', field: 'actionLines', added: ['C4'], removed: [] });
    expect(changes).toContainEqual({ kind: 'list', field: 'sdgs', added: [], removed: ['9'] });
    expect(changes).toContainEqual({ kind: 'value', field: 'projectStatus', before: 'ongoing', after: 'completed' });
    expect(diffContent(content(), content())).toEqual([]);
  });
});
