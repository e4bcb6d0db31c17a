import { parseNumber } from './core/values';
for (const s of ['8 deals/qtr','550ms','12abc','2 regions live','Single region','1x/week','3x','5/día','5 días','3 semanas','4hrs','30min','15 deals','2GB','50K users','$83k/mo','abc','10 customer interviews', 'three', 'one hundred users','Q1 2020','1.2.3','5%/month'])
  { const p = parseNumber(s); console.log(JSON.stringify(s), p.ok ? p.value + ' ' + p.unit : 'FAIL'); }
for (const s of ['5次/周','200毫秒','5M users','$83k/mo', '3个区域','dos regiones','a single dashboard'])
  { const p = parseNumber(s); console.log(JSON.stringify(s), p.ok ? p.value + ' ' + p.unit : 'FAIL'); }
