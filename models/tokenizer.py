"""Parley tokenizer, identical to src/domains/shapes-v1/tokenizer.ts (a vitest parity test runs both).

Usage:
    from tokenizer import encode, words, VOCAB, VOCAB_PATH
    ids = encode("Make the circle red!", max_len=32)       # list of ints, padded with 0
    python3 models/tokenizer.py --json [--max-len 32] < sentences.json   # JSON list of strings -> JSON list of id lists

Rules: Unicode NFKC, lowercase, words = runs of [a-z0-9'], everything else dropped; unknown words -> 1 (<unk>),
padding 0 (<pad>), truncation to max_len. Standard library only.
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB_PATH = os.path.join(HERE, '..', 'src', 'domains', 'shapes-v1', 'vocab.json')  # the vocabulary (src/domains/shapes-v1/tokenizer.ts reads it too)
LEXICON_PATH = os.path.join(HERE, 'lexicon.json')  # synonym sets of its words (train.py, probe_clauses.py)
with open(VOCAB_PATH, encoding='utf-8') as f:
    VOCAB = json.load(f)
PAD_ID, UNK_ID = 0, 1
MAX_LEN = 32  # edit instructions (models/MATH.md Lmax); CoSaL uses 48
_IDS = {w: i for i, w in enumerate(VOCAB)}
_WORD = re.compile(r"[a-z0-9']+")


def words(text):
    """Words of a text: NFKC, lowercase, runs of [a-z0-9']."""
    return _WORD.findall(unicodedata.normalize('NFKC', text).lower())


def token_ids(text, max_len=MAX_LEN):
    """Unpadded token ids, truncated to max_len."""
    return [_IDS.get(w, UNK_ID) for w in words(text)[:max_len]]


def encode(text, max_len=MAX_LEN):
    """Token ids padded with PAD_ID to max_len."""
    ids = token_ids(text, max_len)
    return ids + [PAD_ID] * (max_len - len(ids))


def decode(ids):
    """Words of token ids, pads dropped."""
    return ' '.join(VOCAB[i] if 0 <= i < len(VOCAB) else '<unk>' for i in ids if i != PAD_ID)


def _main(argv):
    if '--json' not in argv:
        print(__doc__)
        return 2
    max_len = int(argv[argv.index('--max-len') + 1]) if '--max-len' in argv else MAX_LEN
    texts = json.loads(sys.stdin.read())
    json.dump([encode(t, max_len) for t in texts], sys.stdout)
    return 0


if __name__ == '__main__':
    sys.exit(_main(sys.argv[1:]))
