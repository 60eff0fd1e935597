"""subset.py: the copied rows are exactly the edits to an object of the colour (texture, operation), field for field."""
import os
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
sys.path.insert(0, HERE)
from data import Shards  # noqa: E402
from subset import edited_with, write_subset  # noqa: E402
from synth import write_edit_shards  # noqa: E402


class Subset(unittest.TestCase):
    def test_copies_the_rows_that_edit_an_object_to_the_colour(self):
        with tempfile.TemporaryDirectory() as d:
            write_edit_shards(os.path.join(d, 'all'), count=12)
            full = Shards(os.path.join(d, 'all'))
            src, tgt = np.asarray(full['cells_src']), np.asarray(full['cells_tgt'])
            expect = [i for i in range(12) if any((src[i, c] != tgt[i, c]).any() and tgt[i, c, 0] >= 0 and tgt[i, c, 1] == 2
                                                  for c in range(9))]
            rows = edited_with(full, colors=[2])
            self.assertEqual(rows.tolist(), expect)
            self.assertGreater(len(expect), 0)
            self.assertLess(len(expect), 12)
            write_subset(full, rows, os.path.join(d, 'sub'))
            sub = Shards(os.path.join(d, 'sub'))
            self.assertEqual(sub.count, len(expect))
            for name in full.index['fields']:
                np.testing.assert_array_equal(np.asarray(sub[name]), np.asarray(full[name])[expect], err_msg=name)

    def test_texture_and_colour_filters_combine(self):
        with tempfile.TemporaryDirectory() as d:
            write_edit_shards(os.path.join(d, 'all'), count=40)
            full = Shards(os.path.join(d, 'all'))
            src, tgt = np.asarray(full['cells_src']), np.asarray(full['cells_tgt'])

            def edits(i, ok):
                return any((src[i, c] != tgt[i, c]).any() and tgt[i, c, 0] >= 0 and ok(tgt[i, c]) for c in range(9))
            textured = [i for i in range(40) if edits(i, lambda t: t[3] in (1, 2))]
            self.assertEqual(edited_with(full, textures=[1, 2]).tolist(), textured)
            self.assertGreater(len(textured), 0)
            both = [i for i in range(40) if edits(i, lambda t: t[3] == 2 and t[1] == 7)]
            self.assertEqual(edited_with(full, colors=[7], textures=[2]).tolist(), both)
            self.assertLessEqual(set(both), set(textured))

    def test_operation_filter(self):
        with tempfile.TemporaryDirectory() as d:
            write_edit_shards(os.path.join(d, 'all'), count=40)
            full = Shards(os.path.join(d, 'all'))
            op = np.asarray(full['op'])
            anything = set(edited_with(full).tolist())
            moves = [i for i in range(40) if op[i] in (6, 7) and i in anything]
            self.assertEqual(edited_with(full, ops=[6, 7]).tolist(), moves)
            self.assertGreater(len(moves), 0)
            self.assertLess(len(moves), len(anything))
            both = set(edited_with(full, colors=[1], ops=[6, 7]).tolist())
            self.assertEqual(both, set(moves) & set(edited_with(full, colors=[1]).tolist()))

    def test_shape_filter_reads_the_target_shape(self):
        with tempfile.TemporaryDirectory() as d:
            write_edit_shards(os.path.join(d, 'all'), count=40)
            full = Shards(os.path.join(d, 'all'))
            src, tgt = np.asarray(full['cells_src']), np.asarray(full['cells_tgt'])
            expect = [i for i in range(40) if any((src[i, c] != tgt[i, c]).any() and tgt[i, c, 0] in (0, 5) for c in range(9))]
            self.assertEqual(edited_with(full, shapes=[0, 5]).tolist(), expect)
            self.assertGreater(len(expect), 0)
            self.assertLess(len(expect), len(edited_with(full)))


if __name__ == '__main__':
    unittest.main()
