// A guard against accidents in what the first load fetches: the files fetched before
// the first result shows (the page, the JS glue and the wasm) stay under 420 KB gzip.
// The figures themselves are benchmarks (BENCHMARKS.md, `node e2e/bench.mjs`). The
// first load measures 404 KB with the heavy work in the worker (the recent plans and
// the other tabs' notice added 18 KB, undo and the tabs' history 4 KB, several SLOs
// with their templates, list and the reader of earlier versions' plans 22 KB); issue 15 asked for a 320 KB line, which this
// build does not meet (BENCHMARKS.md says where the bytes go). The accident this
// catches: worker code (the YAML reader, the exports, the simulation, about 150 KB
// gzip) linked into the page. The worker's own files are
// fetched only when it is first asked for something.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST } from './harness.mjs';

/** The files the page fetches before its first result: the page, its JS and its wasm. */
async function firstLoad() {
  const names = await readdir(DIST);
  return names.filter((n) => n === 'index.html' || (/\.(js|wasm)$/.test(n) && n !== 'sw.js' && !n.startsWith('slo-worker')));
}

test('the first load is under 420 KB gzip, in at most 4 files', async () => {
  const names = await firstLoad();
  let total = 0;
  for (const name of names) total += gzipSync(await readFile(join(DIST, name)), { level: 9 }).length;
  assert.ok(total <= 420_000, `the first load is ${total} bytes gzip (${names.join(', ')})`);
  assert.ok(names.length <= 4, names.join(', '));
});

test('the built wasm is valid', async () => {
  const file = (await readdir(DIST)).find((n) => n.endsWith('_bg.wasm'));
  assert.ok(WebAssembly.validate(await readFile(join(DIST, file))));
});
