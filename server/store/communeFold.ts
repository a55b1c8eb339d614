/**
 * The communes migration's plan, the same on both engines: the venues' stored commune spellings
 * folded (`domain/communes.ts`) into the district's list, and which stored spelling becomes which
 * listed name.
 */
import { v7 as uuidv7 } from 'uuid';
import { communeKey, foldCommuneNames } from '../domain/communes';
import type { NewCommune } from './topics/communeTopic';

export interface CommuneFoldPlan {
  readonly communes: readonly NewCommune[];
  /** Stored spelling → the listed name its venues get (only those that change; blank ones → null). */
  readonly renames: ReadonlyMap<string, string | null>;
}

export function planCommuneFold(
  spellings: readonly { readonly name: string; readonly venues: number }[],
  createdAt: string,
): CommuneFoldPlan {
  const folded = foldCommuneNames(spellings);
  const renames = new Map<string, string | null>();
  for (const spelling of spellings) if (!spelling.name.trim()) renames.set(spelling.name, null);
  for (const commune of folded)
    for (const variant of commune.variants) if (variant !== commune.name) renames.set(variant, commune.name);
  return {
    communes: folded.map((commune) => ({
      id: uuidv7(),
      name: commune.name,
      nameKey: communeKey(commune.name),
      createdAt,
    })),
    renames,
  };
}
