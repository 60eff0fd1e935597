/** shapes-v1 as understanding sees it: attributes, their words, and the 3x3 grid (spec/shapes-v1.md). */
import type { LanguageSchema, SynonymTable } from '../../domain/schema.ts';
import type { Change } from '../../understanding/changes.ts';
import type { Edit } from './edits.ts';
import { COLORS, GRID, SHAPES, SIZES, TEXTURES, type Color, type SceneObject, type Shape, type Size, type Texture } from './scene.ts';
import synonyms from './synonyms.json';

const self = (vs: readonly string[]): Record<string, string[]> => Object.fromEntries(vs.map((v) => [v, [v]]));

/** The shapes-v1 language schema. */
export const SHAPES_LANGUAGE: LanguageSchema = {
  domain: 'shapes-v1',
  grid: { rows: GRID, cols: GRID },
  attributes: [
    {
      name: 'shape', values: SHAPES, noun: true, words: self(SHAPES),
      plurals: Object.fromEntries(SHAPES.map((s) => [s, [s === 'cross' ? 'crosses' : `${s}s`]])),
      nouns: ['shape', 'form'],
    },
    { name: 'color', values: COLORS, words: self(COLORS), nouns: ['color', 'colour', 'shade', 'hue', 'tint'] },
    {
      name: 'size', values: SIZES, ordered: true, default: 'medium', words: self(SIZES), nouns: ['size'],
      more: ['bigger', 'larger'], less: ['smaller', 'tinier', 'littler'],
      moreVerbs: ['enlarge', 'grow', 'expand', 'increase', 'magnify', 'upsize', 'supersize', 'inflate'],
      lessVerbs: ['shrink', 'reduce', 'decrease', 'downsize', 'minimize', 'compress'],
      most: ['biggest', 'largest'], least: ['smallest', 'tiniest', 'littlest'],
    },
    {
      name: 'texture', values: TEXTURES, default: 'solid', words: self(TEXTURES), nouns: ['texture', 'pattern', 'fill'],
      valueNouns: { striped: ['stripes', 'stripe', 'lines'], dotted: ['dots', 'dot', 'spots', 'polka dots', 'polka dot'] },
    },
  ],
  synonyms: synonyms as unknown as SynonymTable,
  // Everyday words WordNet does not list under the domain's senses.
  colloquial: {
    ball: ['shape', 'circle'], round: ['shape', 'circle'], ring: ['shape', 'circle'], oval: ['shape', 'circle'],
    disc: ['shape', 'circle'], disk: ['shape', 'circle'],
    box: ['shape', 'square'], block: ['shape', 'square'], rectangle: ['shape', 'square'], cube: ['shape', 'square'],
    pyramid: ['shape', 'triangle'], kite: ['shape', 'diamond'], lozenge: ['shape', 'diamond'],
    plus: ['shape', 'cross'], 'plus sign': ['shape', 'cross'], x: ['shape', 'cross'], hex: ['shape', 'hexagon'],
    'love heart': ['shape', 'heart'], stripy: ['texture', 'striped'], stripey: ['texture', 'striped'],
    lined: ['texture', 'striped'], dotty: ['texture', 'dotted'], spotty: ['texture', 'dotted'], spotted: ['texture', 'dotted'],
    'polka dot': ['texture', 'dotted'], 'polka dotted': ['texture', 'dotted'], filled: ['texture', 'solid'],
    'mid sized': ['size', 'medium'], 'medium sized': ['size', 'medium'], 'normal sized': ['size', 'medium'],
    'regular sized': ['size', 'medium'], 'mid size': ['size', 'medium'], 'average sized': ['size', 'medium'],
    normal: ['size', 'medium'], regular: ['size', 'medium'], 'normal size': ['size', 'medium'], 'regular size': ['size', 'medium'],
    'ordinary size': ['size', 'medium'], 'average size': ['size', 'medium'], 'usual size': ['size', 'medium'],
    mini: ['size', 'small'], violet: ['color', 'purple'], lilac: ['color', 'purple'], plum: ['color', 'purple'],
    aubergine: ['color', 'purple'], mint: ['color', 'green'], sage: ['color', 'green'], olive: ['color', 'green'], lime: ['color', 'green'],
    mustard: ['color', 'yellow'], golden: ['color', 'yellow'], blush: ['color', 'pink'], salmon: ['color', 'pink'],
    fuchsia: ['color', 'pink'], 'hot pink': ['color', 'pink'], cobalt: ['color', 'blue'], 'baby blue': ['color', 'blue'],
    slate: ['color', 'gray'], 'slate grey': ['color', 'gray'], 'slate gray': ['color', 'gray'], pinstripes: ['texture', 'striped'],
    pinstriped: ['texture', 'striped'], pinstripe: ['texture', 'striped'], hatched: ['texture', 'striped'], hatching: ['texture', 'striped'],
    lines: ['texture', 'striped'], stripes: ['texture', 'striped'], polka: ['texture', 'dotted'], polkadot: ['texture', 'dotted'],
    polkadots: ['texture', 'dotted'], spots: ['texture', 'dotted'], speckles: ['texture', 'dotted'], flat: ['texture', 'solid'],
    unpatterned: ['texture', 'solid'], 'no pattern': ['texture', 'solid'], 'filled in': ['texture', 'solid'],
  },
};

/** The shapes-v1 edit for an understanding change (set colour = recolor, step size = bigger/smaller, ...). */
export function changeToEdit(ch: Change): Edit {
  switch (ch.op) {
    case 'set':
      if (ch.attr === 'color') return { op: 'recolor', cells: ch.cells, color: ch.value as Color };
      if (ch.attr === 'shape') return { op: 'reshape', cells: ch.cells, shape: ch.value as Shape };
      if (ch.attr === 'size') return { op: 'resize', cells: ch.cells, size: ch.value as Size };
      return { op: 'retexture', cells: ch.cells, texture: ch.value as Texture };
    case 'step':
      return { op: 'resize', cells: ch.cells, size: ch.dir > 0 ? 'bigger' : 'smaller' };
    case 'add':
      return { op: 'add', cell: ch.cell, object: ch.object as unknown as SceneObject };
    default:
      return ch;
  }
}

/** The understanding change for a shapes-v1 edit (for "same for the square" after an edit). */
export function editToChange(e: Edit): Change {
  switch (e.op) {
    case 'recolor':
      return { op: 'set', cells: e.cells, attr: 'color', value: e.color };
    case 'reshape':
      return { op: 'set', cells: e.cells, attr: 'shape', value: e.shape };
    case 'resize':
      return e.size === 'bigger' || e.size === 'smaller' ? { op: 'step', cells: e.cells, attr: 'size', dir: e.size === 'bigger' ? 1 : -1 }
        : { op: 'set', cells: e.cells, attr: 'size', value: e.size };
    case 'retexture':
      return { op: 'set', cells: e.cells, attr: 'texture', value: e.texture };
    case 'add':
      return { op: 'add', cell: e.cell, object: { ...e.object } };
    default:
      return e;
  }
}
