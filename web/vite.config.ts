import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the API server at /app (src/http/console.routes.ts), so every URL in the build starts there.
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  // `npx vite web` serves the console with hot reload at :5173/app and passes API calls to `npm start`'s server.
  server: { proxy: { '/v1': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP allows no inline script: keep the module-preload helper out of index.html.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
