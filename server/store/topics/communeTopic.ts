/**
 * The district's list of communes and wards, as each engine's `communeQueries.ts` answers. A venue
 * keeps its commune's name (`venues.area`), so the overview groups by it as before; renaming or
 * merging a commune changes its venues in the same transaction.
 */

export interface CommuneRecord {
  readonly id: string;
  readonly name: string;
  /** Active venues in it. */
  readonly venues: number;
}

export interface NewCommune {
  readonly id: string;
  /** Tidied (`tidyCommuneName`). */
  readonly name: string;
  /** `communeKey(name)`: unique, so two spellings of one commune cannot both be listed. */
  readonly nameKey: string;
  readonly createdAt: string;
}

export type RenameResult = 'renamed' | 'missing' | 'taken';
export type MergeResult =
  { readonly status: 'merged'; readonly movedVenues: number } | { readonly status: 'missing' | 'same' };

export interface CommuneQueries {
  /** Every commune with its active venues, in no set order. */
  listCommunes(): Promise<CommuneRecord[]>;
  /** Adds a commune; false when one with the same key is listed. */
  addCommune(commune: NewCommune): Promise<boolean>;
  /** Renames a commune and its venues' commune, in one transaction. */
  renameCommune(id: string, name: string, nameKey: string): Promise<RenameResult>;
  /** Moves every venue of `fromId` (retired ones too) to `intoId` and drops `fromId` from the list, in one transaction. */
  mergeCommune(fromId: string, intoId: string): Promise<MergeResult>;
}
