"""Markdown table of ablation metrics (eval.py --out JSON files), for models/README.md.

    /usr/bin/python3 models/ablation_table.py models/runs/abl-*/metrics.json
"""
import json
import os
import sys

COSAL = [('IoU k=4', ('cosal_k4', 'mean_iou')), ('IoU k=6', ('cosal_k6', 'mean_iou')), ('IoU k=8', ('cosal_k8', 'mean_iou')),
         ('SSIM k=4', ('cosal_k4', 'ssim')), ('outside change % k=4', ('cosal_k4', 'outside_change_pct')),
         ('steps / region k=4', ('cosal_k4', 'steps_per_region'))]
SHAPES = [('cell acc, 1 turn', ('one_turn', 'cell_acc')), ('edited cells, 1 turn', ('one_turn', 'edited_cell_acc')),
           ('cell acc, 4 turns', ('chains', 'turn4_cell_acc')), ('SSIM', ('one_turn', 'ssim')),
           ('outside change %', ('one_turn', 'outside_change_pct')), ('pronoun turns', ('one_turn', 'edited_cell_acc_by_kind', 'pronoun')),
           ('steps / region', ('one_turn', 'steps_per_region'))]


def main(paths):
    COLUMNS = COSAL if 'cosal_k4' in json.load(open(paths[0])) else SHAPES
    print('| variant | ' + ' | '.join(c for c, _ in COLUMNS) + ' |')
    print('|---' * (len(COLUMNS) + 1) + '|')
    for p in paths:
        m = json.load(open(p))
        cells = []
        for _, keys in COLUMNS:
            v = m
            for k in keys:
                v = v.get(k, {}) if isinstance(v, dict) else {}
            cells.append(f'{v:.3f}' if isinstance(v, float) else '-')
        name = os.path.basename(os.path.dirname(p)).split('-', 2)[-1]
        print(f'| {name} | ' + ' | '.join(cells) + ' |')


if __name__ == '__main__':
    main(sys.argv[1:])
