import { mount } from 'svelte';
import App from './app/App.svelte';
import { AppState } from './app/app-state.svelte.ts';
import { EngineState } from './app/engine-state.svelte.ts';
import { WorkerEngine } from './engine-client.ts';
import { Updates } from './app/updates.svelte.ts';
import type { Scene } from './domain/scene.ts';
import { domainNamed } from './domains/index.ts';
import { openStorage } from './store/open-storage.ts';
import { SessionStore } from './store/sessions.ts';

const { kv, problem } = await openStorage();
const store = new SessionStore(kv);
const engine = new WorkerEngine();
const state = new AppState(new EngineState(engine, store), store);
state.storageProblem = problem;
// For the built app's e2e tests (and anyone curious in the console): crash the editor worker in the next edit;
// render a scene of any known domain with the browser's own copy of its renderer.
(globalThis as { parleyDebug?: unknown }).parleyDebug = {
  crashWorker: () => engine.crashForTest(),
  render: (scene: Scene) => Array.from(domainNamed(scene.domain)?.renderRgba(scene) ?? []),
};
const updates = new Updates();
mount(App, { target: document.getElementById('app')!, props: { app: state, updates } });
void state.init();

// Dev serves modules unbundled; only the built app has the precache list the worker needs.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  updates.watch(new URL('./sw.js', document.baseURI)).catch((e) => console.warn('Offline support unavailable:', e));
}
