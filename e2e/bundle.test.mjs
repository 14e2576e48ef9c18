// The download's size limit (issue 2: above 250 KB gzip for the whole app is a defect),
// checked on the release build; the figures themselves are benchmarks (BENCHMARKS.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST } from './harness.mjs';

test('the whole app is under 250 KB gzip, in at most 4 files fetched on load', async () => {
  let total = 0;
  const names = await readdir(DIST);
  for (const name of names) total += gzipSync(await readFile(join(DIST, name)), { level: 9 }).length;
  assert.ok(total <= 250_000, `the whole app is ${total} bytes gzip`);
  // Fetched on load: the page, the JS glue and the wasm (the rest only to install or
  // to work offline).
  const onLoad = names.filter((n) => n === 'index.html' || /\.(js|wasm)$/.test(n) && n !== 'sw.js');
  assert.ok(onLoad.length <= 4, onLoad.join(', '));
});
