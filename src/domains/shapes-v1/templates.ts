/**
 * Sentence frames per edit. Train instructions use only `both` frames; held-out instructions use only
 * `heldout` frames, so evaluation on the held-out split measures phrasings never trained on.
 * Slots: {R} target, {R2} second object, {C} color, {A} "a star", {Z} size, {X} comparative, {T} texture
 * adjective, {N} texture noun to add, {M} texture noun to remove, {Q} "the same color (as ...)", {O} new
 * object, {P} destination ("to the top right", "left of the star", "up").
 */
import type { Lex } from './lexicon.ts';

function frames(both: string[], heldout: string[]): Lex {
  return { both, heldout };
}

/** Sentence frames per edit family (train: `both`, held-out: `heldout`). */
export const FRAMES = {
  recolor: frames(
    ['make {R} {C}', 'color {R} {C}', 'turn {R} {C}', 'change {R} to {C}', 'change the color of {R} to {C}', 'paint {R} {C}'],
    ['{R} should be {C}', 'can {R} be {C}', 'i want {R} to be {C}', '{R} needs to be {C}', 'recolor {R} to {C}', 'set the color of {R} to {C}', 'dye {R} {C}'],
  ),
  reshape: frames(
    ['make {R} {A}', 'turn {R} into {A}', 'change {R} into {A}', 'change {R} to {A}', 'replace {R} with {A}', 'change the shape of {R} to {A}', 'reshape {R} into {A}'],
    ['{R} should be {A}', 'transform {R} into {A}', 'can {R} become {A}', 'i want {R} to be {A}', 'convert {R} into {A}'],
  ),
  resizeAbsolute: frames(
    ['make {R} {Z}', 'resize {R} to {Z}', 'change the size of {R} to {Z}', 'set {R} to {Z}'],
    ['{R} should be {Z}', 'i want {R} to be {Z}', 'can {R} be {Z}', 'set the size of {R} to {Z}'],
  ),
  bigger: frames(
    ['make {R} {X}', 'enlarge {R}', 'grow {R}', 'increase the size of {R}'],
    ['{R} should be {X}', 'scale up {R}', 'scale {R} up', 'can {R} be {X}', 'blow up {R}', '{R} needs to be {X}'],
  ),
  smaller: frames(
    ['make {R} {X}', 'shrink {R}', 'reduce the size of {R}', 'decrease the size of {R}'],
    ['{R} should be {X}', 'scale down {R}', 'scale {R} down', 'can {R} be {X}', '{R} needs to be {X}'],
  ),
  retexture: frames(
    ['make {R} {T}', 'change {R} to {T}', 'change the texture of {R} to {T}', 'turn {R} {T}'],
    ['{R} should be {T}', 'can {R} be {T}', 'i want {R} to be {T}', 'set the pattern of {R} to {T}'],
  ),
  addTexture: frames(
    ['give {R} {N}', 'add {N} to {R}', 'put {N} on {R}'],
    ['cover {R} in {N}', '{R} should have {N}', 'draw {N} on {R}'],
  ),
  removeTexture: frames(
    ['remove the {M} from {R}', 'get rid of the {M} on {R}', 'take the {M} off {R}'],
    ['erase the {M} from {R}', '{R} should have no {M}', 'clear the {M} off {R}'],
  ),
  same: frames(
    ['make {R} {Q}', 'give {R} {Q}', 'change {R} to {Q}'],
    ['{R} should be {Q}', '{R} should have {Q}', 'use {Q} for {R}'],
  ),
  remove: frames(
    ['remove {R}', 'delete {R}', 'get rid of {R}', 'erase {R}', 'take away {R}', 'take {R} away'],
    ['take {R} out', 'drop {R}', '{R} should go', '{R} has to go', 'clear {R}', 'throw away {R}'],
  ),
  add: frames(
    ['add {O} {P}', 'put {O} {P}', 'draw {O} {P}', 'place {O} {P}'],
    ['insert {O} {P}', 'i want {O} {P}', 'there should be {O} {P}', '{P} put {O}', 'create {O} {P}'],
  ),
  // Moves take "to the top right", "left of the star" or a step ("left", "one cell up").
  move: frames(
    ['move {R} {P}', 'shift {R} {P}'],
    ['drag {R} {P}', 'slide {R} over {P}', 'nudge {R} {P}', '{R} should go {P}', 'relocate {R} {P}'],
  ),
  // Frames whose destination reads "in the top right" rather than "to the top right"; no steps.
  put: frames(['put {R} {P}', 'place {R} {P}'], ['{R} belongs {P}', 'stick {R} {P}']),
  swap: frames(
    ['swap {R} and {R2}', 'swap {R} with {R2}', 'switch {R} and {R2}', 'exchange {R} and {R2}', 'switch the places of {R} and {R2}'],
    ['trade {R} and {R2}', '{R} and {R2} should switch places', 'let {R} and {R2} trade places', 'swap the positions of {R} and {R2}', 'switch around {R} and {R2}'],
  ),
  // First sentence of a two-sentence turn; the second refers back with a pronoun.
  focus: frames(['see {R}?', 'look at {R}.', '{R}.'], ['you know {R}?', 'find {R}.', 'notice {R}?']),
} as const;

/** Frame families, by key. */
export type FrameKey = keyof typeof FRAMES;
