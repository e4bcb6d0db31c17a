/**
 * One vocabulary: the reader, the custom functions and the portable formulas accept exactly the same words for a
 * key result's kind, committed / aspirational and done / not done; a cross means NOT done.
 */
import { readModel } from '../core/parse-sheet';
import { fnOkrScore, fnOkrStatus, isCellError } from '../core/functions';
import { scoreFormula, statusFormula, wordIn } from '../core/formulas';
import { DEFAULT_SETTINGS } from '../core/settings';
import { parseDone } from '../core/values';
import { COMMITMENT_VOCAB, DONE_VOCAB, KIND_VOCAB, KINDS, wordKey, type KindWord } from '../core/vocabulary';
import { snapshotOf, FIXTURE_TODAY } from '../fixtures/sheets';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const FormulaParser: any = require('fast-formula-parser');

/** Words nobody means as a kind: every reader must reject them. */
const NOT_KINDS = ['whatever', 'increase!', 'stay', '增', 'okr', 'x', '', '__proto__', 'constructor', 'up down'];
const allKindWords = (Object.keys(KIND_VOCAB) as KindWord[]).flatMap((k) => KIND_VOCAB[k].map((w) => [w, k] as const));

/** What the reader makes of a kind cell: the KR's kind, 'auto' when it inferred one without complaint, or null (a problem). */
function readerKind(word: string): string | null {
  const snap = snapshotOf('S', [
    ['Key Result', 'Kind', 'Start', 'Target', 'Current'],
    ['Reach the number', word, 10, 20, 15],
  ]);
  const m = readModel(snap, { settings: DEFAULT_SETTINGS, today: FIXTURE_TODAY });
  if (m.problems.some((p) => p.field === 'kind')) return null;
  const kr = m.objectives[0].krs[0];
  return kr.inferred.kind ? 'auto' : kr.kind;
}

/** Whether OKRSCORE takes a kind word (current 1 suits every kind, a milestone too). */
function functionAccepts(word: string): boolean {
  const out = fnOkrScore(1, 20, 10, word)[0][0];
  return !isCellError(out);
}

describe('kind words: reader and OKRSCORE accept exactly the same words', () => {
  test.each(allKindWords)('%p is %s for the reader and OKRSCORE', (word, kind) => {
    expect(readerKind(word)).toBe(kind === 'auto' ? 'auto' : kind);
    expect(readerKind(word.toUpperCase())).toBe(kind === 'auto' ? 'auto' : kind);
    expect(functionAccepts(word)).toBe(true);
    expect(functionAccepts(`  ${word.toUpperCase()} `)).toBe(true);
  });

  test.each(NOT_KINDS.filter((w) => w))('%p is rejected by both', (word) => {
    expect(readerKind(word)).toBeNull();
    expect(functionAccepts(word)).toBe(false);
  });

  test('the words the issue found disagreeing now agree', () => {
    for (const w of ['不超过', 'cap', 'grow', 'higher is better', 'inc', '保持高于']) {
      expect(KINDS.get(w)).not.toBeNull();
      expect(readerKind(w)).not.toBeNull();
      expect(functionAccepts(w)).toBe(true);
    }
    // The same kind in both: 'cap' is stay below, so 25 against a cap of 20 scores 0.
    expect(fnOkrScore(25, 20, '', 'cap')[0][0]).toBe(0);
    expect(fnOkrScore(25, 20, '', '保持高于')[0][0]).toBe(1);
  });
});

describe('done words: a cross is NOT done, everywhere', () => {
  test.each(['x', 'X', '✗', '×', '✘', '❌'])('%p is not done', (w) => {
    expect(parseDone(w)).toMatchObject({ ok: true, value: false });
    expect(fnOkrScore(w, 4)[0][0]).not.toBe(1);
    expect(fnOkrScore(w, '', '', 'binary')[0][0]).toBe(0);
  });

  test('OKRSCORE("x", 4) is not 1', () => {
    expect(fnOkrScore('x', 4)[0][0]).not.toBe(1);
  });

  test.each(DONE_VOCAB.done.map((w) => [w]))('%p is done for the parser and OKRSCORE', (w) => {
    expect(parseDone(w)).toMatchObject({ ok: true, value: true });
    expect(fnOkrScore(w, '', '', 'binary')[0][0]).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The portable formulas evaluated by a formula engine nobody here wrote.

function evaluate(formula: string, row: unknown[]): unknown {
  const parser = new FormulaParser({
    onCell: ({ col }: { col: number }) => (row[col - 1] === undefined || row[col - 1] === null ? '' : row[col - 1]),
    functions: {
      // As Excel, Sheets and LibreOffice trim: runs of spaces inside become one (fast-formula-parser keeps them).
      TRIM: (arg: { value: unknown }) =>
        String(arg.value ?? '')
          .replace(/ +/g, ' ')
          .replace(/^ | $/g, ''),
      VALUE: (arg: { value: unknown }) => {
        const n = Number(String(arg.value).trim());
        if (String(arg.value).trim() === '' || Number.isNaN(n)) throw FormulaParser.FormulaError.VALUE;
        return n;
      },
    },
  });
  const out = parser.parse(formula.replace(/^=/, ''), { sheet: 'S', row: 1, col: 9 });
  return out && typeof out === 'object' && '_error' in out ? { error: out._error } : out;
}

const PORTABLE = scoreFormula('excel', 'portable', { current: 'D1', target: 'C1', start: 'B1', kind: 'A1' });

describe('portable formulas read the same words', () => {
  test.each(allKindWords)('kind %p scores as %s in the portable formula and OKRSCORE', (word) => {
    // above/below give 0 or 1, linear 0.5, binary (current 15 is no done word) an error: each kind its own answer.
    for (const [start, target, current] of [
      [10, 20, 15],
      ['', 20, 25],
      ['', 20, 15],
    ] as const) {
      const got = evaluate(PORTABLE, [word, start, target, current]);
      const addin = fnOkrScore(current, target, start, word)[0][0];
      if (isCellError(addin)) expect(got).toMatchObject({ error: expect.any(String) });
      else expect(got).toBeCloseTo(addin as number, 10);
    }
  });

  // Each list is one text searched for "  word  ": a wildcard, two words of a list, or spaces must not make a word.
  test.each([
    'd?ne',
    'don*',
    '*',
    '~',
    'above*',
    'above below',
    'milestone  done',
    '  binary  milestone ',
    'done complete',
  ])('a text that only looks like words (%p) is none: a linear kind, not done', (w) => {
    expect(evaluate(PORTABLE, [w, 10, 20, 15])).toBe(0.5);
    expect(evaluate(PORTABLE, ['', 10, 20, 15])).toBe(0.5);
    expect(evaluate(PORTABLE, ['binary', '', '', w])).toBe(0);
    expect(fnOkrScore(w, '', '', 'binary')[0][0]).not.toBe(1);
  });

  test('a word list longer than Excel allows one text constant (255 characters) is cut between words, read alike', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word number ${i}`);
    const f = '=' + wordIn('LOWER(TRIM(A1&""))', words);
    const constants = [...f.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
    expect(Math.max(...constants.map((c) => c.length))).toBeLessThanOrEqual(255);
    expect(constants.filter((c) => c.length > 2).join('')).toBe(`  ${words.join('  ')}  `);
    for (const w of [words[0], words[17], words[60], words[119]])
      expect(evaluate(f, [` ${w.toUpperCase()} `])).toBe(true);
    for (const w of ['word number', 'number 17', 'word number 120', '17  word']) expect(evaluate(f, [w])).toBe(false);
    // and the formulas Convert writes today
    for (const text of [PORTABLE, statusFormula('excel', 'portable', 'A1', 'B1', DEFAULT_SETTINGS.bands, 'zh')])
      for (const m of text.matchAll(/"((?:[^"]|"")*)"/g)) expect(m[1].length).toBeLessThanOrEqual(255);
  });

  test.each([...DONE_VOCAB.done, ...DONE_VOCAB.notDone].map((w) => [w]))(
    'done word %p in the portable milestone formula',
    (w) => {
      const got = evaluate(PORTABLE, ['binary', '', '', w]);
      expect(got).toBe(fnOkrScore(w, '', '', 'binary')[0][0]);
      expect(got).toBe(DONE_VOCAB.done.includes(w) ? 1 : 0);
    },
  );

  test.each([...COMMITMENT_VOCAB.committed, ...COMMITMENT_VOCAB.aspirational].map((w) => [w]))(
    'type word %p in the portable status formula',
    (w) => {
      const f = statusFormula('excel', 'portable', 'A1', 'B1', DEFAULT_SETTINGS.bands, 'en');
      for (const score of [1, 0.8]) {
        expect(evaluate(f, [score, w])).toBe(fnOkrStatus(score, w)[0][0]);
      }
    },
  );

  test('every list is in its compared form (what LOWER(TRIM()) gives)', () => {
    for (const list of [
      ...Object.values(KIND_VOCAB),
      ...Object.values(DONE_VOCAB),
      ...Object.values(COMMITMENT_VOCAB),
    ]) {
      for (const w of list) expect(wordKey(w)).toBe(w);
    }
  });
});
