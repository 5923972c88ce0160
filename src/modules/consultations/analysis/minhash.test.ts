/**
 * The signatures stored in consultations_texts must stay comparable with the ones computed later:
 * a change of the hashing (seeds, shingles, band keys) would leave every stored text unable to meet
 * a new one. The digest below pins textSignature on texts in the six languages; it was computed by
 * the first implementation and must not move unless every stored signature is computed again.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BANDS, estimateJaccard, groupSignatures, SIGNATURE_HASHES, textSignature } from './minhash.js';

const TEXTS = [
  'We call for a transparent universal service fund and a coverage obligation attached to every spectrum licence in rural areas.',
  'Nous demandons un fonds de service universel transparent et une obligation de couverture pour chaque licence de spectre.',
  'Pedimos un fondo de servicio universal transparente y una obligación de cobertura para cada licencia de espectro radioeléctrico.',
  'Мы призываем создать прозрачный фонд универсального обслуживания и обязательство по охвату для каждой лицензии на спектр.',
  'نطالب بصندوق شفاف للخدمة الشاملة وبالتزام بالتغطية مرتبط بكل ترخيص للطيف الترددي في المناطق الريفية.',
  '我们呼吁建立透明的普遍服务基金，并为每一个频谱许可证附加覆盖农村地区的义务。',
];

const digest = (signatures: number[][]) =>
  createHash('sha256')
    .update(signatures.map((s) => s.join(',')).join(';'))
    .digest('hex');

describe('MinHash signatures', () => {
  it('stay what the database already stores', () => {
    const signatures = TEXTS.map(textSignature);
    for (const s of signatures) expect(s).toHaveLength(BANDS + SIGNATURE_HASHES);
    expect(digest(signatures)).toBe('2c830b18aabfa386afb2cf940b18c4a4ad63086b92ef06b2658528c8930ba7cd');
  });

  it('estimate a small edit as near and another text as far; a short text takes no part', () => {
    const [en, fr] = TEXTS as [string, string];
    const edited = en.replace('transparent', 'fully transparent').replace('rural areas', 'remote rural areas');
    expect(estimateJaccard(textSignature(en), textSignature(edited))).toBeGreaterThan(0.5);
    expect(estimateJaccard(textSignature(en), textSignature(fr))).toBeLessThan(0.1);
    expect(textSignature('Yes, we agree.')).toEqual([]);
    expect(groupSignatures([en, fr, edited, 'Yes.'].map(textSignature))).toEqual([0, -1, 0, -1]);
  });
});
