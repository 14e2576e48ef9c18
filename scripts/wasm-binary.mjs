// Reading and writing the pieces of a wasm binary that the release build's post-build
// steps rewrite (scripts/short-names.mjs, scripts/order-functions.mjs).

const utf8 = new TextDecoder();

/** An unsigned LEB128 number at `at`: [value, next offset]. */
export function leb(b, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = b[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** `n` as unsigned LEB128. */
export function uleb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

/** The name at `at` (its length, then UTF-8): [name, next offset]. */
export function readName(b, at) {
  const [length, start] = leb(b, at);
  return [utf8.decode(b.subarray(start, start + length)), start + length];
}

/** A name with its length, as the wasm binary writes names. */
export function name(s) {
  const text = Buffer.from(s, 'utf8');
  return Buffer.concat([uleb(text.length), text]);
}

/** The module's sections after its 8-byte header: { id, start, end, body } each, where
 * `start`..`end` spans the whole section and `body` its contents. */
export function sections(wasm) {
  const out = [];
  for (let at = 8; at < wasm.length;) {
    const [size, start] = leb(wasm, at + 1);
    out.push({ id: wasm[at], start: at, end: start + size, body: wasm.subarray(start, start + size) });
    at = start + size;
  }
  return out;
}

/** A section with its id and size. */
export function section(id, body) {
  return Buffer.concat([Buffer.of(id), uleb(body.length), body]);
}

/** Walks an import section's entries: calls `visit(module, field, kind, descriptor)`
 * with `descriptor` the bytes from the kind to the entry's end. */
export function eachImport(body, visit) {
  let [count, p] = leb(body, 0);
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
    visit(module, field, kind, body.subarray(descriptor, p));
  }
}
