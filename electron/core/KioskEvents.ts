/**
 * The core's events to the pages: one listener set, each event delivered as `{ name, payload }`; a
 * listener that throws is logged and the others still hear.
 */
import type { KioskEvent, KioskEventName, KioskEventPayloads } from '../../shared/contract';
import type { Logger } from './log';

export class KioskEvents {
  private readonly listeners = new Set<(event: KioskEvent) => void>();

  constructor(private readonly logger: Logger) {}

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: (event: KioskEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends KioskEventName>(name: E, payload: KioskEventPayloads[E]): void {
    const event = { name, payload } as KioskEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error('kiosk.emit', 'event listener failed', {
          event: name,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
