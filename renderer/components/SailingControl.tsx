import { useState } from 'react';
import {
  canReopen,
  MAX_SAILING_SEATS,
  sailingIsFull,
  type OpenSailingInput,
  type Sailing,
} from '../../shared/kioskSailings';
import type { Translate } from '../messages';

export interface SailingControlProps {
  /** The current sailing, boarding, with its counts; null when none is picked. */
  readonly sailing: Sailing | null;
  /** The kiosk's sailings (boarding ones are offered to pick; one closed minutes ago can be reopened). */
  readonly sailings: readonly Sailing[];
  readonly t: Translate;
  /** Hours and minutes of an instant, in local time. */
  readonly formatClock: (iso: string) => string;
  /** Now, ms (a prop, so a test can say when). */
  readonly now: number;
  readonly onPick: (id: string | null) => void;
  /** Opens a new sailing; answers an error to show, or null when it opened. */
  readonly onOpen: (input: OpenSailingInput) => Promise<string | null>;
  readonly onClose: (sailing: Sailing) => void;
  readonly onReopen: (sailing: Sailing) => void;
}

/** `HH:MM` typed today as an instant (ISO), or null when it is not a time. */
export function departureToday(hhmm: string, now: Date): string | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return null;
  const at = new Date(now);
  at.setHours(hours, minutes, 0, 0);
  return at.toISOString();
}

/**
 * The counter's sailing at a port: the current one with its seats and who is on board (red once full),
 * closing it (the manifest is offered), picking another still boarding, opening a new one (name,
 * route, departure, seats), and reopening one closed by mistake within five minutes.
 */
export function SailingControl({
  sailing,
  sailings,
  t,
  formatClock,
  now,
  onPick,
  onOpen,
  onClose,
  onReopen,
}: SailingControlProps) {
  const [creating, setCreating] = useState(false);
  const [label, setLabel] = useState('');
  const [route, setRoute] = useState('');
  const [departure, setDeparture] = useState('');
  const [seats, setSeats] = useState('');
  const [error, setError] = useState<string | null>(null);
  const boarding = sailings.filter((item) => item.state === 'boarding');
  const reopenable = sailings.filter((item) => canReopen(item, now));
  const full = sailing !== null && sailingIsFull(sailing);

  const submit = async () => {
    const departsAt = departureToday(departure, new Date(now));
    const seatCount = Number(seats);
    if (
      label.trim() === '' ||
      departsAt === null ||
      !Number.isInteger(seatCount) ||
      seatCount < 1 ||
      seatCount > MAX_SAILING_SEATS
    )
      return setError(t('sailing.invalid'));
    const problem = await onOpen({
      label: label.trim(),
      route: route.trim() === '' ? undefined : route.trim(),
      departsAt,
      seats: seatCount,
    });
    setError(problem);
    if (problem === null) {
      setCreating(false);
      setLabel('');
      setRoute('');
      setDeparture('');
      setSeats('');
    }
  };

  return (
    <div className="sailing-control" data-testid="sailing-control">
      {sailing ? (
        <div
          className={`sailing-current${full ? ' sailing-full' : ''}`}
          data-testid="sailing-status"
          data-count={sailing.onBoard}
          data-capacity={sailing.seats}
          data-full={full}
        >
          <p className="sailing-name" data-testid="sailing-name">
            {sailing.label}
            {sailing.route ? <span className="sailing-route"> · {sailing.route}</span> : null}
          </p>
          <p className="sailing-departure">{t('sailing.departsAt', { time: formatClock(sailing.departsAt) })}</p>
          <p className="onboard-count" data-testid="onboard-count">
            {t('counter.onboard.capacity', { count: sailing.onBoard, capacity: sailing.seats })}
          </p>
          {full ? (
            <p className="sailing-warning" role="alert" data-testid="sailing-full">
              {t('sailing.full')}
            </p>
          ) : null}
          {sailing.refused > 0 ? (
            <p className="sailing-refused" data-testid="sailing-refused">
              {t('sailing.refusedCount', { count: sailing.refused })}
            </p>
          ) : null}
          <button type="button" className="close-sailing" onClick={() => onClose(sailing)} data-testid="close-sailing">
            {t('sailing.close')}
          </button>
        </div>
      ) : (
        <p className="sailing-none" data-testid="sailing-none">
          {t('sailing.none')}
        </p>
      )}
      <div className="sailing-pick-row">
        <label className="sailing-pick">
          {t('sailing.pick')}
          <select
            value={sailing?.id ?? ''}
            onChange={(event) => onPick(event.target.value === '' ? null : event.target.value)}
            data-testid="sailing-pick"
          >
            <option value="">{t('sailing.pick.none')}</option>
            {boarding.map((item) => (
              <option key={item.id} value={item.id}>
                {formatClock(item.departsAt)} · {item.label}
              </option>
            ))}
          </select>
        </label>
        {creating ? null : (
          <button type="button" onClick={() => setCreating(true)} data-testid="sailing-new">
            {t('sailing.new')}
          </button>
        )}
      </div>
      {reopenable.map((item) => (
        <button
          key={item.id}
          type="button"
          className="link-button"
          onClick={() => onReopen(item)}
          data-testid="sailing-reopen"
        >
          {t('sailing.reopen', { label: item.label })}
        </button>
      ))}
      {creating ? (
        <form
          className="sailing-form"
          data-testid="sailing-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <label className="sailing-form-wide">
            {t('sailing.label')}
            <input
              value={label}
              maxLength={80}
              onChange={(event) => setLabel(event.target.value)}
              placeholder={t('sailing.label.placeholder')}
              data-testid="sailing-label"
            />
          </label>
          <label className="sailing-form-wide">
            {t('sailing.route')}
            <input
              value={route}
              maxLength={120}
              onChange={(event) => setRoute(event.target.value)}
              placeholder={t('sailing.route.placeholder')}
              data-testid="sailing-route"
            />
          </label>
          <label>
            {t('sailing.departure')}
            <input
              type="time"
              value={departure}
              onChange={(event) => setDeparture(event.target.value)}
              data-testid="sailing-departure"
            />
          </label>
          <label>
            {t('sailing.seats')}
            <input
              value={seats}
              inputMode="numeric"
              maxLength={4}
              onChange={(event) => setSeats(event.target.value.replace(/\D/g, ''))}
              data-testid="sailing-seats"
            />
          </label>
          {error ? (
            <p className="sailing-form-wide tool-error" role="alert" data-testid="sailing-error">
              {error}
            </p>
          ) : null}
          <div className="sailing-form-wide sailing-form-actions">
            <button type="button" onClick={() => setCreating(false)}>
              {t('sailing.cancel')}
            </button>
            <button type="submit" className="primary" data-testid="sailing-open">
              {t('sailing.open')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
