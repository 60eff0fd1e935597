"""Prints the imports of Python files as JSON, for scripts/check-imports.ts (scripts/lib/python-imports.ts).

Usage: python3 scripts/lib/python-imports.py FILE.py...
Output: {"FILE.py": [{"module": "a.b", "names": ["c"], "level": 0, "line": 3, "inFunction": false}, ...], ...};
a file that does not parse gets {"error": "..."} instead of a list.
The whole tree is walked, so an import inside a function (or a class in a function) is found too.
"""
import ast
import json
import sys

FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def imports(node, in_function, out):
    """Appends every import under `node`; `in_function` says whether `node` runs only when a function is called."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import):
            for alias in child.names:
                out.append({'module': alias.name, 'names': [], 'level': 0, 'line': child.lineno, 'inFunction': in_function})
        elif isinstance(child, ast.ImportFrom):
            out.append({'module': child.module or '', 'names': [a.name for a in child.names], 'level': child.level,
                        'line': child.lineno, 'inFunction': in_function})
        imports(child, in_function or isinstance(child, FUNCTIONS), out)
    return out


def main(paths):
    result = {}
    for path in paths:
        try:
            with open(path, encoding='utf-8') as f:
                result[path] = imports(ast.parse(f.read(), path), False, [])
        except (SyntaxError, ValueError, OSError) as e:
            result[path] = {'error': str(e)}
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1:])
