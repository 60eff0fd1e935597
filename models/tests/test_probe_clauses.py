"""probe_clauses.py: the rewrites of a relative clause and the choice of turns."""
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
from probe_clauses import REWRITES, clause_turns, color_words  # noqa: E402


class ProbeClauses(unittest.TestCase):
    def test_rewrites(self):
        t = 'can the square which is blue left of the star become a star.'
        self.assertEqual({k: f(t) for k, f in REWRITES.items()}, {
            'as written': t,
            'clause words dropped': 'can the square blue left of the star become a star.',
            '"of <color> color"': 'can the square of blue color left of the star become a star.',
            'adjective before the noun': 'can the blue square left of the star become a star.',
        })

    def test_picks_plain_turns_with_a_colour_clause(self):
        with open(os.path.join(HERE, '..', 'lexicon.json')) as f:
            colors = color_words(json.load(f))
        self.assertTrue({'blue', 'scarlet'} <= colors)
        self.assertNotIn('big', colors)
        rows = [{'kind': 'plain', 'text': 'The block which is scarlet should go'},
                {'kind': 'plain', 'text': 'the block that is big should go'},
                {'kind': 'pronoun', 'text': 'the block which is red should go'},
                {'kind': 'plain', 'text': 'make the red block blue'}]
        self.assertEqual(clause_turns(rows, colors), [0])


if __name__ == '__main__':
    unittest.main()
