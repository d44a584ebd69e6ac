// End-to-end browser test: headless Chromium (Debian's /usr/bin/chromium) driven by
// playwright-core against a running `kc serve` over the starter content (content/).
//
//   node tests/browser/e2e.mjs http://127.0.0.1:PORT [OUTDIR]
//
// Normally started by tests/browser/run.sh, which ingests content/, starts the server on a
// free port and stops it afterwards. OUTDIR (default test-results/browser/ under the repo
// root) receives home-360x640.png, guide-360x640.png, diagram-360.png, home-240x320.png,
// guide-240x320.png and the downloaded attachment.
//
// Scenario on a 360×640 phone viewport, then again at 240×320 (KaiOS): home (html[lang], no <script>, no sideways
// scrolling); type "mercury" into the labelled search box and submit the form (a real
// GET submit, our pages have no JavaScript); results with a <mark>; open the first guide;
// follow a translation link (French when the guide has one) and check the lang attribute;
// on the guide with the Best Practices manual click the attachment, capture the download
// and compare its size with the Content-Length of GET /files/best-practices-manual.pdf;
// a page that does not exist answers 404 with a search box; every guide that shows a
// diagram (found by fetching each guide of /sitemap.xml) is opened at 360 px: each inline
// <svg> has a non-empty accessible name (Chromium's own, from its accessibility tree),
// fits the viewport, and keeps every label inside its picture.
// Throughout: every failed request, every response ≥ 400 (but the deliberate 404), every
// console error and every page error fails the test.
//
// Prints one line per step and `browser: N passed, M failed`; exit 0 only when all passed.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { parseArguments, playwrightChromium, Report } from './common.mjs';

const chromium = playwrightChromium('browser');
const { base, outDir } = parseArguments('node tests/browser/e2e.mjs http://127.0.0.1:PORT [OUTDIR]', 'browser');

const VIEWPORT = { width: 360, height: 640 };
const QUERY = 'mercury';
const MANUAL = '/files/best-practices-manual.pdf';
const MANUAL_GUIDE = '/docs/en/retort-use'; // carries the Best Practices manual (content/en/best-practice/retort-use.md)
const MISSING = '/no-such-page-e2e';

const report = new Report('browser');
const [pass, fail, check, step] = [report.pass, report.fail, report.check, report.step].map((f) => f.bind(report));

// ------------------------------------------------------------------ browser
const userDataDir = mkdtempSync(path.join(tmpdir(), 'kc-e2e-chromium-'));
// Chromium on a phone downloads a PDF; desktop Chromium (headless too) opens it in its
// viewer instead, and /files/ sends no `Content-Disposition: attachment`. Make this
// browser behave like the phone.
mkdirSync(path.join(userDataDir, 'Default'), { recursive: true });
writeFileSync(path.join(userDataDir, 'Default', 'Preferences'),
  JSON.stringify({ plugins: { always_open_pdf_externally: true }, download: { prompt_for_download: false } }));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: VIEWPORT,
  acceptDownloads: true,
  locale: 'en-US',
});
context.setDefaultTimeout(15000);
context.setDefaultNavigationTimeout(15000);

const problems = []; // failed requests, HTTP errors, console errors, page errors
const downloadUrls = new Set();
let expected404 = null; // the URL of the deliberate 404

const page = context.pages()[0] || (await context.newPage());
page.on('console', (msg) => {
  if (msg.type() === 'error') {
    const loc = msg.location();
    // Chromium logs every HTTP error status as a console error: the deliberate 404 is not one.
    if (expected404 && loc && loc.url === expected404 && /status of 404/.test(msg.text())) return;
    problems.push(`console error on ${page.url()}: ${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
  }
});
page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
context.on('requestfailed', (req) => {
  const why = req.failure() ? req.failure().errorText : 'failed';
  // A navigation that turns into a download is aborted by Chromium (net::ERR_ABORTED):
  // that is how a download looks from the page, not a failure.
  if (why === 'net::ERR_ABORTED' && downloadUrls.has(req.url())) return;
  problems.push(`request failed: ${req.method()} ${req.url()} — ${why}`);
});
context.on('response', (res) => {
  if (res.status() >= 400 && !(res.status() === 404 && res.url() === expected404)) {
    problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  }
});

// Checks shared by every page of ours: a language, no JavaScript, no sideways scrolling.
async function pageChecks(name) {
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    scripts: document.scripts.length,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  check(`${name}: no <script>`, facts.scripts === 0, '', `${facts.scripts} <script> elements`);
  check(`${name}: fits ${facts.clientWidth} px`, facts.scrollWidth <= facts.clientWidth,
    `scrollWidth ${facts.scrollWidth}`, `page scrolls sideways: scrollWidth ${facts.scrollWidth} > ${facts.clientWidth}`);
  return facts;
}

// The labelled search box of the page: the <input> a <label for> points at, inside a
// search form (the one in <main> when the header has one too).
async function searchBox() {
  for (const scope of ['main form[role="search"]', 'form[role="search"]', 'form']) {
    const forms = page.locator(scope);
    if ((await forms.count()) === 0) continue;
    const form = forms.first();
    const label = form.locator('label[for]').first();
    if ((await label.count()) === 0) continue;
    const id = await label.getAttribute('for');
    const input = form.locator(`[id="${id}"]`);
    if ((await input.count()) === 0) continue;
    return { form, input, label: (await label.innerText()).trim() };
  }
  return null;
}

// ------------------------------------------------------------------ scenario
try {
  // 1. Home
  let ok = await step('home', async () => {
    const res = await page.goto(`${base}/`);
    check('home: 200', res && res.status() === 200, `${base}/`, `status ${res && res.status()}`);
    const facts = await pageChecks('home');
    check('home: html[lang]', !!facts.lang && /^[a-z]{2}(-[A-Za-z0-9]+)*$/.test(facts.lang),
      `lang="${facts.lang}"`, `html lang is ${JSON.stringify(facts.lang)}`);
    await page.screenshot({ path: path.join(outDir, 'home-360x640.png'), fullPage: false });
    pass('home: screenshot', path.join(outDir, 'home-360x640.png'));
  });

  // 2. Search by submitting the form
  let firstGuide = null;
  if (ok) {
    ok = await step('search', async () => {
      const box = await searchBox();
      if (!check('search: labelled search box', !!box, box ? `label “${box.label}”` : '', 'no <label for> paired with an input in a search form')) return false;
      const name = await box.input.getAttribute('name');
      check('search: box is the q field', name === 'q', '', `input name is ${JSON.stringify(name)}`);
      await box.input.fill(QUERY);
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/search', { waitUntil: 'load' }),
        box.input.press('Enter'), // implicit submission: a real GET of the form
      ]);
      const url = new URL(page.url());
      check('search: form submitted', url.searchParams.get('q') === QUERY, page.url(), `landed on ${page.url()}`);
      await pageChecks('results');
      const results = page.locator('main ul.res li a.t');
      const n = await results.count();
      const marks = await page.locator('main ul.res mark').count();
      check('search: results', n > 0, `${n} results on the first page`, 'no results for "mercury"');
      check('search: <mark> in snippets', marks > 0, `${marks} <mark>`, 'no <mark> in the results');
      const value = await (await searchBox())?.input.inputValue();
      check('search: query kept in the box', value === QUERY, '', `search box holds ${JSON.stringify(value)}`);
      if (n > 0) firstGuide = results.first();
      return n > 0;
    });
  }

  // 3. The first guide
  let guideUrl = null;
  if (ok && firstGuide) {
    ok = await step('guide', async () => {
      const href = await firstGuide.getAttribute('href');
      await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/docs/')), firstGuide.click()]);
      guideUrl = page.url();
      check('guide: opened first result', new URL(guideUrl).pathname === new URL(href, base).pathname, guideUrl, `clicked ${href}, landed on ${guideUrl}`);
      const h1 = (await page.locator('main h1').first().innerText()).trim();
      check('guide: has a title', h1.length > 0, `“${h1}”`, 'no <h1> in <main>');
      await pageChecks('guide');
      await page.screenshot({ path: path.join(outDir, 'guide-360x640.png'), fullPage: false });
      pass('guide: screenshot', path.join(outDir, 'guide-360x640.png'));
    });
  }

  // 4. A translation (French if there is one)
  if (ok) {
    await step('translation', async () => {
      // Translations are announced in <head> as <link rel="alternate" hreflang> and linked
      // from the page; pick French, else any other language than the guide's own.
      const own = new URL(guideUrl).pathname;
      const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) =>
        links.map((l) => ({ lang: l.getAttribute('hreflang'), href: l.getAttribute('href') })));
      const candidates = alternates.filter((a) => a.lang !== 'x-default' && new URL(a.href, 'http://x').pathname !== own);
      if (!check('translation: hreflang alternates', candidates.length > 0,
        candidates.map((a) => a.lang).join(', '), `no translation of ${own} announced (alternates: ${JSON.stringify(alternates)})`)) return false;
      const target = candidates.find((a) => a.lang === 'fr') || candidates[0];
      const targetPath = new URL(target.href, base).pathname;
      const link = page.locator(`main a[href="${targetPath}"], main a[href="${target.href}"]`).first();
      if (!check('translation: link on the page', (await link.count()) > 0, `${target.lang}: ${targetPath}`, `no link to ${targetPath} in <main>`)) return false;
      await Promise.all([page.waitForURL((u) => u.pathname === targetPath), link.click()]);
      const langs = await page.evaluate(() => ({
        html: document.documentElement.getAttribute('lang'),
        h1: document.querySelector('main h1') && document.querySelector('main h1').closest('[lang]').getAttribute('lang'),
        body: document.querySelector('main .body') && document.querySelector('main .body').closest('[lang]').getAttribute('lang'),
      }));
      check(`translation: content in ${target.lang}`, langs.h1 === target.lang && (langs.body === null || langs.body === target.lang),
        `h1 lang="${langs.h1}", body lang="${langs.body}", html lang="${langs.html}"`,
        `expected lang="${target.lang}", got ${JSON.stringify(langs)}`);
      await pageChecks('translation');
    });
  }

  // 5. The attachment download
  await step('download', async () => {
    const res = await page.goto(`${base}${MANUAL_GUIDE}`);
    check('download: guide with the manual', res && res.status() === 200, MANUAL_GUIDE, `status ${res && res.status()}`);
    const link = page.locator(`main a[href="${MANUAL}"]`).first();
    if (!check('download: attachment link', (await link.count()) > 0, `“${((await link.count()) ? await link.innerText() : '').trim()}”`, `no link to ${MANUAL} in <main>`)) return false;
    downloadUrls.add(`${base}${MANUAL}`);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), link.click()]);
    const failure = await download.failure();
    if (!check('download: completed', !failure, download.suggestedFilename(), `download failed: ${failure}`)) return false;
    const saved = path.join(outDir, download.suggestedFilename() || 'download.bin');
    await download.saveAs(saved);
    const size = statSync(saved).size;
    const r = await fetch(`${base}${MANUAL}`, { headers: { 'User-Agent': 'kc-e2e-check', 'Accept-Encoding': 'identity' } });
    const length = Number(r.headers.get('content-length'));
    const body = Buffer.from(await r.arrayBuffer());
    check('download: GET status', r.status === 200, '200', `GET ${MANUAL} answered ${r.status}`);
    check('download: size = Content-Length', size === length && body.length === length,
      `${size} bytes`, `downloaded ${size} bytes, Content-Length ${length}, GET body ${body.length}`);
  });

  // 6. Guides with diagrams
  await step('diagrams', async () => {
    const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
    const guides = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    const withDiagrams = [];
    for (const guide of guides) {
      const html = await (await fetch(`${base}${guide}`, { headers: { 'User-Agent': 'kc-e2e-check' } })).text();
      if (html.includes('<svg') && html.includes('class="diagram"')) withDiagrams.push(guide);
    }
    if (!check('diagrams: guides that show one', withDiagrams.length > 0, `${withDiagrams.length} of ${guides.length} guides`,
      'no guide of the sitemap shows a diagram')) return false;
    const cdp = await context.newCDPSession(page);
    let shot = false;
    for (const guide of withDiagrams) {
      const res = await page.goto(`${base}${guide}`);
      if (!check(`diagrams: ${guide}`, res && res.status() === 200, '', `status ${res && res.status()}`)) continue;
      await pageChecks(`diagrams: ${guide}`);
      const facts = await page.evaluate(() => [...document.querySelectorAll('main svg.diagram')].map((svg) => {
        const box = svg.getBoundingClientRect();
        const view = svg.viewBox.baseVal;
        const outside = [...svg.querySelectorAll('text')].filter((text) => {
          const b = text.getBBox();
          return b.x < view.x - 0.5 || b.y < view.y - 0.5 || b.x + b.width > view.x + view.width + 0.5 ||
            b.y + b.height > view.y + view.height + 0.5;
        }).map((text) => text.textContent);
        return { left: box.left, right: box.right, width: box.width, viewport: document.documentElement.clientWidth, outside };
      }));
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'main svg' });
      const names = [];
      for (const nodeId of nodeIds) {
        const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
        const node = nodes.find((n) => !n.ignored) || nodes[0];
        names.push({ role: node && node.role ? node.role.value : '', name: node && node.name ? String(node.name.value).trim() : '' });
      }
      check(`diagrams: ${guide}: every svg has an accessible name`, names.length > 0 && names.every((n) => n.name.length > 0),
        names.map((n) => `${n.role} “${n.name.slice(0, 40)}…”`).join('; '), `svg names: ${JSON.stringify(names)}`);
      check(`diagrams: ${guide}: fits 360 px`, facts.every((f) => f.left >= 0 && f.right <= f.viewport && f.width > 200),
        facts.map((f) => `${Math.round(f.width)} px wide`).join(', '), `svg boxes: ${JSON.stringify(facts)}`);
      check(`diagrams: ${guide}: labels inside the picture`, facts.every((f) => f.outside.length === 0), '',
        `labels outside: ${JSON.stringify(facts.flatMap((f) => f.outside))}`);
      if (!shot) {
        await page.locator('main svg.diagram').first().screenshot({ path: path.join(outDir, 'diagram-360.png') });
        pass('diagrams: screenshot', path.join(outDir, 'diagram-360.png'));
        shot = true;
      }
    }
    await cdp.detach();
  });

  // 7. A KaiOS phone, 240 px wide: search, read a guide, download a file, nothing wider
  // than the screen (issue 15). Screenshots: home-240x320.png, guide-240x320.png.
  await step('240 px', async () => {
    await page.setViewportSize({ width: 240, height: 320 });
    await page.goto(`${base}/`);
    await pageChecks('240 px home');
    const box = await searchBox();
    if (!check('240 px: search box', !!box, '', 'no labelled search box')) return false;
    const inside = await box.form.evaluate((form) => [...form.querySelectorAll('input,button')].every((el) => {
      const r = el.getBoundingClientRect();
      return r.left >= 0 && r.right <= document.documentElement.clientWidth && r.height >= 44;
    }));
    check('240 px: search field and button on screen, 44 px tall', inside, '', 'a search control is off screen or under 44 px');
    await page.screenshot({ path: path.join(outDir, 'home-240x320.png') });
    await box.input.fill(QUERY);
    await Promise.all([page.waitForURL((u) => u.pathname === '/search'), box.input.press('Enter')]);
    await pageChecks('240 px results');
    const first = page.locator('main ul.res li a.t').first();
    if (!check('240 px: results', (await first.count()) > 0, '', 'no result')) return false;
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/docs/')), first.click()]);
    await pageChecks('240 px guide');
    await page.screenshot({ path: path.join(outDir, 'guide-240x320.png') });
    pass('240 px: screenshots', path.join(outDir, '{home,guide}-240x320.png'));
    await page.goto(`${base}${MANUAL_GUIDE}`);
    await pageChecks('240 px guide with the manual');
    const link = page.locator(`main a[href="${MANUAL}"]`).first();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), link.click()]);
    check('240 px: download', !(await download.failure()), download.suggestedFilename(), 'download failed');
    await page.setViewportSize(VIEWPORT);
  });

  // 8. The 404 page
  await step('not found', async () => {
    expected404 = `${base}${MISSING}`;
    const res = await page.goto(expected404);
    check('404: status', res && res.status() === 404, MISSING, `status ${res && res.status()}`);
    const box = await searchBox();
    check('404: has a search box', !!box, box ? `label “${box.label}”` : '', 'no labelled search box on the 404 page');
    const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    check('404: html[lang]', !!lang, `lang="${lang}"`, 'no html lang');
    await pageChecks('404');
  });

  await page.waitForTimeout(300); // late console messages
  check('no failed requests, HTTP errors or console errors', problems.length === 0,
    '', `${problems.length}:\n       ${problems.join('\n       ')}`);
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

report.finish();
