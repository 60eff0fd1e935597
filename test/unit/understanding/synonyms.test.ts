import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import synonyms from '../../../src/domains/shapes-v1/synonyms.json';

describe('synonyms from WordNet', () => {
  it.skipIf(!existsSync('/usr/share/wordnet/data.noun'))('rebuild byte for byte from WordNet (Debian wordnet-base)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'syn-')), 'synonyms.json');
    execFileSync('npx', ['tsx', 'scripts/understanding/build-synonyms.ts', '--out', out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/domains/shapes-v1/synonyms.json', 'utf8'));
  });

  it.skipIf(!existsSync('/usr/share/wordnet/cntlist.rev'))('the English word list rebuilds byte for byte from WordNet', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'eng-')), 'english-words.json');
    execFileSync('npx', ['tsx', 'scripts/understanding/build-english-words.ts', '--out', out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/understanding/english-words.json', 'utf8'));
  });

  it('map common words people use to palette values and name colours the palette lacks', () => {
    const v = synonyms.values as unknown as Record<string, [string, string]>;
    expect(v.crimson).toEqual(['color', 'red']);
    expect(v.navy).toEqual(['color', 'blue']);
    expect(v.grey).toEqual(['color', 'gray']);
    expect(v.tiny).toEqual(['size', 'small']);
    expect(v.enormous).toEqual(['size', 'large']);
    expect(v.speckled).toEqual(['texture', 'dotted']);
    expect((synonyms.unavailable as Record<string, string>).brown).toBe('brown');
    expect(synonyms.notice).toMatch(/WordNet 3\.0.*Princeton/);
  });
});
