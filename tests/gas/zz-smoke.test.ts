import { loadProject, plain } from './harness';
import * as fx from '../fixtures/sheets';
test('smoke', () => {
  const out: string[] = [];
  const p = loadProject({}, (b) => b.addSheet('Q4 OKRs', fx.englishTable));
  p.call('panelRun', 'convert');
  p.call('panelRun', 'score');
  out.push(p.book.active!.name);
  out.push(JSON.stringify(plain(p.call('panelRun', 'rollForward'))));
  for (const sh of p.book.sheets) out.push(sh.name + ' ' + JSON.stringify(sh.values()).slice(0, 1500));
  const q = loadProject({}, (b) => b.addSheet('10月OKR', fx.chineseOutline));
  out.push(JSON.stringify(plain(q.call('panelRun', 'convert'))));
  out.push(q.book.active!.name);
  for (const sh of q.book.sheets) out.push(sh.name + ' ' + JSON.stringify(sh.values()).slice(0, 2500));
  console.log(out.join('\n'));
});
