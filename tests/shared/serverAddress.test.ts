import { describe, expect, it } from 'vitest';
import { EnrollInputSchema } from '../../shared/contract';
import { ServerAddressSchema, serverBaseUrl } from '../../shared/serverAddress';

describe('serverBaseUrl', () => {
  it('takes a bare host as http://, as an IT officer types it', () => {
    expect(serverBaseUrl('192.168.1.10:8610')).toBe('http://192.168.1.10:8610');
    expect(serverBaseUrl(' kiosk.huyen.example.gov.vn ')).toBe('http://kiosk.huyen.example.gov.vn');
    expect(serverBaseUrl('localhost:8700/')).toBe('http://localhost:8700');
    expect(serverBaseUrl('[fd00::5]:8700')).toBe('http://[fd00::5]:8700');
  });

  it('keeps a given scheme and a path behind a proxy, without the trailing slash or a default port', () => {
    expect(serverBaseUrl('https://kiosk.huyen.example.gov.vn/')).toBe('https://kiosk.huyen.example.gov.vn');
    expect(serverBaseUrl('HTTPS://Kiosk.Huyen.Example.gov.vn:443/district/')).toBe(
      'https://kiosk.huyen.example.gov.vn/district',
    );
    expect(serverBaseUrl('http://10.0.0.5:80')).toBe('http://10.0.0.5');
  });

  it('refuses what is no address', () => {
    for (const bad of [
      '',
      '   ',
      'ftp://host',
      'http://',
      'http://user:pw@host',
      'host?x=1',
      'host#x',
      'host:99999',
      'two words',
      `${'a'.repeat(300)}.vn`,
    ]) {
      expect(serverBaseUrl(bad), bad).toBeNull();
    }
  });

  it("is how the kiosk's setup wizard and admin screen take a typed server address", () => {
    expect(EnrollInputSchema.parse({ code: '4HBKETK5KQ', serverUrl: '192.168.1.10:8610' }).serverUrl).toBe(
      'http://192.168.1.10:8610',
    );
    expect(EnrollInputSchema.safeParse({ code: '4HBKETK5KQ', serverUrl: 'ftp://x' }).success).toBe(false);
  });

  it('is what the schema gives and refuses', () => {
    expect(ServerAddressSchema.parse('192.168.1.10:8610')).toBe('http://192.168.1.10:8610');
    expect(ServerAddressSchema.safeParse('ftp://x').success).toBe(false);
  });
});
