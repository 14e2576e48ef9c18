// Trunk post-build hook: completes the Content-Security-Policy in index.html. The
// policy in the source names the inline code it allows as 'inline-hashes'; this
// replaces that with the SHA-256 of each inline <script> (in script-src) and <style>
// (in style-src) that Trunk wrote, so exactly that code runs and nothing else.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(process.env.TRUNK_STAGING_DIR, 'index.html');
const html = readFileSync(file, 'utf8');
const hashes = (tag) =>
  [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))]
    .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`)
    .join(' ');
const fill = (directive, list) => (policy) =>
  policy.replace(new RegExp(`(${directive}[^;]*)'inline-hashes'`), `$1${list}`);
// The <meta> carrying the policy, its attributes in any order (the minifier sorts them).
const out = html.replace(/<meta\b[^>]*Content-Security-Policy[^>]*>/i, (meta) =>
  meta.replace(/content="([^"]*)"/, (_, policy) => {
    const filled = fill('style-src', hashes('style'))(fill('script-src', hashes('script'))(policy));
    if (filled.includes("'inline-hashes'")) throw new Error('CSP placeholder left unfilled');
    return `content="${filled}"`;
  }));
if (out === html) throw new Error('no Content-Security-Policy found in index.html');
writeFileSync(file, out);
