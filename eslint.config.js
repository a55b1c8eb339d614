// Folder = runtime: shared/ is pure, renderer/ and console/ import only shared/, electron/core/ never imports electron.
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
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, ...nativeAndShell, 'react', 'react-dom', 'react/*'],
              message: 'shared/ is pure TypeScript: no Node, DOM, React or Electron.',
            },
            {
              group: ['**/renderer/**', '**/electron/**', '**/server/**'],
              message: 'shared/ imports nothing outside shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, ...nativeAndShell],
              message: 'renderer/ runs in a sandboxed page: no Node, no native modules.',
            },
            {
              group: ['**/electron/**', '**/server/**'],
              message: 'renderer/ imports only shared/ (talk to the core through KioskApi).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['console/**/*.ts', 'console/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, ...nativeAndShell, 'pg'],
              message: 'console/ is browser code: no Node, no native modules.',
            },
            {
              group: ['**/electron/**', '**/server/**', '**/renderer/**'],
              message: 'console/ imports only shared/ (talk to the server through its API).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'electron/core is plain Node: never import electron.' },
            { group: ['**/renderer/**', '**/server/**'], message: 'electron/core imports shared/ and Node only.' },
          ],
        },
      ],
    },
  },
);
