/**
 * The browser kiosk host's WebSocket messages, parsed with these schemas at both ends: the page
 * sends a call; the host answers it by id, or pushes an event, and hands the token to a page that
 * connected by a one-use launch link. The method's own input is parsed
 * afterwards by the core's dispatcher with the contract's schema.
 */
import { z } from 'zod';
import { KIOSK_EVENTS, type KioskEvent, type KioskEventName, type Result } from './contract';

/** A call from the page: `id` matches the answer to it. */
export const HostCallSchema = z.object({
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(64),
  input: z.unknown(),
});
export type HostCall = z.infer<typeof HostCallSchema>;

const KioskErrorSchema = z.object({ code: z.string(), message: z.string() });
const ResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: KioskErrorSchema }),
]);

/** The host's answer to a call; `id` null when the call could not be read at all. */
export const HostAnswerSchema = z.object({ id: z.number().int().nullable(), result: ResultSchema });

const EVENT_NAMES = Object.keys(KIOSK_EVENTS) as [KioskEventName, ...KioskEventName[]];

/** An event pushed by the host to every page. */
export const HostEventSchema = z.object({ event: z.enum(EVENT_NAMES), payload: z.unknown() });

/** The first message on a socket opened by a launch link: the token to reconnect with. */
export const HostLaunchedSchema = z.object({ launchToken: z.string().min(1).max(128) });

export const HostMessageSchema = z.union([HostAnswerSchema, HostEventSchema, HostLaunchedSchema]);

/** The text of an answer. */
export function hostAnswer(id: number | null, result: Result<unknown>): string {
  return JSON.stringify({ id, result });
}

/** The text of the token's hand-over to a page that came by a launch link. */
export function hostLaunched(token: string): string {
  return JSON.stringify({ launchToken: token });
}

/** The text of an event. */
export function hostEvent(event: KioskEvent): string {
  return JSON.stringify({ event: event.name, payload: event.payload });
}
