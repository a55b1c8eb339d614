/** Stored scans for the district's rules: an upload at `at` (ISO, UTC) as the server keeps it. */
import type { UploadedScan } from '../../shared/district';
import type { StoredScan } from '../../server/domain/storedScan';
import { uploadedScan } from './districtSamples';

export function storedScan(at: string, overrides: Partial<UploadedScan> = {}, venueId = 'v1'): StoredScan {
  return {
    ...uploadedScan(at, overrides),
    venueId,
    deviceId: 'd1',
    receivedAt: at,
    correctedAt: at,
    localDay: at.slice(0, 10),
  };
}
