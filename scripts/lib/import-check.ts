/** Reads a tree's TS, Svelte and Python sources into one import graph and finds what STYLE.md rule 12 forbids. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { buildGraph, findCycles, type Edge, type Graph } from './import-graph.ts';
import { pythonImports, resolvePython } from './python-imports.ts';
import { importsOf, resolveImport } from './ts-imports.ts';

/** Which folders of the tree to read (relative to its root). */
export interface CheckScope {
  /** Folders of TypeScript and Svelte sources. */
  ts: readonly string[];
  /** Folders of Python sources; each is also on the import path of the files below it (as models/tests puts models/). */
  python: readonly string[];
}

/** What the check found; the tree passes when every list is empty. */
export interface CheckReport {
  graph: Graph;
  cycles: Edge[][];
  /** Imports of the tree's own Python modules inside a function (the way a cycle gets hidden). */
  functionImports: Edge[];
  /** Relative imports of code that name no file, and files that do not parse: the graph would miss their edges. */
  problems: string[];
}

/** The default scope: the app, its workers and the training code. */
export const SCOPE: CheckScope = { ts: ['src', 'workers'], python: ['models'] };

const SKIP = new Set(['node_modules', '__pycache__']);

/** Files under `dir` (root-relative, posix) whose names match `pattern`, skipping dot folders, node_modules and caches. */
export function listFiles(root: string, dir: string, pattern: RegExp): string[] {
  if (!existsSync(join(root, dir))) return [];
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIP.has(entry.name)) out.push(...listFiles(root, path, pattern));
    else if (entry.isFile() && pattern.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/** Reads the tree at `root` and checks it. */
export function checkImports(root: string, scope: CheckScope = SCOPE): CheckReport {
  const isFile = (p: string) => existsSync(join(root, p)) && statSync(join(root, p)).isFile();
  const edges: Edge[] = [];
  const problems: string[] = [];
  const tsFiles = scope.ts.flatMap((d) => listFiles(root, d, /\.(ts|svelte)$/));
  for (const from of tsFiles) {
    for (const imp of importsOf(from, readFileSync(join(root, from), 'utf8'))) {
      const to = resolveImport(from, imp.specifier, isFile);
      if (to === null) problems.push(`${from}:${imp.line}: no file for import '${imp.specifier}'`);
      else if (to !== 'external') edges.push({ from, to, kind: imp.kind, line: imp.line });
    }
  }
  const pyFiles = scope.python.flatMap((d) => listFiles(root, d, /\.py$/));
  for (const [from, imports] of pythonImports(pyFiles, root)) {
    if (!Array.isArray(imports)) {
      problems.push(`${from}: cannot parse: ${imports.error}`);
      continue;
    }
    const roots = scope.python.filter((d) => from.startsWith(`${d}/`));
    for (const imp of imports) {
      for (const to of resolvePython(from, imp, roots, isFile)) edges.push({ from, to, kind: imp.inFunction ? 'function' : 'static', line: imp.line });
    }
  }
  const graph = buildGraph([...tsFiles, ...pyFiles], edges);
  const functionImports = edges.filter((e) => e.kind === 'function').sort((a, b) => a.from.localeCompare(b.from) || a.line - b.line);
  return { graph, cycles: findCycles(graph), functionImports, problems };
}
