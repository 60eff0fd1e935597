"""model.py's eval-mode memory attention, tracker, fusion and localization reproduce the kernels' PyTorch fixture
(test/fixtures/kernels-torch.json, written by models/kernel_fixture.py, checked against the TS CPU references), each
scenario at its stop threshold (Config.stop_threshold, the manifest's config.stop_threshold)."""
import base64
import json
import os
import sys
import unittest

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from model import Config, EditModel  # noqa: E402
from pack import kernel_state, parse_blob  # noqa: E402

FIXTURE = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'kernels-torch.json')


class KernelFixture(unittest.TestCase):
    @unittest.skipUnless(os.path.exists(FIXTURE), 'kernel fixture not generated')
    def test_middle_matches_fixture(self):
        scenarios = json.load(open(FIXTURE))['scenarios']
        self.assertGreaterEqual(len(scenarios), 3)
        for sc in scenarios:
            with self.subTest(sc['name']):
                d = sc['dims']
                c = Config(max_len=d['L'], K=d['K'], D=d['D'], G=d['G'], image_size=8 * d['G'], Ms=d['Ms'], H=d['H'],
                           T=d['T'], use_termination=sc['termination'], stop_threshold=sc['threshold'], vocab_size=4)
                model = EditModel(c).eval()
                tensors = parse_blob(base64.b64decode(sc['kernels_bin_b64']), sc['kernels_json'])
                missing, _ = model.load_state_dict(kernel_state(tensors, c.D), strict=False)
                self.assertNotIn('gates.weight', missing)
                model.kmem = torch.from_numpy(tensors['mem_keys'])
                x = {k: torch.tensor(v) for k, v in sc['inputs'].items()}
                L, G = d['L'], d['G']
                valid = (torch.arange(L) < sc['len']).float()[None]
                with torch.no_grad():
                    r = model.middle(x['U'].view(1, L, d['K']), x['keys'].view(1, L, d['D']), x['s'].view(1, d['K']),
                                     x['V'].view(1, d['D'], G, G), x['vbar'].view(1, d['D']), valid, x['h'].view(1, d['H']))
                ours = {'tex': r['tex'], 'h': r['h'], 'g': r['g'], 'O': r['O'], 'steps': r['steps'], 'beta': r['beta'],
                        'alpha': r['alpha'], 'F': r['fused']}
                for k, v in ours.items():
                    exp = torch.tensor(sc['expected'][k])
                    self.assertEqual(v.numel(), exp.numel(), k)
                    self.assertLess((v.flatten() - exp).abs().max().item(), 1e-4, f'{sc["name"]}: {k}')
                if sc['termination']:
                    self.assertGreater(r['steps'].unique().numel(), 1, 'scenario should mix step counts')


if __name__ == '__main__':
    unittest.main()
