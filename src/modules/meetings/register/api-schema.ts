/**
 * A document as the API gives it (register/queries.ts `apiDocument` builds it): in the register's
 * list and detail, and in a meeting's detail (management/routes.ts), where `meeting` is left out.
 */
import { z } from 'zod';

const fileOut = z.object({ language: z.string(), mediaType: z.string(), size: z.number().int(), uploadedAt: z.string(), url: z.string() });

export const documentOut = z.object({
  symbol: z.string().meta({ example: 'CWG-WSIS&SDG-41/3' }),
  kind: z.string(),
  status: z.string(),
  title: z.record(z.string(), z.string()),
  source: z.object({ kind: z.string(), country: z.string().nullable(), name: z.string().nullable() }),
  agendaItem: z.string().nullable(),
  originalLanguage: z.string(),
  date: z.string(),
  late: z.boolean(),
  meeting: z.object({ group: z.string(), number: z.number().int() }).optional(),
  files: z.array(fileOut),
});
