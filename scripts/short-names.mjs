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
import { eachImport, leb, name, readName, section, sections, uleb } from './wasm-binary.mjs';

const dir = process.argv[2];
const wasmFile = readdirSync(dir).find((n) => n.endsWith('_bg.wasm'));
const jsFile = readdirSync(dir).find((n) => n.endsWith('.js') && n !== 'sw.js');
if (!wasmFile || !jsFile) throw new Error(`no wasm and glue in ${dir}`);
const wasm = readFileSync(join(dir, wasmFile));
let js = readFileSync(join(dir, jsFile), 'utf8');

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

const MODULE = './slo-planner_bg.js';
if (js.split(`"${MODULE}"`).length !== 2) throw new Error(`the glue should name ${MODULE} once`);
js = js.replace(`"${MODULE}"`, '"a"');

let imports = 0, exports = 0;
const parts = [wasm.subarray(0, 8)];
for (const { id, start, end, body } of sections(wasm)) {
  if (id === 2) {
    // Imports: module, field, then a descriptor this step copies as it is.
    const out = [uleb(leb(body, 0)[0])];
    eachImport(body, (module, field, kind, descriptor) => {
      if (module !== MODULE) throw new Error(`unexpected import module ${module}`);
      const short = shortName('$', imports);
      if (renameInGlue(field, short) !== 1) throw new Error(`the glue should define ${field} once`);
      imports++;
      out.push(name('a'), name(short), descriptor);
    });
    parts.push(section(id, Buffer.concat(out)));
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
    parts.push(section(id, Buffer.concat(out)));
  } else {
    parts.push(wasm.subarray(start, end));
  }
}
writeFileSync(join(dir, wasmFile), Buffer.concat(parts));
writeFileSync(join(dir, jsFile), js);
console.log(`short-names: ${imports} imports and ${exports} exports renamed`);
