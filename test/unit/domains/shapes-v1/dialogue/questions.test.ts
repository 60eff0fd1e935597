import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../../../src/domains/shapes-v1/dialogue/question-answer.ts';
import { parseQuestion, parseQuestions, questionWords } from '../../../../../src/domains/shapes-v1/dialogue/question-parse.ts';
import { sixObjects } from '../six-objects.ts';

// The six-object scene (six-objects.ts).
const scene = sixObjects;

function ask(text: string, referent: number[] | null = null, confidence?: number[]) {
  const qs = parseQuestions(text);
  if (!qs) throw new Error(`not read as a question: ${text}`);
  return qs.map((q) => answerQuestion(q, { scene: scene(), referent, confidence }));
}
const reply = (text: string, referent: number[] | null = null) => ask(text, referent).map((a) => a.reply).join(' ');

describe('questions about the picture', () => {
  it.each([
    ['What color is the star?', 'The star in the middle is green.'],
    ["what's the colour of the heart", 'The heart in the bottom left is yellow.'],
    ['Could you tell me what color the heart is?', 'The heart in the bottom left is yellow.'],
    ['what size is the big square?', 'The square in the top middle is large.'],
    ['what shape is the yellow one?', 'The yellow shape in the bottom left is a heart.'],
    ['what color are the circles?', 'The circle in the top left is red and the circle in the bottom right is blue.'],
    ['How many circles are there?', 'There are 2 circles: in the top left and the bottom right.'],
    ['how many red things are there', 'There are 2 red shapes: in the top left and the middle left.'],
    ['how many triangles', 'There are no triangles.'],
    ['count the hearts', 'There is 1 heart, in the bottom left.'],
    ['Is there a heart?', 'Yes, there is a large yellow heart in the bottom left.'],
    ['are there any triangles?', 'No, there is no triangle.'],
    ['can you see a blue circle?', 'Yes, there is a small blue circle in the bottom right.'],
    ['any squares?', 'Yes, there are 2: a large blue striped square in the top middle and a small red dotted square in the middle left.'],
    ['what is left of the star?', 'Left of the star in the middle there is a small red dotted square in the middle left.'],
    ['what is below the star?', 'Nothing is below the star in the middle.'],
    ['what is left of the circle in the top left?', 'The circle in the top left is at the left edge, so nothing is left of it.'],
    ["what's in the top left?", 'In the top left there is a medium red circle.'],
    ['what is in the top right corner', 'The top right is empty.'],
    ['what is next to the heart?', 'Next to the heart in the bottom left there is a small red dotted square in the middle left.'],
    ['where is the heart?', 'The heart is in the bottom left.'],
    ['where are the squares', 'There are 2 squares: in the top middle and the middle left.'],
    ['is the star green?', 'Yes, the star in the middle is green.'],
    ['is the heart small?', 'No, the heart in the bottom left is large.'],
    ['is the yellow one a heart?', 'Yes, the yellow shape in the bottom left is a heart.'],
    ['is the star a circle?', 'No, the green shape in the middle is a star.'],
    ['is the heart in the bottom left?', 'Yes, the heart is in the bottom left.'],
    ['is the star left of the circle?', 'No, the star is in the middle.'],
    ['is the circle red?', 'There are 2 circles: the circle in the top left is red and the circle in the bottom right is blue.'],
    ['are the squares red?', 'Not all of them: the square in the top middle is blue and the square in the middle left is red.'],
    ['does the big square have stripes?', 'Yes, the square in the top middle is striped.'],
    ['which shapes are red?', 'The circle in the top left and the square in the middle left are red.'],
    ['which one is dotted', 'The square in the middle left is dotted.'],
    ['which shapes are purple?', 'None of them is purple.'],
    ['describe the picture', 'I see 6 shapes: a medium red circle in the top left, a large blue striped square in the top middle, ' +
      'a small red dotted square in the middle left, a medium green star in the middle, a large yellow heart in the bottom left ' +
      'and a small blue circle in the bottom right.'],
    ['what color is the triangle?', 'There is no triangle.'],
  ])('%s', (text, expected) => {
    expect(reply(text)).toBe(expected);
  });

  it('reads pronouns against the referent and says so when there is none', () => {
    expect(reply('what color is it?', [4])).toBe('The star in the middle is green.');
    expect(reply('is it big?', [6])).toBe('Yes, the heart in the bottom left is large.');
    expect(reply('what is it?', [8])).toBe("It's a small blue circle in the bottom right.");
    expect(reply('what color is it?')).toMatch(/not sure which shape you mean/);
  });

  it('names the cells a question singled out, for the next "it"', () => {
    expect(ask('where is the heart?')[0]!.referent).toEqual([6]);
    expect(ask('how many circles are there?')[0]!.referent).toEqual([0, 8]);
    expect(ask('is there a triangle?')[0]!.referent).toBeNull();
  });

  it('hedges on cells the recognizer was unsure about', () => {
    const conf = [1, 1, 1, 1, 0.3, 1, 1, 1, 1];
    expect(ask('what color is the star?', null, conf)[0]!.reply).toBe("The star in the middle (I'm not sure about that one) is green.");
    expect(ask('what color is the heart?', null, conf)[0]!.reply).toBe('The heart in the bottom left is yellow.');
  });

  it('reads a turn made only of questions, one question per sentence', () => {
    expect(parseQuestions('Is there a star? What color is it?')?.map((q) => q.q)).toEqual(['exists', 'attr']);
    expect(parseQuestions('what color is the star? make it red')).toBeNull();
  });

  it('leaves edits, answers and commands alone', () => {
    for (const text of ['can the star be red?', 'i want the star to be red', 'see the heart?', 'there should be a red star in the top left',
      'the left one', 'undo', 'is', 'the star should be bigger', 'make the star red', 'Could you make the star red?']) {
      expect(parseQuestions(text), text).toBeNull();
    }
    expect(questionWords('Um, could you tell me what color the stra is, please?')).toEqual(['what', 'color', 'the', 'star', 'is']);
    expect(parseQuestion([])).toBeNull();
  });
});
