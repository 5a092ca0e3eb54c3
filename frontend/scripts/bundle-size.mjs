#!/usr/bin/env node
// Prints gzipped sizes of what a guest downloads for /r/:slug: index.html's entry chunk with its
// static imports, plus the lazily loaded join page with its static imports. Budget: 250 kB of JS.
// Usage: npm run build && npm run size [-- --write]   (--write updates BUNDLE.md)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
const JOIN_ROUTE = 'src/features/join/components/join-page.tsx';
const BUDGET_KB = 250;

if (!existsSync(manifestPath)) {
  console.error('dist/.vite/manifest.json not found: run `npm run build` first.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** The chunk and everything it imports statically (what the browser must fetch before running it). */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
  return seen;
}

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
const rawKb = (file) => readFileSync(join(dist, file)).length / 1024;

const entryKeys = closure('index.html');
const joinKeys = closure(JOIN_ROUTE, new Set(entryKeys));
const rows = [];
const addRow = (group, file) => rows.push({ group, file, raw: rawKb(file), gzip: gzipKb(file) });

for (const key of entryKeys) addRow('entry', manifest[key].file);
for (const key of joinKeys) if (!entryKeys.has(key)) addRow('join route', manifest[key].file);
const cssFiles = new Set([...joinKeys].flatMap((key) => manifest[key]?.css ?? []));
const htmlGzip = gzipKb('index.html');

const js = rows.reduce((sum, row) => sum + row.gzip, 0);
const css = [...cssFiles].reduce((sum, file) => sum + gzipKb(file), 0);
const fmt = (kb) => `${kb.toFixed(1)} kB`;

const lines = [
  '| part | file | raw | gzip |',
  '| --- | --- | ---: | ---: |',
  ...rows.map((r) => `| ${r.group} | ${r.file} | ${fmt(r.raw)} | ${fmt(r.gzip)} |`),
  ...[...cssFiles].map((file) => `| css | ${file} | ${fmt(rawKb(file))} | ${fmt(gzipKb(file))} |`),
  `| html | index.html | ${fmt(rawKb('index.html'))} | ${fmt(htmlGzip)} |`,
  '',
  `Initial JavaScript for /r/:slug (gzip): **${fmt(js)}** (budget ${BUDGET_KB} kB) — ${js <= BUDGET_KB ? 'within budget' : 'OVER BUDGET'}`,
  `CSS (gzip): ${fmt(css)}; total with HTML: ${fmt(js + css + htmlGzip)}`,
];
console.log(lines.join('\n'));

if (process.argv.includes('--write')) {
  const doc = [
    '# Bundle size',
    '',
    'What a guest opening an attendee link (`/r/:slug`) downloads before the page works: the entry',
    'chunk from `index.html` with its static imports, plus the lazily loaded join page. Rooms and admin',
    'are separate chunks loaded only on their routes. Regenerate with `npm run build && npm run size -- --write`.',
    '',
    ...lines,
    '',
  ].join('\n');
  writeFileSync(join(root, 'BUNDLE.md'), doc);
  console.log('\nwrote BUNDLE.md');
}
if (js > BUDGET_KB) process.exitCode = 1;
