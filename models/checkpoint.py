"""Edit-model checkpoints: train.py, distill.py and warm_start.py write them; export.py, eval.py and the tools read them.

A checkpoint is a dict with its configs inside: config (model.Config as a dict), train (train.TrainConfig as a
dict), model (the state dict), opt (optimizer state; None after a warm start) and step; distill.py adds teacher and
teacher_config. Recognizer checkpoints are recognizer.py's (load_recognizer).

    from checkpoint import load_checkpoint, save_checkpoint
    model, ck = load_checkpoint('models/runs/shapes/ckpt.pt')    # EditModel in eval mode, the whole dict
"""
import os

import torch

from model import Config, EditModel


def load_checkpoint(path):
    """-> (EditModel in eval mode, the checkpoint dict)."""
    ck = torch.load(path, map_location='cpu')
    model = EditModel(Config.from_saved(ck['config']))
    model.load_state_dict(ck['model'])
    return model.eval(), ck


def save_checkpoint(ck, path):
    """Writes through <path>.tmp, so a run stopped while saving keeps its last checkpoint whole."""
    torch.save(ck, path + '.tmp')
    os.replace(path + '.tmp', path)
