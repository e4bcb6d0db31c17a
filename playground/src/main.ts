/**
 * The playground page: the spreadsheet grid on the left, the real Excel add-in on the right. The add-in is the
 * built bundle of dist/excel/ (functions.js, commands.js, taskpane.js, served under /excel/), loaded into this page
 * with `Excel`, `Office` and `CustomFunctions` backed by the in-browser workbook (see host.ts). The grid's formula
 * engine calls the custom functions the add-in registered.
 */
import { langFromLocale, type Lang } from '../../core/i18n';
import { SimWorkbook } from '../excel-sim/workbook';
import { attachEngine } from './engine';
import { Grid } from './grid';
import { PlaygroundHost, loadScript } from './host';
import { SAMPLES, loadSample, type SampleId } from './samples';
import { fromXlsx, saveFile, toXlsx } from './xlsx';
import { decodeText, guessDelimiter, pastedBlock, sheetNameFromFile } from './delimited';

const TEXT = {
  sample: { en: 'Sample', zh: '示例' },
  open: { en: 'Open .xlsx / .csv…', zh: '打开 .xlsx / .csv…' },
  download: { en: 'Download .xlsx', zh: '下载 .xlsx' },
  language: { en: 'Language', zh: '语言' },
  hint: {
    en: 'Paste (Ctrl+V) cells copied from Excel or Google Sheets, or open a file. The pane on the right is the real add-in.',
    zh: '可粘贴（Ctrl+V）从 Excel 或 Google 表格复制的单元格，或打开文件。右侧窗格就是真正的加载项。',
  },
  pasted: {
    en: (rows: number, cols: number, at: string) =>
      `Pasted ${rows} row${rows === 1 ? '' : 's'} × ${cols} column${cols === 1 ? '' : 's'} at ${at}. Press Convert to read them as OKRs.`,
    zh: (rows: number, cols: number, at: string) => `已在 ${at} 粘贴 ${rows} 行 × ${cols} 列。按“转换”将其读取为 OKR。`,
  },
  paneHost: { en: 'Excel task pane', zh: 'Excel 任务窗格' },
  opened: { en: 'Opened', zh: '已打开' },
  openFailed: { en: 'Could not open the file:', zh: '无法打开文件：' },
  saveFailed: { en: 'Could not write the file:', zh: '无法写入文件：' },
  notBuilt: {
    en: 'The Excel add-in is not built (dist/excel/ is missing). Run `npm start` (it builds first) or `npm run build`.',
    zh: 'Excel 加载项尚未构建（缺少 dist/excel/）。请运行 `npm start`（会先构建）或 `npm run build`。',
  },
} as const;

const params = new URLSearchParams(location.search);
let lang: Lang =
  params.get('lang') === 'zh' ? 'zh' : params.get('lang') === 'en' ? 'en' : langFromLocale(navigator.language);
let sampleId: SampleId = (SAMPLES.find((s) => s.id === params.get('sample'))?.id ?? 'english') as SampleId;
let grid: Grid | null = null;
let fileName = 'okr-grid.xlsx';
/** After Validate, edits re-run it so highlights follow the cells (until Clear highlights, Convert or a new quarter). */
let liveValidate = false;
let redrawQueued = false;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const locale = () => (lang === 'zh' ? 'zh-CN' : 'en-US');

/** Redraws once after a burst of add-in calls (a command is several Excel.run batches). */
function redraw(): void {
  if (redrawQueued) return;
  redrawQueued = true;
  setTimeout(() => {
    redrawQueued = false;
    grid?.render();
  }, 0);
}

const host = new PlaygroundHost(redraw);

function toast(text: string): void {
  const t = $('toast');
  t.textContent = text;
  t.classList.add('show');
  clearTimeout((toast as unknown as { timer?: number }).timer);
  (toast as unknown as { timer?: number }).timer = window.setTimeout(() => t.classList.remove('show'), 4000);
}

function labelPage(): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  $('lbl-sample').textContent = TEXT.sample[lang];
  $('lbl-open').textContent = TEXT.open[lang];
  $('download').textContent = TEXT.download[lang];
  $('lbl-lang').textContent = TEXT.language[lang];
  $('hint').textContent = TEXT.hint[lang];
  $('hint').title = TEXT.hint[lang];
  $('pane-host').textContent = TEXT.paneHost[lang];
  ($('lang') as HTMLSelectElement).value = lang;
  const sel = $('sample') as HTMLSelectElement;
  sel.replaceChildren(
    ...SAMPLES.map((s) => {
      const o = document.createElement('option');
      o.value = s.id;
      o.textContent = s.label[lang];
      return o;
    }),
  );
  sel.value = sampleId;
}

function revalidate(): void {
  if (!liveValidate) return;
  const button = document.querySelector<HTMLButtonElement>('#app [data-command="validate"]');
  if (button && !button.disabled) button.click();
}

function load(wb: SimWorkbook): void {
  attachEngine(wb, host.engineFunctions());
  liveValidate = false;
  grid = new Grid($('sheet-area'), wb, {
    edited: () => revalidate(),
    message: (text) => toast(text),
    pasted: (rows, cols, at) => toast(TEXT.pasted[lang](rows, cols, at)),
    lang: () => lang,
  });
  host.use(wb, locale());
  grid.render();
}

function wire(): void {
  // Which highlights are live follows the panel's buttons.
  $('pane').addEventListener(
    'click',
    (e) => {
      const cmd = (e.target as HTMLElement).closest<HTMLElement>('#app [data-command]')?.dataset.command;
      // A note about the last paste or file is old news once a command runs (the pane says what happened).
      if (cmd) $('toast').classList.remove('show');
      if (cmd === 'validate') liveValidate = true;
      else if (cmd === 'clear' || cmd === 'convert' || cmd === 'rollForward') liveValidate = false;
    },
    true,
  );
  ($('sample') as HTMLSelectElement).addEventListener('change', (e) => {
    sampleId = (e.target as HTMLSelectElement).value as SampleId;
    params.set('sample', sampleId);
    history.replaceState(null, '', `?${params}`);
    fileName = 'okr-grid.xlsx';
    load(loadSample(sampleId, lang));
  });
  ($('lang') as HTMLSelectElement).addEventListener('change', (e) => {
    lang = (e.target as HTMLSelectElement).value === 'zh' ? 'zh' : 'en';
    params.set('lang', lang);
    history.replaceState(null, '', `?${params}`);
    labelPage();
    if (host.workbook) host.use(host.workbook, locale());
    grid?.render();
  });
  $('download').addEventListener('click', async () => {
    if (!host.workbook) return;
    try {
      saveFile(await toXlsx(host.workbook), fileName);
    } catch (e) {
      toast(`${TEXT.saveFailed[lang]} ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  ($('open-file') as HTMLInputElement).addEventListener('change', async (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const next = await openFile(file);
      fileName = file.name;
      load(next);
      toast(`${TEXT.opened[lang]} ${file.name}`);
    } catch (err) {
      toast(`${TEXT.openFailed[lang]} ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}

/** A workbook from an .xlsx file, or from a .csv / .tsv / .txt file (one sheet named after the file). */
async function openFile(file: File): Promise<SimWorkbook> {
  if (!/\.(csv|tsv|txt)$/i.test(file.name)) return fromXlsx(await file.arrayBuffer());
  const text = decodeText(new Uint8Array(await file.arrayBuffer()));
  const wb = new SimWorkbook([sheetNameFromFile(file.name)]);
  wb.setInputs(wb.sheets[0], 0, 0, pastedBlock(text, guessDelimiter(text)));
  return wb;
}

async function main(): Promise<void> {
  labelPage();
  wire();
  host.install();
  let built = true;
  // The custom functions first, so the grid's formulas compute from the first draw.
  await loadScript('excel/functions.js').catch(() => (built = false));
  load(loadSample(sampleId, lang));
  if (built)
    built = await Promise.all([loadScript('excel/commands.js'), loadScript('excel/taskpane.js')]).then(
      () => true,
      () => false,
    );
  if (!built) {
    const app = $('app');
    app.dataset.state = 'error';
    app.textContent = TEXT.notBuilt[lang];
  }
}

void main();
// For the browser tests and the curious: the workbook behind the page.
(window as unknown as { okrPlayground: unknown }).okrPlayground = {
  get workbook() {
    return host.workbook;
  },
};
