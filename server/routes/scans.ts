/** Scan upload from enrolled kiosks (device token): gzip JSON batches, answered per scan id. */
import { ScanBatchResponseSchema, ScanBatchSchema } from '../../shared/district';
import { jsonAnswer } from '../http/answers';
import type { BodyLimits } from '../http/requestBody';
import { busy, errors, ok, refusal } from '../http/routeDocs';
import { ingestBatch } from '../http/scanUpload';
import { isDevicePublicKey } from '../../hosting/sealedScans/keys';
import type { DeviceRecord } from '../store/topics/deviceTopic';
import { currentDistrictKey, route, type ServerContext } from './context';

/** A batch of 5,000 scans is about 2 MiB of JSON; gzip makes it a fraction of that on the wire. */
export const BATCH_BODY_LIMITS: BodyLimits = { maxWireBytes: 8 * 1024 * 1024, maxInflatedBytes: 32 * 1024 * 1024 };

/**
 * A kiosk enrolled before device keys sends its key with its uploads: the district keeps the first
 * valid one for a device without a key (the token proves the device), so its USB files are known.
 */
async function registerKeyOfOlderKiosk(context: ServerContext, device: DeviceRecord, body: unknown): Promise<void> {
  if (device.publicKey !== null || typeof body !== 'object' || body === null) return;
  const key = (body as { devicePublicKey?: unknown }).devicePublicKey;
  if (typeof key !== 'string' || !isDevicePublicKey(key)) return;
  if (await context.store.registerDevicePublicKey(device.id, key))
    context.log('server.devices', 'device key registered by upload', {});
}

export const scanRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/scans:batch',
    access: 'device',
    body: BATCH_BODY_LIMITS,
    summary: 'Upload scans (gzip JSON); each id is inserted at most once and answered on its own',
    description:
      "Items are UploadedScan. An item is rejected alone, with a reason: a field failing the schema (its name), `invalid-text: <field>` (a control character or a lone surrogate), `implausible-time: scannedAt` (more than 400 days before or 1 day after the server's now, after the clock correction).",
    requestBody: ScanBatchSchema,
    responses: {
      200: ok('per-id results', ScanBatchResponseSchema),
      403: refusal('device revoked'),
      413: refusal('body over 8 MiB on the wire or 32 MiB inflated'),
      ...errors,
      ...busy,
    },
    handle: async (request, context) => {
      const body = await request.readJson();
      const answer = await ingestBatch(context, request.principal, body);
      await registerKeyOfOlderKiosk(context, request.principal, body);
      return jsonAnswer(200, {
        ...answer,
        // Every answer carries the current key: a kiosk learns of a rotation at its next upload.
        districtKey: currentDistrictKey(context).publicKey.text,
      });
    },
  }),
];
