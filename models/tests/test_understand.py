"""The understanding tagger: hashing and labels, smoke training, export, int8 size, committed fixtures."""
import json
import os
import sys
import tempfile
import unittest

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
import understand  # noqa: E402
import understanding_fixture  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')


def tiny_rows():
    """Two clause kinds over a few words: "make the star red" (set) and "move it up" (move)."""
    rows = []
    for color in ['red', 'blue', 'green']:
        rows.append({'w': ['make', 'the', 'star', color], 't': [0, 1, 2, 5], 'o': [0, 0, 0, 0], 's': [1, 0, 0, 0], 'c': 0})
        rows.append({'w': ['move', 'it', 'up'], 't': [0, 1, 9], 'o': [5, 5, 5], 's': [1, 0, 0], 'c': 1})
    return rows * 20


class UnderstandTest(unittest.TestCase):
    def test_fixture_is_reproducible_and_hashing_is_stable(self):
        with open(os.path.join(ROOT, 'test/fixtures/understanding/reference.json')) as f:
            committed = json.load(f)
        with tempfile.TemporaryDirectory() as d:
            fresh = understanding_fixture.build(d)
        self.assertEqual(committed['ngrams'], fresh['ngrams'])
        for k in ('tags', 'ops', 'starts'):
            self.assertTrue(all(abs(a - b) < 1e-5 for a, b in zip(committed['outputs'][k], fresh['outputs'][k])), k)

    def test_smoke_training_learns_and_exports(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'u.jsonl')
            with open(path, 'w') as f:
                for r in tiny_rows():
                    f.write(json.dumps(r) + '\n')
            args = type('A', (), dict(data=path, val=path, out=d, steps=80, batch=16, lr=1e-2, seed=0, threads=1, log_every=1000, init=None, known=None))
            understand.train(args)
            m, ck = understand.load(os.path.join(d, 'ckpt.pt'))
            self.assertGreater(ck['metrics']['utterance'], 0.95)
            self.assertEqual(sorted(ck['vocab']), ck['vocab'])
            understand.export_graphs(m, d, ck['vocab'])
            self.assertLess(os.path.getsize(os.path.join(d, 'understanding.onnx')), os.path.getsize(os.path.join(d, 'understanding.fp32.onnx')) / 2.5)

    def test_warm_start_keeps_weights_and_shared_words(self):
        torch.manual_seed(0)
        old = understand.Tagger(understand.UConfig(vocab_size=3))
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'ckpt.pt')
            torch.save({'config': {'vocab_size': 3}, 'model': old.state_dict(), 'vocab': ['a', 'b', 'c']}, path)
            new = understand.Tagger(understand.UConfig(vocab_size=3))
            understand.warm_start(new, ['b', 'z', 'c'], path)
        F = understand.FIRST_WORD
        self.assertTrue(torch.equal(new.words.weight[F], old.words.weight[F + 1]))      # 'b'
        self.assertTrue(torch.equal(new.words.weight[F + 2], old.words.weight[F + 2]))  # 'c'
        self.assertTrue(torch.equal(new.head.weight, old.head.weight))

    def test_packed_batches_equal_one_turn_at_a_time(self):
        torch.manual_seed(0)
        m = understand.Tagger(understand.UConfig(vocab_size=5, dim=8, hidden=6)).eval()
        words = torch.tensor([[2, 10, 11, 0], [3, 12, 0, 0]])
        grams = torch.zeros(2, 4, understand.NGRAMS_PER_WORD, dtype=torch.long)
        with torch.no_grad():
            batch = m(words, grams, torch.tensor([3, 2]))
            one = m(words[1:, :2], grams[1:, :2])
        for b, o in zip(batch, one):
            self.assertTrue(torch.allclose(b[1, :2], o[0], atol=1e-6))


if __name__ == '__main__':
    unittest.main()
