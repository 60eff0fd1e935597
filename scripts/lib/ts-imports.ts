/** The imports of TypeScript files and Svelte `<script>` blocks, and where relative ones land, for scripts/check-imports.ts. */
import { posix } from 'node:path';
import ts from 'typescript';
import type { EdgeKind } from './import-graph.ts';

/** One import as written: its specifier, how it imports, and its 1-based line in the file. */
export interface RawImport {
  specifier: string;
  kind: EdgeKind;
  line: number;
}

/** Every module specifier a TS source imports: `import`, `import type`, `export ... from`, `import '...'`, `import('...')`, `import('...').T`. */
export function tsImports(source: string, fileName = 'file.ts', firstLine = 1): RawImport[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: RawImport[] = [];
  const add = (spec: ts.Node | undefined, kind: EdgeKind, at: ts.Node) => {
    if (spec && (ts.isStringLiteral(spec) || ts.isNoSubstitutionTemplateLiteral(spec))) {
      out.push({ specifier: spec.text, kind, line: sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + firstLine });
    }
  };
  const visit = (node: ts.Node): void => {
    // Only `import type` / `export type` vanish from the output: under verbatimModuleSyntax `import { type A }` stays as `import {}`.
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ? 'type' : 'static', node);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly ? 'type' : 'static', node);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], 'dynamic', node);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, 'type', node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The imports of a `.svelte` component: those of each `<script>` block (instance and module), at their lines in the component. */
export function svelteImports(source: string, fileName = 'file.svelte'): RawImport[] {
  const out: RawImport[] = [];
  for (const m of source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = m.index + m[0].indexOf('>') + 1;
    const firstLine = source.slice(0, start).split('\n').length;
    out.push(...tsImports(m[1]!, fileName, firstLine));
  }
  return out;
}

/** The imports of a source file by its extension. */
export function importsOf(file: string, source: string): RawImport[] {
  return file.endsWith('.svelte') ? svelteImports(source, file) : tsImports(source, file);
}

const CODE = /\.(ts|svelte|js|mjs)$/;

/**
 * Where a specifier written in `from` lands: a code file (root-relative), 'external' (a package, an asset such as
 * `.wgsl?raw` or `.json`), or null when a relative import of code finds no file. Vite's `?raw`/`?url`/`?worker`
 * suffixes are dropped: a worker is code; raw text and URLs of non-code files are assets.
 */
export function resolveImport(from: string, specifier: string, isFile: (path: string) => boolean): string | 'external' | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return 'external';
  const bare = specifier.replace(/[?#].*$/, '');
  const target = posix.normalize(posix.join(posix.dirname(from), bare));
  // `.js` may name a `.ts` file (TypeScript's own convention); `./x` may be `x.ts`, `x.svelte` or `x/index.ts`
  const candidates = [target, target.replace(/\.js$/, '.ts'), ...['.ts', '.svelte', '.js', '/index.ts', '/index.js'].map((s) => target + s)];
  const found = candidates.find((c) => CODE.test(c) && isFile(c));
  if (found) return found;
  return CODE.test(target) || !/\.[\w-]+$/.test(target) ? null : 'external';
}
