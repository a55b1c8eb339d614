/** A PostgreSQL deployment never loads better-sqlite3: no static import path leads to it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every package a module loads at start through static imports (`import(...)` is lazy and not followed). */
function staticPackages(entry: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'";]*?from\s+'([^']+)'/gm)) {
      const target = match[1];
      if (target.startsWith('.')) visit(`${path.resolve(path.dirname(file), target).replace(/\.ts$/, '')}.ts`);
      else packages.add(target);
    }
  };
  visit(path.resolve(entry));
  return packages;
}

describe('server imports', () => {
  it('loads better-sqlite3 only from the SQLite store, which main.ts imports lazily', () => {
    expect(staticPackages('server/main.ts')).not.toContain('better-sqlite3');
    expect(staticPackages('server/store/PostgresDistrictStore.ts')).not.toContain('better-sqlite3');
    expect(staticPackages('server/store/PostgresDistrictStore.ts')).toContain('pg');
    expect(staticPackages('server/store/SqliteDistrictStore.ts')).toContain('better-sqlite3');
    expect(readFileSync('server/main.ts', 'utf8')).toMatch(/await import\('\.\/store\/SqliteDistrictStore'\)/);
  });
});
