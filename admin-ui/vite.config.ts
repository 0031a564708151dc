/**
 * Builds the admin console: `vite build --config admin-ui/vite.config.ts` from the repository root.
 * `base: './'` makes every asset URL relative, so the same build is served from a CloudFront origin, a sub-path or a
 * local static server; the API address comes from config.json at run time, never from the build.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // react-admin + MUI make one large vendor chunk; that is expected for an internal console.
    chunkSizeWarningLimit: 2500,
  },
  server: { port: 5173, strictPort: false },
});
