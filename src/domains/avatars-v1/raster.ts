/**
 * The avatars-v1 renderer (docs/avatars-v1.md "Rendering"): a 128x128 cartoon portrait painted back to front.
 * Each attribute draws only in its own part of the picture, so the pixels an edit changes are the edit's mask.
 */
import { any, band, both, Canvas, ellipse, mix, rect, rgb, roundRect, where, without, type Region } from './paint.ts';
import { IMAGE_SIZE, type Avatar, type Scene } from './scene.ts';

const HEX = {
  skin_tone: { porcelain: '#FBE3D6', fair: '#F3C6A5', olive: '#D9A86C', tan: '#C68642', brown: '#8D5524', dark: '#5A3821' },
  hair_color: { platinum: '#E9E4D4', blonde: '#DDB652', red: '#C1502E', auburn: '#8A3B1F', brown: '#5A3A22', black: '#1E1B18' },
  eye_color: { brown: '#6B3E1E', hazel: '#8E7642', green: '#3E8E41', blue: '#3B7BD3', gray: '#7D8B99' },
  clothing_color: {
    red: '#E53935', orange: '#FB8C00', yellow: '#FDD835', green: '#43A047', blue: '#1E88E5', purple: '#8E24AA',
    pink: '#F06292', gray: '#757575', black: '#263238', white: '#FAFAFA',
  },
  background: { white: '#FFFFFF', sky: '#CFE8FC', mint: '#D5F5E3', peach: '#FFE3D3', lavender: '#E8DEF8', gray: '#E0E0E0' },
} as const;

/** The colour of each coloured attribute's values, as the spec lists them. */
export const AVATAR_HEX: { readonly [A in keyof typeof HEX]: Readonly<Record<string, string>> } = HEX;

const BLACK = [0, 0, 0];
const WHITE = [255, 255, 255];
const FRAME = rgb('#263238');
const GOLD = rgb('#D4A017');
const LIP = rgb('#8E3B3B');
const MOUTH = rgb('#6D1F1F');
const HEADWEAR = { cap: rgb('#C62828'), beanie: rgb('#283593'), fold: rgb('#3949AB'), pompom: rgb('#E8EAF6'), headband: rgb('#EC407A') };

/** Half the face's width, per face shape (the ears, hair and hats follow it). */
const HALF_WIDTH = { oval: 29, round: 33, square: 30, long: 25 } as const;
const EYES = [52, 76] as const;
const EYE_Y = 62;

function face(a: Avatar): Region {
  switch (a.face_shape) {
    case 'round': return ellipse(64, 66, 33, 33);
    case 'square': return roundRect(34, 30, 94, 100, 12);
    case 'long': return ellipse(64, 64, 25, 39);
    default: return ellipse(64, 64, 29, 36);
  }
}

// Triangle and half-circle waves for the fringe: pure arithmetic, no Math.sin.
const wrap = (x: number, period: number) => ((x % period) + period) % period;
function fringe(style: Avatar['hair_style']): (x: number) => number {
  if (style === 'curly') return (x) => { const t = wrap(x, 8) / 4 - 1; return 41 + 4 * Math.sqrt(1 - t * t); };
  if (style === 'spiky') return (x) => 39 + 6 * Math.abs(wrap(x, 6) / 3 - 1);
  return () => 43;
}

function hairBack(c: Canvas, a: Avatar, w: number, hair: number[]): void {
  if (a.hair_length === 'medium') c.paint(roundRect(64 - w - 6, 34, 64 + w + 6, 92, 14), hair);
  if (a.hair_length === 'long') c.paint(roundRect(64 - w - 8, 34, 64 + w + 8, 122, 16), hair);
}

function body(c: Canvas, a: Avatar, skin: number[]): void {
  const cloth = rgb(HEX.clothing_color[a.clothing_color]);
  c.paint(ellipse(64, 138, 57.5, 37.5), mix(cloth, BLACK, 0.35)); // an edge, so a white shirt shows on white
  c.paint(ellipse(64, 138, 56, 36), cloth);
  c.paint(rect(55, 88, 73, 104), skin);
  c.paint(both(ellipse(64, 102, 9, 6), rect(55, 102, 73, 110)), skin); // the collar's opening
}

function ears(c: Canvas, a: Avatar, w: number, skin: number[]): void {
  for (const x of [64 - w - 1, 64 + w + 1]) {
    c.paint(ellipse(x, 66, 6, 9), skin);
    if (a.earrings === 'studs') c.paint(ellipse(x, 76, 2.5, 2.5), GOLD);
    if (a.earrings === 'hoops') c.paint(without(ellipse(x, 80, 4.8, 4.8), ellipse(x, 80, 3.2, 3.2)), GOLD);
  }
}

function facialHair(c: Canvas, a: Avatar, f: Region, w: number, hair: number[], skin: number[]): void {
  const mouthHole = ellipse(64, 82, 12, 6);
  if (a.facial_hair === 'stubble') {
    const dot = (x: number, y: number) => (wrap(x, 3) - 1.5) ** 2 + (wrap(y, 3) - 1.5) ** 2 < 0.6;
    c.paint(where((x, y) => f.inside(x, y) && y > 76 && dot(x, y) && !mouthHole.inside(x, y), [64 - w, 76, 64 + w, 104]), mix(hair, skin, 0.35));
  }
  if (a.facial_hair === 'beard') {
    const jaw = where((x, y) => f.inside(x, y) && (y > 76 || (y > 62 && Math.abs(x - 64) > w - 6)), [64 - w, 62, 64 + w, 104]);
    c.paint(without(jaw, ellipse(64, 82, 10, 5)), hair);
  }
}

function eyes(c: Canvas, a: Avatar, hair: number[]): void {
  const iris = rgb(HEX.eye_color[a.eye_color]);
  for (const x of EYES) {
    c.paint(ellipse(x, EYE_Y, 6, 4.2), WHITE);
    c.paint(both(ellipse(x, EYE_Y, 3, 3), ellipse(x, EYE_Y, 6, 4.2)), iris);
    c.paint(ellipse(x, EYE_Y, 1.4, 1.4), [26, 26, 26]);
    const u = (px: number) => (px - x) / 6;
    const brow = a.eyebrows === 'arched' ? band((px) => 54.5 - 3 * (1 - u(px) ** 2), 1.1, x - 7, x + 7)
      : band(() => 53, a.eyebrows === 'thick' ? 1.9 : 0.8, x - 6.5, x + 6.5);
    c.paint(brow, hair);
  }
}

function mouth(c: Canvas, a: Avatar): void {
  const u = (x: number) => (x - 64) / 9;
  if (a.expression === 'grin') {
    const open = where((x, y) => Math.abs(u(x)) <= 1 && y >= 79 + u(x) ** 2 && y <= 79 + 7 * (1 - u(x) ** 2), [55, 79, 73, 86]);
    c.paint(open, MOUTH);
    c.paint(both(open, rect(55, 79, 73, 81.5)), WHITE);
    return;
  }
  const line = a.expression === 'frown' ? (x: number) => 80 + 3 * u(x) ** 2
    : a.expression === 'smile' ? (x: number) => 83 - 3 * u(x) ** 2 : () => 82;
  c.paint(band(line, 1.1, 55, 73), LIP);
}

function hairFront(c: Canvas, a: Avatar, w: number, hair: number[]): void {
  if (a.hair_length === 'bald') return;
  const edge = fringe(a.hair_style);
  c.paint(both(ellipse(64, 58, w + 4, 34), where((x, y) => y < edge(x), [64 - w - 4, 24, 64 + w + 4, 50])), hair);
}

function glasses(c: Canvas, a: Avatar): void {
  if (a.glasses === 'none') return;
  const bridge = rect(60.5, 60.8, 67.5, 62.4);
  if (a.glasses === 'round') {
    for (const x of EYES) c.paint(without(ellipse(x, EYE_Y, 8.6, 8.6), ellipse(x, EYE_Y, 7, 7)), FRAME);
  } else {
    for (const x of EYES) {
      const lens = rect(x - 9, EYE_Y - 6, x + 9, EYE_Y + 5.5);
      c.paint(a.glasses === 'sunglasses' ? lens : without(lens, rect(x - 7.4, EYE_Y - 4.4, x + 7.4, EYE_Y + 3.9)), FRAME);
    }
  }
  c.paint(any(bridge, rect(35, 59.5, 43, 61), rect(85, 59.5, 93, 61)), FRAME);
}

function headwear(c: Canvas, a: Avatar, w: number): void {
  if (a.headwear === 'cap') {
    c.paint(both(ellipse(64, 44, w + 5, 20), rect(0, 0, 128, 44)), HEADWEAR.cap);
    c.paint(roundRect(60, 40, 104, 47, 3), mix(HEADWEAR.cap, BLACK, 0.2));
  }
  if (a.headwear === 'beanie') {
    c.paint(ellipse(64, 24, 5, 5), HEADWEAR.pompom);
    c.paint(both(ellipse(64, 47, w + 5, 24), rect(0, 0, 128, 47)), HEADWEAR.beanie);
    c.paint(both(ellipse(64, 47, w + 6, 30), rect(64 - w - 6, 40, 64 + w + 6, 48)), HEADWEAR.fold);
  }
  if (a.headwear === 'headband') c.paint(both(ellipse(64, 58, w + 4.5, 34), rect(0, 37, 128, 42)), HEADWEAR.headband);
}

/** Renders an avatar scene to RGBA, 128x128. */
export function renderAvatarRgba(scene: Scene): Uint8ClampedArray {
  const a = scene.cells[0];
  if (!a) throw new RangeError('an avatars-v1 scene holds one avatar');
  const c = new Canvas(IMAGE_SIZE, rgb(HEX.background[a.background]));
  const skin = rgb(HEX.skin_tone[a.skin_tone]);
  const hair = rgb(HEX.hair_color[a.hair_color]);
  const w = HALF_WIDTH[a.face_shape];
  const f = face(a);
  hairBack(c, a, w, hair);
  body(c, a, skin);
  ears(c, a, w, skin);
  c.paint(f, skin);
  facialHair(c, a, f, w, hair, skin);
  c.paint(ellipse(64, 71, 2.5, 3.2), mix(skin, BLACK, 0.18));
  eyes(c, a, hair);
  mouth(c, a);
  if (a.facial_hair === 'mustache') c.paint(ellipse(64, 77.2, 10, 2.6), hair);
  hairFront(c, a, w, hair);
  glasses(c, a);
  headwear(c, a, w);
  return c.rgba();
}
