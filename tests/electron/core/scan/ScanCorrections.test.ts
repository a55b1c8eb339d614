import { afterEach, describe, expect, it } from 'vitest';
import { dispatchKioskCall } from '../../../../electron/core/dispatchKioskCall';
import { toUploadedScan } from '../../../../electron/core/upload/batches';
import type { ScanRow } from '../../../../electron/core/store/scanQueries';
import { UploadedScanSchema } from '../../../../shared/district';
import { SAMPLE_CCCD } from '../../../support/cccdSamples';
import { openKioskFixture, type KioskFixture } from '../../../support/kioskFixture';

const OTHER = '001099012345||Nguyễn Văn An|01021999|Nam|Phường Láng Hạ, Hà Nội|15032022';
let fixture: KioskFixture;
afterEach(async () => fixture?.kiosk.close());
const call = (method: string, input: unknown) => dispatchKioskCall(fixture.kiosk.parts, method, input, fixture.logger);

describe('undo and flip of the last scan', () => {
  it('undo writes a correction row that voids the scan: counts, inside, exports and manifests leave it out', async () => {
    fixture = openKioskFixture({ directionMode: 'auto', contextLabel: 'Tàu 07:30' });
    const { kiosk } = fixture;
    kiosk.parts.pipeline.submit({ raw: OTHER, source: 'wedge' });
    const wrong = kiosk.parts.pipeline.submit({ raw: SAMPLE_CCCD, source: 'wedge' });
    expect(kiosk.parts.state.read()).toMatchObject({
      counts: { in: 2 },
      insideCount: 2,
      contextCount: 2,
      correctable: { scanId: wrong.scanId },
    });
    const undone = await call('undoLastScan', {});
    expect(undone).toMatchObject({
      ok: true,
      value: {
        outcome: 'voided',
        voidsScanId: wrong.scanId,
        direction: 'in',
        displayName: 'Phạm Thị Hồng',
        counts: { in: 1 },
      },
    });
    const rows = fixture.rows();
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({
      voids: wrong.scanId,
      direction: null,
      id_number: null,
      full_name: null,
      subject_key: null,
    });
    expect(kiosk.parts.state.read()).toMatchObject({
      counts: { in: 1 },
      insideCount: 1,
      contextCount: 1,
      correctable: null,
    });
    expect(kiosk.parts.log.exportScans(undefined, undefined).rows).toHaveLength(1);
    expect(kiosk.parts.log.manifest(undefined, 'Tàu 07:30').entries.map((entry) => entry.displayName)).toEqual([
      'Nguyễn Văn An',
    ]);
    expect(kiosk.parts.log.list(undefined, undefined).find((entry) => entry.scanId === wrong.scanId)).toMatchObject({
      voided: true,
    });
    // Nothing left to correct: a second undo does not void the scan before.
    expect(await call('undoLastScan', {})).toMatchObject({ ok: false, error: { code: 'nothing-to-correct' } });
    // The same card again is not a duplicate of a voided scan.
    expect(kiosk.parts.pipeline.submit({ raw: SAMPLE_CCCD, source: 'wedge' })).toMatchObject({
      outcome: 'recorded',
      direction: 'in',
    });
  });

  it('flip voids the scan and records the same passage in the other direction, only within 10 minutes', async () => {
    fixture = openKioskFixture({ directionMode: 'in' });
    const { kiosk } = fixture;
    const first = kiosk.parts.pipeline.submit({ raw: SAMPLE_CCCD, source: 'wedge' });
    fixture.advance(60_000);
    const flipped = kiosk.parts.corrections.flip();
    expect(flipped).toMatchObject({
      outcome: 'recorded',
      direction: 'out',
      voidsScanId: first.scanId,
      at: first.at,
      counts: { in: 0, out: 1 },
    });
    expect(kiosk.parts.state.read()).toMatchObject({
      insideCount: 0,
      correctable: { scanId: flipped.scanId, direction: 'out' },
    });
    const rows = fixture.rows();
    expect(rows.map((row) => [row.direction, row.voids])).toEqual([
      ['in', null],
      [null, first.scanId],
      ['out', null],
    ]);
    expect(rows[2]).toMatchObject({ full_name: 'Phạm Thị Hồng', scanned_at: rows[0].scanned_at });
    fixture.advance(10 * 60_000);
    expect(() => kiosk.parts.corrections.undo()).toThrow(/10 minutes/);
  });

  it('uploads the correction with voidsScanId, which the district schema accepts', () => {
    fixture = openKioskFixture({ directionMode: 'in' });
    const scan = fixture.kiosk.parts.pipeline.submit({ raw: SAMPLE_CCCD, source: 'wedge' });
    fixture.kiosk.parts.corrections.undo();
    const [original, correction] = fixture.rows().map((row) => toUploadedScan(row as unknown as ScanRow));
    expect(original).not.toHaveProperty('voidsScanId');
    expect(correction).toMatchObject({
      voidsScanId: scan.scanId,
      direction: null,
      outcome: 'recorded',
      idNumber: null,
    });
    expect(UploadedScanSchema.parse(correction).voidsScanId).toBe(scan.scanId);
  });

  it('counter staff may correct without the PIN; an unattended kiosk needs admin', async () => {
    fixture = openKioskFixture({ kioskMode: 'self-service' });
    fixture.kiosk.parts.admin.setPin('2468');
    fixture.kiosk.parts.settings.update({ setupDone: true });
    fixture.kiosk.parts.pipeline.submit({ raw: SAMPLE_CCCD, source: 'wedge' });
    expect(await call('undoLastScan', {})).toMatchObject({ ok: false, error: { code: 'admin-locked' } });
    expect(await call('manifest', {})).toMatchObject({ ok: false, error: { code: 'admin-locked' } });
  });
});

describe('manifest and sailing capacity', () => {
  it('lists who is on board a sailing in boarding order with masked IDs and birth years, and the capacity of the current one', () => {
    fixture = openKioskFixture({ directionMode: 'auto', duplicateWindowSeconds: 0 });
    const { kiosk } = fixture;
    kiosk.parts.settings.update({ contextLabel: 'Tàu 07:30', sailingCapacity: 3 });
    kiosk.parts.pipeline.submit({ raw: SAMPLE_CCCD, source: 'wedge' });
    kiosk.parts.pipeline.submit({ raw: OTHER, source: 'wedge' });
    kiosk.parts.pipeline.submit({ raw: 'VE-0001', source: 'wedge' });
    kiosk.parts.pipeline.submit({ raw: OTHER, source: 'wedge' });
    const manifest = kiosk.parts.log.manifest(undefined, 'Tàu 07:30');
    expect(manifest).toMatchObject({ contextLabel: 'Tàu 07:30', capacity: 3, day: '2026-11-25' });
    expect(
      manifest.entries.map((entry) => [entry.displayName, entry.maskedId, entry.birthYear, entry.codeText]),
    ).toEqual([
      ['Phạm Thị Hồng', '••••••••0123', '1988', null],
      [null, null, null, 'VE-0001'],
    ]);
    expect(kiosk.parts.state.read().contextCount).toBe(2);
    expect(kiosk.parts.log.manifest(undefined, 'Tàu 09:00')).toMatchObject({ capacity: null, entries: [] });
  });
});
