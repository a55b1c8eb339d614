import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Timeouts only catch a hang: a busy shared machine (two cores, other work) stretches set-ups
    // that make databases and clusters far past their usual seconds, and must not fail a test.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['tests/support/globalSetup.ts'],
  },
});
