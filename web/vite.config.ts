/** The web UI's build: Vite root web/, output web/dist (git-ignored), served by the Custos server. */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export const WEB_ROOT = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: WEB_ROOT,
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
