// Writes the sample histories of assets/samples/: November 2026 (UTC) at a one-minute
// step, each as Prometheus's /api/v1/query_range answers `http_requests_total{job="api"}`
// (one counter per status code) and as Grafana's "Inspect → Data → Download CSV" writes
// the same panel (a dashboard set to UTC).
//
// - deploy: 1,000 requests a minute around the clock, a process restart on the 5th
//   (both counters start again from zero), and a bad deploy on the 12th at 14:05:
//   45 % of requests fail for 18 minutes.
// - slow-burn: the same traffic, 0.35 % of requests failing for 36 hours from the
//   18th at 06:00.
// - low-traffic: 20 requests a minute, a failure now and then (0.05 % of requests, half what the SLO allows),
//   and a burst on the 20th at 09:00: a quarter of requests fail for 10 minutes.
//
// Failures are drawn from a seeded generator, so every run writes the same bytes
// (`node scripts/samples.mjs --check` says whether the files are current).
// Usage: node scripts/samples.mjs [--check]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'samples');
const START = Date.UTC(2026, 10, 1) / 1000;
const MINUTES = 30 * 1440;

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw of mean `mean` (Knuth's method; the means here are small). */
function poisson(random, mean) {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k += 1;
  return k;
}

/** Minutes since the start of the month at day `day` (from 1), `hour`:`minute` UTC. */
const at = (day, hour, minute = 0) => (day - 1) * 1440 + hour * 60 + minute;

const samples = {
  deploy: {
    seed: 1,
    requests: () => 1000,
    failing: (m) => (m >= at(12, 14, 5) && m < at(12, 14, 23) ? 0.45 : 0.0002),
    restart: at(5, 3),
    start: [48_213_577, 12_345],
  },
  'slow-burn': {
    seed: 2,
    requests: () => 1000,
    failing: (m) => (m >= at(18, 6) && m < at(18, 6) + 36 * 60 ? 0.0035 : 0.0001),
    start: [31_877_210, 9_876],
  },
  'low-traffic': {
    seed: 3,
    requests: () => 20,
    failing: (m) => (m >= at(20, 9) && m < at(20, 9, 10) ? 0.25 : 0.0005),
    start: [1_204_551, 2_310],
  },
};

/** The 200s' and 500s' counters at each minute, from 0 to MINUTES. */
function counters({ seed, requests, failing, restart, start }) {
  const random = generator(seed);
  const ok = [start[0]];
  const failed = [start[1]];
  for (let m = 1; m <= MINUTES; m += 1) {
    const n = requests(m);
    const bad = Math.min(n, poisson(random, n * failing(m)));
    const [o, f] = m === restart ? [0, 0] : [ok[m - 1], failed[m - 1]];
    ok.push(o + n - bad);
    failed.push(f + bad);
  }
  return [ok, failed];
}

const CODES = ['200', '500'];

function prometheus(series) {
  const result = series.map((values, i) => ({
    metric: { __name__: 'http_requests_total', code: CODES[i], job: 'api' },
    values: values.map((v, m) => [START + 60 * m, String(v)]),
  }));
  return `${JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } })}\n`;
}

function grafana(series) {
  const quote = (s) => `"${s.replaceAll('"', '""')}"`;
  const header = ['Time', ...CODES.map((c) => `http_requests_total{code="${c}", job="api"}`)];
  const lines = [header.map(quote).join(',')];
  for (let m = 0; m <= MINUTES; m += 1) {
    const time = new Date((START + 60 * m) * 1000).toISOString().slice(0, 19).replace('T', ' ');
    lines.push([time, ...series.map((s) => s[m])].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const check = process.argv.includes('--check');
mkdirSync(DIR, { recursive: true });
let stale = [];
for (const [name, spec] of Object.entries(samples)) {
  const series = counters(spec);
  for (const [file, text] of [[`${name}.json`, prometheus(series)], [`${name}.csv`, grafana(series)]]) {
    const path = join(DIR, file);
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {}
      if (current !== text) stale.push(file);
    } else {
      writeFileSync(path, text);
    }
  }
}
if (stale.length > 0) {
  console.error(`assets/samples is not what scripts/samples.mjs writes: ${stale.join(', ')}`);
  process.exit(1);
}
