import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { insertPublishedEntry } from '../test-helpers.js';

let kit: TestKit;
let contributor: TestClient;
let contributorId: number;
beforeAll(async () => {
  kit = await createTestKit();
  const user = await buildUser(kit.database.db);
  contributorId = user.id;
  contributor = await kit.as(user);
});
afterAll(async () => kit.close());

const validForm = (overrides: Record<string, string | string[]> = {}) => ({
  language: 'fr',
  title: 'Écoles connectées au Sahel',
  summary: 'Connexion par satellite de 40 écoles rurales et formation des enseignants.',
  description: 'Nous formons **200 enseignants**.\n\n<script>alert(1)</script>',
  actionLines: ['C2', 'C4'],
  sdgs: ['4', '9'],
  leadCountry: 'NE',
  countries: ['NE', 'ML'],
  stakeholderType: 'civil-society',
  scope: 'regional',
  status: 'ongoing',
  targetGroups: ['youth', 'rural-and-remote-communities'],
  website: 'https://ecoles-sahel.example.org',
  contactName: 'Awa Diallo',
  contactEmail: 'awa@example.org',
  intent: 'save',
  ...overrides,
});

const png = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: '#0a6ebd' } })
    .png()
    .toBuffer();

/** A JPEG carrying EXIF with a GPS position and a camera serial number. */
const jpegWithGps = () =>
  sharp({ create: { width: 80, height: 60, channels: 3, background: '#c8102e' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretCam', Model: 'Serial 12345' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '13/1 30/1 0/1' } })
    .toBuffer();

const idFromLocation = (location: unknown) => Number(/\/stocktaking\/(\d+)$/.exec(String(location))?.[1]);

describe('submitting an activity through the form', () => {
  it('asks anonymous visitors to sign in and unverified users to confirm their address', async () => {
    const anonymous = await kit.client().get('/en/stocktaking/new');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/en/sign-in');
    const unverified = await kit.as(await buildUser(kit.database.db, { verified: false }));
    expect((await unverified.get('/en/stocktaking/new')).statusCode).toBe(403);
    const mine = await unverified.get('/en/stocktaking/mine');
    expect(mine.body).toContain('Confirm your e-mail address to submit activities.');
  });

  it('shows a labelled form in the reader language with the six languages to write in', async () => {
    const res = await contributor.get('/fr/stocktaking/new');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toMatch(/<option value="ar"[^>]*>arabe<\/option>/);
    expect(res.body).toMatch(/<option value="fr" selected[^>]*>français<\/option>/);
    expect(res.body).toContain('name="actionLines" value="C7.e-health"');
  });

  it('suggests the SDGs the matrix links to the chosen action lines, without JavaScript', async () => {
    await contributor.get('/en/stocktaking/new');
    const res = await contributor.post('/en/stocktaking/new', { ...validForm({ sdgs: [] }), actionLines: ['C4'], intent: 'suggest' });
    expect(res.statusCode).toBe(200);
    // C4 (capacity building) is linked to SDG 4 (quality education) in the matrix: marked and
    // explained, not ticked (the submitter chooses); SDG 7 is not linked to C4.
    expect(res.body).toMatch(/<div class="checkbox suggested"><input type="checkbox" id="field-sdgs-4" name="sdgs" value="4" aria-describedby="field-sdgs-4-why"\/>/);
    expect(res.body).toMatch(/id="field-sdgs-4-why">Suggested: linked to C4/);
    expect(res.body).toMatch(/<div class="checkbox"><input type="checkbox" id="field-sdgs-7" name="sdgs" value="7"\/>/);
    expect(res.body).toMatch(/name="sdgTargets" value="4\.4"/);
    // Nothing was saved.
    expect((await contributor.get('/en/stocktaking/mine')).body).toContain('You have not submitted any activity yet.');
  });

  it('keeps every value and explains each error when the form is wrong', async () => {
    await contributor.get('/en/stocktaking/new');
    const res = await contributor.post(
      '/en/stocktaking/new',
      validForm({ title: '', actionLines: ['C99'], leadCountry: 'XX', website: 'javascript:alert(1)', endDate: '2020-01-01', startDate: '2021-01-01' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toMatch(/id="field-title-error">\s*This field is required/);
    expect(res.body).toMatch(/id="field-website-error">[^<]*http/);
    expect(res.body).toContain('The end date must be on or after the start date.');
    expect(res.body).toContain('Connexion par satellite de 40 écoles rurales');
    expect(res.body).toContain('value="awa@example.org"');
  });

  it('refuses a completed activity that ends in the future, in the reader’s language', async () => {
    await contributor.get('/es/stocktaking/new');
    const future = `${new Date().getUTCFullYear() + 1}-03-31`;
    const res = await contributor.post('/es/stocktaking/new', validForm({ status: 'completed', startDate: '2024-01-01', endDate: future }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="field-endDate-error">[^<]*Una actividad finalizada no puede terminar en el futuro/);
    expect(res.body).toContain(`value="${future}"`);
  });

  it('says a missing country is missing and a misspelt one is not a code, in the reader’s language', async () => {
    await contributor.get('/fr/stocktaking/new');
    const missing = await contributor.post('/fr/stocktaking/new', validForm({ leadCountry: '' }));
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toMatch(/id="field-leadCountry-error">\s*Ce champ est obligatoire/);
    const name = await contributor.post('/fr/stocktaking/new', validForm({ leadCountry: 'Kenya' }));
    expect(name.body).toMatch(/id="field-leadCountry-error">[^<]*ISO 3166/);
  });

  it('turns unknown codes into field errors', async () => {
    await contributor.get('/en/stocktaking/new');
    const res = await contributor.post('/en/stocktaking/new', validForm({ actionLines: ['C2', 'C42'] }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Unknown code: C42.');
  });

  it('accepts the C7 sub-lines, whose codes are the longest', async () => {
    await contributor.get('/en/stocktaking/new');
    const res = await contributor.post('/en/stocktaking/new', validForm({ title: 'Agriculture numérique', actionLines: ['C7.e-agriculture', 'C7.e-government'] }));
    expect(res.statusCode).toBe(303);
  });

  it('refuses over-long text with the limit stated', async () => {
    await contributor.get('/en/stocktaking/new');
    const res = await contributor.post('/en/stocktaking/new', validForm({ title: 'x'.repeat(201), summary: Array.from({ length: 201 }, () => 'mot').join(' ') }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('200');
    expect(res.body).toContain('Keep the summary to 200 words or fewer.');
  });

  it('creates a draft with an image stripped of its metadata, shows it to its owner only, then submits it', async () => {
    await contributor.get('/en/stocktaking/new');
    const res = await contributor.postMultipart('/en/stocktaking/new', validForm({ imageAlt: 'Des élèves devant une antenne' }), {
      image: { name: 'photo.jpg', type: 'image/jpeg', data: await jpegWithGps() },
    });
    expect(res.statusCode).toBe(303);
    const id = idFromLocation(res.headers.location);
    const page = await contributor.get(`/en/stocktaking/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Écoles connectées au Sahel');
    // The description is rendered Markdown; the script is shown as text.
    expect(page.body).toContain('<strong>200 enseignants</strong>');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    const imageUrl = /<img src="(\/en\/stocktaking\/images\/\d+)" alt="Des élèves devant une antenne"/.exec(page.body)?.[1];
    expect(imageUrl).toBeTruthy();
    const image = await contributor.get(String(imageUrl));
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.headers['cache-control']).toBe('private, no-store');
    const stored = await sharp(image.rawPayload).metadata();
    expect(stored.format).toBe('jpeg');
    expect(stored.exif).toBeUndefined();
    expect(image.rawPayload.includes(Buffer.from('SecretCam'))).toBe(false);
    // Not public while the entry is a draft.
    expect((await kit.client().get(String(imageUrl))).statusCode).toBe(404);
    expect((await kit.client().get(`/en/stocktaking/${id}`)).statusCode).toBe(404);

    const mine = await contributor.get('/en/stocktaking/mine');
    expect(mine.body).toContain('>Draft<');
    const submitted = await contributor.post(`/en/stocktaking/${id}/submit`);
    expect(submitted.statusCode).toBe(303);
    expect((await contributor.get('/en/stocktaking/mine')).body).toContain('>Awaiting moderation<');
    // In the moderators' hands: no more editing.
    expect((await contributor.get(`/en/stocktaking/${id}/edit`)).statusCode).toBe(409);
  });

  it('refuses a file that is not an image and keeps the rest of the form', async () => {
    await contributor.get('/en/stocktaking/new');
    const res = await contributor.postMultipart('/en/stocktaking/new', validForm({ title: 'Une activité avec un faux fichier' }), {
      image: { name: 'photo.png', type: 'image/png', data: Buffer.from('%PDF-1.7 not an image at all') },
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('This file is not a PNG, JPEG or WebP image.');
    expect(res.body).toContain('value="Une activité avec un faux fichier"');
    expect(res.body).toContain('Connexion par satellite de 40 écoles rurales');
  });

  it('refuses an image larger than the limit and a damaged one, keeping the form', async () => {
    await contributor.get('/en/stocktaking/new');
    const big = Buffer.concat([await png(), Buffer.alloc(6 * 1024 * 1024)]);
    const tooLarge = await contributor.postMultipart('/en/stocktaking/new', validForm(), { image: { name: 'big.png', type: 'image/png', data: big } });
    expect(tooLarge.statusCode).toBe(422);
    expect(tooLarge.body).toMatch(/This file is too large: an image may be at most 5/);
    const damaged = (await png()).subarray(0, 40);
    const broken = await contributor.postMultipart('/en/stocktaking/new', validForm(), { image: { name: 'cut.png', type: 'image/png', data: damaged } });
    expect(broken.statusCode).toBe(422);
    expect(broken.body).toContain('This image could not be read');
  });

  it('saves and submits in one step, warning about an SDG that no chosen action line links to', async () => {
    await contributor.get('/en/stocktaking/new');
    // C4 is not linked to SDG 11 (sustainable cities) in the matrix: a warning, not an error.
    const res = await contributor.post('/en/stocktaking/new', validForm({ title: 'Formation au numérique côtier', actionLines: ['C4'], sdgs: ['4', '11'], intent: 'submit' }));
    expect(res.statusCode).toBe(303);
    const page = await contributor.get(String(res.headers.location));
    expect(page.body).toContain('Your entry has been submitted.');
    expect(page.body).toMatch(/class="flash flash-warning"[^>]*>Please check SDG 11/);
  });
});

describe('editing an entry', () => {
  it('adds a translation in another language, marked as such', async () => {
    await contributor.get('/en/stocktaking/new');
    const created = await contributor.post('/en/stocktaking/new', validForm({ title: 'Bibliothèques numériques' }));
    const id = idFromLocation(created.headers.location);
    const form = await contributor.get(`/en/stocktaking/${id}/edit?language=en`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('You are editing the text in English.');
    expect(form.body).toContain('This is a translation of the original text.');
    const saved = await contributor.post(`/en/stocktaking/${id}/edit`, {
      ...validForm({ language: 'en', title: 'Digital libraries', summary: 'Satellite links for 40 rural schools.' }),
    });
    expect(saved.statusCode).toBe(303);
    const en = await contributor.get(`/en/stocktaking/${id}`);
    expect(en.body).toContain('Digital libraries');
    const fr = await contributor.get(`/fr/stocktaking/${id}`);
    expect(fr.body).toContain('Bibliothèques numériques');
  });

  it('turns an edit of a published entry into a revision while the public keeps the published text', async () => {
    const { id } = await insertPublishedEntry(kit.database.db, {
      submitterId: contributorId,
      title: { en: 'Rural telecentres' },
      summary: { en: 'Telecentres in 12 villages.' },
      actionLines: ['C2'],
      leadCountry: 'KE',
    });
    const form = await contributor.get(`/en/stocktaking/${id}/edit`);
    expect(form.body).toContain('This entry is published.');
    expect(form.body).toContain('Propose these changes');
    const saved = await contributor.post(
      `/en/stocktaking/${id}/edit`,
      validForm({ language: 'en', title: 'Rural telecentres, second phase', summary: 'Telecentres in 30 villages.' }),
    );
    expect(saved.statusCode).toBe(303);
    expect((await kit.client().get(`/en/stocktaking/${id}`)).body).toContain('Rural telecentres</');
    const again = await contributor.get(`/en/stocktaking/${id}/edit`);
    expect(again.body).toContain('Changes you proposed earlier are awaiting moderation');
    expect(again.body).toContain('value="Rural telecentres, second phase"');
  });

  it('does not let someone else edit an entry', async () => {
    const other = await kit.as(await buildUser(kit.database.db));
    const { id } = await insertPublishedEntry(kit.database.db, { submitterId: contributorId, title: { en: 'Not yours' } });
    expect((await other.get(`/en/stocktaking/${id}/edit`)).statusCode).toBe(403);
    await other.get('/en/stocktaking/mine');
    expect((await other.post(`/en/stocktaking/${id}/edit`, validForm())).statusCode).toBe(403);
    expect((await other.get('/en/stocktaking/999999/edit')).statusCode).toBe(404);
  });

  it('refuses a form without the CSRF token', async () => {
    const res = await contributor.post('/en/stocktaking/new', validForm(), { csrf: false });
    expect(res.statusCode).toBe(403);
  });
});
