// A guard against accidents in what the first load fetches: the files fetched before
// the first result shows (the page, the JS glue and the wasm) stay under 540 KB gzip,
// and none of the worker's libraries is linked into the page.
// The figures themselves are benchmarks (BENCHMARKS.md, `node e2e/bench.mjs`). The
// first load measures 502 KB with the heavy work in the worker (the recent plans and
// the other tabs' notice added 18 KB, undo and the tabs' history 4 KB, several SLOs
// with their templates, list and the reader of earlier versions' plans 22 KB, the
// negotiation view, the capacity limits and the counters' check 17 KB; the price of
// failure, device-pixel charts, date pickers and tiers that follow the window 9 KB;
// explanations as data, legends placed off the data and the dark palette 11 KB; the
// observed history's import, replay tables and budget card, with the messages they
// exchange with the worker, 33 KB; its timeline and burn-down charts, its daily peaks
// for the Capacity page, its incidents for the simulator, the export's history
// section and the text copied and sent in parts, 16 KB);
// issue 15 asked
// for a 320 KB line, which this build does not meet (BENCHMARKS.md says where the bytes
// go). The accident this catches: worker code (the YAML reader, the PromQL parser, the
// exports, the simulation) linked into the page, or the PromQL parser into the plan's
// worker. The worker's own files are
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

test('the first load is under 540 KB gzip, in at most 4 files', async () => {
  const names = await firstLoad();
  let total = 0;
  for (const name of names) total += gzipSync(await readFile(join(DIST, name)), { level: 9 }).length;
  assert.ok(total <= 540_000, `the first load is ${total} bytes gzip (${names.join(', ')})`);
  assert.ok(names.length <= 4, names.join(', '));
});

test('the built wasm is valid', async () => {
  const file = (await readdir(DIST)).find((n) => n.endsWith('_bg.wasm'));
  assert.ok(WebAssembly.validate(await readFile(join(DIST, file))));
});

test("the worker's libraries are in the worker, not in the page", async () => {
  // Their panic locations name their crates: present in the worker's wasm, so absent
  // from the page's only because they are not linked there.
  const names = await readdir(DIST);
  const page = await readFile(join(DIST, names.find((n) => /^slo-planner-.*_bg\.wasm$/.test(n))), 'latin1');
  const workerDir = names.find((n) => n.startsWith('worker-'));
  const worker = await readFile(join(DIST, workerDir, 'slo-worker_bg.wasm'), 'latin1');
  const promql = await readFile(join(DIST, workerDir, 'slo-promql_bg.wasm'), 'latin1');
  // The YAML reader in the plan's worker; the PromQL parser in its own, in neither
  // the page nor the plan's worker (which every Risk page and overview fetches).
  const cases = [
    ['serde-saphyr-', worker, [page]],
    ['promql-parser-', promql, [page, worker]],
    ['lrpar-', promql, [page, worker]],
  ];
  for (const [marker, home, others] of cases) {
    assert.ok(home.includes(marker), `its worker no longer names ${marker}: pick another marker`);
    for (const other of others) assert.ok(!other.includes(marker), `${marker} is linked where it does not belong`);
  }
});
