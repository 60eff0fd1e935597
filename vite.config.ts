import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { packsPlugin } from './scripts/vite/packs-plugin.ts';
import { serviceWorkerPlugin } from './scripts/vite/sw-plugin.ts';
import { cspPlugin } from './scripts/vite/csp-plugin.ts';

// base './' keeps every URL relative, so the built app works from any sub-path of a static host.
export default defineConfig({
  base: './',
  plugins: [svelte(), packsPlugin(), cspPlugin(), serviceWorkerPlugin()],
  worker: { format: 'es' },
  build: { target: 'es2022', assetsInlineLimit: 0, chunkSizeWarningLimit: 2048 },
  // ORT ships its own wasm loader; pre-bundling it breaks the relative wasm URL in dev.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
});
