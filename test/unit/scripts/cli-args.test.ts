/** The argument helper the CLIs share (scripts/lib/cli.ts readCli/parseCli), and `--help` on every CLI that uses it. */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCli, readCli } from '../../../scripts/lib/cli.ts';

const spec = {
  usage: 'demo --out DIR [--count N] [--split train|heldout] [--say TEXT]... [--json]',
  options: {
    out: { type: 'string' }, count: { type: 'string', default: '5' }, split: { type: 'string', default: 'train' },
    say: { type: 'string', multiple: true }, json: { type: 'boolean', default: false },
  },
  required: ['out'],
  choices: { split: ['train', 'heldout'], say: ['hi', 'bye'] },
} as const;

describe('readCli', () => {
  it('reads options and fills in defaults', () => {
    expect(readCli(spec, ['--out', 'o', '--say', 'hi', '--say', 'bye', '--json'])).toEqual({
      values: { out: 'o', count: '5', split: 'train', say: ['hi', 'bye'], json: true },
    });
  });

  it.each([
    [[], /^missing --out$/],
    [['--out', 'o', '--split', 'test'], /--split must be train or heldout, got "test"/],
    [['--out', 'o', '--say', 'hi', '--say', 'yo'], /--say must be hi or bye, got "yo"/],
    [['--out', 'o', '--bogus'], /Unknown option '--bogus'/],
    [['--out', 'o', 'stray'], /Unexpected argument 'stray'/],
    [['--out'], /argument missing/],
    [['--json=yes', '--out', 'o'], /does not take an argument/],
  ])('names what is wrong with %j', (argv, message) => {
    const read = readCli(spec, argv);
    expect('error' in read && read.error).toMatch(message);
  });

  it.each([[['--help']], [['-h']], [['--out', 'o', '--help']], [['--bogus', '--help']]])('asks for help on %j', (argv) => {
    expect(readCli(spec, argv)).toEqual({ help: true });
  });
});

describe('parseCli', () => {
  afterEach(() => vi.restoreAllMocks());
  /** Runs parseCli with process.exit stopped, returning the exit code and what was printed. */
  const run = (argv: string[]) => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let thrown: unknown;
    try {
      parseCli(spec, argv);
    } catch (e) {
      thrown = e;
    }
    return { thrown, code: exit.mock.calls[0]?.[0], stdout: log.mock.calls.join('\n'), stderr: error.mock.calls.join('\n') };
  };

  it('returns the values on good input without exiting', () => {
    const exit = vi.spyOn(process, 'exit');
    expect(parseCli(spec, ['--out', 'o']).out).toBe('o');
    expect(exit).not.toHaveBeenCalled();
  });

  it('prints the usage on stdout and exits 0 for --help', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`usage: ${spec.usage}`);
    expect(r.stderr).toBe('');
  });

  it('fails with exit code 2, the reason and the usage for a bad option', () => {
    const r = run(['--out', 'o', '--count']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: Option '--count <value>' argument missing\nusage: demo --out DIR/);
    expect(r.stdout).toBe('');
  });
});

describe('--help on the CLIs', () => {
  it.each([
    'scripts/data/export-dialogues.ts', 'scripts/data/export-edits.ts', 'scripts/data/export-cosal.ts', 'scripts/validate.ts',
    'scripts/eval-dialogue.ts', 'scripts/data/export-chains.ts', 'scripts/edit.ts', 'scripts/eval.ts', 'scripts/eval-cosal.ts',
    'scripts/bench.ts', 'scripts/bench-kernels.ts', 'scripts/bench-fusion-cpu.ts', 'scripts/corpus/blind-packets.ts', 'scripts/understanding/build-synonyms.ts',
    'scripts/understanding/calibrate.ts', 'scripts/understanding/export-understanding.ts',
  ])('%s prints its usage and exits 0', (script) => {
    const r = spawnSync('npx', ['tsx', script, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^usage: [\w:-]+ \[?--/);
  });
});
