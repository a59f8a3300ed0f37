import { defineConfig } from 'vite'

// Vite 8 transforms TS/TSX with Oxc; React 19 uses the automatic JSX runtime.
export default defineConfig({
  root: 'renderer',
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    // No inline <script>: the page's CSP allows only scripts from 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
})
