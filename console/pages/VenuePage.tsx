/** One venue: its details (IT edits), its devices (IT revokes), a new code and setup sheet, retiring it. */
import { useState } from 'react';
import {
  CODE_VALID_DAYS,
  EnrollmentSheetSchema,
  roleAtLeast,
  VenueDetailResponseSchema,
  type DeviceSummary,
  type EnrollmentSheet,
} from '../../shared/console';
import { post, request, type ApiError } from '../api';
import { DeviceTable } from '../components/DeviceTable';
import { ErrorLine, Loading } from '../components/Feedback';
import { VenueForm } from '../components/VenueForm';
import { useCommunes } from '../useCommunes';
import { VenueStatus } from '../components/VenueStatus';
import type { PageEnv } from '../pageEnv';
import { formatDateTime } from '../time';
import { asApiError, useLoad } from '../useLoad';

export function VenuePage({
  env,
  venueId,
  onSheet,
}: {
  readonly env: PageEnv;
  readonly venueId: string;
  readonly onSheet: (sheet: EnrollmentSheet) => void;
}) {
  const { t, language, timeZone } = env;
  const detail = useLoad(
    () => request('GET', `/api/v1/venues/${encodeURIComponent(venueId)}`, VenueDetailResponseSchema),
    [venueId],
  );
  const [editing, setEditing] = useState(false);
  const communes = useCommunes();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  // The district's choice for a kiosk enrolled before (revoked, moved): its unsent scans come here too, or stay on it.
  const [carryUnsentScans, setCarryUnsentScans] = useState(false);
  const [validDays, setValidDays] = useState<number>(CODE_VALID_DAYS[0]);
  const [error, setError] = useState<ApiError | null>(null);
  const isIt = roleAtLeast(env.role, 'it');
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await work();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  const venue = detail.value?.venue;
  const rename = (device: DeviceSummary) => {
    const name = prompt(t('devices.renamePrompt', { name: device.name }), device.name)?.trim();
    if (!name || name === device.name) return;
    void act(async () => {
      await post(`/api/v1/devices/${device.id}/name`, { name });
      detail.reload();
    });
  };
  const revoke = (device: DeviceSummary) => {
    if (!confirm(t('devices.revokeConfirm', { name: device.name }))) return;
    void act(async () => {
      await post(`/api/v1/devices/${device.id}/revoke`);
      detail.reload();
    });
  };
  return (
    <div data-testid="venue-page">
      <p>
        <a href="#/venues">← {t('common.back')}</a>
      </p>
      {detail.loading && !venue ? <Loading t={t} /> : null}
      <ErrorLine error={detail.error} t={t} />
      {venue ? (
        <>
          <div className="page-title">
            <h1 data-testid="venue-title">{venue.name}</h1>
            <VenueStatus venue={venue} t={t} now={env.now()} />
          </div>
          <dl className="facts">
            <dt>{t('venues.type')}</dt>
            <dd>{t(`venueType.${venue.type}`)}</dd>
            <dt>{t('venues.area')}</dt>
            <dd>{venue.area ?? t('common.none')}</dd>
            <dt>{t('venues.address')}</dt>
            <dd>{venue.address ?? t('common.none')}</dd>
            <dt>{t('venues.scansToday')}</dt>
            <dd>{venue.scansToday}</dd>
            <dt>{t('venues.scans7')}</dt>
            <dd>{venue.scans7Days}</dd>
          </dl>
          {venue.retiredAt ? (
            <p className="notice">
              {t('venue.retired', { time: formatDateTime(venue.retiredAt, timeZone, language) })}
            </p>
          ) : null}
          {isIt && !venue.retiredAt ? (
            <div className="actions">
              <label title={t('venue.codeDaysHint')}>
                {t('venue.codeDays')}{' '}
                <select
                  value={validDays}
                  onChange={(event) => setValidDays(Number(event.target.value))}
                  data-testid="code-days"
                >
                  {CODE_VALID_DAYS.map((days) => (
                    <option key={days} value={days}>
                      {t('venue.codeDaysOption', { days })}
                    </option>
                  ))}
                </select>
              </label>
              <label className="check" title={t('venue.carryUnsentHint')}>
                <input
                  type="checkbox"
                  checked={carryUnsentScans}
                  onChange={(event) => setCarryUnsentScans(event.target.checked)}
                  data-testid="carry-unsent"
                />
                {t('venue.carryUnsent')}
              </label>
              {/* The code's choices first, then the button that makes it. */}
              <button
                type="button"
                className="primary"
                disabled={busy}
                data-testid="new-code"
                onClick={() =>
                  void act(async () =>
                    onSheet(
                      await request('POST', `/api/v1/venues/${venue.id}/codes`, EnrollmentSheetSchema, {
                        body: { carryUnsentScans, validDays },
                      }),
                    ),
                  )
                }
              >
                {t('venue.newCode')}
              </button>
              <button type="button" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
                {t('venue.edit')}
              </button>
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() => {
                  if (!confirm(t('venue.retireConfirm', { name: venue.name }))) return;
                  void act(async () => {
                    await post(`/api/v1/venues/${venue.id}/retire`);
                    detail.reload();
                  });
                }}
              >
                {t('venue.retire')}
              </button>
            </div>
          ) : null}
          {saved ? <p role="status">{t('venue.saved')}</p> : null}
          <ErrorLine error={editing ? null : error} t={t} />
          {editing ? (
            <section className="card">
              <VenueForm
                t={t}
                communes={communes.map((c) => c.name)}
                initial={{
                  name: venue.name,
                  type: venue.type,
                  area: venue.area ?? undefined,
                  address: venue.address ?? undefined,
                }}
                submitLabel={t('common.save')}
                busyLabel={t('common.saving')}
                busy={busy}
                error={error}
                onSubmit={(fields) =>
                  void act(async () => {
                    await post(`/api/v1/venues/${venue.id}`, fields);
                    setEditing(false);
                    setSaved(true);
                    detail.reload();
                  })
                }
              />
            </section>
          ) : null}
          <section className="card" aria-labelledby="venue-devices">
            <h2 id="venue-devices">{t('venue.devices')}</h2>
            {detail.value && detail.value.devices.length === 0 ? <p className="empty">{t('venue.noDevices')}</p> : null}
            {detail.value && detail.value.devices.length > 0 ? (
              <DeviceTable
                env={env}
                devices={detail.value.devices}
                showVenue={false}
                onRevoke={isIt ? revoke : undefined}
                onRename={isIt ? rename : undefined}
              />
            ) : null}
          </section>
        </>
      ) : null}
    </div>
  );
}
