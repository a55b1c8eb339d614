/** District statistics (admin): scans per venue and day, devices, silent venues; JSON or CSV. */
import { z } from 'zod';
import { DeviceListResponseSchema } from '../../shared/console';
import { toCsv } from '../../shared/csv';
import { csvAnswer, jsonAnswer } from '../http/answers';
import { parseOrThrow, queryOf } from '../http/parse';
import { errors, forbidden, ok, query as queryParameter } from '../http/routeDocs';
import { route } from './context';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const DailyQuerySchema = z.object({ from: Day, to: Day, format: z.enum(['json', 'csv']).default('json') });
const wantsCsv = (url: URL) => url.searchParams.get('format') === 'csv';

export const statsRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/stats/daily',
    access: 'viewer',
    summary: 'Scans in, out and refused per venue and local day',
    query: [
      queryParameter('from', 'first local day, YYYY-MM-DD', true),
      queryParameter('to', 'last local day, YYYY-MM-DD', true),
      queryParameter('format', 'json (default) or csv'),
    ],
    responses: { 200: ok('counts (JSON, or CSV with format=csv)'), ...errors, ...forbidden },
    handle: async (request, context) => {
      const query = parseOrThrow(DailyQuerySchema, queryOf(request.url), 'stats query');
      const rows = await context.store.dailyCounts(query.from, query.to);
      if (query.format === 'csv')
        return csvAnswer(toCsv(['day', 'venueId', 'venueName', 'venueType', 'in', 'out', 'refused'], rows));
      return jsonAnswer(200, { days: rows });
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/stats/devices',
    access: 'viewer',
    summary: 'Devices: last upload, pending count reported, app version, clock offset',
    query: [queryParameter('format', 'json (default) or csv')],
    responses: { 200: ok('devices (JSON, or CSV with format=csv)', DeviceListResponseSchema), ...errors, ...forbidden },
    handle: async (request, context) => {
      const devices = await context.store.listDevices();
      if (wantsCsv(request.url)) {
        return csvAnswer(
          toCsv(
            [
              'id',
              'venueId',
              'venueName',
              'name',
              'createdAt',
              'revokedAt',
              'lastUploadAt',
              'pendingCount',
              'appVersion',
              'clockOffsetMs',
            ],
            devices,
          ),
        );
      }
      return jsonAnswer(200, { devices });
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/stats/silent-venues',
    access: 'viewer',
    summary: 'Venues with no scans in the last 24 hours (retired venues left out)',
    query: [queryParameter('format', 'json (default) or csv')],
    responses: { 200: ok('venues (JSON, or CSV with format=csv)'), ...errors, ...forbidden },
    handle: async (request, context) => {
      const since = new Date(context.now().getTime() - 24 * 3600_000).toISOString();
      const venues = await context.store.silentVenues(since);
      if (wantsCsv(request.url)) return csvAnswer(toCsv(['id', 'name', 'type', 'address', 'createdAt'], venues));
      return jsonAnswer(200, { since, venues });
    },
  }),
];
