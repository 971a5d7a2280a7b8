// After `vite build`: bakes the content-hashed file name of the widget bundle (from Vite's manifest) into the tiny
// loader /widget.js, copies the demo page, drops the manifest (it is not meant to be served) and checks the size
// budget (30 KB gzipped for widget.<hash>.js; the build fails above it).
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loaderSource } from './loader.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'target/classes/META-INF/resources');
const BUDGET = 30 * 1024;

const manifest = JSON.parse(readFileSync(join(out, '.vite/manifest.json'), 'utf8'));
const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
if (!entry || !/^widget\/widget\.[A-Za-z0-9_-]+\.js$/.test(entry.file)) {
  throw new Error(`unexpected manifest entry: ${JSON.stringify(entry)}`);
}

const loader = loaderSource(entry.file);
writeFileSync(join(out, 'widget.js'), loader);

mkdirSync(join(out, 'widget'), { recursive: true });
copyFileSync(join(root, 'demo/demo.html'), join(out, 'widget/demo.html'));
rmSync(join(out, '.vite'), { recursive: true, force: true });

const size = (file) => {
  const bytes = readFileSync(join(out, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const bundle = size(entry.file);
const stub = size('widget.js');
console.log(`widget: ${entry.file} ${kb(bundle.raw)} (${kb(bundle.gzip)} gzipped, budget ${kb(BUDGET)}); ` +
  `widget.js loader ${kb(stub.raw)} (${kb(stub.gzip)} gzipped)`);
if (bundle.gzip > BUDGET) {
  console.error(`widget: ${entry.file} is ${kb(bundle.gzip)} gzipped, over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
