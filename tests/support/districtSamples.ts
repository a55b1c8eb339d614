import { v7 as uuidv7 } from 'uuid';
import type { UploadedScan } from '../../shared/district';

/** An uploaded scan at `at` with sensible defaults. `ms` also fixes the UUIDv7 time. */
export function uploadedScan(at: string, overrides: Partial<UploadedScan> = {}): UploadedScan {
  return {
    id: uuidv7({ msecs: Date.parse(at) }),
    seq: 1,
    scannedAt: at,
    utcOffsetMin: 420,
    direction: 'in',
    source: 'wedge',
    kind: 'cccd',
    outcome: 'recorded',
    reason: null,
    problems: [],
    idNumber: '037188000123',
    fullName: 'Phạm Thị Hồng',
    birthDate: '1988',
    gender: null,
    address: null,
    codeText: null,
    contextLabel: null,
    ...overrides,
  };
}
