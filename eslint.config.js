// Folder = runtime: shared/ is pure, renderer/ and console/ import only shared/, electron/core/ never imports electron,
// hosting/ (the page policy both sides serve with) imports only shared/, the Electron shell never reaches the district
// server, and server/ never reaches the kiosk. Inside server/ the folders are layers: a lower one never imports a higher
// one (tests/server/importGraph.test.ts checks the same over the whole graph).
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'zlib',
  'worker_threads',
];
const nativeAndShell = ['electron', 'better-sqlite3', 'node-hid', 'serialport', 'ws'];

/** One import boundary: files that may not import `group` (module names or path patterns), and why. */
const boundary = (files, ...rules) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: rules.map(([group, message]) => ({ group, message })) }],
  },
});

const kioskFolders = ['**/electron/**', '**/renderer/**'];

/** The district server's layers, low to high (`server/layers.json`, which the import-graph test reads too). */
const serverLayers = JSON.parse(readFileSync(new URL('./server/layers.json', import.meta.url), 'utf8')).layers;

/** What no server file imports (repeated in each layer's entry: for one rule, ESLint keeps the last matching entry's options). */
const serverWide = [
  [['electron', 'node-hid', 'serialport'], 'server/ is the district server: no Electron, no scanner drivers.'],
  [
    [...kioskFolders, '**/console/**'],
    'server/ imports shared/ and hosting/ only, never the kiosk or the console source.',
  ],
];

const serverLayerBoundaries = serverLayers.flatMap((layer, index) => {
  const higher = serverLayers.slice(index + 1).flat();
  if (higher.length === 0) return [];
  return [
    boundary(
      layer.map((folder) => `server/${folder}/**/*.ts`),
      ...serverWide,
      [
        higher.flatMap((folder) =>
          ['../', '../../', '../../../', '../../../../'].flatMap((up) => [up + folder, `${up}${folder}/**`]),
        ),
        `server/${layer.join(', server/')} may not import server/${higher.join(', server/')}: a lower layer never imports a higher one.`,
      ],
    ),
  ];
});

const boundaries = [
  boundary(
    ['shared/**/*.ts'],
    [
      [...nodeBuiltins, ...nativeAndShell, 'react', 'react-dom', 'react/*'],
      'shared/ is pure TypeScript: no Node, DOM, React or Electron.',
    ],
    [
      ['**/renderer/**', '**/electron/**', '**/server/**', '**/hosting/**', '**/console/**'],
      'shared/ imports nothing outside shared/.',
    ],
  ),
  boundary(
    ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    [[...nodeBuiltins, ...nativeAndShell], 'renderer/ runs in a sandboxed page: no Node, no native modules.'],
    [
      ['**/electron/**', '**/server/**', '**/hosting/**', '**/console/**'],
      'renderer/ imports only shared/ (talk to the core through KioskApi).',
    ],
  ),
  boundary(
    ['console/**/*.ts', 'console/**/*.tsx'],
    [[...nodeBuiltins, ...nativeAndShell, 'pg'], 'console/ is browser code: no Node, no native modules.'],
    [
      ['**/electron/**', '**/server/**', '**/renderer/**', '**/hosting/**'],
      'console/ imports only shared/ (talk to the server through its API).',
    ],
  ),
  boundary(
    ['hosting/**/*.ts'],
    [[...nativeAndShell, 'pg'], 'hosting/ is plain Node: no Electron, no native modules.'],
    [
      [...kioskFolders, '**/server/**', '**/console/**'],
      'hosting/ imports shared/ and Node only: both sides import it.',
    ],
  ),
  boundary(
    ['electron/core/**/*.ts'],
    [['electron'], 'electron/core is plain Node: never import electron.'],
    [['**/renderer/**', '**/server/**', '**/console/**'], 'electron/core imports shared/ and Node only.'],
  ),
  boundary(
    ['electron/*.ts', 'electron/shell/**/*.ts'],
    [['pg'], 'the kiosk never talks to a district database.'],
    [
      ['**/renderer/**', '**/server/**', '**/console/**'],
      'the Electron shell and the kiosk hosts import electron/core, hosting/ and shared/ only.',
    ],
  ),
  boundary(
    ['electron/preload.ts'],
    [
      [...nodeBuiltins, 'better-sqlite3', 'node-hid', 'serialport', 'ws', 'pg'],
      'the preload runs sandboxed: electron and shared/ only.',
    ],
    [
      ['**/core/**', '**/renderer/**', '**/server/**', '**/hosting/**', '**/console/**'],
      'the preload imports electron and shared/ only.',
    ],
  ),
  boundary(['server/**/*.ts'], ...serverWide),
  ...serverLayerBoundaries,
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  ...boundaries,
);
