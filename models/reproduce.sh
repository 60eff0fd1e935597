#!/usr/bin/env bash
# Rebuilds the committed packs models/packs/shapes-v1 and models/packs/cosal-v1 from scratch:
# data -> recognizer -> edit model -> fp32 pack -> int8 pack -> metrics -> test references.
#   bash models/reproduce.sh            (CPU: nice'd, 1 thread per job; several hours on 2 cores)
#   THREADS=8 bash models/reproduce.sh  (more cores); on CUDA add DEVICE=cuda
# The ablation runs are in models/ablate.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
T=${THREADS:-1}
DEV=${DEVICE:-cpu}
SHAPES_STEPS=${SHAPES_STEPS:-16000}
SHAPES_STEPS2=${SHAPES_STEPS2:-22000}
CODE_STEPS=${CODE_STEPS:-7000}
ALL_STEPS=${ALL_STEPS:-2200}
COLOR_STEPS=${COLOR_STEPS:-1500}
MIX_STEPS=${MIX_STEPS:-2000}
COPY_STEPS=${COPY_STEPS:-1800}
DISTILL_STEPS=${DISTILL_STEPS:-4500}
COSAL_STEPS=${COSAL_STEPS:-8000}
mkdir -p models/runs

# 1. data (deterministic from the seeds)
[ -d data/edits-train ] || npx tsx scripts/data/export-edits.ts --out data/edits-train --count 100000 --seed 1 --split train
# the same kind of edits worded as the dialogue layer's canonical instructions (what the app sends the model)
[ -d data/edits-train-canon ] || npx tsx scripts/data/export-edits.ts --out data/edits-train-canon --count 100000 --seed 11 \
  --split train --canonical 1
[ -d data/edits-heldout-canon ] || npx tsx scripts/data/export-edits.ts --out data/edits-heldout-canon --count 5000 --seed 2 \
  --split heldout --canonical 1
[ -d data/chains-heldout-canon ] || npm run -s data:chains -- --out data/chains-heldout-canon --count 500 --seed 3 \
  --split heldout --canonical 1
[ -d data/edits-heldout ] || npx tsx scripts/data/export-edits.ts --out data/edits-heldout --count 5000 --seed 2 --split heldout
[ -d data/edits-val-canon ] || npx tsx scripts/data/export-edits.ts --out data/edits-val-canon --count 1000 --seed 4 \
  --split heldout --canonical 1
[ -d data/cosal-k4-val ] || npx tsx scripts/data/export-cosal.ts --k 4 --count 1000 --seed 5 --out data/cosal-k4-val
[ -d data/chains-heldout ] || npm run -s data:chains -- --out data/chains-heldout --count 500 --seed 3 --split heldout
for k in 4 6 8; do
  [ -d data/cosal-k$k-train ] || npx tsx scripts/data/export-cosal.ts --k $k --count 30000 --seed 1 --out data/cosal-k$k-train
  [ -d data/cosal-k$k-test ] || npx tsx scripts/data/export-cosal.ts --k $k --count 2000 --seed 2 --out data/cosal-k$k-test
done

# 2. recognizer (reads cells off images; measures cell accuracy)
nice -n 10 $PY models/recognizer.py --data data/edits-train --val data/edits-heldout --out models/runs/recognizer \
  --steps 2000 --threads $T

# 3. edit models (resumable: rerunning continues from models/runs/<name>/ckpt.pt)
nice -n 10 $PY models/train.py --data data/edits-train,data/edits-train-canon --out models/runs/shapes \
  --steps $SHAPES_STEPS --aux-edit-weight 2.0 --threads $T --device $DEV
# phase 2: a warm restart of the cosine schedule (resuming with more --steps lifts the learning rate again)
nice -n 10 $PY models/train.py --data data/edits-train,data/edits-train-canon --out models/runs/shapes \
  --steps $SHAPES_STEPS2 --aux-edit-weight 2.0 --threads $T --device $DEV
nice -n 10 $PY models/train.py --data data/cosal-k4-train,data/cosal-k6-train,data/cosal-k8-train \
  --out models/runs/cosal --steps $COSAL_STEPS --threads $T --device $DEV

# phase 3: the decoder alone learns to read the cell code (the rest frozen, as the int8 pack of phase 2 ships it)
$PY models/export.py --ckpt models/runs/shapes/ckpt.pt --recognizer models/runs/recognizer/recognizer.pt \
  --vocab src/domains/shapes-v1/vocab.json --out models/runs/shapes/pack-fp32 --name shapes-v1 --calibrate-edits data/edits-val-canon
$PY models/quantize.py --pack models/runs/shapes/pack-fp32 --out models/runs/shapes/pack-int8
[ -f models/runs/shapes-code/ckpt.pt ] || $PY models/warm_start.py --pack models/runs/shapes/pack-int8 \
  --out models/runs/shapes-code --cell-code
nice -n 10 $PY models/train.py --out models/runs/shapes-code --steps $CODE_STEPS --train-only decoder --lr 0.001 \
  --warmup 200 --aux-weight 1.0 --aux-edit-weight 2.0 --threads $T --device $DEV
# phase 4: the whole model, briefly (a fresh optimizer over every weight)
[ -f models/runs/shapes-code-all/ckpt.pt ] || $PY models/warm_start.py --ckpt models/runs/shapes-code/ckpt.pt \
  --out models/runs/shapes-code-all
nice -n 10 $PY models/train.py --out models/runs/shapes-code-all --steps $ALL_STEPS --train-only '' --gate-warmup 0 \
  --lr 0.0005 --warmup 100 --aux-weight 1.0 --aux-edit-weight 2.0 --threads $T --device $DEV
# phase 5: the decoder again, with edits to gray objects (then also orange ones) oversampled: it painted gray as
# green (and orange as yellow) where it redrew an object; copies listed next to the full sets weigh them up
for c in gray orange; do
  [ -d data/edits-train-canon-$c ] || $PY models/subset.py --data data/edits-train-canon --color $c --out data/edits-train-canon-$c
done
G=data/edits-train-canon-gray
O=data/edits-train-canon-orange
[ -f models/runs/shapes-gray/ckpt.pt ] || $PY models/warm_start.py --ckpt models/runs/shapes-code-all/ckpt.pt \
  --out models/runs/shapes-gray
nice -n 10 $PY models/train.py --out models/runs/shapes-gray --data data/edits-train,data/edits-train-canon,$G,$G,$G \
  --steps $COLOR_STEPS --train-only decoder --lr 0.0005 --warmup 100 --gate-warmup 0 --threads $T --device $DEV
[ -f models/runs/shapes-gray2/ckpt.pt ] || $PY models/warm_start.py --ckpt models/runs/shapes-gray/ckpt.pt \
  --out models/runs/shapes-gray2
nice -n 10 $PY models/train.py --out models/runs/shapes-gray2 --data data/edits-train,data/edits-train-canon,$G,$G,$G,$O,$O \
  --steps $COLOR_STEPS --train-only decoder --lr 0.0005 --warmup 100 --gate-warmup 0 --threads $T --device $DEV
# phase 6: the decoder once more, from phase 5's int8 pack (what the app ran), with edits that end in a dotted or
# striped object oversampled, gray textured ones most: the app's touch-ups still missed those (gray came out olive)
for c in "--texture dotted,striped --out data/edits-train-canon-tex" \
  "--color gray --texture dotted,striped --out data/edits-train-canon-graytex"; do
  [ -d "${c##* }" ] || $PY models/subset.py --data data/edits-train-canon $c
done
X=data/edits-train-canon-tex
GX=data/edits-train-canon-graytex
$PY models/export.py --ckpt models/runs/shapes-gray2/ckpt.pt --recognizer models/runs/recognizer/recognizer.pt \
  --vocab src/domains/shapes-v1/vocab.json --out models/runs/shapes-gray2/pack-fp32 --name shapes-v1 --calibrate-edits data/edits-val-canon
$PY models/quantize.py --pack models/runs/shapes-gray2/pack-fp32 --out models/runs/shapes-gray2/pack-int8
[ -f models/runs/shapes-tex/ckpt.pt ] || $PY models/warm_start.py --pack models/runs/shapes-gray2/pack-int8 \
  --out models/runs/shapes-tex --cell-code
# three rounds, each from the last (fresh optimizer); the third lists gray textured edits once only (the second
# had started painting green dotted objects gray)
prev=""
for round in "shapes-tex $X,$GX,$GX,$GX,$O" "shapes-tex2 $X,$GX,$GX,$GX,$GX,$O" "shapes-tex3 $X,$X,$GX,$O"; do
  run=models/runs/${round%% *}
  [ -z "$prev" ] || [ -f $run/ckpt.pt ] || $PY models/warm_start.py --ckpt $prev/ckpt.pt --out $run
  nice -n 10 $PY models/train.py --out $run --data data/edits-train,data/edits-train-canon,${round#* } --steps $COLOR_STEPS \
    --train-only decoder --lr 0.0005 --warmup 100 --gate-warmup 0 --aux-weight 1.0 --aux-edit-weight 2.0 --threads $T --device $DEV
  prev=$run
done
# phase 7: CellMix (the cell code attends across cells, MATH.md step 7) added to phase 6's int8 pack at zero output,
# the decoder trained once more with moves and swaps (the edits whose target is another cell's object) oversampled;
# then, from that round's int8 pack, a last full-resolution decoder step that sees periodic in-cell maps (MATH.md
# step 7) the same way: with the code right, dotted objects still came out blurred (pale, read as gray)
[ -d data/edits-train-canon-moves ] || $PY models/subset.py --data data/edits-train-canon --op move,swap \
  --out data/edits-train-canon-moves
M=data/edits-train-canon-moves
prev=models/runs/shapes-tex3
for round in "shapes-mix --cell-mix" "shapes-fourier --fourier"; do
  run=models/runs/${round%% *}
  $PY models/export.py --ckpt $prev/ckpt.pt --recognizer models/runs/recognizer/recognizer.pt \
    --vocab src/domains/shapes-v1/vocab.json --out $prev/pack-fp32 --name shapes-v1 --mask 0.6,0.99
  $PY models/quantize.py --pack $prev/pack-fp32 --out $prev/pack-int8
  [ -f $run/ckpt.pt ] || $PY models/warm_start.py --pack $prev/pack-int8 --out $run ${round#* }
  nice -n 10 $PY models/train.py --out $run --data data/edits-train,data/edits-train-canon,$X,$X,$GX,$O,$M,$M \
    --steps $MIX_STEPS --train-only decoder --lr 0.001 --warmup 100 --gate-warmup 0 --aux-weight 1.0 --aux-edit-weight 2.0 \
    --threads $T --device $DEV
  prev=$run
done
# phase 8: CellCopy (MATH.md step 7) added to phase 7's int8 pack at zero output, two decoder rounds: the first with
# phase 7's mix and moves once more, the second (from the first's checkpoint) with swaps listed three times instead:
# a swapped object kept its shape but mostly not its colour or texture
[ -d data/edits-train-canon-swaps ] || $PY models/subset.py --data data/edits-train-canon --op swap \
  --out data/edits-train-canon-swaps
W=data/edits-train-canon-swaps
$PY models/export.py --ckpt $prev/ckpt.pt --recognizer models/runs/recognizer/recognizer.pt \
  --vocab src/domains/shapes-v1/vocab.json --out $prev/pack-fp32 --name shapes-v1 --mask 0.6,0.99
$PY models/quantize.py --pack $prev/pack-fp32 --out $prev/pack-int8
[ -f models/runs/shapes-copy/ckpt.pt ] || $PY models/warm_start.py --pack $prev/pack-int8 --out models/runs/shapes-copy \
  --cell-copy
[ -f models/runs/shapes-copy2/ckpt.pt ] || { nice -n 10 $PY models/train.py --out models/runs/shapes-copy \
  --data data/edits-train,data/edits-train-canon,$X,$X,$GX,$O,$M,$M,$M --steps $COPY_STEPS --train-only decoder --lr 0.001 \
  --warmup 100 --gate-warmup 0 --aux-weight 1.0 --aux-edit-weight 2.0 --threads $T --device $DEV
  $PY models/warm_start.py --ckpt models/runs/shapes-copy/ckpt.pt --out models/runs/shapes-copy2; }
nice -n 10 $PY models/train.py --out models/runs/shapes-copy2 --data data/edits-train,data/edits-train-canon,$X,$X,$GX,$O,$M,$M,$W,$W,$W \
  --steps $COPY_STEPS --train-only decoder --lr 0.001 --warmup 100 --gate-warmup 0 --aux-weight 1.0 --aux-edit-weight 2.0 \
  --threads $T --device $DEV
# phase 9: one more decoder round from phase 8's checkpoint with edits that end in a hexagon or a circle oversampled:
# hexagons drawn round were the largest group of wrong edited cells
[ -d data/edits-train-canon-hex ] || $PY models/subset.py --data data/edits-train-canon --shape hexagon,circle \
  --out data/edits-train-canon-hex
H=data/edits-train-canon-hex
[ -f models/runs/shapes-hex/ckpt.pt ] || $PY models/warm_start.py --ckpt models/runs/shapes-copy2/ckpt.pt \
  --out models/runs/shapes-hex
nice -n 10 $PY models/train.py --out models/runs/shapes-hex \
  --data data/edits-train,data/edits-train-canon,$X,$X,$GX,$O,$M,$M,$W,$H,$H,$H --steps $COPY_STEPS --train-only decoder \
  --lr 0.001 --warmup 100 --gate-warmup 0 --aux-weight 1.0 --aux-edit-weight 2.0 --threads $T --device $DEV
# phase 10: the middle (text encoder, tracker, fusion) distilled from phase 9's model reading each training edit's
# canonical instruction to the model reading its raw words, history and, as context words, the previous
# instruction (models/distill.py, MATH.md step 5); the rest frozen
[ -d data/edits-train-pairs ] || npx tsx scripts/data/export-edits.ts --out data/edits-train-pairs --count 100000 --seed 1 \
  --split train --with-canonical
nice -n 10 $PY models/distill.py --ckpt models/runs/shapes-hex/ckpt.pt --data data/edits-train-pairs \
  --out models/runs/shapes-distill --steps $DISTILL_STEPS --context-words --threads $T

# 4. packs: fp32 export, int8 quantization, metrics into the int8 manifests
# (export.py also writes decoder_crop.onnx, the decoder on a window, for packs with coordinate maps; quantize.py
# gives it the same int8 weights as decoder.onnx; models/add_decoder_crop.py added it to the committed pack)
# mask thresholds kept at the earlier packs' 0.6, 0.99: --calibrate-edits maximizes one-turn cell accuracy, flat
# here (0.966..0.968 from lo 0.1 to 0.8), and would pick 0.8, which costs the app 1.5 points of turn success on
# validation dialogues (export-dialogues.ts --count 500 --seed 2 --split heldout); lo 0.2..0.4 match 0.6 there but
# change 1.6-2.2x as many pixels outside the target on raw phrasings
$PY models/export.py --ckpt models/runs/shapes-distill/ckpt.pt --recognizer models/runs/recognizer/recognizer.pt \
  --vocab src/domains/shapes-v1/vocab.json --out models/runs/shapes-distill/pack-fp32 --name shapes-v1 --mask 0.6,0.99
$PY models/quantize.py --pack models/runs/shapes-distill/pack-fp32 --out models/packs/shapes-v1
$PY models/eval.py --pack models/packs/shapes-v1 --fp32 models/runs/shapes-distill/pack-fp32 --edits data/edits-heldout \
  --chains data/chains-heldout --edits-canonical data/edits-heldout-canon --chains-canonical data/chains-heldout-canon \
  --knockout --write --threads $T
# the pack leaves the context words out (the app passes none); the raw figures with them come from the checkpoint
$PY models/eval.py --ckpt models/runs/shapes-distill/ckpt.pt --recognizer-pack models/packs/shapes-v1 \
  --edits data/edits-heldout --chains data/chains-heldout --knockout --out models/runs/shapes-distill/context-words.json --threads $T
$PY models/export.py --ckpt models/runs/cosal/ckpt.pt --vocab src/domains/shapes-v1/vocab.json \
  --out models/runs/cosal/pack-fp32 --name cosal-v1 --calibrate-cosal data/cosal-k4-val
$PY models/quantize.py --pack models/runs/cosal/pack-fp32 --out models/packs/cosal-v1
$PY models/eval.py --pack models/packs/cosal-v1 --fp32 models/runs/cosal/pack-fp32 \
  --cosal data/cosal-k4-test data/cosal-k6-test data/cosal-k8-test --write --threads $T

# 4b. the understanding tagger (src/understanding): tagged paraphrases from the schema-driven generator, trained and
# installed into the shapes-v1 pack after quantize.py wrote its manifest (issue 23)
[ -f data/understanding-train.jsonl ] || npx tsx scripts/understanding/export-understanding.ts --out data/understanding-train.jsonl \
  --count 300000 --seed 1 --words data/understanding-known.json
[ -f data/understanding-val.jsonl ] || npx tsx scripts/understanding/export-understanding.ts --out data/understanding-val.jsonl \
  --count 5000 --seed 2
nice -n 10 $PY models/understand.py train --data data/understanding-train.jsonl --val data/understanding-val.jsonl \
  --out models/runs/understanding --steps ${UNDERSTAND_STEPS:-6000} --known data/understanding-known.json --threads $T
$PY models/understand.py export --ckpt models/runs/understanding/ckpt.pt --out models/runs/understanding/export --pack models/packs/shapes-v1
$PY models/understanding_fixture.py --out test/fixtures/understanding

# 5. references for the ONNX tests of the committed packs
$PY models/tiny_fixtures.py --pack models/packs/shapes-v1 --shards data/edits-heldout
$PY models/tiny_fixtures.py --pack models/packs/cosal-v1 --shards data/cosal-k4-test
