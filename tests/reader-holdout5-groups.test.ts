/**
 * KR group headings and field lines beside the KRs (issue 10, hold-out set 5): under a Key Results label, a bold line
 * naming a group (`**Customer health**`) heads the KRs listed under it when those items carry KR fields at their own
 * depth (`- Measure: ...`, `- Target: ...`); the fields belong to the KR above them, a list nested under a field (a
 * scale legend) is a note, and a bold line whose list carries no fields is still a KR with its parts. Constructed
 * sheets written here (other words, sizes and languages than the corpus sheet); expected values worked out by reading
 * them.
 */
import { readModel } from '../core/parse-sheet';
import { resolveSettings } from '../core/settings';
import type { OkrModel } from '../core/model';

const lines = (text: string): string[][] =>
  text
    .replace(/^\n/, '')
    .split('\n')
    .map((l) => [l]);
const read = (values: unknown[][]): OkrModel =>
  readModel({ name: 'S', origin: { row: 0, col: 0 }, values }, { settings: resolveSettings({}), today: '2026-12-07' });
const shape = (m: OkrModel) =>
  m.objectives.map((o) => ({
    title: o.title,
    krs: o.krs.map((k) => [k.title, k.target]),
    initiatives: (o.initiatives ?? []).length + o.krs.reduce((n, k) => n + (k.initiatives ?? []).length, 0),
  }));
const unplacedTexts = (m: OkrModel) => (m.reading?.unplaced ?? []).map((u) => u.text.trim());

describe('bold group lines over KRs that carry field lines', () => {
  test('English: groups head the KRs, Measure lines state nothing, a Target line states the target', () => {
    const m = read(
      lines(`
## 1) Keep customers for the long run

### Key Results

**Customer health**
- Call every enterprise account at least 2 times per quarter
- Measure: Calls logged in the CRM
- Lift the health score of the top accounts
- Measure: Health score (1–10)
  - 1 = churning, 5 = neutral, 10 = champion
- Target: Average ≥ 7
- Follow-up: Dana keeps the list

**Support quality**
- Answer tickets within the day
- Measure: Median first response time`),
    );
    expect(shape(m)).toEqual([
      {
        title: 'Keep customers for the long run',
        krs: [
          ['Call every enterprise account at least 2 times per quarter', 2],
          ['Lift the health score of the top accounts', 7],
          ['Answer tickets within the day', null],
        ],
        initiatives: 0,
      },
    ]);
    expect(unplacedTexts(m)).toEqual(
      expect.arrayContaining(['- 1 = churning, 5 = neutral, 10 = champion', '- Follow-up: Dana keeps the list']),
    );
  });

  test('Spanish: `Métrica:` / `Meta:` lines under the KRs of each group', () => {
    const m = read(
      lines(`
## Mejorar mis finanzas personales

### Resultados clave

**Ahorro**
- Ahorrar al menos 300 euros al mes
- Métrica: ahorro mensual en la hoja de gastos
- Revisar las suscripciones
- Meta: 4

**Aprendizaje financiero**
- Leer 6 libros de finanzas
- Métrica: libros terminados`),
    );
    expect(shape(m)).toEqual([
      {
        title: 'Mejorar mis finanzas personales',
        krs: [
          ['Ahorrar al menos 300 euros al mes', 300],
          ['Revisar las suscripciones', 4],
          ['Leer 6 libros de finanzas', 6],
        ],
        initiatives: 0,
      },
    ]);
  });

  test('German: `Messung:` lines, groups in a second objective too', () => {
    const m = read(
      lines(`
## Fit bleiben

### Key Results

**Bewegung**
- Mindestens 3 Mal pro Woche laufen
- Messung: Läufe pro Woche

## Ruhiger arbeiten

### Key Results

**Fokus**
- Jeden Morgen 90 Minuten ohne Meetings blocken
- Messung: Kalender
- Benachrichtigungen am Abend abschalten
- Messung: Einstellungen geprüft`),
    );
    expect(shape(m)).toEqual([
      { title: 'Fit bleiben', krs: [['Mindestens 3 Mal pro Woche laufen', 3]], initiatives: 0 },
      {
        title: 'Ruhiger arbeiten',
        krs: [
          ['Jeden Morgen 90 Minuten ohne Meetings blocken', 90],
          ['Benachrichtigungen am Abend abschalten', null],
        ],
        initiatives: 0,
      },
    ]);
  });

  test('a bold line whose list carries no fields is still a KR, its list its parts', () => {
    const m = read(
      lines(`
## Ship the new editor

### Key Results

**Editor beta**
- Collaborative cursors
- Offline drafts

**Docs site**
- Getting started guide`),
    );
    expect(shape(m)).toEqual([
      {
        title: 'Ship the new editor',
        krs: [
          ['Editor beta', null],
          ['Docs site', null],
        ],
        initiatives: 3,
      },
    ]);
  });
});
