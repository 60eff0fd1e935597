/**
 * Adds the Content-Security-Policy to the built index.html: scripts, workers, WebAssembly and connections from
 * the app's own origin only, so nothing injected into the page could load code or send a picture elsewhere. Not
 * in dev, where Vite's client needs inline scripts and a websocket.
 */
import type { Plugin } from 'vite';

export const CSP = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' compiles WebAssembly (ORT); it allows no JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  // Svelte sets inline style attributes (positions, colours).
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

export function cspPlugin(): Plugin {
  return {
    name: 'parley-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}
