import { describe, expect, it } from 'vitest';
import { wordDiff } from './words.js';

describe('wordDiff', () => {
  it('marks the changed Chinese word alone, not the whole sentence written without spaces', () => {
    const runs = wordDiff('我们支持数字技能培训', '我们支持数字经济培训', 'zh');
    expect(
      runs
        .filter((r) => r.kind === 'same')
        .map((r) => r.text)
        .join(''),
    ).toContain('我们支持数字');
    expect(
      runs
        .filter((r) => r.kind !== 'same')
        .map((r) => r.text)
        .join(''),
    ).not.toContain('我们');
  });

  it('gives back both texts: the kept and deleted runs make the old, the kept and inserted the new', () => {
    const before = 'Le Forum du SMSI a réuni des partenaires.';
    const after = 'Le Forum du SMSI a réuni des parties prenantes de toutes les régions.';
    const runs = wordDiff(before, after, 'fr');
    expect(
      runs
        .filter((r) => r.kind !== 'ins')
        .map((r) => r.text)
        .join(''),
    ).toBe(before);
    expect(
      runs
        .filter((r) => r.kind !== 'del')
        .map((r) => r.text)
        .join(''),
    ).toBe(after);
  });
});
