/**
 * Guessing at the admin token: 10 wrong bearer tokens a minute, then every bearer attempt on admin
 * and staff routes waits (429, Retry-After), the right token too; a kiosk's own token on a route
 * above its access is no guess.
 */
import { describe, expect, it } from 'vitest';
import { WrongTokenLimiter } from '../../../server/http/WrongTokenLimiter';
import { HttpError } from '../../../server/http/HttpError';
import { ADMIN_TOKEN, createVenue, enrollDevice } from '../../support/districtHttp';
import { DISTRICT_STORES, startDistrictServer } from '../../support/districtServer';

describe('WrongTokenLimiter', () => {
  it('allows 10 wrong tokens a minute, then answers 429 until the oldest leaves the window', () => {
    let now = 0;
    const limiter = new WrongTokenLimiter(10, 60_000, () => now);
    for (let i = 0; i < 10; i += 1) {
      limiter.check('10.0.0.9');
      limiter.recordWrong('10.0.0.9');
      now += 1000;
    }
    // Another address is not held back by a stranger's guesses.
    expect(() => limiter.check('127.0.0.1')).not.toThrow();
    const refused = (() => {
      try {
        limiter.check('10.0.0.9');
        return null;
      } catch (error) {
        return error as HttpError;
      }
    })();
    expect(refused?.status).toBe(429);
    expect(refused?.headers).toEqual({ 'Retry-After': '50' });
    now = 60_001;
    expect(() => limiter.check('10.0.0.9')).not.toThrow();
  });
});

describe('admin token guesses over HTTP', () => {
  it('answers 401 ten times, then 429 with Retry-After, the right token included; device tokens do not count', async () => {
    const server = await startDistrictServer(await DISTRICT_STORES[0][1]());
    try {
      const { deviceToken } = await enrollDevice(
        server.url,
        (await createVenue(server.url, 'Cảng Lý Sơn', 'port')).code,
      );
      const status = async (token: string) => {
        const response = await fetch(`${server.url}/api/v1/stats/devices`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        return `${response.status} ${response.headers.get('retry-after') ?? '-'}`;
      };
      for (let i = 0; i < 20; i += 1) expect(await status(deviceToken)).toBe('401 -');
      expect(await status(ADMIN_TOKEN)).toBe('200 -');
      for (let i = 0; i < 10; i += 1) expect(await status(`guess-${i}`)).toBe('401 -');
      expect(await status('guess-11')).toMatch(/^429 (59|60)$/);
      expect(await status(ADMIN_TOKEN)).toMatch(/^429 (59|60)$/);
    } finally {
      await server.close();
    }
  });
});
