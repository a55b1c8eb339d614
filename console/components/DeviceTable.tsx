/**
 * Devices: last report (relative and local time), pending scans, version, clock offset, and whether
 * each is alive (reported lately), gone quiet or revoked; IT may rename and revoke.
 */
import { CLOCK_FLAG_MS, DEVICE_QUIET_MS, deviceAlive, type DeviceSummary } from '../../shared/console';
import type { PageEnv } from '../pageEnv';
import { formatDateTime, formatRelative } from '../time';

export interface DeviceTableProps {
  readonly env: PageEnv;
  readonly devices: readonly DeviceSummary[];
  readonly showVenue: boolean;
  /** Present when the signed-in person may revoke. */
  readonly onRevoke?: (device: DeviceSummary) => void;
  /** Present when the signed-in person may rename. */
  readonly onRename?: (device: DeviceSummary) => void;
}

/** A device's state in words, and whether it is worth a look (gone quiet, never reported). */
export function deviceState(device: DeviceSummary, env: PageEnv): { words: string; flag: boolean } {
  const { t, language, timeZone } = env;
  if (device.revokedAt)
    return { words: t('devices.revoked', { time: formatDateTime(device.revokedAt, timeZone, language) }), flag: false };
  if (device.lastUploadAt === null) return { words: t('devices.neverReported'), flag: true };
  if (!deviceAlive(device.lastUploadAt, env.now()))
    return { words: t('devices.quiet', { minutes: Math.round(DEVICE_QUIET_MS / 60_000) }), flag: true };
  return { words: t('devices.active'), flag: false };
}

export function clockWords(offsetMs: number | null, env: PageEnv): string {
  if (offsetMs === null) return env.t('common.none');
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  if (minutes === 0) return env.t('devices.clockOk');
  // The offset is server time minus device time: positive means the device is slow.
  return offsetMs > 0 ? env.t('devices.clockBehind', { minutes }) : env.t('devices.clockAhead', { minutes });
}

export function DeviceTable({ env, devices, showVenue, onRevoke, onRename }: DeviceTableProps) {
  const { t, language, timeZone } = env;
  if (devices.length === 0) return <p className="empty">{t('devices.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="device-table" data-testid="device-table">
        <thead>
          <tr>
            {showVenue ? <th scope="col">{t('devices.venue')}</th> : null}
            <th scope="col">{t('devices.name')}</th>
            <th scope="col">{t('devices.lastUpload')}</th>
            <th scope="col" className="num">
              {t('devices.pending')}
            </th>
            <th scope="col" className="short">
              {t('devices.version')}
            </th>
            <th scope="col">{t('devices.clock')}</th>
            <th scope="col">{t('devices.state')}</th>
            {onRevoke || onRename ? (
              <th scope="col" className="actions-cell">
                <span className="visually-hidden">{t('devices.revoke')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => {
            const clockFlag = d.clockOffsetMs !== null && Math.abs(d.clockOffsetMs) > CLOCK_FLAG_MS;
            const state = deviceState(d, env);
            return (
              <tr key={d.id} data-device={d.name}>
                {showVenue ? <td>{d.venueName}</td> : null}
                <td>{d.name}</td>
                <td>
                  {d.lastUploadAt ? (
                    <>
                      <span>{formatRelative(d.lastUploadAt, env.now(), language)}</span>
                      <br />
                      <small className="muted">{formatDateTime(d.lastUploadAt, timeZone, language)}</small>
                    </>
                  ) : (
                    t('common.never')
                  )}
                </td>
                <td className={`num${(d.pendingCount ?? 0) > 0 ? ' flag' : ''}`}>
                  {d.pendingCount ?? t('common.none')}
                </td>
                <td className="short">{d.appVersion ?? t('common.none')}</td>
                <td className={clockFlag ? 'flag' : undefined}>{clockWords(d.clockOffsetMs, env)}</td>
                <td className={state.flag ? 'flag' : undefined} data-testid="device-state">
                  {state.words}
                </td>
                {onRevoke || onRename ? (
                  <td className="actions-cell">
                    <div className="row-actions">
                      {onRename ? (
                        <button type="button" onClick={() => onRename(d)}>
                          {t('devices.rename')}
                        </button>
                      ) : null}
                      {onRevoke && !d.revokedAt ? (
                        <button type="button" className="danger" onClick={() => onRevoke(d)}>
                          {t('devices.revoke')}
                        </button>
                      ) : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
