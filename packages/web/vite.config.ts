import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { shipBuild } from './build-steps.ts';
import { catalogSplit } from './catalog-split.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const preactDir = dirname(createRequire(import.meta.url).resolve('preact/package.json'));
const preact = (file: string) => join(preactDir, file);

// The hub serves dist/ at `/` (with the .br/.gz files written beside each asset); `vite` dev server
// proxies the API to a hub on :8080. Source maps go to sourcemaps/, which nothing serves: they are
// for reading a stack trace someone reports, and would hand out the whole source to anyone.
export default defineConfig({
  root,
  plugins: [
    catalogSplit(),
    react(),
    shipBuild({ sourcemapDir: fileURLToPath(new URL('sourcemaps', import.meta.url)) }),
  ],
  resolve: {
    alias: [
      { find: /^react$/, replacement: preact('compat/dist/compat.mjs') },
      { find: /^react-dom$/, replacement: preact('compat/dist/compat.mjs') },
      { find: /^react-dom\/client$/, replacement: preact('compat/client.mjs') },
      { find: /^react\/jsx-runtime$/, replacement: preact('compat/jsx-runtime.mjs') },
      { find: /^react\/jsx-dev-runtime$/, replacement: preact('compat/jsx-dev-runtime.mjs') },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: 'hidden',
    rolldownOptions: {
      treeshake: {
        // The protocol package is mostly TypeBox schemas built at import time, for the hub's checks;
        // the app uses a few constants from it. Its modules do nothing on import that the app needs,
        // and building a schema nobody uses has no effect, so both can go: this keeps TypeBox
        // and the unused schemas (~27 kB gzipped) out of the first download.
        moduleSideEffects: (id) =>
          /[\\/]packages[\\/]protocol[\\/]src[\\/]|[\\/]node_modules[\\/]typebox[\\/]/.test(id)
            ? false
            : undefined,
        manualPureFunctions: ['Type', 'Text', 'MultilineText', 'Page'],
      },
      output: {
        // Chunks that change at different paces, so a new release re-downloads little: the libraries
        // every page needs, the core of the English catalog, then the app (the entry and one chunk a
        // screen). The rest of English and each other language are chunks of their own (dynamic
        // imports in i18n.ts), fetched with the first other screen / only by a browser showing it.
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, tags: ['$initial'] },
            { name: 'catalog-en', test: /[\\/]src[\\/]i18n[\\/]en\.json\?core$/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
      '/readyz': 'http://127.0.0.1:8080',
    },
  },
});
