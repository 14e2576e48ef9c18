// The release build's own post-build steps (scripts/), checked on their own and on the
// build they produced. The journeys in this directory run on that build too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { layout } from '../scripts/order-functions.mjs';
import { leb, readName, sections } from '../scripts/wasm-binary.mjs';
import { DIST } from './harness.mjs';

const body = (seed, length) => Buffer.from(Array.from({ length }, (_, i) => (seed * 131 + i * i * 7 + (i >> 3) * seed) % 251));

test('functions are laid out next to the ones most like them, each exactly once', () => {
  const a = body(1, 400), b = body(2, 300), c = body(3, 200);
  // a′ and b′: copies with a few bytes changed, as the compiler's copies of a generic are.
  const a2 = Buffer.from(a); a2[50] ^= 1; a2[200] ^= 1;
  const b2 = Buffer.from(b); b2[100] ^= 1;
  const bodies = [b, c, a2, a, b2];
  const order = layout(bodies);
  assert.deepEqual([...order].sort(), [0, 1, 2, 3, 4]);
  assert.deepEqual(layout(bodies), order, 'the same bytes give the same order');
  // The largest first (a and a′ are as long: the first of them), then its copy; b
  // next to b′.
  assert.deepEqual(order.slice(0, 2), [2, 3]);
  assert.equal(Math.abs(order.indexOf(0) - order.indexOf(4)), 1);
});

test('the built wasm is valid and carries no names or other custom sections', async () => {
  const file = (await readdir(DIST)).find((n) => n.endsWith('_bg.wasm'));
  const wasm = await readFile(join(DIST, file));
  assert.ok(WebAssembly.validate(wasm));
  const custom = sections(wasm).filter((s) => s.id === 0).map((s) => readName(s.body, 0)[0]);
  assert.deepEqual(custom, []);
});

/** A signed LEB128 number at `at` (an `i32.const` operand): [value, next offset]. */
function sleb(b, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = b[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [shift < 32 && byte & 0x40 ? value | (-1 << shift) : value, at];
}

test('the lowest 1 KiB of memory holds no data, as wasm-opt --low-memory-unused assumes', async () => {
  const file = (await readdir(DIST)).find((n) => n.endsWith('_bg.wasm'));
  const data = sections(await readFile(join(DIST, file))).find((s) => s.id === 11).body;
  let [count, p] = leb(data, 0);
  const offsets = [];
  for (let n = 0; n < count; n++) {
    let flags;
    [flags, p] = leb(data, p);
    if (flags === 2) [, p] = leb(data, p); // memory index
    if (flags !== 1) {
      assert.equal(data[p], 0x41, 'an active segment starts at an i32.const');
      let offset;
      [offset, p] = sleb(data, p + 1);
      assert.equal(data[p++], 0x0b);
      offsets.push(offset);
    }
    let size;
    [size, p] = leb(data, p);
    p += size;
  }
  assert.ok(offsets.length > 0);
  // Rust puts the 1 MiB stack first: the data starts above it.
  assert.ok(Math.min(...offsets) >= 1024 * 1024, `data at ${Math.min(...offsets)}`);
});
