/** The import-cycle check (scripts/check-imports.ts and its lib files) on small trees written to a temp folder. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImports } from '../../../scripts/lib/import-check.ts';
import { buildGraph, findCycles, formatCycle, stronglyConnected, type Edge } from '../../../scripts/lib/import-graph.ts';
import { resolvePython } from '../../../scripts/lib/python-imports.ts';
import { resolveImport, svelteImports, tsImports } from '../../../scripts/lib/ts-imports.ts';

const temp = mkdtempSync(join(tmpdir(), 'parley-imports-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let trees = 0;
/** Writes `files` (path -> text) into a fresh folder and returns its path. */
const tree = (files: Record<string, string>) => {
  const root = join(temp, `t${trees++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
};
const edge = (from: string, to: string, kind: Edge['kind'] = 'static', line = 1): Edge => ({ from, to, kind, line });
const paths = (cycles: Edge[][]) => cycles.map((c) => formatCycle(c).split('\n')[0]);

describe('import graph', () => {
  it('finds strongly connected components, including a file that imports itself', () => {
    const g = buildGraph(['a', 'b', 'c', 'd', 'e'], [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'd'), edge('e', 'e')]);
    expect(stronglyConnected(g).map((c) => c.join(',')).sort()).toEqual(['a,b,c', 'd', 'e']);
    expect(paths(findCycles(g))).toEqual(['e -> e', 'a -> b -> c -> a']);
  });

  it('reports enough cycles to use every edge of a component, each once', () => {
    const g = buildGraph(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'a'), edge('b', 'c'), edge('c', 'a')]);
    expect(paths(findCycles(g))).toEqual(['a -> b -> a', 'a -> b -> c -> a']);
  });

  it('keeps one edge per pair, the one that runs soonest, and drops edges leaving the graph', () => {
    const g = buildGraph(['a', 'b'], [edge('a', 'b', 'type', 1), edge('a', 'b', 'static', 9), edge('a', 'x')]);
    expect(g.get('a')).toEqual([edge('a', 'b', 'static', 9)]);
  });

  it('goes back through runtime imports when it can, so a runtime cycle is not called type-only', () => {
    const g = buildGraph(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'a', 'type'), edge('b', 'c'), edge('c', 'a')]);
    const [first, second] = findCycles(g).map(formatCycle);
    expect(first!.split('\n')[0]).toBe('a -> b -> c -> a');
    expect(second!.split('\n')[0]).toMatch(/^a -> b -> a {2}\[type-only/);
  });
});

describe('reading imports', () => {
  it('sees every kind of TS import, with its line and whether it is type-only', () => {
    const src = [
      "import a from './a.ts';", "import type { B } from './b.ts';", "import { type C } from './c.ts';", "export * from './d.ts';",
      "export type { E } from './e.ts';", "import './f.ts';", "// import './comment.ts'", "const s = \"import './string.ts'\";",
      'function g() {', "  return import('./g.ts');", '}', "type H = import('./h.ts').H;", "import shader from './k.wgsl?raw';",
    ].join('\n');
    expect(tsImports(src).map((i) => `${i.line} ${i.kind} ${i.specifier}`)).toEqual([
      '1 static ./a.ts', '2 type ./b.ts', '3 static ./c.ts', '4 static ./d.ts', '5 type ./e.ts', '6 static ./f.ts',
      '10 dynamic ./g.ts', '12 type ./h.ts', '13 static ./k.wgsl?raw',
    ]);
  });

  it('reads both script blocks of a Svelte component, at their lines in the component', () => {
    const src = "<script module>\n  import x from './x.ts';\n</script>\n<script lang=\"ts\">\n\n  import type { Y } from './y.ts';\n</script>\n<p>{x}</p>";
    expect(svelteImports(src)).toEqual([
      { specifier: './x.ts', kind: 'static', line: 2 },
      { specifier: './y.ts', kind: 'type', line: 6 },
    ]);
  });

  it('resolves extensions, folders, .js for .ts and Vite suffixes; packages and assets stay outside', () => {
    const files = new Set(['src/a.ts', 'src/b/index.ts', 'src/C.svelte', 'src/w.ts', 'src/k.wgsl']);
    const at = (spec: string) => resolveImport('src/x/y.ts', spec, (p) => files.has(p));
    expect(['../a.ts', '../a', '../a.js', '../b', '../C.svelte', '../w.ts?worker'].map(at)).toEqual([
      'src/a.ts', 'src/a.ts', 'src/a.ts', 'src/b/index.ts', 'src/C.svelte', 'src/w.ts',
    ]);
    expect(['comlink', 'onnxruntime-web/x.wasm?url', '../k.wgsl?raw', '../data.json'].map(at)).toEqual(Array(4).fill('external'));
    expect(at('../missing.ts')).toBeNull();
  });

  it('resolves Python imports beside the importer first, then on the roots; packages outside resolve to nothing', () => {
    const files = new Set(['models/a.py', 'models/pkg/__init__.py', 'models/pkg/m.py', 'models/tests/helper.py']);
    const isFile = (p: string) => files.has(p);
    const at = (from: string, module: string, names: string[] = [], level = 0) =>
      resolvePython(from, { module, names, level, line: 1, inFunction: false }, ['models'], isFile);
    expect(at('models/tests/t.py', 'a')).toEqual(['models/a.py']);
    expect(at('models/tests/t.py', 'helper')).toEqual(['models/tests/helper.py']);
    expect(at('models/a.py', 'pkg', ['m', 'f'])).toEqual(['models/pkg/__init__.py', 'models/pkg/m.py']);
    expect(at('models/pkg/m.py', '', ['m'], 1)).toEqual(['models/pkg/__init__.py', 'models/pkg/m.py']);
    expect(at('models/a.py', 'torch.nn', ['functional'])).toEqual([]);
  });
});

describe('checkImports on a tree', () => {
  it('finds a TS cycle that runs through a dynamic import', () => {
    const root = tree({
      'src/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'src/b.ts': "export const b = 1;\nexport const later = () => import('./a.ts');\n",
    });
    const r = checkImports(root);
    expect(r.cycles.map(formatCycle)).toEqual([
      'src/a.ts -> src/b.ts -> src/a.ts\n    src/a.ts:1 imports src/b.ts\n    src/b.ts:2 imports src/a.ts (dynamic import())',
    ]);
  });

  it('finds a cycle through a Svelte component, across src/ and workers/', () => {
    const root = tree({
      'src/App.svelte': "<script lang=\"ts\">\n  import { state } from '../workers/state.ts';\n</script>\n<p>{state}</p>\n",
      'workers/state.ts': "import App from '../src/App.svelte';\nexport const state = App.name;\n",
    });
    expect(paths(checkImports(root).cycles)).toEqual(['src/App.svelte -> workers/state.ts -> src/App.svelte']);
  });

  it('reports a cycle through a type-only import as type-only', () => {
    const root = tree({
      'src/x.ts': "import type { Y } from './y.ts';\nexport const x = (y: Y) => y;\n",
      'src/y.ts': "import { x } from './x.ts';\nexport type Y = typeof x;\n",
    });
    const [cycle] = checkImports(root).cycles;
    expect(formatCycle(cycle!)).toMatch(/^src\/x\.ts -> src\/y\.ts -> src\/x\.ts {2}\[type-only: no runtime cycle/);
    expect(formatCycle(cycle!)).toContain('src/x.ts:1 imports src/y.ts (type-only)');
  });

  it('finds a Python cycle hidden in a function, and the import in the function', () => {
    const root = tree({
      'models/train.py': 'import torch\nfrom export import save\n\n\ndef fit():\n    pass\n',
      'models/export.py': 'import os\n\n\ndef save():\n    if True:\n        from train import fit\n        return fit\n',
      'models/tests/test_x.py': 'import sys\nfrom train import fit\n',
    });
    const r = checkImports(root);
    expect(r.cycles.map(formatCycle)).toEqual([
      'models/export.py -> models/train.py -> models/export.py\n' +
        '    models/export.py:6 imports models/train.py (inside a function)\n    models/train.py:2 imports models/export.py',
    ]);
    expect(r.functionImports).toEqual([edge('models/export.py', 'models/train.py', 'function', 6)]);
  });

  it('passes a clean tree, and names an import of a file that is not there', () => {
    const files = {
      'src/main.ts': "import { run } from './app';\nimport shader from './k.wgsl?raw';\nimport { wrap } from 'comlink';\nrun(shader, wrap);\n",
      'src/app/index.ts': "import type { Api } from '../../workers/api.ts';\nexport const run = (..._: unknown[]) => ({}) as Api;\n",
      'src/k.wgsl': '@compute fn main() {}\n',
      'workers/api.ts': 'export type Api = { ok: true };\n',
      'models/model.py': 'import torch\n\n\ndef build():\n    import numpy\n    return numpy\n',
      'models/tests/test_model.py': 'import os\nimport sys\nsys.path.insert(0, os.path.dirname(__file__))\nfrom model import build\n',
    };
    const r = checkImports(tree(files));
    expect([r.cycles, r.functionImports, r.problems]).toEqual([[], [], []]);
    expect(r.graph.get('src/main.ts')!.map((e) => e.to)).toEqual(['src/app/index.ts']);
    const broken = checkImports(tree({ ...files, 'src/main.ts': "import { run } from './gone.ts';\n" }));
    expect(broken.problems).toEqual(["src/main.ts:1: no file for import './gone.ts'"]);
  });

  it('exits 1 on a cycle and 0 on a clean tree (the npm run check step)', () => {
    const run = (root: string) => spawnSync('npx', ['tsx', 'scripts/check-imports.ts', '--root', root], { encoding: 'utf8', timeout: 60_000 });
    const bad = run(tree({ 'src/a.ts': "import './b.ts';\n", 'src/b.ts': "import './a.ts';\n" }));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('import cycle: src/a.ts -> src/b.ts -> src/a.ts');
    const good = run(tree({ 'src/a.ts': "import './b.ts';\n", 'src/b.ts': 'export {};\n' }));
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/no import cycles in 2 files/);
  });
});
