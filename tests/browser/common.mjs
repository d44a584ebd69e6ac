// What the browser test scripts share: where the repository and its npm packages are,
// the command line (a server on 127.0.0.1 and an output folder), and the ok/FAIL report.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// require() of the packages tools/package.json installs (tools/node_modules).
export const toolsRequire = createRequire(path.join(top, 'tools', 'package.json'));

// playwright-core's chromium, or exit 2 naming the set-up step that installs it.
export function playwrightChromium(name) {
  try {
    return toolsRequire('playwright-core').chromium;
  } catch (e) {
    console.error(`${name}: playwright-core is missing from tools/node_modules: run tools/setup.sh --test (${e.message})`);
    process.exit(2);
  }
}

// `node tests/browser/<script> http://127.0.0.1:PORT [OUTDIR]`: the server's base address
// and the output folder (created; default test-results/<results>). Exits 2 with `usage`
// when the address is not a local one or `required` is false.
export function parseArguments(usage, results, required = true) {
  const base = (process.argv[2] || '').replace(/\/+$/, '');
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base) || !required) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  const outDir = path.resolve(process.argv[3] || path.join(top, 'test-results', results));
  mkdirSync(outDir, { recursive: true });
  return { base, outDir };
}

// One line per check ("ok   step — detail" or "FAIL step — detail") and a summary.
export class Report {
  constructor(name) {
    this.name = name;
    this.passed = 0;
    this.failures = [];
  }
  pass(step, detail = '') {
    this.passed += 1;
    console.log(`ok   ${step}${detail ? ` — ${detail}` : ''}`);
  }
  fail(step, detail) {
    this.failures.push(`${step}: ${detail}`);
    console.log(`FAIL ${step} — ${detail}`);
  }
  check(step, cond, okDetail, failDetail) {
    if (cond) this.pass(step, okDetail);
    else this.fail(step, failDetail);
    return cond;
  }
  // Runs one step; an exception fails the step (the caller skips the steps depending on
  // it by the returned value).
  async step(name, fn) {
    try {
      const r = await fn();
      return r === undefined ? true : r;
    } catch (e) {
      this.fail(name, (e && e.message ? e.message : String(e)).split('\n')[0]);
      return false;
    }
  }
  // Prints the summary and exits: 0 when every check passed, 1 otherwise.
  finish() {
    console.log(`${this.name}: ${this.passed} passed, ${this.failures.length} failed`);
    for (const f of this.failures) console.log(`  - ${f}`);
    process.exit(this.failures.length === 0 ? 0 : 1);
  }
}
