// Release post-build step (run by scripts/minify-js after terser): gives the names that
// join the wasm to its JS glue short forms. wasm-bindgen names each import after the
// web API it calls plus a 16-digit hash (`__wbg_set_lineWidth_12f039d09cd36dad`), once in
// the wasm's import section and once in the glue; hashes do not compress, and the two
// copies are in two files. Each import field and each export the glue uses is renamed
// consistently in both files: `$a`, `$b`, … for imports, `_a`, `_b`, … for wasm-bindgen's
// exports, and
// the import module `./slo-planner_bg.js` becomes `a`. Nothing else changes (the
// e2e suite runs on the renamed build).
//
// Usage: node scripts/short-names.mjs DIR (the build's staging directory).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const wasmFile = readdirSync(dir).find((n) => n.endsWith('_bg.wasm'));
const jsFile = readdirSync(dir).find((n) => n.endsWith('.js') && n !== 'sw.js');
if (!wasmFile || !jsFile) throw new Error(`no wasm and glue in ${dir}`);
const wasm = readFileSync(join(dir, wasmFile));
let js = readFileSync(join(dir, jsFile), 'utf8');
const utf8 = new TextDecoder();
const bytes = (s) => Buffer.from(s, 'utf8');

/** An unsigned LEB128 number at `at`: [value, next offset]. */
function leb(b, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = b[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** `n` as unsigned LEB128. */
function uleb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

/** The `i`-th short name after `prefix`: a, b, … z, A, … Z, aa, ab, … */
function shortName(prefix, i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  for (let k = i + 1; k > 0; k = Math.floor((k - 1) / 52)) name = letters[(k - 1) % 52] + name;
  return prefix + name;
}

/** Renames `old` to `next` everywhere in the glue as a whole word; the count of uses. */
function renameInGlue(old, next) {
  const word = new RegExp(`(?<![\\w$])${old.replace(/[$]/g, '\\$')}(?![\\w$])`, 'g');
  const uses = (js.match(word) ?? []).length;
  if (uses > 0) js = js.replace(word, next);
  return uses;
}

/** The name at `at` (its length, then UTF-8): [name, next offset]. */
function readName(b, at) {
  const [length, start] = leb(b, at);
  return [utf8.decode(b.subarray(start, start + length)), start + length];
}

/** A name with its length, as the wasm binary writes names. */
const name = (s) => Buffer.concat([uleb(bytes(s).length), bytes(s)]);

const MODULE = './slo-planner_bg.js';
if (js.split(`"${MODULE}"`).length !== 2) throw new Error(`the glue should name ${MODULE} once`);
js = js.replace(`"${MODULE}"`, '"a"');

let imports = 0, exports = 0;
const sections = [wasm.subarray(0, 8)];
for (let at = 8; at < wasm.length;) {
  const id = wasm[at];
  const [size, start] = leb(wasm, at + 1);
  const end = start + size;
  const body = wasm.subarray(start, end);
  let rewritten = null;
  if (id === 2) {
    // Imports: module, field, then a descriptor this step copies as it is.
    let [count, p] = leb(body, 0);
    const out = [uleb(count)];
    for (let n = 0; n < count; n++) {
      let module, field;
      [module, p] = readName(body, p);
      [field, p] = readName(body, p);
      const descriptor = p;
      const kind = body[p++];
      if (kind === 0) [, p] = leb(body, p); // function: type index
      else if (kind === 1 || kind === 2) {
        if (kind === 1) p++; // table: element type
        let flags;
        [flags, p] = leb(body, p);
        [, p] = leb(body, p);
        if (flags & 1) [, p] = leb(body, p);
      } else if (kind === 3) p += 2; // global: type, mutability
      else throw new Error(`unknown import kind ${kind}`);
      if (module !== MODULE) throw new Error(`unexpected import module ${module}`);
      const short = shortName('$', imports);
      if (renameInGlue(field, short) !== 1) throw new Error(`the glue should define ${field} once`);
      imports++;
      out.push(name('a'), name(short), body.subarray(descriptor, p));
    }
    rewritten = Buffer.concat(out);
  } else if (id === 7) {
    // Exports: name, kind, index. wasm-bindgen's own exports (names with `_`) are
    // renamed; `memory` and `main` keep theirs.
    let [count, p] = leb(body, 0);
    const out = [uleb(count)];
    for (let n = 0; n < count; n++) {
      let field;
      [field, p] = readName(body, p);
      const descriptor = p;
      p++;
      [, p] = leb(body, p);
      if (field.includes('_')) {
        const short = shortName('_', exports);
        if (renameInGlue(field, short) > 0) {
          field = short;
          exports++;
        }
      }
      out.push(name(field), body.subarray(descriptor, p));
    }
    rewritten = Buffer.concat(out);
  }
  sections.push(rewritten ? Buffer.concat([Buffer.of(id), uleb(rewritten.length), rewritten]) : wasm.subarray(at, end));
  at = end;
}
writeFileSync(join(dir, wasmFile), Buffer.concat(sections));
writeFileSync(join(dir, jsFile), js);
console.log(`short-names: ${imports} imports and ${exports} exports renamed`);
