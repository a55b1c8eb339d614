/** Every device: last report, pending count, version, clock offset, alive or quiet or revoked; IT renames and revokes. */
import { useState } from 'react';
import { DeviceListResponseSchema, roleAtLeast, type DeviceSummary } from '../../shared/console';
import { post, request, type ApiError } from '../api';
import { DeviceTable } from '../components/DeviceTable';
import { ErrorLine, Loading } from '../components/Feedback';
import type { PageEnv } from '../pageEnv';
import { asApiError, useLoad } from '../useLoad';

export function DevicesPage({ env }: { readonly env: PageEnv }) {
  const { t } = env;
  const list = useLoad(() => request('GET', '/api/v1/stats/devices', DeviceListResponseSchema), []);
  const [error, setError] = useState<ApiError | null>(null);
  const revoke = (device: DeviceSummary) => {
    if (!confirm(t('devices.revokeConfirm', { name: device.name }))) return;
    post(`/api/v1/devices/${device.id}/revoke`).then(list.reload, (failure: unknown) => setError(asApiError(failure)));
  };
  const rename = (device: DeviceSummary) => {
    const name = prompt(t('devices.renamePrompt', { name: device.name }), device.name)?.trim();
    if (!name || name === device.name) return;
    setError(null);
    post(`/api/v1/devices/${device.id}/name`, { name }).then(list.reload, (failure: unknown) =>
      setError(asApiError(failure)),
    );
  };
  return (
    <div data-testid="devices-page">
      <h1>{t('devices.title')}</h1>
      {list.loading && !list.value ? <Loading t={t} /> : null}
      <ErrorLine error={list.error ?? error} t={t} />
      {list.value ? (
        <DeviceTable
          env={env}
          devices={list.value.devices}
          showVenue
          onRevoke={roleAtLeast(env.role, 'it') ? revoke : undefined}
          onRename={roleAtLeast(env.role, 'it') ? rename : undefined}
        />
      ) : null}
    </div>
  );
}
