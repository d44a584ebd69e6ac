// Staff acceptance test (issue 14): headless Chromium (Debian's /usr/bin/chromium) driven
// by playwright-core against a running `kc serve` whose content folder is a scratch copy
// (it is written to) and whose staff token is KC_E2E_STAFF_TOKEN.
//
//   KC_E2E_STAFF_TOKEN=… node tests/browser/staff.mjs http://127.0.0.1:PORT [OUTDIR]
//
// Normally started by tests/browser/run.sh after e2e.mjs. Scenario, every form a real
// submit (the staff pages have no JavaScript):
//   a staff page without a session leads to the sign-in page; the staff member signs in;
//   writes an English original through /staff/new (the work the French guide translates);
//   writes a French guide as its translation and previews it: the preview frame shows the
//   public page with the French title; adds a broken link: the problem is listed as
//   "line N: message" and the typed text is still in the form; fixes it and publishes;
//   a public search for the guide's own word finds it within 2 s of the save;
//   the dashboard (/staff) shows the English original as missing its Spanish and
//   Portuguese versions (and present in English and French).
// Throughout: no <script> on any staff page, and no failed request, console error or
// page error; HTTP errors other than the expected 422 of the invalid form fail the test.
// Prints one line per step and `staff: N passed, M failed`; exit 0 only when all passed.
import path from 'node:path';

import { parseArguments, playwrightChromium, Report } from './common.mjs';

const chromium = playwrightChromium('staff');
const token = process.env.KC_E2E_STAFF_TOKEN || '';
const { base, outDir } = parseArguments('KC_E2E_STAFF_TOKEN=… node tests/browser/staff.mjs http://127.0.0.1:PORT [OUTDIR]',
  'browser', !!token);

// A word no starter guide has, so the search finds only the new guide.
const WORD = 'zinzolinage';
const ORIGINAL = { slug: 'e2e-tailings-ponds', title: 'Tailings ponds that hold (e2e)' };
const FRENCH = { slug: 'bassins-residus-e2e', title: 'Des bassins à résidus qui tiennent' };
const FRENCH_BODY = `Un bassin bien construit garde les résidus et l'eau sale loin de la rivière.\n\n## Le ${WORD}\n\nLe ${WORD} consiste à compacter la digue couche par couche.\n`;
const BROKEN = '\nVoir aussi [le guide des digues](digues-introuvables.md).\n';

const report = new Report('staff');
const [pass, fail, check, step] = [report.pass, report.fail, report.check, report.step].map((f) => f.bind(report));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 800, height: 900 }, locale: 'en-US' });
context.setDefaultTimeout(15000);
context.setDefaultNavigationTimeout(15000);
const page = await context.newPage();

const problems = [];
let expect422 = false; // the invalid form is answered 422 on purpose
page.on('console', (msg) => {
  if (msg.type() !== 'error') return;
  if (expect422 && /status of 422/.test(msg.text())) return;
  problems.push(`console error on ${page.url()}: ${msg.text()}`);
});
page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
context.on('requestfailed', (req) => problems.push(`request failed: ${req.method()} ${req.url()} — ${req.failure()?.errorText}`));
context.on('response', (res) => {
  if (res.status() >= 400 && !(expect422 && res.status() === 422)) {
    problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  }
});

async function noScript(name) {
  const scripts = await page.evaluate(() => document.scripts.length);
  check(`${name}: no <script>`, scripts === 0, '', `${scripts} <script> elements`);
}

// Submits the page's form with one of its buttons and waits for the answer page.
async function submit(buttonText) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator('main form button', { hasText: buttonText }).click(),
  ]);
}

async function fillGuide({ language, slug, title, topic, translationOf, body }) {
  await page.selectOption('#language', language);
  await page.fill('#slug', slug);
  await page.fill('#title', title);
  await page.fill('#summary', `${title}.`);
  await page.selectOption('#topic', topic);
  if (translationOf) await page.selectOption('#translation_of', translationOf);
  await page.fill('#countries', 'BF, ML');
  await page.fill('#audience', 'miners');
  await page.fill('#body', body);
}

let savedAt = 0;
try {
  let ok = await step('sign in', async () => {
    await page.goto(`${base}/staff/new`);
    check('no session: sent to the sign-in page', new URL(page.url()).pathname === '/staff/login', page.url(), `at ${page.url()}`);
    await noScript('sign-in');
    await page.fill('#token', token);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main form button').click()]);
    const cookies = await context.cookies(`${base}/staff`); // Path=/staff
    const session = cookies.find((c) => c.name === 'kc_staff');
    return check('signed in: session cookie', !!session && session.httpOnly && session.sameSite === 'Strict',
      `HttpOnly, SameSite=${session?.sameSite}, expires in ${Math.round((session?.expires - Date.now() / 1000) / 3600)} h`,
      `cookie ${JSON.stringify(session)}`);
  });

  if (ok) {
    ok = await step('English original', async () => {
      await page.goto(`${base}/staff/new`);
      await fillGuide({ language: 'en', slug: ORIGINAL.slug, title: ORIGINAL.title, topic: 'best-practice',
        body: 'A tailings pond keeps mud and dirty water out of the river.\n' });
      await submit('Save');
      return check('English original: saved', /Saved\./.test(await page.locator('main').innerText()), page.url(), `at ${page.url()}`);
    });
  }

  if (ok) {
    ok = await step('French guide: preview', async () => {
      await page.goto(`${base}/staff/new`);
      await noScript('new guide form');
      await fillGuide({ language: 'fr', slug: FRENCH.slug, title: FRENCH.title, topic: 'best-practice',
        translationOf: `en/${ORIGINAL.slug}`, body: FRENCH_BODY });
      await submit('Preview');
      const frame = page.frameLocator('iframe.pv');
      const h1 = (await frame.locator('h1').innerText()).trim();
      const lang = await frame.locator('h1').getAttribute('lang');
      const h2 = (await frame.locator('.body h2').innerText()).trim();
      check('preview: the public page, French title', h1 === FRENCH.title && lang === 'fr', `h1 “${h1}” lang=${lang}`, `h1 “${h1}” lang=${lang}`);
      check('preview: Markdown rendered', h2 === `Le ${WORD}`, `h2 “${h2}”`, `h2 “${h2}”`);
      await page.screenshot({ path: path.join(outDir, 'staff-preview.png'), fullPage: true });
      return check('preview: text kept', (await page.inputValue('#body')) === FRENCH_BODY, '', 'the body field changed');
    });
  }

  if (ok) {
    ok = await step('French guide: validation error', async () => {
      await page.fill('#body', FRENCH_BODY + BROKEN);
      expect422 = true;
      await submit('Save');
      const items = await page.locator('ul.problems li').allInnerTexts();
      const line = FRENCH_BODY.split('\n').length + 1; // the link's line in the text field
      check('invalid: line: message', items.some((t) => t === `line ${line}: broken link 'digues-introuvables.md'`),
        items.join(' | '), `problems: ${JSON.stringify(items)}`);
      check('invalid: text kept', (await page.inputValue('#body')) === FRENCH_BODY + BROKEN, '', 'the body field lost text');
      check('invalid: fields kept', (await page.inputValue('#title')) === FRENCH.title &&
        (await page.inputValue('#slug')) === FRENCH.slug && (await page.inputValue('#translation_of')) === `en/${ORIGINAL.slug}`,
      '', 'a field lost its value');
      await page.screenshot({ path: path.join(outDir, 'staff-invalid.png'), fullPage: true });
      return !(await page.locator('iframe.pv').count()) || true;
    });
    expect422 = false;
  }

  if (ok) {
    ok = await step('French guide: fix and publish', async () => {
      await page.fill('#body', FRENCH_BODY + '\nVoir aussi [le guide original](/docs/en/' + ORIGINAL.slug + ').\n');
      await submit('Save');
      savedAt = Date.now();
      const main = await page.locator('main').innerText();
      return check('published: saved', /Saved\. The guide is live\./.test(main), page.url(), `at ${page.url()}: ${main.slice(0, 200)}`);
    });
  }

  if (ok) {
    ok = await step('public search', async () => {
      let found = false;
      while (!found && Date.now() - savedAt < 2000) {
        const res = await context.request.get(`${base}/search?q=${WORD}`);
        found = (await res.text()).includes(`/docs/fr/${FRENCH.slug}`);
      }
      const took = Date.now() - savedAt;
      check('search finds the new guide within 2 s', found, `${took} ms after the save`, `not found after ${took} ms`);
      await page.goto(`${base}/search?q=${WORD}`);
      return check('search page lists it', (await page.locator(`main a[href^="/docs/fr/${FRENCH.slug}"]`).count()) > 0, '', 'no link on the search page');
    });
  }

  // Needs the dashboard (/staff, branch issue-14-dash): its works table has a row per work,
  // its header naming the languages, each cell classed s-present, s-stale or s-missing.
  if (ok) {
    await step('dashboard', async () => {
      const res = await page.goto(`${base}/staff`);
      if (!check('dashboard: 200', res && res.status() === 200, '', `status ${res && res.status()}`)) return false;
      await noScript('dashboard');
      const states = await page.evaluate((title) => {
        const table = document.querySelector('table.dash');
        if (!table) return null;
        const codes = [...table.querySelectorAll('thead th[lang]')].map((th) => th.getAttribute('lang'));
        const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')?.textContent.trim() === title);
        if (!row) return {};
        const cells = [...row.querySelectorAll('td[class^="s-"]')].map((td) => td.className.replace(/^s-/, ''));
        return Object.fromEntries(codes.map((code, i) => [code, cells[i]]));
      }, ORIGINAL.title);
      check('dashboard: the original is present in English and French', states?.en === 'present' && states?.fr === 'present',
        JSON.stringify(states), `states ${JSON.stringify(states)}`);
      check('dashboard: Spanish and Portuguese missing', states?.es === 'missing' && states?.pt === 'missing',
        JSON.stringify(states), `states ${JSON.stringify(states)}`);
      await page.screenshot({ path: path.join(outDir, 'staff-dashboard.png'), fullPage: true });
    });
  }

  await page.waitForTimeout(300);
  check('no failed requests, HTTP errors or console errors', problems.length === 0,
    '', `${problems.length}:\n       ${problems.join('\n       ')}`);
} finally {
  await context.close();
  await browser.close();
}

report.finish();
