/**
 * The district's list of communes over HTTP: viewers read it, IT adds, renames and merges (its
 * venues move); a venue's commune must be on the list and is kept in the list's spelling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commune, EnrollmentSheet, VenueSummary } from '../../../shared/console';
import { addTestUser, ConsoleClient } from '../../support/consoleClient';
import { DISTRICT_STORES, startDistrictServer, type TestDistrictServer } from '../../support/districtServer';

describe.each(DISTRICT_STORES)('communes on %s', (_name, open) => {
  let server: TestDistrictServer;
  let it_: ConsoleClient;
  let viewer: ConsoleClient;
  const list = async () => ((await (await viewer.get('/api/v1/communes')).json()) as { communes: Commune[] }).communes;

  beforeAll(async () => {
    server = await startDistrictServer(await open());
    await addTestUser(server.store, 'it', 'it');
    await addTestUser(server.store, 'xem', 'viewer');
    it_ = await ConsoleClient.signIn(server.url, 'it');
    viewer = await ConsoleClient.signIn(server.url, 'xem');
  });
  afterAll(() => server.close());

  it('keeps one commune per spelling, and venues pick from it', async () => {
    expect((await viewer.post('/api/v1/communes', { name: 'Xã An Vĩnh' })).status).toBe(403);
    const added = await it_.post('/api/v1/communes', { name: '  Xã  An Vĩnh ' });
    expect([added.status, ((await added.json()) as Commune).name]).toEqual([201, 'Xã An Vĩnh']);
    expect((await it_.post('/api/v1/communes', { name: 'xã an vĩnh' })).status).toBe(409);
    expect((await it_.post('/api/v1/communes', { name: 'Xã An Hải' })).status).toBe(201);

    const refused = await it_.post('/api/v1/venues', { name: 'Chợ', type: 'shop', area: 'Xã Không Có' });
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([400, 'unknown-commune']);
    const made = await it_.post('/api/v1/venues', { name: 'Chợ An Vĩnh', type: 'shop', area: 'xã an vĩnh' });
    const sheet = (await made.json()) as EnrollmentSheet;
    expect(made.status).toBe(201);
    const venues = (await (await viewer.get('/api/v1/venues')).json()) as { venues: VenueSummary[] };
    expect(venues.venues.find((v) => v.id === sheet.venueId)?.area).toBe('Xã An Vĩnh');
    expect((await list()).map((c) => [c.name, c.venues])).toEqual([
      ['Xã An Hải', 0],
      ['Xã An Vĩnh', 1],
    ]);
  });

  it('renames a commune and merges one into another, moving its venues', async () => {
    const [anHai, anVinh] = await list();
    expect((await it_.post(`/api/v1/communes/${anVinh.id}/rename`, { name: 'Xã An Hải' })).status).toBe(409);
    expect((await it_.post(`/api/v1/communes/${anVinh.id}/rename`, { name: 'Xã An Vĩnh Mới' })).status).toBe(200);
    const merged = await it_.post(`/api/v1/communes/${anVinh.id}/merge`, { intoId: anHai.id });
    expect([merged.status, await merged.json()]).toEqual([200, { movedVenues: 1 }]);
    expect((await list()).map((c) => [c.name, c.venues])).toEqual([['Xã An Hải', 1]]);
    const venues = (await (await viewer.get('/api/v1/venues')).json()) as { venues: VenueSummary[] };
    expect(venues.venues.map((v) => v.area)).toEqual(['Xã An Hải']);
    expect((await it_.post(`/api/v1/communes/${anHai.id}/merge`, { intoId: anHai.id })).status).toBe(400);
    expect((await viewer.post(`/api/v1/communes/${anHai.id}/merge`, { intoId: anVinh.id })).status).toBe(403);
  });
});
