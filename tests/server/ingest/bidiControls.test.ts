/**
 * A right-to-left override (U+202E) in a name shows what follows it reversed in the console, the
 * audit and printed lists: ingest stores names and labels without directional formatting
 * characters, and device names (enrollment, renaming) lose them too.
 */
import { describe, expect, it } from 'vitest';
import { withoutBidiControls } from '../../../shared/bidiControls';
import { EnrollRequestSchema } from '../../../shared/district';
import { createVenue, enrollDevice, postBatch } from '../../support/districtHttp';
import { uploadedScan } from '../../support/districtSamples';
import { DISTRICT_STORES, startDistrictServer } from '../../support/districtServer';

const EVERY_CONTROL = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F';

describe('directional formatting characters', () => {
  it('are all removed, and text without them is left as it is', () => {
    expect(withoutBidiControls(`Ng${EVERY_CONTROL}uyễn`)).toBe('Nguyễn');
    const plain = 'Phạm Thị Hồng';
    expect(withoutBidiControls(plain)).toBe(plain);
    expect(withoutBidiControls(null)).toBeNull();
  });

  it('leave device names at enrollment; a name of nothing else is refused', () => {
    const enroll = (deviceName: string) =>
      EnrollRequestSchema.safeParse({ code: '4HBKETK5KQ', deviceName, appVersion: '0.1.0' });
    expect(enroll('Quầy \u202E1 vé').data?.deviceName).toBe('Quầy 1 vé');
    expect(enroll(' \u202E ').success).toBe(false);
  });

  it.each(DISTRICT_STORES)('leave the names and labels of uploaded scans at ingest (%s)', async (_name, open) => {
    const server = await startDistrictServer(await open());
    try {
      const { deviceToken } = await enrollDevice(
        server.url,
        (await createVenue(server.url, 'Cảng Lý Sơn', 'port')).code,
      );
      const scan = uploadedScan('2026-11-25T02:00:00.000Z', {
        fullName: 'Phạm \u202EThị Hồng',
        address: '\u2067Lý Sơn\u2069',
        contextLabel: 'Tàu \u200FSuper Biển Đông',
      });
      const response = await postBatch(server.url, deviceToken, {
        sentAt: '2026-11-25T02:00:00.000Z',
        appVersion: '0.1.0',
        pendingCount: 0,
        scans: [scan],
      });
      expect(response.status).toBe(200);
      const [stored] = await server.store.scansOfPerson(
        '037188000123',
        '2026-11-25T00:00:00.000Z',
        '2026-11-26T00:00:00.000Z',
      );
      expect(stored).toMatchObject({
        fullName: 'Phạm Thị Hồng',
        address: 'Lý Sơn',
        contextLabel: 'Tàu Super Biển Đông',
      });
    } finally {
      await server.close();
    }
  });
});
