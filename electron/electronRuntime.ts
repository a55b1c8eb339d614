/** Where the Electron runtime binary is, if it was downloaded (it is not with ELECTRON_SKIP_BINARY_DOWNLOAD). */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
