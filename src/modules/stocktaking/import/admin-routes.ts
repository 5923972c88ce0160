import type { FastifyPluginAsync } from 'fastify';
import { isUploadedFile } from '../../../core/http/body-parsers.js';
import { type Actor, authorize } from '../../../core/permissions/index.js';
import { importEntries } from './commands/import-entries.js';
import { ImportPage } from './views/ImportPage.js';

/** Largest file the import page accepts. */
const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** Back office: moderators import entries from a CSV or Excel file and read the report of every problem. */
export const importAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  app.get('/stocktaking/import', async (req, reply) => {
    authorize(req.actor, 'stocktaking.entry.import');
    return reply.page(ImportPage({ view: req.view(reply) }));
  });

  // One file, read only once the actor is known to be a moderator (see core/http/body-parsers.ts).
  app.post('/stocktaking/import', { config: { multipart: { files: 1, fileSize: IMPORT_MAX_BYTES, ability: 'stocktaking.entry.import' } } }, async (req, reply) => {
    authorize(req.actor, 'stocktaking.entry.import');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const allOrNothing = body.allOrNothing === '1';
    const file = body.file;
    const refuse = (formError: string) => reply.page(ImportPage({ view: req.view(reply), allOrNothing, formError }), 400);
    if (!isUploadedFile(file) || file.size === 0) return refuse(req.t('stocktaking.import.errors.no_file'));
    if (file.truncated) return refuse(req.t('stocktaking.import.errors.too_large', { max: Math.round(IMPORT_MAX_BYTES / 1024 / 1024) }));
    // Loaded at the first file sent, not with the routes: the spreadsheet reader (exceljs) is large.
    const { readEntryFile } = await import('./read-file.js');
    const read = await readEntryFile({ data: await file.read(), t: req.t });
    if (!read.ok) {
      const report = { fileName: file.filename, total: 0, created: [], errors: read.errors, written: false };
      return reply.page(ImportPage({ view: req.view(reply), allOrNothing, report }), 422);
    }
    const result = await importEntries(db, { actor: req.actor as Actor, rows: read.rows, allOrNothing, fileName: file.filename, t: req.t, ip: req.ip });
    const report = { fileName: file.filename, ...result };
    return reply.page(ImportPage({ view: req.view(reply), allOrNothing, report }), result.written || result.errors.length === 0 ? 200 : 422);
  });
};
