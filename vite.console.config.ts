import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The district console: browser code served by the district server at `/` (dist/console). */
export default defineConfig({
  root: 'console',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/console', emptyOutDir: true, target: 'chrome120', sourcemap: false },
});
