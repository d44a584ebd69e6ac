// Lighthouse on a 2G phone, one page of each kind, with thresholds (issue 15).
//
//   node tests/browser/lighthouse.mjs http://127.0.0.1:PORT [OUTDIR]
//
// Normally started by tests/browser/run.sh against `kc serve` over content/. Pages: the
// home page, the first topic, the heaviest guide (by bytes, of every guide in
// /sitemap.xml), a search, the indicators. Profile: Lighthouse's mobile emulation with a
// simulated 2G link (300 ms RTT, 250 kbps) and a 4× slower CPU. Each page is audited
// KC_LIGHTHOUSE_RUNS times (default 3) and judged on the median run (Lighthouse's own
// computeMedianRun): one run on a busy 2-core machine is noise.
//
// Thresholds: every category ≥ 0.95 and LCP ≤ 2.5 s. The one documented exception:
// `is-crawlable` fails on a page that is noindex on purpose (the search page: endless
// query-string variants must not be indexed). There the test asserts that the page is
// noindex, that `is-crawlable` is the audit that fails, and judges SEO on the other audits
// with Lighthouse's weights. OUTDIR (default test-results/lighthouse/) receives each
// page's HTML and JSON report and summary.md, the table the closing notes quote.
//
// Exit 0 when every page passes, 1 when a threshold is missed, 2 when the set-up fails.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { parseArguments, toolsRequire } from './common.mjs';

async function load(name, subpath = '') {
  const file = toolsRequire.resolve(name + subpath);
  return import(pathToFileURL(file).href);
}

let lighthouse, launch, computeMedianRun;
try {
  ({ default: lighthouse } = await load('lighthouse'));
  ({ launch } = await load('chrome-launcher'));
  ({ computeMedianRun } = await load('lighthouse', '/core/lib/median-run.js'));
} catch (e) {
  console.error(`lighthouse: npm lighthouse is missing from tools/node_modules: run tools/setup.sh --test (${e.message})`);
  process.exit(2);
}

const { base, outDir } = parseArguments('node tests/browser/lighthouse.mjs http://127.0.0.1:PORT [OUTDIR]', 'lighthouse');
const runs = Math.max(1, Number.parseInt(process.env.KC_LIGHTHOUSE_RUNS || '3', 10) || 3);

const MIN_SCORE = 0.95;
const MAX_LCP_MS = 2500;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
// The 2G phone of the issue: Lighthouse's simulated throttling (Lantern) with these figures.
const PROFILE = {
  extends: 'lighthouse:default',
  settings: {
    onlyCategories: CATEGORIES,
    formFactor: 'mobile',
    throttlingMethod: 'simulate',
    throttling: {
      rttMs: 300,
      throughputKbps: 250,
      cpuSlowdownMultiplier: 4,
      requestLatencyMs: 300,
      downloadThroughputKbps: 250,
      uploadThroughputKbps: 250,
    },
  },
};

async function text(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

// The guide whose page weighs most: the hardest case for Speed Index on a slow phone.
async function heaviestGuide() {
  const sitemap = await text(`${base}/sitemap.xml`);
  const guides = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  if (guides.length === 0) throw new Error('sitemap.xml lists no guide');
  let heaviest = null;
  for (const guide of guides) {
    const bytes = Buffer.byteLength(await text(base + guide));
    if (!heaviest || bytes > heaviest.bytes) heaviest = { guide, bytes };
  }
  return heaviest.guide;
}

async function firstTopic() {
  const home = await text(`${base}/`);
  const found = home.match(/href="(\/topics\/[^"?]+)"/);
  if (!found) throw new Error('the home page links to no topic');
  return found[1];
}

// SEO without one audit, with Lighthouse's own weights (audits with no score, such as
// manual ones, weigh nothing, as in Lighthouse).
function scoreWithout(lhr, categoryId, auditId) {
  let weighted = 0;
  let weights = 0;
  for (const ref of lhr.categories[categoryId].auditRefs) {
    const score = lhr.audits[ref.id].score;
    if (ref.id === auditId || ref.weight === 0 || score === null) continue;
    weighted += ref.weight * score;
    weights += ref.weight;
  }
  return weights === 0 ? 1 : weighted / weights;
}

const failures = [];
function check(page, what, ok, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${page}: ${what} — ${detail}`);
  if (!ok) failures.push(`${page}: ${what} (${detail})`);
}

async function audit(chrome, url) {
  const results = [];
  for (let i = 0; i < runs; i += 1) {
    const result = await lighthouse(url, { port: chrome.port, output: ['html', 'json'], logLevel: 'error' }, PROFILE);
    if (!result || result.lhr.runtimeError) {
      throw new Error(`${url}: ${result ? result.lhr.runtimeError.message : 'no result'}`);
    }
    results.push(result);
  }
  const median = computeMedianRun(results.map((r) => r.lhr));
  return results.find((r) => r.lhr === median);
}

function judge(name, lhr) {
  const noindex = lhr.audits['is-crawlable'].score === 0;
  const row = { name, url: new URL(lhr.finalDisplayedUrl).pathname + new URL(lhr.finalDisplayedUrl).search };
  for (const id of CATEGORIES) {
    let score = lhr.categories[id].score;
    if (id === 'seo' && noindex) {
      // The exception: only a page that says noindex itself, and only this one audit.
      const blocking = lhr.audits['is-crawlable'].details?.items ?? [];
      const byMeta = blocking.some((item) => /noindex/i.test(JSON.stringify(item)));
      check(name, 'is-crawlable fails only because the page is noindex on purpose', byMeta,
        byMeta ? 'meta robots noindex' : `blocked by ${JSON.stringify(blocking)}`);
      score = scoreWithout(lhr, 'seo', 'is-crawlable');
      row.seo_note = `${lhr.categories.seo.score.toFixed(2)} with is-crawlable`;
    }
    row[id] = score;
    check(name, id, score >= MIN_SCORE, `${score.toFixed(2)} (≥ ${MIN_SCORE})`);
  }
  row.lcp = lhr.audits['largest-contentful-paint'].numericValue;
  row.fcp = lhr.audits['first-contentful-paint'].numericValue;
  row.si = lhr.audits['speed-index'].numericValue;
  row.tbt = lhr.audits['total-blocking-time'].numericValue;
  row.bytes = lhr.audits['total-byte-weight'].numericValue;
  row.requests = lhr.audits['network-requests'].details?.items?.length ?? 0;
  check(name, 'LCP', row.lcp <= MAX_LCP_MS, `${(row.lcp / 1000).toFixed(2)} s (≤ ${MAX_LCP_MS / 1000} s)`);
  return row;
}

function summary(rows) {
  const lines = [
    `Lighthouse ${lighthouse.version ?? ''} — 2G phone (300 ms RTT, 250 kbps, 4× CPU), median of ${runs} run(s)`,
    '',
    '| Page | Address | Perf | A11y | Best pr. | SEO | LCP | FCP | Speed Index | TBT | Bytes | Requests |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const seo = r.seo_note ? `${r.seo.toFixed(2)}¹` : r.seo.toFixed(2);
    lines.push(`| ${r.name} | \`${r.url}\` | ${r.performance.toFixed(2)} | ${r.accessibility.toFixed(2)} | ` +
      `${r['best-practices'].toFixed(2)} | ${seo} | ${(r.lcp / 1000).toFixed(2)} s | ${(r.fcp / 1000).toFixed(2)} s | ` +
      `${(r.si / 1000).toFixed(2)} s | ${Math.round(r.tbt)} ms | ${Math.round(r.bytes)} | ${r.requests} |`);
  }
  const noted = rows.filter((r) => r.seo_note);
  if (noted.length) {
    lines.push('', `¹ SEO without \`is-crawlable\`, which fails by design on a noindex page (${noted.map((r) => `${r.name}: ${r.seo_note}`).join('; ')}).`);
  }
  return lines.join('\n') + '\n';
}

const chrome = await launch({
  chromePath: '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let status = 0;
try {
  const pages = [
    ['home', '/'],
    ['topic', await firstTopic()],
    ['guide', await heaviestGuide()],
    ['search', '/search?q=mercury'],
    ['indicators', '/indicators'],
  ];
  const rows = [];
  for (const [name, address] of pages) {
    const result = await audit(chrome, base + address);
    const [html, json] = result.report;
    writeFileSync(path.join(outDir, `${name}.html`), html);
    writeFileSync(path.join(outDir, `${name}.json`), json);
    rows.push(judge(name, result.lhr));
  }
  const table = summary(rows);
  writeFileSync(path.join(outDir, 'summary.md'), table);
  console.log(`\n${table}`);
  console.log(`lighthouse: ${failures.length === 0 ? 'all pages passed' : `${failures.length} failed:\n  ${failures.join('\n  ')}`}` +
    ` (reports in ${outDir})`);
  status = failures.length === 0 ? 0 : 1;
} catch (e) {
  console.error(`lighthouse: ${e.stack || e}`);
  status = 2;
} finally {
  await chrome.kill();
}
process.exit(status);
