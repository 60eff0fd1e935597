#!/usr/bin/env bash
# Ablations under an equal budget: the full model and one mechanism off at a time, each trained from scratch for
# the same number of steps on the same data, evaluated on the same held-out sets (models/README.md, "Ablations").
#   DOMAIN=cosal bash models/ablate.sh     (default; STEPS=1500) or DOMAIN=shapes; THREADS, DEVICE as in reproduce.sh
#   VARIANTS="full no-tracker" restricts the list. GATE_WARMUP: steps before the termination gates switch on (default
#   half the run: switched on at a quarter of a 4000-step CoSaL run they stopped every region after one step for good,
#   IoU 0.61 at k = 4; 0.87 switched on at half, models/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
DOMAIN=${DOMAIN:-cosal}
STEPS=${STEPS:-1500}
GATE_WARMUP=${GATE_WARMUP:-$((STEPS / 2))}
T=${THREADS:-1}
DEV=${DEVICE:-cpu}
VARIANTS=${VARIANTS:-full no-attention no-termination no-mask no-memory no-tracker}
if [ $DOMAIN = cosal ]; then
  DATA=data/cosal-k4-train,data/cosal-k6-train,data/cosal-k8-train
  EVAL="--cosal data/cosal-k4-test data/cosal-k6-test data/cosal-k8-test --limit 1000"
else
  DATA=data/edits-train
  EVAL="--recognizer models/runs/recognizer/recognizer.pt --edits data/edits-heldout --chains data/chains-heldout --limit 1000"
fi
for variant in $VARIANTS; do
  flag=$([ $variant = full ] || echo --$variant)
  out=models/runs/abl-$DOMAIN-$variant
  nice -n 10 $PY models/train.py --data $DATA --out $out --steps $STEPS --gate-warmup $GATE_WARMUP \
    --log-every 100 --threads $T --device $DEV $flag > $out.log 2>&1
  $PY models/eval.py --ckpt $out/ckpt.pt $EVAL --threads $T --out $out/metrics.json > /dev/null
done
$PY models/ablation_table.py models/runs/abl-$DOMAIN-*/metrics.json
