/**
 * The Excel add-in's web-extension parts, carried from the input file into the file written. Office keeps an add-in
 * (its id, store, task pane state) and the add-in's document settings (okrGrid.settings: the reading corrections) in
 * xl/webextensions/, linked from the package's root relationships and named in [Content_Types].xml. ExcelJS neither
 * reads nor writes those parts, so after ExcelJS has written the file they are put back as they were: the parts byte
 * for byte, the root relationships that point at them, their content types, and what their own relationships point
 * at outside the folder (a snapshot picture) when the file written lacks it.
 */
import { promises as fs } from 'fs';
import path from 'path';
import JSZip from 'jszip';
import { zipEntries } from './zip-directory';

const FOLDER = 'xl/webextensions/';
const ROOT_RELS = '_rels/.rels';
const CONTENT_TYPES = '[Content_Types].xml';
const RELATIONSHIP = /<Relationship\b[^>]*?\/>/g;
const OVERRIDE = /<Override\b[^>]*?\/>/g;
const DEFAULT = /<Default\b[^>]*?\/>/g;

const inFolder = (name: string) => name.toLowerCase().startsWith(FOLDER);

function attr(element: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(element);
  return m ? (m[2] ?? m[3]) : null;
}

/** The package part a relationship in `relsFile` points at ('xl/media/image1.png'), or null for an external one. */
function targetPart(relsFile: string, rel: string): string | null {
  const target = attr(rel, 'Target');
  if (!target || attr(rel, 'TargetMode') === 'External') return null;
  if (target.startsWith('/')) return target.slice(1);
  // 'xl/webextensions/_rels/taskpanes.xml.rels' describes 'xl/webextensions/taskpanes.xml': targets are relative to
  // the folder of that part.
  const base = path.posix.dirname(path.posix.dirname(relsFile));
  return path.posix.normalize(path.posix.join(base === '.' ? '' : base, target));
}

/** Whether the input file holds web-extension parts (read from its zip directory: nothing is decompressed). */
export function hasWebExtensions(input: Buffer): boolean {
  return (zipEntries(input) ?? []).some((e) => inFolder(e.name) && !e.name.endsWith('/'));
}

async function text(zip: JSZip, name: string): Promise<string | null> {
  const f = zip.file(name);
  return f ? f.async('string') : null;
}

/** Adds to the written root relationships those of the input that point into the folder (a free Id if taken). */
async function carryRootRelationships(src: JSZip, out: JSZip): Promise<void> {
  const from = await text(src, ROOT_RELS);
  const to = await text(out, ROOT_RELS);
  if (!from || !to) return;
  const taken = new Set([...to.matchAll(RELATIONSHIP)].map((m) => attr(m[0], 'Id')));
  const added: string[] = [];
  for (const [rel] of from.matchAll(RELATIONSHIP)) {
    const part = targetPart(ROOT_RELS, rel);
    if (!part || !inFolder(part)) continue;
    let id = attr(rel, 'Id') ?? 'rIdWebExtension';
    for (let n = 1; taken.has(id); n++) id = `rIdWebExtension${n}`;
    taken.add(id);
    added.push(rel.replace(/\bId\s*=\s*("[^"]*"|'[^']*')/, `Id="${id}"`));
  }
  if (added.length) out.file(ROOT_RELS, to.replace('</Relationships>', added.join('') + '</Relationships>'));
}

/** Parts outside the folder that the carried parts' relationships point at and the written file lacks. */
async function outsideTargets(src: JSZip, out: JSZip, carried: string[]): Promise<string[]> {
  const more = new Set<string>();
  for (const rels of carried.filter((n) => n.endsWith('.rels'))) {
    for (const [rel] of ((await text(src, rels)) ?? '').matchAll(RELATIONSHIP)) {
      const part = targetPart(rels, rel);
      if (part && !inFolder(part) && src.file(part) && !out.file(part)) more.add(part);
    }
  }
  return [...more];
}

/** Names the carried parts in the written [Content_Types].xml as the input names them (an Override or a Default). */
async function carryContentTypes(src: JSZip, out: JSZip, parts: string[]): Promise<void> {
  const from = (await text(src, CONTENT_TYPES)) ?? '';
  const to = await text(out, CONTENT_TYPES);
  if (!to) return;
  const keyed = (xml: string, re: RegExp, key: string) =>
    new Map([...xml.matchAll(re)].map((m) => [(attr(m[0], key) ?? '').toLowerCase(), m[0]]));
  const [overrides, defaults] = [keyed(from, OVERRIDE, 'PartName'), keyed(from, DEFAULT, 'Extension')];
  const [hasOverride, hasDefault] = [keyed(to, OVERRIDE, 'PartName'), keyed(to, DEFAULT, 'Extension')];
  const added = new Set<string>();
  for (const part of parts) {
    const name = '/' + part.toLowerCase();
    const ext = path.posix.extname(part).slice(1).toLowerCase();
    if (overrides.has(name)) {
      if (!hasOverride.has(name)) added.add(overrides.get(name)!);
    } else if (defaults.has(ext) && !hasDefault.has(ext)) added.add(defaults.get(ext)!);
  }
  if (added.size) out.file(CONTENT_TYPES, to.replace('</Types>', [...added].join('') + '</Types>'));
}

/**
 * Puts the input's web-extension parts back into `file` (just written by ExcelJS), rewriting it once. Nothing is done
 * (and nothing read beyond the input's zip directory) when the input has none.
 */
export async function carryWebExtensions(input: Buffer, file: string): Promise<void> {
  if (!hasWebExtensions(input)) return;
  const [src, out] = await Promise.all([JSZip.loadAsync(input), JSZip.loadAsync(await fs.readFile(file))]);
  const carried = Object.keys(src.files).filter((n) => inFolder(n) && !src.files[n].dir && !out.file(n));
  const parts = [...carried, ...(await outsideTargets(src, out, carried))];
  for (const name of parts) out.file(name, await src.file(name)!.async('uint8array'));
  await carryRootRelationships(src, out);
  await carryContentTypes(src, out, parts);
  await fs.writeFile(file, await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}
