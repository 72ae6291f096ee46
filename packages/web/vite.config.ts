import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w packages/web` serves the app with hot reload and sends /api to a running
// `jobinvest serve` (port 8080 by default); `npm run build -w packages/web` writes dist/, which the
// server serves at /.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': process.env.JOBINVEST_API ?? 'http://127.0.0.1:8080' } },
});
