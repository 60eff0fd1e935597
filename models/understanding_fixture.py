"""Tiny understanding-tagger fixtures for the parity tests: a seeded random Tagger exported as fp32 and int8 ONNX,
with PyTorch's probabilities for fixed inputs, and the n-gram ids of a word list (hashing parity with TypeScript).

    /usr/bin/python3 models/understanding_fixture.py --out test/fixtures/understanding
"""
import argparse
import json
import os

import torch

from understand import NGRAMS_PER_WORD, Exported, Tagger, UConfig, export_graphs, ngram_ids

WORDS = ['make', 'the', 'star', 'red', 'traingle', 'sooo', "it's", 'x', 'hexagonhexagonhexagonhexagonhexagon', 'ünïcode', '2nd']


def build(out):
    torch.manual_seed(1234)
    m = Tagger(UConfig(vocab_size=8, dim=16, hidden=12, layers=2, dropout=0.0)).eval()
    export_graphs(m, out, vocab=['make', 'the', 'star', 'red', 'it', 'blue', 'circle', 'move'])
    words = torch.tensor([[2, 10, 11, 12, 13, 1]], dtype=torch.int32)          # context token, 4 words, one unknown
    grams = torch.zeros(1, 6, NGRAMS_PER_WORD, dtype=torch.int32)
    for i, w in enumerate(['make', 'the', 'star', 'red', 'zzz']):
        g = ngram_ids(w)
        grams[0, i + 1, :len(g)] = torch.tensor(g)
    with torch.no_grad():
        t, o, s = Exported(m)(words, grams)
    ref = {'inputs': {'words': words.flatten().tolist(), 'ngrams': grams.flatten().tolist(), 'length': 6},
           'outputs': {'tags': t.flatten().tolist(), 'ops': o.flatten().tolist(), 'starts': s.flatten().tolist()},
           'ngrams': {w: ngram_ids(w) for w in WORDS}}
    with open(os.path.join(out, 'reference.json'), 'w') as f:
        json.dump(ref, f)
    return ref


if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--out', required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    build(a.out)
    print(f'understanding fixtures -> {a.out}')
