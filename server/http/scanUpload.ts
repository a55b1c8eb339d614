/** A kiosk's upload over HTTP: the request body parsed as a scan batch (a 400 naming its bad fields), then ingest. */
import { ScanBatchSchema, type ScanBatchResponse } from '../../shared/district';
import { ingestScanBatch, type IngestContext } from '../ingest/scanBatch';
import type { DeviceRecord } from '../store/topics/deviceTopic';
import { parseOrThrow } from './parse';

/** Parses `body` as a scan batch and ingests it for `device`. */
export async function ingestBatch(
  context: IngestContext,
  device: DeviceRecord,
  body: unknown,
): Promise<ScanBatchResponse> {
  return ingestScanBatch(context, device, parseOrThrow(ScanBatchSchema, body, 'scan batch'));
}
