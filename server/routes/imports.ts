/**
 * Scan files carried on a USB stick from a venue with no network (IT): importing one (its bytes as
 * the body, streamed to a temporary file, then `ingest/importScanFile.ts`), and the import audit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  MAX_SCAN_IMPORT_BYTES,
  ScanImportListSchema,
  ScanImportResponseSchema,
  SCAN_IMPORT_PROBLEMS,
} from '../../shared/scanImport';
import { importScanFile, ScanImportRefused } from '../ingest/importScanFile';
import { jsonAnswer } from '../http/answers';
import { HttpError } from '../http/HttpError';
import { parseOrThrow, queryOf } from '../http/parse';
import type { BodyLimits } from '../http/requestBody';
import { errors, forbidden, ok, query, refusal } from '../http/routeDocs';
import { route } from './context';

/** A file of a million scans is a few hundred MiB; 2 GiB leaves room. Streamed to disk, never held in memory. */
export const IMPORT_BODY_LIMITS: BodyLimits = {
  maxWireBytes: MAX_SCAN_IMPORT_BYTES,
  maxInflatedBytes: MAX_SCAN_IMPORT_BYTES,
};

const ImportListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().positive().optional(),
});

export const importRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/console/imports',
    access: 'it',
    body: IMPORT_BODY_LIMITS,
    summary: "Import a kiosk's sealed scan file (from a USB stick): its scans are ingested as an upload's, each once",
    description: `The body is the file as it is (application/octet-stream, no content encoding, at most 2 GiB). A file refused whole is a 422 whose \`error\` is \`import-<problem>\`, one of ${SCAN_IMPORT_PROBLEMS.map((p) => `\`import-${p}\``).join(', ')}; nothing of it is ingested. Every import is audited (GET /api/v1/console/imports). The answer's \`receipt\` is the QR text the kiosk scans to mark the file's scans delivered.`,
    rawRequestBody: 'application/octet-stream',
    responses: {
      200: ok('imported: what came in, and the receipt', ScanImportResponseSchema),
      413: refusal('body over 2 GiB'),
      415: refusal('a content encoding was sent'),
      422: refusal('the file is refused whole (`import-<problem>`); nothing ingested'),
      ...errors,
      ...forbidden,
    },
    handle: async (request, context) => {
      const folder = await mkdtemp(path.join(os.tmpdir(), 'district-import-'));
      try {
        const file = path.join(folder, 'scans.kiosk-scans');
        await request.saveBody(file);
        return jsonAnswer(200, await importScanFile(context, { path: file, actor: request.principal.actor }));
      } catch (error) {
        if (error instanceof ScanImportRefused) throw new HttpError(422, `import-${error.problem}`, error.message);
        throw error;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/console/imports',
    access: 'it',
    summary: 'The import audit, newest first: who imported which kiosk’s file, when, and what came of it',
    query: [
      query('limit', 'rows per answer, 1-1000 (default 100)'),
      query('before', 'rows older than this id (the last row of the previous answer)'),
    ],
    responses: { 200: ok('rows', ScanImportListSchema), ...errors, ...forbidden },
    handle: async (request, context) => {
      const { limit, before } = parseOrThrow(ImportListQuerySchema, queryOf(request.url), 'import list query');
      return jsonAnswer(200, { imports: await context.store.listScanImports(limit, before) });
    },
  }),
];
