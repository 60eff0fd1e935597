/**
 * Fails on an import cycle in src/, workers/ or models/ (STYLE.md rule 12: dependencies point one way), counting
 * dynamic import(), type-only imports (reported as such) and Python imports inside functions; and fails on any
 * import of a models/ module inside a function, the way a cycle gets hidden.
 * Usage: tsx scripts/check-imports.ts [--root DIR]   (part of `npm run check`; exit 1 when it finds something)
 */
import { formatCycle, formatEdge } from './lib/import-graph.ts';
import { checkImports } from './lib/import-check.ts';
import { parseCli } from './lib/cli.ts';

const values = parseCli({ usage: 'check-imports [--root DIR]', options: { root: { type: 'string', default: '.' } } });
const report = checkImports(values.root);
for (const p of report.problems) console.error(p);
for (const cycle of report.cycles) console.error(`import cycle: ${formatCycle(cycle)}`);
// the edge already says where; the kind would repeat the heading
for (const e of report.functionImports) console.error(`import inside a function: ${formatEdge({ ...e, kind: 'static' })}`);
const files = report.graph.size;
const imports = [...report.graph.values()].reduce((n, es) => n + es.length, 0);
if (report.problems.length + report.cycles.length + report.functionImports.length > 0) {
  console.error(
    `check-imports: ${report.cycles.length} cycle(s), ${report.functionImports.length} import(s) inside a function, ` +
      `${report.problems.length} other problem(s) in ${files} files (STYLE.md rule 12: dependencies point one way)`,
  );
  process.exit(1);
}
console.log(`check-imports: no import cycles in ${files} files (${imports} imports between them)`);
