import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the e2e tests put the screenshots kept in `docs/`: `docs/` itself when asked
 * (`DOCS_SCREENSHOTS=1 npm run test:e2e`, to refresh them), otherwise `test-results/docs/`, so an
 * ordinary test run leaves the repository's files alone.
 */
export function docsShot(relative: string): string {
  const file = path.join(process.env.DOCS_SCREENSHOTS === '1' ? 'docs' : path.join('test-results', 'docs'), relative);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
