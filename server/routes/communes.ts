/**
 * The district's list of communes and wards (xã / phường): viewers read it, IT adds, renames and
 * merges (after the 2025 merger of units a commune can be renamed or merged into another; merging
 * moves its venues). Venues pick their commune from it, so the overview counts one row per commune.
 */
import { v7 as uuidv7 } from 'uuid';
import {
  CommuneListResponseSchema,
  CommuneNameRequestSchema,
  CommuneSchema,
  MergeCommuneRequestSchema,
} from '../../shared/console';
import { communeKey, tidyCommuneName } from '../domain/communes';
import { jsonAnswer } from '../http/answers';
import { HttpError } from '../http/HttpError';
import { parseOrThrow } from '../http/parse';
import { errors, forbidden, ok, refusal } from '../http/routeDocs';
import type { CommuneRecord } from '../store/DistrictStore';
import { route, type ServerContext } from './context';
import { SMALL_BODY_LIMITS } from './session';

const COMMUNE_ID = { id: /^[0-9a-f-]{36}$/ };

/** The list sorted as a Vietnamese reader expects. */
async function sortedCommunes(context: ServerContext): Promise<CommuneRecord[]> {
  return (await context.store.listCommunes()).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/**
 * The listed spelling of a venue's commune (any case or composition of a listed name is that
 * commune), null for none; 400 `unknown-commune` when it is not on the district's list.
 */
export async function listedCommune(context: ServerContext, area: string | undefined): Promise<string | null> {
  if (!area || !tidyCommuneName(area)) return null;
  const key = communeKey(area);
  const listed = (await context.store.listCommunes()).find((commune) => communeKey(commune.name) === key);
  if (!listed)
    throw new HttpError(
      400,
      'unknown-commune',
      'server: the commune is not on the district list; IT adds it first',
      {},
      [{ field: 'area', reason: 'other' }],
    );
  return listed.name;
}

export const communeRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/communes',
    access: 'viewer',
    summary: "The district's communes and wards, with their active venues",
    responses: { 200: ok('communes', CommuneListResponseSchema), ...errors, ...forbidden },
    handle: async (_request, context) => jsonAnswer(200, { communes: await sortedCommunes(context) }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/communes',
    access: 'it',
    body: SMALL_BODY_LIMITS,
    summary: 'Add a commune or ward to the district list',
    requestBody: CommuneNameRequestSchema,
    responses: { 201: ok('added', CommuneSchema), 409: refusal('already listed'), ...errors, ...forbidden },
    handle: async (request, context) => {
      const body = parseOrThrow(CommuneNameRequestSchema, await request.readJson(), 'commune');
      const name = tidyCommuneName(body.name);
      const commune = { id: uuidv7(), name, nameKey: communeKey(name), createdAt: context.now().toISOString() };
      if (!(await context.store.addCommune(commune)))
        throw new HttpError(409, 'commune-exists', 'server: this commune is listed already');
      context.log('server.communes', 'commune added');
      return jsonAnswer(201, { id: commune.id, name, venues: 0 });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/communes/{id}/rename',
    access: 'it',
    params: COMMUNE_ID,
    body: SMALL_BODY_LIMITS,
    summary: 'Rename a commune; its venues carry the new name',
    requestBody: CommuneNameRequestSchema,
    responses: {
      200: ok('renamed'),
      404: refusal('no such commune'),
      409: refusal('another commune has this name'),
      ...errors,
      ...forbidden,
    },
    handle: async (request, context) => {
      const body = parseOrThrow(CommuneNameRequestSchema, await request.readJson(), 'commune');
      const name = tidyCommuneName(body.name);
      const result = await context.store.renameCommune(request.params.id, name, communeKey(name));
      switch (result) {
        case 'renamed':
          context.log('server.communes', 'commune renamed');
          return jsonAnswer(200, { renamed: true });
        case 'missing':
          throw new HttpError(404, 'not-found', 'server: no such commune');
        case 'taken':
          throw new HttpError(409, 'commune-exists', 'server: another commune has this name; merge them instead');
        default: {
          const never: never = result;
          throw new Error(`server.communes: unknown result ${String(never)}`);
        }
      }
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/communes/{id}/merge',
    access: 'it',
    params: COMMUNE_ID,
    body: SMALL_BODY_LIMITS,
    summary: 'Merge a commune into another: its venues (retired ones too) move there and it leaves the list',
    requestBody: MergeCommuneRequestSchema,
    responses: { 200: ok('merged'), 404: refusal('no such commune'), ...errors, ...forbidden },
    handle: async (request, context) => {
      const body = parseOrThrow(MergeCommuneRequestSchema, await request.readJson(), 'merge');
      const result = await context.store.mergeCommune(request.params.id, body.intoId);
      switch (result.status) {
        case 'merged':
          context.log('server.communes', 'commune merged', { movedVenues: result.movedVenues });
          return jsonAnswer(200, { movedVenues: result.movedVenues });
        case 'missing':
          throw new HttpError(404, 'not-found', 'server: no such commune');
        case 'same':
          throw new HttpError(400, 'merge-same', 'server: a commune cannot be merged into itself');
        default: {
          const never: never = result;
          throw new Error(`server.communes: unknown result ${String(never)}`);
        }
      }
    },
  }),
];
