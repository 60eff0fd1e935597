/** The imports of Python files (read by python-imports.py with `ast`) and the files in the tree they name. */
import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One import statement as python-imports.py reports it (`from .a import b` is module 'a', names ['b'], level 1). */
export interface PyImport {
  module: string;
  names: string[];
  level: number;
  line: number;
  inFunction: boolean;
}

const HELPER = fileURLToPath(new URL('./python-imports.py', import.meta.url));

/** Each file's imports, or the reason it does not parse; files are paths relative to `cwd`. */
export function pythonImports(files: readonly string[], cwd: string, python = '/usr/bin/python3'): Map<string, PyImport[] | { error: string }> {
  if (files.length === 0) return new Map();
  const json = execFileSync(python, [HELPER, ...files], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return new Map(Object.entries(JSON.parse(json) as Record<string, PyImport[] | { error: string }>));
}

/**
 * The files of the tree one import loads: `import a.b` and `from a.b import c` look for a/b.py (or a/b/__init__.py),
 * and for c as a submodule, first beside the importer and then in each of `roots` (the folders the code puts on
 * sys.path, e.g. models/ for models/tests); `from . import c` looks in the importer's package. Packages outside the
 * tree (torch, numpy, the standard library) resolve to nothing.
 */
export function resolvePython(from: string, imp: PyImport, roots: readonly string[], isFile: (path: string) => boolean): string[] {
  const dir = posix.dirname(from);
  const bases = imp.level > 0 ? [posix.join(dir, ...Array<string>(imp.level - 1).fill('..'))] : [...new Set([dir, ...roots])];
  for (const base of bases) {
    const at = imp.module ? posix.join(base, ...imp.module.split('.')) : base;
    const module = (imp.module ? [`${at}.py`, `${at}/__init__.py`] : [`${at}/__init__.py`]).find(isFile);
    const submodules = imp.names.map((n) => `${at}/${n}.py`).filter(isFile);
    // the first folder on the path that has the module is the one Python loads it from
    if (module || submodules.length > 0) return [...(module ? [module] : []), ...submodules];
  }
  return [];
}
