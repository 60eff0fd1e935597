/**
 * Text normalization, done once per turn: bounds, Unicode, case, contractions and chat shorthand, punctuation
 * kept as tokens (the tagger reads clause breaks from it), and spelling correction against known words.
 */
import { SpellingCorrector } from './spelling.ts';

/** Longest turn understood, in characters; longer text is refused before any work (issue 24 item 2). */
export const MAX_TURN_CHARS = 400;
/** Most words read from a turn. */
export const MAX_TURN_WORDS = 60;

/** A normalized turn: its words, and for each the index of the typed token it came from. */
export interface Utterance {
  text: string;
  words: string[];
  source: number[];
  /** Words spelled differently from what was typed ("traingle" -> "triangle"). */
  corrected: { typed: string; read: string }[];
  /** Words nobody taught Parley (after correction), punctuation and numbers aside. */
  unknown: string[];
}

const CONTRACTIONS: Readonly<Record<string, string>> = {
  "what's": 'what is', "whats": 'what is', "it's": 'it is', "that's": 'that is', "thats": 'that is', "there's": 'there is',
  "let's": 'let us', "lets": 'let us', "don't": 'do not', "dont": 'do not', "doesn't": 'does not', "doesnt": 'does not',
  "can't": 'can not', "cant": 'can not', "cannot": 'can not', "won't": 'will not', "isn't": 'is not', "isnt": 'is not',
  "aren't": 'are not', "i'm": 'i am', "im": 'i am', "i'd": 'i would', "id": 'i would', "you're": 'you are', "where's": 'where is',
  "how's": 'how is', "who's": 'who is', "wasn't": 'was not', "shouldn't": 'should not', "wouldn't": 'would not',
  "didn't": 'did not', "didnt": 'did not', "i've": 'i have', "ive": 'i have', "i'll": 'i will', "we'll": 'we will',
  "they're": 'they are', "here's": 'here is', "gimme": 'give me', "lemme": 'let me', "gonna": 'going to', "wanna": 'want to',
  "kinda": 'kind of', "sorta": 'sort of', "outta": 'out of', "u": 'you', "ur": 'your', "r": 'are', "pls": 'please',
  "plz": 'please', "pleas": 'please', "thx": 'thanks', "ty": 'thanks', "n": 'and', "w": 'with', "abt": 'about', "b4": 'before',
  "tho": 'though', "ok": 'okay', "k": 'okay', "kk": 'okay', "yeah": 'yes', "yea": 'yes', "ya": 'yes', "yep": 'yes', "yup": 'yes',
  "nah": 'no', "nope": 'no', "thru": 'through', "bc": 'because', "cuz": 'because', "coz": 'because', "rn": 'right now',
  "smth": 'something', "sth": 'something', "pic": 'picture', "pls.": 'please', "&": 'and', "+": 'and',
};

/** Splits typed text into tokens: words (with an apostrophe part), numbers and clause punctuation. */
export function tokenize(text: string): string[] {
  const t = text.slice(0, MAX_TURN_CHARS).normalize('NFKC').toLowerCase().replace(/[\u2018\u2019`]/g, "'")
    // A dash between words ends a clause ("the stars are all over the place - make every star navy"); a hyphen joins.
    .replace(/\s[-\u2013\u2014]+\s|[\u2013\u2014]/g, ' , ').replace(/[-_/]/g, ' ');
  return t.match(/[a-z0-9]+(?:'[a-z]+)?|[.,!?;:&+]/g) ?? [];
}

/** Normalizes a turn; `corrector` knows every word the lexicon and the tagger know. */
export function normalize(text: string, corrector: SpellingCorrector): Utterance {
  const typed = tokenize(text);
  const words: string[] = [];
  const source: number[] = [];
  const corrected: Utterance['corrected'] = [];
  for (let i = 0; i < typed.length && words.length < MAX_TURN_WORDS; i++) {
    let tok = typed[i]!;
    if (tok === '2' && /^(the|top|bottom|left|right|middle|center|centre)$/.test(typed[i + 1] ?? '')) tok = 'to';
    // "this time", "that time": when, never which object.
    if (/^(this|that)$/.test(tok) && typed[i + 1] === 'time') {
      i++;
      continue;
    }
    // "no pattern at all", "not at all": an intensifier, never "all" the objects ("at all four corners" is).
    if (tok === 'at' && typed[i + 1] === 'all' && /^([.,!?;:]|)$/.test(typed[i + 2] ?? '')) {
      i++;
      continue;
    }
    if (!corrector.has(tok) && /(.)\1\1/.test(tok)) {
      // Stretched words: "sooo" -> "so", "reallly" -> "really".
      const two = tok.replace(/(.)\1{2,}/g, '$1$1');
      tok = corrector.has(two) ? two : tok.replace(/(.)\1{2,}/g, '$1');
    }
    let parts = CONTRACTIONS[tok]?.split(' ');
    if (!parts) {
      const possessive = /^([a-z]+)'s$/.exec(tok);
      const fixed = corrector.has(tok) ? null : corrector.correct(possessive ? possessive[1]! : tok.replace(/'/g, ''));
      if (fixed) corrected.push({ typed: tok, read: fixed });
      parts = [fixed ?? (possessive ? possessive[1]! : tok.replace(/'/g, ''))];
    }
    for (const p of parts) {
      words.push(p);
      source.push(i);
    }
  }
  const unknown = words.filter((w) => /[a-z]/.test(w) && !corrector.has(w));
  return { text, words, source, corrected, unknown };
}
