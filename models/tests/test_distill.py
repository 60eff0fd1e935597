"""distill.py: the student starts equal to its teacher, learns only the middle, and resumes (also with context words)."""
import os
import subprocess
import sys
import tempfile
import unittest

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, '..')
sys.path.insert(0, MODELS)
sys.path.insert(0, HERE)
from data import batches, open_sets  # noqa: E402
from distill import context_words, distill_losses, student_and_teacher  # noqa: E402
from synth import write_edit_shards  # noqa: E402
from test_pipeline import SHA, V, train  # noqa: E402
from train import TrainConfig, inserted_unknowns, tracker_history  # noqa: E402


class DistillTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.data = os.path.join(cls.tmp.name, 'pairs')
        write_edit_shards(cls.data, count=16, vocab_size=V, vocab_sha256=SHA, canon=True)
        cls.run_dir = os.path.join(cls.tmp.name, 'run')
        train(cls.data, cls.run_dir, 2, '--cell-code', '--cell-mix', '--cell-copy')
        cls.ckpt = os.path.join(cls.run_dir, 'ckpt.pt')

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def batch(self):
        return next(batches(open_sets(self.data)[1], 8, seed=0))

    def test_canonical_words_give_the_teachers_features(self):
        student, teacher, _ = student_and_teacher(self.ckpt)
        b = self.batch()
        _, terms = distill_losses(student, teacher, b, [], canon_p=1.0)
        self.assertLess(terms['fused'], 1e-10)
        self.assertLess(terms['kl'], 1e-6)
        _, raw = distill_losses(student, teacher, b, [], canon_p=0.0)     # other words: other features
        self.assertGreater(raw['fused'], 1e-4)

    def test_steps_pull_the_middle_only(self):
        student, teacher, ck = student_and_teacher(self.ckpt)
        before = {k: v.clone() for k, v in student.state_dict().items()}
        b, gen = self.batch(), torch.Generator().manual_seed(0)
        hist = tracker_history(b, TrainConfig(**ck['train']), gen)
        opt = torch.optim.Adam([p for p in student.parameters() if p.requires_grad], lr=3e-3)
        first = None
        for _ in range(30):
            loss, terms = distill_losses(student, teacher, b, hist, canon_p=0.0)
            first = terms['fused'] if first is None else first
            opt.zero_grad()
            loss.backward()
            opt.step()
        self.assertLess(terms['fused'], 0.5 * first)                # random true cells: only the features can be learned
        after = student.state_dict()
        for k in before:
            moved = not torch.equal(before[k], after[k])
            self.assertEqual(moved, k.startswith(('text.emb', 'text.gru', 'text.wa', 'text.class_emb', 'tracker.', 'w_init.',
                                                   'w_g.', 'gates.', 'cand.', 'nxt.', 'mem', 'wk.')), k)
        for k, v in teacher.state_dict().items():
            self.assertTrue(torch.equal(v, before[k]), k)

    def test_cli_resumes(self):
        out = os.path.join(self.tmp.name, 'distilled')
        cmd = [sys.executable, os.path.join(MODELS, 'distill.py'), '--ckpt', self.ckpt, '--data', self.data,
               '--out', out, '--batch', '4', '--steps', '4']
        log = subprocess.run(cmd + ['--stop-at', '2'], capture_output=True, text=True, check=True).stdout
        self.assertIn('step 2/4', log)
        log = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        self.assertIn('step 4/4', log)
        self.assertNotIn('step 2/4', log)
        ck = torch.load(os.path.join(out, 'ckpt.pt'))
        self.assertEqual(ck['step'], 4)
        start = torch.load(self.ckpt)['model']
        self.assertTrue(all(torch.equal(ck['teacher'][k], start[k]) for k in start))

    def test_cli_names_bad_input(self):
        plain = os.path.join(self.tmp.name, 'plain')
        write_edit_shards(plain, count=8, vocab_size=V, vocab_sha256=SHA)
        run = lambda *args: subprocess.run([sys.executable, os.path.join(MODELS, 'distill.py'), *args],
                                           capture_output=True, text=True)
        p = run('--ckpt', self.ckpt, '--data', plain, '--out', os.path.join(self.tmp.name, 'd-plain'))
        self.assertEqual(p.returncode, 2)
        self.assertIn(f'{plain} has no canon_tokens field', p.stderr)
        p = run('--data', self.data, '--out', os.path.join(self.tmp.name, 'd-none'))
        self.assertEqual(p.returncode, 2)
        self.assertIn('--ckpt is needed', p.stderr)

    def test_context_words_student(self):
        student, teacher, _ = student_and_teacher(self.ckpt, context=True)
        self.assertTrue(student.c.context_words)
        self.assertFalse(teacher.c.context_words)
        b = self.batch()
        _, terms = distill_losses(student, teacher, b, [], canon_p=1.0)       # canonical rows: no context
        self.assertLess(terms['fused'], 1e-10)
        canon = torch.tensor([[True], [False]] * 4)
        ctx = context_words(b, canon, other_p=1.0)
        self.assertEqual(ctx[canon[:, 0]].abs().sum().item(), 0)
        has = (b['ctx_tokens'] != 0).any(1) & ~canon[:, 0]
        self.assertTrue(torch.equal(ctx[has], b['ctx_tokens'][has]))
        self.assertTrue(((ctx != 0).any(1) == ~canon[:, 0]).all())              # the others get another row's words
        out = os.path.join(self.tmp.name, 'distilled-ctx')
        cmd = [sys.executable, os.path.join(MODELS, 'distill.py'), '--ckpt', self.ckpt, '--data', self.data,
               '--out', out, '--batch', '4', '--steps', '3', '--context-words']
        subprocess.run(cmd + ['--stop-at', '2'], capture_output=True, text=True, check=True)
        log = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        self.assertIn('step 3/3', log)
        ck = torch.load(os.path.join(out, 'ckpt.pt'))
        self.assertTrue(ck['config']['context_words'])
        self.assertFalse(ck['teacher_config']['context_words'])

    def test_inserted_unknowns_keep_every_word_in_order(self):
        tok = torch.tensor([[5, 6, 7, 0, 0], [5, 6, 7, 8, 9], [4, 0, 0, 0, 0]])
        gen = torch.Generator().manual_seed(3)
        self.assertTrue(torch.equal(inserted_unknowns({'tokens': tok}, 0.0, gen)['tokens'], tok))
        places = set()
        for _ in range(40):
            out = inserted_unknowns({'tokens': tok}, 1.0, gen)['tokens']
            self.assertTrue(torch.equal(out[1], tok[1]))                          # full: no room, unchanged
            for row, n in ((0, 3), (2, 1)):
                self.assertEqual((out[row] == 1).sum().item(), 1)
                self.assertEqual(out[row][(out[row] != 1) & (out[row] != 0)].tolist(), tok[row][:n].tolist())
                self.assertEqual((out[row] != 0).sum().item(), n + 1)
            places.add(int((out[0] == 1).nonzero()))
        self.assertEqual(places, {0, 1, 2, 3})                                    # before, between and after words
        cmd = [sys.executable, os.path.join(MODELS, 'distill.py'), '--ckpt', self.ckpt, '--data', self.data,
               '--out', os.path.join(self.tmp.name, 'distilled-unk'), '--batch', '4', '--steps', '1', '--insert-unk', '0.5']
        self.assertIn('step 1/1', subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


if __name__ == '__main__':
    unittest.main()
