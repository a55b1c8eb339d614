/** Which venues scan: counts, scans per day, coverage per area and type, silent venues first, devices to check. */
import { DEVICE_QUIET_MS, OverviewResponseSchema } from '../../shared/console';
import { VENUE_TYPES } from '../../shared/district';
import { request } from '../api';
import { CoverageTable } from '../components/CoverageTable';
import { DailyChart } from '../components/DailyChart';
import { DeviceTable } from '../components/DeviceTable';
import { ErrorLine, Loading } from '../components/Feedback';
import { VenueStatus } from '../components/VenueStatus';
import type { PageEnv } from '../pageEnv';
import { formatDateTime, formatDay, formatRelative } from '../time';
import { useLoad } from '../useLoad';

export function OverviewPage({ env }: { readonly env: PageEnv }) {
  const { t, language, timeZone } = env;
  const overview = useLoad(() => request('GET', '/api/v1/overview', OverviewResponseSchema), []);
  const o = overview.value;
  return (
    <div data-testid="overview-page">
      <h1>{t('overview.title')}</h1>
      {overview.loading && !o ? <Loading t={t} /> : null}
      <ErrorLine error={overview.error} t={t} />
      {o ? (
        <>
          <p className="muted">{t('overview.today', { day: formatDay(o.today, language) })}</p>
          <div className="stats" data-testid="overview-stats">
            <div className="stat">
              <span className="stat-value" data-testid="stat-registered">
                {o.registeredVenues}
              </span>
              <span>{t('overview.registered')}</span>
            </div>
            <div className="stat">
              <span className="stat-value" data-testid="stat-today">
                {o.venuesUploadedToday}
              </span>
              <span>{t('overview.uploadedToday')}</span>
            </div>
            <div className="stat">
              <span className="stat-value" data-testid="stat-7days">
                {o.venuesUploaded7Days}
              </span>
              <span>{t('overview.uploaded7')}</span>
            </div>
            <div className="stat">
              <span className="stat-value" data-testid="stat-scans">
                {o.scansToday}
              </span>
              <span>{t('overview.scansToday')}</span>
            </div>
          </div>
          <div className="grid-2">
            <section className="card" aria-labelledby="chart-title">
              <h2 id="chart-title">{t('overview.chart')}</h2>
              <DailyChart days={o.scansPerDay} language={language} t={t} />
            </section>
            <div className="stack">
              <CoverageTable
                t={t}
                title={t('overview.byArea')}
                keyHeader={t('overview.area')}
                rows={o.byArea}
                keyWords={(k) => k || t('overview.noArea')}
                testId="by-area"
              />
              <CoverageTable
                t={t}
                title={t('overview.byType')}
                keyHeader={t('overview.type')}
                rows={o.byType}
                keyWords={(k) => {
                  const type = VENUE_TYPES.find((v) => v === k);
                  return type ? t(`venueType.${type}`) : k;
                }}
                testId="by-type"
              />
            </div>
          </div>
          <section className="card" aria-labelledby="venues-title">
            <h2 id="venues-title">{t('overview.venues')}</h2>
            {o.venues.length === 0 ? (
              <p className="empty">{t('venues.none')}</p>
            ) : (
              <div className="table-wrap">
                <table data-testid="overview-venues">
                  <thead>
                    <tr>
                      <th scope="col">{t('venues.status')}</th>
                      <th scope="col">{t('venues.name')}</th>
                      <th scope="col">{t('venues.area')}</th>
                      <th scope="col">{t('venues.type')}</th>
                      <th scope="col">{t('venues.lastUpload')}</th>
                      <th scope="col" className="num">
                        {t('venues.scansToday')}
                      </th>
                      <th scope="col" className="num">
                        {t('venues.scans7')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.venues.map((v) => (
                      <tr key={v.id} data-venue={v.name}>
                        <td>
                          <VenueStatus venue={v} t={t} now={env.now()} />
                        </td>
                        <td>
                          <a href={`#/venues/${v.id}`}>{v.name}</a>
                        </td>
                        <td>{v.area ?? t('common.none')}</td>
                        <td>{t(`venueType.${v.type}`)}</td>
                        <td>
                          {v.lastUploadAt ? (
                            <span title={formatDateTime(v.lastUploadAt, timeZone, language)}>
                              {formatRelative(v.lastUploadAt, env.now(), language)}
                            </span>
                          ) : (
                            t('common.never')
                          )}
                        </td>
                        <td className="num">{v.scansToday}</td>
                        <td className="num">{v.scans7Days}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="card" aria-labelledby="flagged-title">
            <h2 id="flagged-title">{t('overview.flagged', { minutes: Math.round(DEVICE_QUIET_MS / 60_000) })}</h2>
            {o.flaggedDevices.length === 0 ? (
              <p className="empty">{t('overview.noFlagged')}</p>
            ) : (
              <DeviceTable env={env} devices={o.flaggedDevices} showVenue />
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
