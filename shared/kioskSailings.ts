/**
 * A port's sailings as the kiosk keeps them: what a sailing is (label, route, departure, seats,
 * state), what counter staff send to open, pick, close or reopen one, and what the screens list. Part
 * of the kiosk vocabulary that `contract.ts` builds its method table from.
 */
import { z } from 'zod';
import { typedText } from './typedText';

/**
 * - `boarding`: passengers are scanned on board; it can be the counter's current sailing.
 * - `closed`: boarding ended (its manifest printed or not); reopened within {@link SAILING_REOPEN_MS}.
 * - `departed`: closed and past its departure time: the list is final.
 */
export const SAILING_STATES = ['boarding', 'closed', 'departed'] as const;
export type SailingState = (typeof SAILING_STATES)[number];

/** How long after closing a sailing counter staff can open it again (a close by mistake), ms. */
export const SAILING_REOPEN_MS = 5 * 60_000;

/** Most seats a sailing can have (the largest passenger boats of the islands carry a few hundred). */
export const MAX_SAILING_SEATS = 5000;

export const SailingIdSchema = z.uuid();

/** A new sailing as counter staff open it: the departure is an instant (the page turns `07:30` today into one). */
export const OpenSailingInputSchema = z
  .object({
    label: typedText(1, 80),
    route: typedText(0, 120).optional(),
    departsAt: z.string().datetime({ offset: true }),
    seats: z.number().int().min(1).max(MAX_SAILING_SEATS),
  })
  .strict();
export type OpenSailingInput = z.infer<typeof OpenSailingInputSchema>;

/** The sailing to make current (null: none, scans carry no sailing). */
export const PickSailingInputSchema = z.object({ id: SailingIdSchema.nullable() }).strict();
export const SailingRefInputSchema = z.object({ id: SailingIdSchema }).strict();

/** One sailing with its counts, as the counter and admin list it. */
export interface Sailing {
  readonly id: string;
  readonly label: string;
  readonly route: string | null;
  /** Scheduled departure, ISO 8601 UTC. */
  readonly departsAt: string;
  readonly seats: number;
  readonly state: SailingState;
  /** When it was opened, ISO 8601 UTC. */
  readonly createdAt: string;
  /** When boarding was closed (the last time), ISO 8601 UTC; null while boarding. */
  readonly closedAt: string | null;
  /** People on board now (last scan for this sailing a boarding, not voided). */
  readonly onBoard: number;
  /** People refused boarding because it was full and never boarded after. */
  readonly refused: number;
}

/** What the counter shows while a sailing is current: the sailing, and whether it is now full. */
export function sailingIsFull(sailing: Pick<Sailing, 'onBoard' | 'seats'>): boolean {
  return sailing.onBoard >= sailing.seats;
}

/** Whether a closed sailing can still be reopened at `nowMs`. */
export function canReopen(sailing: Pick<Sailing, 'state' | 'closedAt'>, nowMs: number): boolean {
  return (
    sailing.state === 'closed' && sailing.closedAt !== null && nowMs - Date.parse(sailing.closedAt) <= SAILING_REOPEN_MS
  );
}
