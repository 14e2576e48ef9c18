// Benchmarks of the release build in real Chromium; prints a Markdown report.
// Run: `trunk build --release && node e2e/bench.mjs` (figures go into BENCHMARKS.md).
import { readdir, readFile, stat } from 'node:fs/promises';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import os from 'node:os';
import { serveDist, launchChromium, appReady, linkAfter, DIST } from './harness.mjs';

const LOADS = Number(process.env.LOADS ?? 20);
const CHANGES = Number(process.env.CHANGES ?? 50);

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
const ms = (x) => `${x.toFixed(1)} ms`;

async function bundle() {
  const rows = [];
  // The build's files, the worker's directory (worker-<build id>/) included.
  const names = [];
  for (const name of (await readdir(DIST)).sort()) {
    if ((await stat(join(DIST, name))).isDirectory()) {
      for (const inner of (await readdir(join(DIST, name))).sort()) names.push(`${name}/${inner}`);
    } else {
      names.push(name);
    }
  }
  for (const name of names) {
    const path = join(DIST, name);
    const bytes = await readFile(path);
    rows.push({
      name: name.replace(/-[0-9a-f]{8,}(?=[._/])/, '-<hash>'),
      firstLoad: name === 'index.html' || (/\.(js|wasm)$/.test(name) && name !== 'sw.js' && !name.includes('/')),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}

// Runs in the page before the app: records when the app's first result (the
// Overview's budget of the first SLO) appears, and, when the page showed the preview
// of the default plan's Overview (a first visit), when it was first painted (the first
// contentful paint: nothing else on the page is visible before it).
function markFirstResult() {
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="slo-0-budget-seconds"]')) {
      window.__firstResult = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => {
    const preview = document.getElementById('preview');
    window.__previewShown = preview !== null && preview.childElementCount > 0 && getComputedStyle(preview).display !== 'none';
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__firstPaint = e.startTime;
  }).observe({ type: 'paint', buffered: true });
}

// Chromium's "Fast 4G" preset: 9 Mbit/s down, 1.5 Mbit/s up, 165 ms round trip (as
// DevTools' network throttling presets give it).
const FAST_4G = { offline: false, latency: 165, downloadThroughput: (9e6 / 8) * 0.9, uploadThroughput: (1.5e6 / 8) * 0.9 };

// Cold loads (a fresh browser context each: empty cache, no service worker) from
// navigation to the first result, optionally on an emulated network and a slowed CPU.
async function loads(browser, url, { network = null, cpu = 1, count = LOADS } = {}) {
  const firstResult = [];
  const preview = [];
  let requests = 0;
  for (let i = 0; i < count; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', network);
    }
    if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await page.addInitScript(markFirstResult);
    let count = 0;
    page.on('request', () => count++);
    await page.goto(url);
    await appReady(page);
    firstResult.push(await page.evaluate(() => window.__firstResult));
    const shown = await page.evaluate(() => window.__previewShown && window.__firstPaint);
    if (shown) preview.push(shown);
    requests = count;
    await context.close();
  }
  return { firstResult, preview, requests };
}

// A link to the default plan with another target, as a shared link is.
async function sharedLink(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  await appReady(page);
  const link = await linkAfter(page, () => page.getByLabel('SLO target', { exact: true }).fill('99.95'));
  await page.close();
  return link;
}

// In the page: moves the slider CHANGES times; for each, the time from the input
// event to the figures and the chart being updated (Yew renders and runs the chart's
// effect before control returns to the event loop), and whether the next frame
// came within 16.7 ms of the input.
async function sliderChanges(page, changes) {
  return page.evaluate(async (changes) => {
    const slider = document.querySelector('#target-nines');
    const figure = document.querySelector('[data-testid="downtime-30d"]');
    const update = [];
    const frame = [];
    for (let i = 0; i < changes; i++) {
      const before = figure.getAttribute('data-seconds');
      const value = (1.5 + (3 * i) / changes).toFixed(3);
      const t0 = performance.now();
      slider.value = value;
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      // Wait (in microtasks, then macrotasks) until the figure has changed.
      let spins = 0;
      while (figure.getAttribute('data-seconds') === before && spins < 10000) {
        spins++;
        await (spins < 100 ? Promise.resolve() : new Promise((r) => setTimeout(r, 0)));
      }
      const t1 = performance.now();
      update.push(t1 - t0);
      await new Promise((r) => requestAnimationFrame(() => r()));
      frame.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return { update, frame };
  }, changes);
}

// In the page: on a 90-day rolling window (two series of 129,600 one-minute points,
// before and after now), changes an incident's duration CHANGES times; for each, the
// time from the input event to the budget figures and the burn-down being updated.
async function burnDownChanges(page, changes) {
  await page.selectOption('#window', 'rolling-90');
  await page.getByRole('button', { name: 'Error budget' }).click();
  await page.getByLabel('Figures as of (UTC)').fill('2026-11-16T00:00');
  for (const [n, start] of [[1, '2026-10-03T10:00'], [2, '2026-11-10T08:00']]) {
    await page.click('[data-testid="add-incident"]');
    await page.fill(`#incident-${n}-start`, start);
  }
  return timeEdits(page, '#incident-1-duration', 'budget-remaining-percent', (i) => `${20 + i}m`, changes);
}

// In the page: a 30-day incident simulated at one-minute steps for the four Workbook
// tiers: 33 days with the slowest tier's 3-day window, 47,520 samples and eight
// sliding-window series. Changes the error rate at the incident's start CHANGES times;
// for each, the time from the input event to the simulator's figures and both Alerts
// charts being updated.
async function simulatorChanges(page, changes) {
  await page.getByRole('button', { name: 'Alerts' }).click();
  await page.getByRole('button', { name: 'Step' }).click();
  await page.fill('#phase-0-duration-input', '30d');
  return timeEdits(page, '#phase-0-from-input', 'sim-budget-percent', (i) => (0.05 + i / 100).toFixed(2), changes);
}

// In the page, on the Capacity page: (1) the Erlang C sweep at its worst, every worker
// count from 1 to 1,000 tried (900 Erlangs per instance with a latency threshold no
// count can meet), with the forecast, the latency curve and all three charts: changes
// the threshold CHANGES times. (2) The Universal Scalability Law fitted to 100 pasted
// measurements: changes the last measurement CHANGES times. For each, the time from the
// input event to the figures and charts being updated.
async function capacityChanges(page, changes) {
  await page.getByRole('button', { name: 'Capacity' }).click();
  await page.fill('#service-ms', '5400');
  const sweep = await timeEdits(page, '#latency-ms', 'latency-breach', (i) => String(6000 + 10 * i), changes);
  await page.fill('#service-ms', '10');
  const usl = (n) => (1000 * n) / (1 + 0.03 * (n - 1) + 0.0005 * n * (n - 1)) * (1 + 0.02 * Math.sin(n));
  const lines = Array.from({ length: 99 }, (_, k) => `${k + 1},${usl(k + 1).toFixed(2)}`).join('\n');
  const fit = await timeEdits(page, '#load-test', 'usl-sigma', (i) => `${lines}\n100,${(usl(100) * (1 + i / 200)).toFixed(2)}`, changes, 'data-value');
  return { sweep, fit };
}

// A service with the most SLOs a plan holds (the corpus's 12, of every SLI kind) and
// the most incidents (100, each hurting every SLO): on Targets, where every SLO's budget
// and what is left of it is listed, changes the selected SLO's target CHANGES times; for
// each, the time from the input event to its row being updated, then to the next frame.
async function twelveSloChanges(browser, url, changes) {
  const corpus = new URL('../crates/slo-plan/tests/links/v7/several-slos-incidents-naming-them.json', import.meta.url);
  const plan = JSON.parse(await readFile(corpus, 'utf8')).plan;
  plan.selected = 0;
  plan.budget.incidents = Array.from({ length: 100 }, (_, k) => ({
    label: `incident ${k + 1}`,
    start: new Date(Date.parse('2026-10-20T00:00:00Z') + k * 6 * 3600e3).toISOString().replace('.000', ''),
    duration_seconds: 60,
    impact: { percent: 5 },
  }));
  const link = `plan=7.${deflateSync(Buffer.from(JSON.stringify(plan))).toString('base64url')}`;
  const page = await browser.newPage();
  await page.goto(`${url}#${link}`);
  await appReady(page);
  await page.waitForSelector('[data-testid="slo-11"]');
  const result = await page.evaluate(async (changes) => {
    const field = document.querySelector('#target');
    const figure = document.querySelector('[data-testid="slo-0-target"]');
    const update = [];
    const frame = [];
    for (let i = 0; i < changes; i++) {
      const before = figure.textContent;
      const t0 = performance.now();
      field.value = (99 + (i % 2 ? 0.5 : 0.25) + i / 1000).toFixed(3);
      field.dispatchEvent(new Event('input', { bubbles: true }));
      let spins = 0;
      while (figure.textContent === before && spins < 10000) {
        spins++;
        await (spins < 100 ? Promise.resolve() : new Promise((r) => setTimeout(r, 0)));
      }
      update.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(() => r()));
      frame.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return { update, frame };
  }, changes);
  await page.close();
  return result;
}

// On the Risk page with the default plan set to 1,000,000 windows, in a browser that
// reports `cores` cores (so the page runs min(cores, 4) workers): changes the seed `runs`
// times; each time the workers simulate 1,000,000 30-day windows for the plan, then
// for each of its three levers (4,000,000 in all). Reads the page's own wall times
// (performance.now() from the change to the plan's windows being in, and to the
// figures), and while it runs: the longest main-thread task (Long Tasks API: tasks
// over 50 ms), and the gaps between animation frames (the longest, and the p95 of each
// run).
async function riskRuns(browser, url, runs, cores) {
  const context = await browser.newContext();
  await context.addInitScript((n) => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => n }), cores);
  const page = await context.newPage();
  await page.goto(url);
  await appReady(page);
  await page.getByRole('button', { name: 'Risk' }).click();
  await page.waitForSelector('[data-testid="risk-timing"]', { timeout: 60_000 });
  await page.fill('#windows', '1000000');
  await page.waitForFunction(() => document.querySelector('[data-testid="risk-timing"]')?.textContent.startsWith('1,000,000'), null, { timeout: 120_000 });
  const workers = await page.getAttribute('[data-testid="risk-timing"]', 'data-workers');
  const out = { workers, base: [], all: [], longestTask: [], longestGap: [], p95Gap: [] };
  for (let i = 0; i < runs; i++) {
    const run = await page.evaluate(async (seed) => {
      let longestTask = 0;
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longestTask = Math.max(longestTask, e.duration);
      });
      observer.observe({ type: 'longtask' });
      const gaps = [];
      let last = performance.now();
      let running = true;
      const tick = (t) => { gaps.push(t - last); last = t; if (running) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      const field = document.querySelector('#seed');
      field.value = String(seed);
      field.dispatchEvent(new Event('input', { bubbles: true }));
      while (!document.querySelector('[data-testid="risk-progress"]')) await new Promise((r) => setTimeout(r, 0));
      while (!document.querySelector('[data-testid="risk-timing"]')) await new Promise((r) => setTimeout(r, 5));
      running = false;
      await new Promise((r) => setTimeout(r, 50));
      observer.disconnect();
      gaps.sort((a, b) => a - b);
      return { longestTask, longestGap: gaps[gaps.length - 1], p95Gap: gaps[Math.ceil(0.95 * gaps.length) - 1] };
    }, 100 + i);
    const timing = page.locator('[data-testid="risk-timing"]');
    out.base.push(Number(await timing.getAttribute('data-base-ms')));
    out.all.push(Number(await timing.getAttribute('data-ms')));
    out.longestTask.push(run.longestTask);
    out.longestGap.push(run.longestGap);
    out.p95Gap.push(run.p95Gap);
  }
  await context.close();
  return out;
}

// In a fresh page with the default plan: clicks the Markdown report button `clicks`
// times; for each, the time from the click to the report's file being handed to the
// browser (URL.createObjectURL, which the download calls once the text is written: the
// text includes a Monte Carlo run of the plan and its three levers).
async function reportClicks(page, clicks) {
  return page.evaluate(async (clicks) => {
    const times = [];
    const create = URL.createObjectURL;
    let done = null;
    URL.createObjectURL = (blob) => { done = performance.now(); return create(blob); };
    for (let i = 0; i < clicks; i++) {
      done = null;
      const start = performance.now();
      document.querySelector('[data-testid="export-markdown"]').click();
      while (done === null) await new Promise((r) => setTimeout(r, 0));
      times.push(done - start);
    }
    URL.createObjectURL = create;
    return times;
  }, clicks);
}

// In the page: types `value(i)` into the field `fieldSelector` `changes` times; for each,
// the time from the input event to the text (or `attribute`) of the element with test
// id `figureId` changing (Yew renders and runs the charts' effects before control
// returns to the event loop, so the charts are redrawn by then).
async function timeEdits(page, fieldSelector, figureId, value, changes, attribute = null) {
  const values = Array.from({ length: changes }, (_, i) => value(i));
  return page.evaluate(async ({ fieldSelector, figureId, values, attribute }) => {
    const field = document.querySelector(fieldSelector);
    const read = () => {
      const figure = document.querySelector(`[data-testid="${figureId}"]`);
      return attribute ? figure?.getAttribute(attribute) : figure?.textContent;
    };
    const update = [];
    for (const v of values) {
      const before = read();
      const t0 = performance.now();
      field.value = v;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      let spins = 0;
      while (read() === before && spins < 10000) {
        spins++;
        await (spins < 100 ? Promise.resolve() : new Promise((r) => setTimeout(r, 0)));
      }
      update.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return update;
  }, { fieldSelector, figureId, values, attribute });
}

// 90 days of two counters at one minute (129,600 samples each, 1,000 requests a minute,
// 0.5 % failing for an hour every ten days), as Prometheus's JSON and as Grafana's CSV.
function ninetyDays() {
  const minutes = 129_600;
  const start = Date.UTC(2026, 8, 1) / 1000;
  const ok = [];
  const bad = [];
  let [o, b] = [5_000_000, 1_000];
  for (let m = 0; m < minutes; m++) {
    const failing = m % 14_400 < 60 ? 5 : 0;
    o += 1_000 - failing;
    b += failing;
    ok.push(o);
    bad.push(b);
  }
  const values = (xs) => xs.map((v, m) => [start + 60 * m, String(v)]);
  const json = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [
    { metric: { __name__: 'http_requests_total', code: '200' }, values: values(ok) },
    { metric: { __name__: 'http_requests_total', code: '500' }, values: values(bad) },
  ] } });
  const rows = ok.map((v, m) => `${new Date((start + 60 * m) * 1000).toISOString().slice(0, 19).replace('T', ' ')},${v},${bad[m]}`);
  const csv = ['"Time","http_requests_total{code=""200""}","http_requests_total{code=""500""}"', ...rows].join('\n');
  return { json, csv };
}

// In a fresh page on the Alerts page: pastes `text` (90 days of history), which is read
// at once, `runs` times; for each, the time from the paste to the worker saying it has read the
// samples (the text's trip to the worker and its parsing) and from then to the replay
// shown (the backtest of the plan's 4 tiers and the presets', incidents, and the
// report's trip back and rendering), with the longest main-thread task (Long Tasks
// API) meanwhile; then opens it as a file `runs` times, the same way. Then edits tier
// 1's burn rate `changes` times: input → next frame, and input → the replay of the
// edited tiers shown.
async function historyRuns(browser, url, text, runs, changes) {
  const page = await browser.newPage();
  await page.goto(url);
  await appReady(page);
  await page.getByRole('button', { name: 'Alerts' }).click();
  await page.fill('#history-utc-offset', '+00:00');
  const out = { read: [], parse: [], replay: [], longestTask: [], frame: [], replayed: [] };
  out.frameWithout = changes > 0 ? (await tierEdits(page, changes, false)).frame : [];
  for (let i = 0; i < runs; i++) {
    const run = await readOnce(page, text, 'paste');
    out.read.push(run.read);
    out.parse.push(run.parse);
    out.replay.push(run.replay);
    out.longestTask.push(run.longestTask);
  }
  // Opened as a file, `runs` times: open → read in the worker, and the longest task.
  out.fileRead = [];
  out.fileLongestTask = [];
  for (let i = 0; i < runs; i++) {
    const run = await readOnce(page, text, 'file');
    out.fileRead.push(run.read);
    out.fileLongestTask.push(run.longestTask);
  }
  const edits = await tierEdits(page, changes, true);
  out.frame = edits.frame;
  out.replayed = edits.replayed;
  await page.close();
  return out;
}

// In the page: gives the import box `text`, as the clipboard pastes it (`how` is
// 'paste': a paste this long is read at once) or as a file opened (`how` is 'file');
// resolves to the times from then to the worker saying it has read the samples
// (`read`), to the replay shown after that (`replay`), the worker's own time to read
// the text as the page states it (`parse`), and the longest main-thread task meanwhile.
function readOnce(page, text, how) {
  return page.evaluate(async ([text, how]) => {
    // The clipboard's data or the file is made in a task before the one measured:
    // making it is the benchmark's work, not the app's.
    const data = new DataTransfer();
    if (how === 'paste') data.setData('text/plain', text);
    else data.items.add(new File([text], 'history.txt', { type: 'text/plain' }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    let longestTask = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longestTask = Math.max(longestTask, e.duration);
    });
    observer.observe({ type: 'longtask' });
    const wait = async (done) => { while (!done()) await new Promise((r) => setTimeout(r, 1)); };
    const working = () => document.querySelector('[data-testid="history-working"]');
    const t0 = performance.now();
    if (how === 'paste') {
      const area = document.querySelector('[data-testid="history-import"]');
      area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    } else {
      const input = document.querySelector('[data-testid="history-file"]');
      input.files = data.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
    await wait(() => working()?.textContent.includes('Read '));
    const t1 = performance.now();
    await wait(() => !working() && document.querySelector('[data-testid="backtest-summary"]'));
    const t2 = performance.now();
    const parse = Number(document.querySelector('[data-testid="history-read-time"]')?.dataset.milliseconds);
    await new Promise((r) => setTimeout(r, 50));
    observer.disconnect();
    return { read: t1 - t0, parse, replay: t2 - t1, longestTask };
  }, [text, how]);
}

// Edits tier 1's burn rate `changes` times on the Alerts page: input → next frame,
// and, with a history loaded, input → the replay of the edited tiers shown.
function tierEdits(page, changes, withHistory) {
  return page.evaluate(async ([changes, withHistory]) => {
    const field = document.querySelector('#tier-0-burn-input');
    const replays = () => document.querySelector('[data-testid="backtest-summary"]')?.getAttribute('data-replays');
    const frame = [];
    const replayed = [];
    for (let i = 0; i < changes; i++) {
      const before = replays();
      const t0 = performance.now();
      field.value = String(14 + (i % 5) / 10);
      field.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      frame.push(performance.now() - t0);
      if (withHistory) {
        while (replays() === before) await new Promise((r) => setTimeout(r, 1));
        replayed.push(performance.now() - t0);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return { frame, replayed };
  }, [changes, withHistory]);
}

const server = await serveDist();
const browser = await launchChromium();
try {
  const files = await bundle();
  const { firstResult, preview, requests } = await loads(browser, server.url);
  const throttled = Number(process.env.THROTTLED_LOADS ?? 5);
  const fast4g = await loads(browser, server.url, { network: FAST_4G, count: throttled });
  const fast4gSlowCpu = await loads(browser, server.url, { network: FAST_4G, cpu: 4, count: throttled });
  const link = await sharedLink(browser, server.url);
  const linkSlowCpu = await loads(browser, link, { network: FAST_4G, cpu: 4, count: throttled });
  const page = await browser.newPage();
  await page.goto(server.url);
  await appReady(page);
  const { update, frame } = await sliderChanges(page, CHANGES);
  const burnDown = await burnDownChanges(page, CHANGES);
  const simulator = await simulatorChanges(page, CHANGES);
  const capacity = await capacityChanges(page, CHANGES);
  const twelve = await twelveSloChanges(browser, server.url, CHANGES);
  // The same on a phone's screen: 375 CSS pixels at 3 device pixels each, so every
  // chart's backing store has 9 times the pixels of one at ratio 1.
  const phone = await browser.newContext({ viewport: { width: 375, height: 800 }, deviceScaleFactor: 3 });
  const phonePage = await phone.newPage();
  await phonePage.goto(server.url);
  await appReady(phonePage);
  const phoneSlider = await sliderChanges(phonePage, CHANGES);
  const phoneBurnDown = await burnDownChanges(phonePage, CHANGES);
  await phone.close();
  // In pages of their own, as a user opening the Risk page would: on one worker, and
  // on one per core of this machine.
  const riskRunCount = Number(process.env.RISK_RUNS ?? 10);
  const riskOne = await riskRuns(browser, server.url, riskRunCount, 1);
  const riskAll = await riskRuns(browser, server.url, riskRunCount, os.availableParallelism());
  const reportPage = await browser.newPage();
  await reportPage.goto(server.url);
  await appReady(reportPage);
  const report = await reportClicks(reportPage, Number(process.env.REPORTS ?? 20));
  const ninety = ninetyDays();
  const historyRunCount = Number(process.env.HISTORY_RUNS ?? 5);
  const historyJson = await historyRuns(browser, server.url, ninety.json, historyRunCount, CHANGES);
  const historyCsv = await historyRuns(browser, server.url, ninety.csv, historyRunCount, 0);

  const sum = (fs) => fs.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip, brotli: a.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const n = (x) => x.toLocaleString('en');
  console.log('| file | first load | bytes | gzip -9 | brotli 11 |\n|---|---|---:|---:|---:|');
  for (const f of files) console.log(`| ${f.name} | ${f.firstLoad ? 'yes' : 'no'} | ${n(f.raw)} | ${n(f.gzip)} | ${n(f.brotli)} |`);
  const first = sum(files.filter((f) => f.firstLoad));
  const total = sum(files);
  console.log(`| **first load** | | ${n(first.raw)} | ${n(first.gzip)} | ${n(first.brotli)} |`);
  console.log(`| **all files** | | ${n(total.raw)} | ${n(total.gzip)} | ${n(total.brotli)} |\n`);
  console.log(`requests on load: ${requests}\n`);
  console.log('| measure | median | p95 | max | n |\n|---|---:|---:|---:|---:|');
  const row = (name, xs) => console.log(xs.length === 0
    ? `| ${name} | — | — | — | 0 |`
    : `| ${name} | ${ms(quantile(xs, 0.5))} | ${ms(quantile(xs, 0.95))} | ${ms(Math.max(...xs))} | ${xs.length} |`);
  row('first visit, cold load → the default plan’s Overview on screen, the preview (no throttling)', preview);
  row('first visit, cold load → the preview on screen, Fast 4G', fast4g.preview);
  row('first visit, cold load → the preview on screen, Fast 4G and 4× slower CPU', fast4gSlowCpu.preview);
  row('first visit, cold load → the app’s first result on screen (no throttling)', firstResult);
  row('first visit, cold load → the app’s first result, Fast 4G', fast4g.firstResult);
  row('first visit, cold load → the app’s first result, Fast 4G and 4× slower CPU', fast4gSlowCpu.firstResult);
  row('shared link, cold load → the app’s first result (no preview), Fast 4G and 4× slower CPU', linkSlowCpu.firstResult);
  row('slider input → figures and chart updated', update);
  row('slider input → next animation frame', frame);
  row('slider input → next animation frame, 375 px phone at 3× pixels', phoneSlider.frame);
  row('90-day burn-down: incident edit → figures and chart updated', burnDown);
  row('90-day burn-down: incident edit → figures and chart updated, 375 px phone at 3× pixels', phoneBurnDown);
  row('30-day incident simulated (4 tiers, 1-min steps): edit → figures and chart updated', simulator);
  row('Erlang C sweep over 1–1,000 workers: edit → figures and the 3 Capacity charts updated', capacity.sweep);
  row('USL fit to 100 measurements: edit → figures and the 3 Capacity charts updated', capacity.fit);
  row('12 SLOs and 100 incidents on Targets: target edit → every SLO\'s row updated', twelve.update);
  row('12 SLOs and 100 incidents on Targets: target edit → next animation frame', twelve.frame);
  for (const risk of [riskOne, riskAll]) {
    row(`Monte Carlo on ${risk.workers}: the plan's 1,000,000 windows of 30 days (wall time)`, risk.base);
    row(`Monte Carlo on ${risk.workers}: the plan and its 3 levers, 4,000,000 windows (wall time)`, risk.all);
    row(`Monte Carlo on ${risk.workers}: longest main-thread task while it runs (0: none over 50 ms)`, risk.longestTask);
    row(`Monte Carlo on ${risk.workers}: longest gap between frames while it runs`, risk.longestGap);
    row(`Monte Carlo on ${risk.workers}: p95 gap between frames while it runs`, risk.p95Gap);
  }
  row('Markdown report: click → file written (includes 400,000 simulated windows)', report);
  for (const [form, h] of [['Prometheus JSON', historyJson], ['Grafana CSV', historyCsv]]) {
    row(`90 days of 2 counters at 1 min as ${form} (${(form === 'Grafana CSV' ? ninety.csv : ninety.json).length.toLocaleString('en')} B): paste → read in the worker (sent in 1 MiB parts)`, h.read);
    row(`… of which the worker read the text (parse, as the page states it)`, h.parse);
    row(`… then → backtest of 4 tiers and the presets', incidents, shown`, h.replay);
    row(`… longest main-thread task meanwhile (0: none over 50 ms)`, h.longestTask);
    row(`the same ${form} opened as a file: open → read in the worker (read a mebibyte at a time)`, h.fileRead);
    row(`… longest main-thread task meanwhile (0: none over 50 ms)`, h.fileLongestTask);
  }
  row('Alerts page, no history: tier edit → next animation frame', historyJson.frameWithout);
  row('90 days of history loaded: tier edit → next animation frame', historyJson.frame);
  row('90 days of history loaded: tier edit → replay shown', historyJson.replayed);
  console.log(`\nlongest main-thread task of each history run, in order (ms): Prometheus JSON ${historyJson.longestTask.join(', ')}; Grafana CSV ${historyCsv.longestTask.join(', ')}`);
} finally {
  await browser.close();
  await server.close();
}
