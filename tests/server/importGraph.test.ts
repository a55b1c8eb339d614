/**
 * The district server's import graph, computed from its source: a PostgreSQL deployment never
 * loads better-sqlite3; a lower folder never imports a higher one; the district's rules import
 * only shared/ and Node; nothing in server/ reaches the kiosk (electron/, renderer/) or the console.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import serverLayersFile from '../../server/layers.json';

/** Every module specifier a source file names: static and type imports, re-exports, side-effect and dynamic imports. */
function importSpecifiers(source: string): { specifier: string; lazy: boolean; typeOnly: boolean }[] {
  const found: { specifier: string; lazy: boolean; typeOnly: boolean }[] = [];
  // `[^;]*?` spans the lines of a multi-line import list; a specifier is the quoted text after `from`.
  for (const match of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm))
    found.push({ specifier: match[3], lazy: false, typeOnly: match[2] !== undefined });
  for (const match of source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm))
    found.push({ specifier: match[1], lazy: false, typeOnly: false });
  for (const match of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g))
    found.push({ specifier: match[1], lazy: true, typeOnly: false });
  return found;
}

/** The file a relative specifier names, relative to the repository (`server/store/DistrictStore.ts`). */
function resolveRelative(from: string, specifier: string): string {
  const target = path.posix.join(path.posix.dirname(from), specifier).replace(/\.(ts|js)$/, '');
  return `${target}.ts`;
}

/** Every package a module loads at start through static imports (`import(...)` is lazy and not followed). */
function staticPackages(entry: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const { specifier, lazy, typeOnly } of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (lazy || typeOnly) continue;
      if (specifier.startsWith('.')) visit(resolveRelative(file, specifier));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return packages;
}

/** Every TypeScript file under `dir`, as repository paths. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** The server's layers, low to high: the one list ESLint's rules are built from too. */
const SERVER_LAYERS: readonly (readonly string[])[] = serverLayersFile.layers;

/** The rank of a server file's layer: its folder's index in `SERVER_LAYERS`, or above them all for a root file. */
function layerOf(file: string): number {
  const [, folder, ...rest] = file.split('/');
  if (rest.length === 0) return SERVER_LAYERS.length;
  const rank = SERVER_LAYERS.findIndex((layer) => layer.includes(folder));
  if (rank === -1) throw new Error(`importGraph: ${file} is in server/${folder}/, a folder of no layer; give it one`);
  return rank;
}

interface Edge {
  readonly from: string;
  /** A repository path for a relative import, else the package name. */
  readonly to: string;
}

/** Every import of every server file (relative ones resolved to repository paths). */
function serverImports(files: readonly string[]): Edge[] {
  return files.flatMap((from) =>
    importSpecifiers(readFileSync(from, 'utf8')).map(({ specifier }) => ({
      from,
      to: specifier.startsWith('.') ? resolveRelative(from, specifier) : specifier,
    })),
  );
}

/** The imports of `edges` that go from a lower server layer to a higher one, as `from -> to`. */
function upwardImports(edges: readonly Edge[]): string[] {
  return edges
    .filter((edge) => edge.to.startsWith('server/') && layerOf(edge.to) > layerOf(edge.from))
    .map((edge) => `${edge.from} -> ${edge.to}`);
}

describe('server imports', () => {
  const files = sourceFiles('server');
  const edges = serverImports(files);

  it('loads better-sqlite3 only from the SQLite store, which main.ts imports lazily', () => {
    expect(staticPackages('server/main.ts')).not.toContain('better-sqlite3');
    expect(staticPackages('server/store/PostgresDistrictStore.ts')).not.toContain('better-sqlite3');
    expect(staticPackages('server/store/PostgresDistrictStore.ts')).toContain('pg');
    expect(staticPackages('server/store/SqliteDistrictStore.ts')).toContain('better-sqlite3');
    expect(readFileSync('server/main.ts', 'utf8')).toMatch(/await import\('\.\/store\/SqliteDistrictStore'\)/);
  });

  it('reads the graph from the source: every layer has files and imports', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const layer of SERVER_LAYERS)
      for (const folder of layer) expect(edges.some((edge) => edge.from.startsWith(`server/${folder}/`))).toBe(true);
    expect(edges).toContainEqual({ from: 'server/store/SqliteDistrictStore.ts', to: 'better-sqlite3' });
  });

  it('never imports a higher layer from a lower one (domain < store < ingest, trace, accounts < http < routes < root)', () => {
    expect(upwardImports(edges)).toEqual([]);
  });

  it('finds an upward import when there is one', () => {
    const bad: Edge[] = [
      { from: 'server/domain/dayCounts.ts', to: 'server/store/DistrictStore.ts' },
      { from: 'server/store/SqliteDistrictStore.ts', to: 'server/ingest/ingestScans.ts' },
      { from: 'server/ingest/scanBatch.ts', to: 'server/routes/context.ts' },
      { from: 'server/http/auth.ts', to: 'server/main.ts' },
      { from: 'server/routes/scans.ts', to: 'server/http/answers.ts' },
    ];
    expect(upwardImports(bad)).toEqual(bad.slice(0, 4).map((edge) => `${edge.from} -> ${edge.to}`));
  });

  it("keeps the district's rules to shared/ and Node: no package, no other server folder", () => {
    const outside = edges.filter(
      (edge) =>
        edge.from.startsWith('server/domain/') &&
        !edge.to.startsWith('server/domain/') &&
        !edge.to.startsWith('shared/') &&
        !edge.to.startsWith('node:'),
    );
    expect(outside).toEqual([]);
  });

  it('never reaches the kiosk or the console source from server/', () => {
    // Node's own modules (node:fs/promises) hold a slash too and are no one's source.
    const outsideServer = edges.filter(
      (edge) => edge.to.includes('/') && !edge.to.startsWith('server/') && !edge.to.startsWith('node:'),
    );
    const kiosk = outsideServer.filter((edge) => /^(electron|renderer|console)\//.test(edge.to));
    expect(kiosk).toEqual([]);
    // Relative imports leave server/ only for shared/ and hosting/ (the page policy both sides serve with).
    expect(outsideServer.filter((edge) => edge.to.startsWith('.') || !/^(shared|hosting)\//.test(edge.to))).toEqual([]);
  });
});
