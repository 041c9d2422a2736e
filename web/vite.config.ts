// Build and test configuration of the browser client.
//
// The server sends a strict Content-Security-Policy (script-src 'self'; style-src 'self'; no
// inline code, no eval), so the build must emit only external, hashed files: no inline
// <script>/<style>, no style="" attributes, no runtime code generation. React's JSX is compiled
// by esbuild directly (no @vitejs/plugin-react: one dependency fewer, no Fast Refresh).
import { defineConfig } from 'vitest/config';

// Where `npm run dev` forwards API calls: a locally running server (self-signed certificate).
const devApiTarget = process.env['DIENHONG_DEV_API'] ?? 'https://localhost:8443';

export default defineConfig({
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'react',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Every browser we support (A7: Chrome, Cốc Cốc, Edge, Firefox, Safari) has modulepreload;
    // the polyfill is not needed, and nothing may be inlined into index.html.
    modulePreload: { polyfill: false },
    // Never turn small assets into data: URLs inside CSS/JS; keep them as files under /assets.
    assetsInlineLimit: 0,
    sourcemap: false,
    cssCodeSplit: true,
  },
  server: {
    proxy: {
      // ws: the meeting signalling WebSocket (/api/v1/ws) goes through the same proxy.
      '/api': { target: devApiTarget, changeOrigin: false, secure: false, ws: true },
      '/healthz': { target: devApiTarget, changeOrigin: false, secure: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
