"""Smoke test of the whole pipeline on tiny synthetic shards: train a few steps (and resume), export, quantize,
load the packs back, evaluate; plus the Gumbel-softmax termination path and the ablation switches."""
import json
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
from checkpoint import load_checkpoint  # noqa: E402
from export import export_pack, parse_mask  # noqa: E402
from metrics import eval_cosal, eval_edits  # noqa: E402
from model import Config, EditModel  # noqa: E402
from pack import load_pack, sha256  # noqa: E402
from quantize import quantize_pack  # noqa: E402
from recognizer import RecConfig, Recognizer  # noqa: E402
from synth import write_cosal_shards, write_edit_shards  # noqa: E402
from tokenizer import VOCAB_PATH as VOCAB  # noqa: E402
from warm_start import warm_start  # noqa: E402

V = len(json.load(open(VOCAB)))
SHA = sha256(VOCAB)
SMALL = ['--K', '16', '--D', '8', '--H', '16', '--Ms', '4', '--C1', '4', '--C2', '8', '--C3', '16', '--dec', '16', '--T', '3']


def train(data, out, steps, *extra):
    cmd = [sys.executable, os.path.join(MODELS, 'train.py'), '--data', data, '--out', out, '--steps', str(steps),
           '--batch', '4', '--log-every', '1', '--ckpt-every', '2', *SMALL, *extra]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


class Pipeline(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = cls.tmp.name
        write_edit_shards(os.path.join(cls.dir, 'edits'), count=16, vocab_size=V, vocab_sha256=SHA)
        write_cosal_shards(os.path.join(cls.dir, 'cosal'), count=8, vocab_size=V, vocab_sha256=SHA)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_train_resume_export_quantize_eval(self):
        run = os.path.join(self.dir, 'run')
        log = train(os.path.join(self.dir, 'edits'), run, 3)
        self.assertIn('step 3/3', log)
        log = train(os.path.join(self.dir, 'edits'), run, 5)                 # resumes at step 3
        self.assertIn('step 4/5', log)
        self.assertNotIn('step 1/5', log)
        model, ck = load_checkpoint(os.path.join(run, 'ckpt.pt'))
        self.assertEqual(ck['step'], 5)
        self.assertEqual(ck['config']['D'], 8)
        rec = Recognizer(RecConfig(width=8)).eval()
        vocab = VOCAB
        fp32, int8 = os.path.join(self.dir, 'fp32'), os.path.join(self.dir, 'int8')
        export_pack(model, rec, vocab, fp32, 'smoke')
        man = quantize_pack(fp32, int8)
        for f, meta in man['files'].items():
            self.assertEqual(sha256(os.path.join(int8, f)), meta['sha256'])
        for name, g in man['quantization']['graphs'].items():            # int8 + per-channel scales vs f32 weights
            self.assertLess(g['int8_weight_bytes'], 0.5 * g['float_weight_bytes'], name)   # tiny rows: scales weigh in
        self.assertLess(man['quantization']['size_ratio'], 0.6)         # a tiny model: graph structure weighs in
        edits = os.path.join(self.dir, 'edits')
        tok = torch.randint(2, V, (2, 32))
        img = torch.rand(2, 3, 64, 64)
        for pack in (fp32, int8):
            m, r, _ = load_pack(pack)
            with torch.no_grad():
                diff = (m(tok, img)['out'] - model(tok, img)['out']).abs().max().item()
            self.assertLess(diff, 1e-5 if pack == fp32 else 0.05)
            res = eval_edits(m, r, edits, limit=8, batch=4)
            self.assertEqual(res['examples'], 8)
            self.assertTrue(0 <= res['cell_acc'] <= 1 and 0 <= res['outside_change_pct'] <= 100)
        self.check_cell_code_warm_start(int8, rec, tok, img)

    def check_cell_code_warm_start(self, pack, rec, tok, img):
        """A pack -> a cell-code decoder that starts out identical, fine-tuned alone, exported and loaded back."""
        old, _, _ = load_pack(pack)
        new, missing = warm_start(pack, cell_code=True)
        self.assertEqual(sorted(missing), ['decoder.cell_head.bias', 'decoder.cell_head.weight', 'decoder.coords_cell_pool'])
        new.eval()
        with torch.no_grad():
            self.assertLess((new(tok, img)['out'] - old(tok, img)['out']).abs().max().item(), 1e-5)
        run = os.path.join(self.dir, 'decoder-run')
        subprocess.run([sys.executable, os.path.join(MODELS, 'warm_start.py'), '--pack', pack, '--out', run, '--cell-code',
                        '--data', os.path.join(self.dir, 'edits')], check=True, capture_output=True)
        before = load_checkpoint(os.path.join(run, 'ckpt.pt'))[0].state_dict()
        log = train(os.path.join(self.dir, 'edits'), run, 3, '--train-only', 'decoder', '--lr', '0.01')
        self.assertIn('step 3/3', log)
        tuned, ck = load_checkpoint(os.path.join(run, 'ckpt.pt'))
        self.assertTrue(ck['config']['cell_code'])
        after = tuned.state_dict()
        changed = {k for k in before if not torch.equal(before[k], after[k])}
        self.assertTrue(changed and all(k.startswith('decoder.') for k in changed), changed)
        self.assertIn('decoder.cell_head.weight', changed)
        again = os.path.join(self.dir, 'whole-run')                     # a run's checkpoint -> step 0, fresh optimizer
        subprocess.run([sys.executable, os.path.join(MODELS, 'warm_start.py'), '--ckpt', os.path.join(run, 'ckpt.pt'),
                        '--out', again], check=True, capture_output=True)
        ck2 = torch.load(os.path.join(again, 'ckpt.pt'))
        self.assertEqual((ck2['step'], ck2['opt'], ck2['train']['train_only'], ck2['train']['out']), (0, None, 'decoder', again))
        self.assertTrue(all(torch.equal(v, after[k]) for k, v in ck2['model'].items()))
        out = os.path.join(self.dir, 'cell-code-fp32')
        export_pack(tuned, rec, VOCAB, out, 'smoke')
        back, _, man = load_pack(out)
        self.assertTrue(man['config']['cell_code'])
        with torch.no_grad():
            self.assertLess((back(tok, img)['out'] - tuned(tok, img)['out']).abs().max().item(), 1e-5)
        self.check_cell_mix_warm_start(out, rec, tok, img)
        # a pack's recognizer carried into a new pack: requantized, it is the very same int8 graph
        carried = os.path.join(self.dir, 'carried-fp32')
        subprocess.run([sys.executable, os.path.join(MODELS, 'export.py'), '--ckpt', os.path.join(run, 'ckpt.pt'),
                        '--recognizer-pack', pack, '--vocab', VOCAB, '--out', carried, '--name', 'smoke'],
                       check=True, capture_output=True)
        quantize_pack(carried, carried + '-int8')
        self.assertEqual(sha256(os.path.join(carried + '-int8', 'recognizer.onnx')), sha256(os.path.join(pack, 'recognizer.onnx')))

    def check_cell_mix_warm_start(self, pack, rec, tok, img):
        """A cell-code pack -> CellMix and the Fourier step added at zero output, trained with the decoder, exported
        and quantized."""
        old, _, _ = load_pack(pack)
        new, missing = warm_start(pack, cell_code=True, cell_copy=True, fourier=True)   # cell_copy implies cell_mix
        self.assertEqual(sorted(missing), sorted(['decoder.coords_cell_pool2', 'decoder.coords_fourier'] +
                         [f'decoder.cell_mix.{m}.{p}' for m in ('q', 'k', 'v', 'o', 'gate') for p in ('weight', 'bias')] +
                         [f'decoder.cell_copy.{m}.{p}' for m in ('src.0', 'src.2', 'gate', 'o') for p in ('weight', 'bias')] +
                         [f'decoder.fine.{i}.{p}' for i in (0, 2) for p in ('weight', 'bias')]))
        new.eval()
        with torch.no_grad():
            self.assertLess((new(tok, img)['out'] - old(tok, img)['out']).abs().max().item(), 1e-5)
        run = os.path.join(self.dir, 'mix-run')
        subprocess.run([sys.executable, os.path.join(MODELS, 'warm_start.py'), '--pack', pack, '--out', run, '--cell-copy',
                        '--fourier', '--data', os.path.join(self.dir, 'edits')], check=True, capture_output=True)
        log = train(os.path.join(self.dir, 'edits'), run, 3, '--train-only', 'decoder', '--lr', '0.01')
        self.assertIn(' src ', log)                                      # CellCopy's source-attribute loss
        tuned, ck = load_checkpoint(os.path.join(run, 'ckpt.pt'))
        self.assertTrue(ck['config']['cell_mix'] and ck['config']['cell_copy'] and ck['config']['fourier'])
        for zero_at_start in (tuned.decoder.cell_mix.o.weight, tuned.decoder.cell_copy.o.weight, tuned.decoder.fine[2].weight):
            self.assertGreater(zero_at_start.abs().sum().item(), 0)
        fp32, int8 = os.path.join(self.dir, 'mix-fp32'), os.path.join(self.dir, 'mix-int8')
        export_pack(tuned, rec, VOCAB, fp32, 'smoke')
        quantize_pack(fp32, int8)
        for folder, tol in ((fp32, 1e-5), (int8, 0.05)):
            back, _, man = load_pack(folder)
            self.assertTrue(man['config']['cell_mix'] and man['config']['cell_copy'] and man['config']['fourier'])
            with torch.no_grad():
                self.assertLess((back(tok, img)['out'] - tuned(tok, img)['out']).abs().max().item(), tol, folder)
        again, missing = warm_start(int8, cell_code=False, cell_mix=False, cell_copy=False, fourier=False)   # pack's stay on
        self.assertEqual((again.c.cell_code, again.c.cell_mix, again.c.cell_copy, again.c.fourier, missing),
                         (True, True, True, True, []))

    def test_mask_thresholds_are_checked(self):
        self.assertEqual(parse_mask('0.6,0.99'), (0.6, 0.99))
        for bad in ('0.6', '0.9,0.5', '0.2,1.5', 'a,b', '0.1,0.2,0.3'):
            with self.assertRaises(SystemExit, msg=bad):
                parse_mask(bad)

    def test_cosal_train_and_iou(self):
        run = os.path.join(self.dir, 'cosal-run')
        train(os.path.join(self.dir, 'cosal'), run, 2, '--no-memory', '--cell-code')
        model, ck = load_checkpoint(os.path.join(run, 'ckpt.pt'))
        self.assertEqual((ck['config']['image_size'], ck['config']['G'], ck['config']['max_len']), (48, 6, 48))
        self.assertFalse(ck['config']['use_memory'])
        self.assertTrue(ck['config']['cell_code'])
        res = eval_cosal(model, os.path.join(self.dir, 'cosal'), limit=8, batch=4)
        self.assertEqual(len(res['per_class_iou']), 7)
        self.assertTrue(0 <= res['mean_iou'] <= 1)

    def test_termination_training_and_ablations(self):
        torch.manual_seed(0)
        c = Config(vocab_size=20, K=16, D=8, H=16, Ms=4, C1=4, C2=8, C3=16, dec=16, T=4)
        tok = torch.randint(2, 20, (3, 32))
        img = torch.rand(3, 3, 64, 64)
        m = EditModel(c).train()
        r = m(tok, img, lam=0.5)
        r['out'].mean().backward()
        self.assertIsNotNone(m.tg.weight.grad)                  # gradient reaches the termination gate
        self.assertGreater(m.tg.weight.grad.abs().sum().item(), 0)
        self.assertTrue(((r['steps'] >= 1) & (r['steps'] <= 4)).all())
        m.eval()
        with torch.no_grad():
            m.tg.bias.fill_(-30)                                # never stops early
            self.assertTrue((m(tok, img)['steps'] == 4).all())
            m.tg.bias.fill_(30)                                 # stops after the first step
            self.assertTrue((m(tok, img)['steps'] == 1).all())
        for flag in ('use_attention', 'use_termination', 'use_mask', 'use_memory', 'use_tracker'):
            ab = EditModel(Config(**dict(c.__dict__, **{flag: False}))).eval()
            with torch.no_grad():
                r = ab(tok, img)
            self.assertEqual(r['out'].shape, (3, 3, 64, 64))
            if flag == 'use_mask':
                self.assertTrue(torch.equal(r['out'], r['rgb']))
            if flag == 'use_termination':
                self.assertTrue((r['steps'] == 4).all())


if __name__ == '__main__':
    unittest.main()
