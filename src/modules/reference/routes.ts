import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../core/http/problems.js';
import { versionedCache } from '../../core/http/versioned-cache.js';
import { parseSdgNumber } from './inputs.js';
import {
  findActionLines,
  findMatrixCells,
  findMatrixLinks,
  findSdgs,
  findSdgTargets,
  getActionLine,
  getMatrixLink,
  referenceVersionReader,
  getSdg,
  type SdgTarget,
} from './queries.js';
import { ActionLinePage } from './views/ActionLinePage.js';
import { ActionLinesPage } from './views/ActionLinesPage.js';
import { MatrixLinkPage } from './views/MatrixLinkPage.js';
import { MatrixPage } from './views/MatrixPage.js';
import { SdgPage } from './views/SdgPage.js';
import { SdgsPage } from './views/SdgsPage.js';

const byCode = (targets: SdgTarget[]) => new Map(targets.map((t) => [t.code, t]));
const sdgFromParam = (raw: string) => {
  const number = parseSdgNumber(raw);
  if (number === null) throw notFound();
  return number;
};

/**
 * Public pages (no ability needed): action lines, SDGs and the WSIS–SDG matrix. Anonymous readers
 * get them rendered once per version of the reference data and language (reply.sharedPage).
 */
export const referenceRoutes: FastifyPluginAsync = async (app) => {
  const { database } = app.platform;
  const { db } = database;
  const pages = versionedCache({ readVersion: referenceVersionReader(database) });

  app.get('/action-lines', async (_req, reply) =>
    reply.sharedPage(pages, async (view) => {
      const lines = await findActionLines(db);
      return ActionLinesPage({ view, lines });
    }),
  );

  app.get<{ Params: { code: string } }>('/action-lines/:code', async (req, reply) =>
    reply.sharedPage(pages, async (view) => {
      const line = await getActionLine(db, req.params.code);
      const [all, links, sdgs] = await Promise.all([findActionLines(db), findMatrixLinks(db, { actionLine: line.code }), findSdgs(db)]);
      const targets = await findSdgTargets(db, { codes: links.flatMap((l) => l.targets) });
      return ActionLinePage({
        view,
        line,
        parent: all.find((l) => l.code === line.parent) ?? null,
        children: all.filter((l) => l.parent === line.code),
        links,
        sdgs: new Map(sdgs.map((s) => [s.number, s])),
        targets: byCode(targets),
      });
    }),
  );

  app.get('/sdgs', async (_req, reply) =>
    reply.sharedPage(pages, async (view) => {
      const sdgs = await findSdgs(db);
      return SdgsPage({ view, sdgs });
    }),
  );

  app.get<{ Params: { number: string } }>('/sdgs/:number', async (req, reply) =>
    reply.sharedPage(pages, async (view) => {
      const sdg = await getSdg(db, sdgFromParam(req.params.number));
      const [links, lines, targets] = await Promise.all([findMatrixLinks(db, { sdg: sdg.number }), findActionLines(db), findSdgTargets(db, { sdg: sdg.number })]);
      return SdgPage({ view, sdg, links, lines: new Map(lines.map((l) => [l.code, l])), targets: byCode(targets) });
    }),
  );

  app.get('/matrix', async (_req, reply) =>
    reply.sharedPage(pages, async (view) => {
      const [lines, sdgs, cells] = await Promise.all([findActionLines(db), findSdgs(db), findMatrixCells(db)]);
      return MatrixPage({ view, lines, sdgs, cells });
    }),
  );

  app.get<{ Params: { actionLine: string; sdg: string } }>('/matrix/:actionLine/:sdg', async (req, reply) =>
    reply.sharedPage(pages, async (view) => {
      const link = await getMatrixLink(db, { actionLine: req.params.actionLine, sdg: sdgFromParam(req.params.sdg) });
      const [line, sdg, targets] = await Promise.all([getActionLine(db, link.actionLine), getSdg(db, link.sdg), findSdgTargets(db, { codes: link.targets })]);
      return MatrixLinkPage({ view, link, line, sdg, targets: byCode(targets) });
    }),
  );
};
