// Size budget of the <script src> bundle: Lit and the element in one file (the proxy answers are read without zod).
// Run after `npm run build`. Fails (exit 1) above the budget, so CI does too.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

// The budget is 16 KiB (16,384 B); figures are printed in decimal kilobytes, as bundle-size tools report them.
const BUDGET_BYTES = 16_384;
const TARGET_BYTES = 15_000;
const file = new URL('../dist/imss-connect.min.js', import.meta.url);

let source;
try {
  source = readFileSync(file);
} catch {
  console.error('dist/imss-connect.min.js is missing: run `npm run build` first.');
  process.exit(1);
}
const gzipped = gzipSync(source, { level: 9 }).length;
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB (${bytes.toLocaleString('en')} B)`;
console.log(`dist/imss-connect.min.js: ${kB(source.length)} minified, ${kB(gzipped)} gzip`);
console.log(`budget ${kB(BUDGET_BYTES)} gzip (target ${kB(TARGET_BYTES)})`);
if (gzipped > BUDGET_BYTES) {
  console.error(`Over budget by ${kB(gzipped - BUDGET_BYTES)}.`);
  process.exit(1);
}
