/** Seeded mutations for the fuzz suites: values hostile to a checker, link edits on histories, and raw text damage. */
import type { Rng } from '../../../src/domain/rng.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Slot = { parent: Json[] | { [k: string]: Json }; key: string | number };

/** Values a checker must survive wherever they appear. */
const HOSTILE: (() => Json)[] = [
  () => null, () => 0, () => -1, () => 1.5, () => 1e308, () => -1e308, () => 2 ** 53, () => true, () => '',
  () => 'constructor', () => '__proto__', () => 'toString', () => 'n0', () => 'n1', () => 'n2', () => 'n99',
  () => 'x'.repeat(100_000), () => '\u0000\ud800', () => [], () => ({}), () => [1, 2, 3], () => ['n0'], () => ({ id: 'n0' }),
  () => Array.from({ length: 20_000 }, () => 0), () => 'data:image/png;base64,iVBORw0KGgo=',
];

/** Every value slot in a JSON tree. */
function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => (out.push({ parent: v, key: k }), walk(x)));
  };
  walk(root);
  return out;
}

const get = (s: Slot): Json => (s.parent as Record<string | number, Json>)[s.key]!;
const set = (s: Slot, v: Json) => ((s.parent as Record<string | number, Json>)[s.key] = v);

/** History-link damage: cycles, second roots, ids clashing with Object's own keys, nextId below the ids. */
function damageHistory(file: { [k: string]: Json }, rng: Rng): void {
  const h = (file.dialogue as { [k: string]: Json })?.history as { nodes: { [k: string]: Json }[]; [k: string]: Json } | undefined;
  if (!h || !Array.isArray(h.nodes) || h.nodes.length === 0) return;
  const ids = h.nodes.map((n) => n.id as string).concat(['n0', 'n77', 'constructor', '__proto__']);
  const node = rng.pick(h.nodes);
  switch (rng.int(7)) {
    case 0: node.parent = rng.pick(ids); break;
    case 1: (node.children as Json[]).push(rng.pick(ids)); break;
    case 2: node.children = []; break;
    case 3: h.current = rng.pick(ids); break;
    case 4: h.nextId = rng.int(8) - 2; break;
    case 5: node.id = rng.pick(ids); break;
    default: {
      const nodes = file.nodes as { [k: string]: Json };
      const from = rng.pick(Object.keys(nodes));
      nodes[rng.pick(ids)] = nodes[from]!;
      if (rng.chance(0.5)) delete nodes[from];
    }
  }
}

/** `count` random mutations of a parsed JSON file (in place; returns it). */
export function mutateJson<T>(file: T, rng: Rng, count: number): T {
  const root = file as unknown as { [k: string]: Json };
  for (let m = 0; m < count; m++) {
    const kind = rng.int(6);
    if (kind === 0) {
      damageHistory(root, rng);
      continue;
    }
    const all = slots(root);
    if (all.length === 0) return file;
    const s = rng.pick(all);
    if (kind === 1) {
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete s.parent[s.key as string];
    } else if (kind === 2) set(s, rng.pick(HOSTILE)());
    else if (kind === 3) {
      const other = rng.pick(all);
      const v = get(s);
      set(s, structuredClone(get(other)));
      set(other, v);
    } else if (kind === 4 && Array.isArray(get(s))) {
      const a = get(s) as Json[];
      if (a.length > 0) a.push(structuredClone(rng.pick(a)));
      else a.reverse();
    } else {
      const v = get(s);
      if (typeof v === 'string') set(s, v.slice(0, rng.int(v.length + 1)) + (rng.chance(0.5) ? '%' : ''));
      else if (typeof v === 'number') set(s, rng.pick([v + 1, v - 1, -v, v * 1000, v / 3]));
      else set(s, rng.pick(HOSTILE)());
    }
  }
  return file;
}

/** Raw damage to the text: truncation, a flipped or inserted character, a deleted span. */
export function mutateText(text: string, rng: Rng): string {
  const at = rng.int(text.length);
  switch (rng.int(4)) {
    case 0: return text.slice(0, at);
    case 1: return text.slice(0, at) + String.fromCharCode(rng.int(128)) + text.slice(at + 1);
    case 2: return text.slice(0, at) + rng.pick(['{', '}', '"', ',', '[', '\\', 'null']) + text.slice(at);
    default: return text.slice(0, at) + text.slice(at + 1 + rng.int(200));
  }
}
