/** The audit of scan files imported from USB sticks (one row per import), as each engine's `importQueries.ts` answers. */
import type { ScanImportCounts, ScanImportEntry, ScanImportOutcome } from '../../../shared/scanImport';

/** A new row: written when an import starts (outcome `running`) or is refused (its problem). */
export type NewScanImport = Omit<ScanImportEntry, 'id' | 'accepted' | 'duplicate' | 'rejected' | 'receiptSeq'>;

/** How an import ended. */
export interface ScanImportEnd {
  readonly outcome: ScanImportOutcome;
  readonly counts: ScanImportCounts;
  readonly receiptSeq: number | null;
}

export interface ImportQueries {
  /** Writes one row of the import audit; answers its id. */
  recordScanImport(entry: NewScanImport): Promise<number>;
  /** Writes how import `id` ended. */
  finishScanImport(id: number, end: ScanImportEnd): Promise<void>;
  /** Import audit rows, newest first, at most `limit`, older than row `beforeId` when given. */
  listScanImports(limit: number, beforeId?: number): Promise<ScanImportEntry[]>;
}
