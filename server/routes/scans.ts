/** Scan upload from enrolled kiosks (device token): gzip JSON batches, answered per scan id. */
import { jsonAnswer } from '../http/answers';
import type { BodyLimits } from '../http/requestBody';
import { ingestBatch } from '../ingest/scanBatch';
import { route } from './context';

/** A batch of 5,000 scans is about 2 MiB of JSON; gzip makes it a fraction of that on the wire. */
export const BATCH_BODY_LIMITS: BodyLimits = { maxWireBytes: 8 * 1024 * 1024, maxInflatedBytes: 32 * 1024 * 1024 };

export const scanRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/scans:batch',
    access: 'device',
    body: BATCH_BODY_LIMITS,
    handle: async (request, context) =>
      jsonAnswer(200, await ingestBatch(context, request.principal, await request.readJson())),
  }),
];
