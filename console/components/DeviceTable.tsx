/** Devices: last upload (relative and local time), pending scans, version, clock offset, revoked; IT may revoke. */
import { CLOCK_FLAG_MS, type DeviceSummary } from '../../shared/console';
import type { PageEnv } from '../pageEnv';
import { formatDateTime, formatRelative } from '../time';

export interface DeviceTableProps {
  readonly env: PageEnv;
  readonly devices: readonly DeviceSummary[];
  readonly showVenue: boolean;
  /** Present when the signed-in person may revoke. */
  readonly onRevoke?: (device: DeviceSummary) => void;
}

export function clockWords(offsetMs: number | null, env: PageEnv): string {
  if (offsetMs === null) return env.t('common.none');
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  if (minutes === 0) return env.t('devices.clockOk');
  // The offset is server time minus device time: positive means the device is slow.
  return offsetMs > 0 ? env.t('devices.clockBehind', { minutes }) : env.t('devices.clockAhead', { minutes });
}

export function DeviceTable({ env, devices, showVenue, onRevoke }: DeviceTableProps) {
  const { t, language, timeZone } = env;
  if (devices.length === 0) return <p className="empty">{t('devices.none')}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="device-table">
        <thead>
          <tr>
            {showVenue ? <th scope="col">{t('devices.venue')}</th> : null}
            <th scope="col">{t('devices.name')}</th>
            <th scope="col">{t('devices.lastUpload')}</th>
            <th scope="col" className="num">
              {t('devices.pending')}
            </th>
            <th scope="col">{t('devices.version')}</th>
            <th scope="col">{t('devices.clock')}</th>
            <th scope="col">{t('devices.state')}</th>
            {onRevoke ? (
              <th scope="col">
                <span className="visually-hidden">{t('devices.revoke')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => {
            const clockFlag = d.clockOffsetMs !== null && Math.abs(d.clockOffsetMs) > CLOCK_FLAG_MS;
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
                <td>{d.appVersion ?? t('common.none')}</td>
                <td className={clockFlag ? 'flag' : undefined}>{clockWords(d.clockOffsetMs, env)}</td>
                <td>
                  {d.revokedAt
                    ? t('devices.revoked', { time: formatDateTime(d.revokedAt, timeZone, language) })
                    : t('devices.active')}
                </td>
                {onRevoke ? (
                  <td>
                    {d.revokedAt ? null : (
                      <button type="button" className="danger" onClick={() => onRevoke(d)}>
                        {t('devices.revoke')}
                      </button>
                    )}
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
