// Release post-build step (run by scripts/minify-js after short-names): lays the wasm's
// functions out so that similar ones sit next to each other, which gzip rewards: it
// only finds repeats within the last 32 KiB, and the compiler leaves the many copies
// of one generic function (a `Read` per plan type, a drop per component, …) far apart.
//
// The order is greedy: start with the largest function, then repeatedly take the
// remaining function that shares the most 5-byte sequences with the one just placed
// (sequences found in more than 500 functions are too common to tell anything apart).
// The step writes that order as the functions' names and lets wasm-opt
// (`--reorder-functions-by-name`) move the bodies and renumber every call, then drops
// the names again. Only the functions' positions change, and with them the indices that
// calls name (the e2e suite runs on the reordered build). The order is a pure function
// of the bytes, so builds stay reproducible.
//
// Usage: node scripts/order-functions.mjs DIR (the build's staging directory).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { eachImport, leb, name, section, sections, uleb } from './wasm-binary.mjs';

/** Bytes in a sequence that two functions can share. */
const GRAM = 5;
/** Sequences in more functions than this are ignored. */
const COMMON = 500;
/** The features the Rust wasm32 target enables (wasm-opt cannot detect them: the build
 * drops the target-features section). */
const FEATURES = ['bulk-memory', 'nontrapping-float-to-int', 'reference-types', 'sign-ext', 'mutable-globals', 'multivalue'];

/** The function bodies of `wasm` and the number of imported functions before them. */
function functions(wasm) {
  let imported = 0;
  const bodies = [];
  for (const { id, body } of sections(wasm)) {
    if (id === 2) eachImport(body, (_module, _field, kind) => { if (kind === 0) imported++; });
    if (id === 10) {
      let [count, p] = leb(body, 0);
      for (let n = 0; n < count; n++) {
        const [size, start] = leb(body, p);
        bodies.push(body.subarray(start, start + size));
        p = start + size;
      }
    }
  }
  return { imported, bodies };
}

/** The distinct `GRAM`-byte sequences of `body`, as numbers. */
function grams(body) {
  const out = new Set();
  for (let i = 0; i + GRAM <= body.length; i++) {
    let key = 0;
    for (let k = 0; k < GRAM; k++) key = key * 256 + body[i + k];
    out.add(key);
  }
  return [...out];
}

/** The greedy layout: function indices (into `bodies`) in their new order. */
export function layout(bodies) {
  const sets = bodies.map(grams);
  const holders = new Map();
  sets.forEach((set, f) => set.forEach((g) => {
    const list = holders.get(g);
    if (list) list.push(f); else holders.set(g, [f]);
  }));
  const placed = new Uint8Array(bodies.length);
  const score = new Int32Array(bodies.length);
  const largest = () => {
    let best = -1;
    for (let f = 0; f < bodies.length; f++) {
      if (!placed[f] && (best < 0 || bodies[f].length > bodies[best].length)) best = f;
    }
    return best;
  };
  const order = [];
  for (let current = largest(); current >= 0;) {
    placed[current] = 1;
    order.push(current);
    const touched = [];
    for (const g of sets[current]) {
      const list = holders.get(g);
      if (list.length > COMMON) continue;
      for (const f of list) {
        if (placed[f]) continue;
        if (score[f] === 0) touched.push(f);
        score[f]++;
      }
    }
    let next = -1;
    for (const f of touched) {
      if (next < 0 || score[f] > score[next] || (score[f] === score[next] && f < next)) next = f;
    }
    for (const f of touched) score[f] = 0;
    current = next >= 0 ? next : largest();
  }
  return order;
}

/** `wasm` with a name section that names every function by its place in `order`. */
function namedByOrder(wasm, imported, order) {
  const entries = [uleb(order.length)];
  const names = new Array(order.length);
  order.forEach((f, place) => { names[f] = String(place).padStart(6, '0'); });
  names.forEach((n, f) => entries.push(uleb(imported + f), name(n)));
  const functionNames = Buffer.concat(entries);
  const payload = Buffer.concat([name('name'), Buffer.of(1), uleb(functionNames.length), functionNames]);
  const kept = sections(wasm).filter((s) => !(s.id === 0 && s.body.subarray(0, 5).equals(name('name'))));
  return Buffer.concat([wasm.subarray(0, 8), ...kept.map((s) => wasm.subarray(s.start, s.end)), section(0, payload)]);
}

function main(dir) {
  const wasmFile = readdirSync(dir).find((n) => n.endsWith('_bg.wasm'));
  if (!wasmFile) throw new Error(`no wasm in ${dir}`);
  const path = join(dir, wasmFile);
  const wasm = readFileSync(path);
  const { imported, bodies } = functions(wasm);
  writeFileSync(path, namedByOrder(wasm, imported, layout(bodies)));
  const wasmOpt = fileURLToPath(new URL('../node_modules/.bin/wasm-opt', import.meta.url));
  const args = [...FEATURES.map((f) => `--enable-${f}`), '--reorder-functions-by-name', '--strip-debug', path, '-o', path];
  const run = spawnSync(wasmOpt, args, { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`wasm-opt failed (${run.status ?? run.signal})`);
  const after = readFileSync(path);
  if (functions(after).bodies.length !== bodies.length) throw new Error('wasm-opt changed the number of functions');
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  console.log(`order-functions: ${bodies.length} functions laid out, wasm ${gz(wasm)} → ${gz(after)} B gzip`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv[2]);
