#!/usr/bin/env python3
"""Builds a second annotator's packet from a blind writer's file: the same scenes and spec, the user turns,
and only the writer's clarify marks (never their scenes), so the two sets of expected scenes are independent.

Usage: python3 scripts/corpus/annotation-packet.py WRITER_DIR OUT_DIR
"""
import json
import shutil
import sys
from pathlib import Path

src, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
shutil.copytree(src / 'scenes', out / 'scenes', dirs_exist_ok=True)
shutil.copy(src / 'spec.md', out / 'spec.md')
brief = Path(__file__).parent / 'brief'
shutil.copy(brief / 'ANNOTATE.md', out / 'ANNOTATE.md')
shutil.copy(brief / 'check.py', out / 'check.py')
with open(out / 'todo.jsonl', 'w') as f:
    for line in (src / 'dialogues.jsonl').read_text().splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        turns = [{'user': t['user'], **({'expect': {'clarify': True}} if t['expect'] == {'clarify': True} else {})} for t in d['turns']]
        f.write(json.dumps({'id': d['id'], 'scene_file': d['scene_file'], 'scene': d['scene'], 'turns': turns}) + '\n')
print(f'annotation packet -> {out}')
