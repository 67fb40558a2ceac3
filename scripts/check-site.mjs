// The API site (docs/api, built by `npm run docs`) as a reader sees it: served by a plain static server
// on 127.0.0.1 and rendered in headless Chromium (Debian's `chromium` driven by playwright-core) at
// 1280 px. For the landing page, one guide, the examples' page and one API page, each of these is a
// pass or a fail:
//   - no console error, no failed or non-local request, the page decoded as UTF-8
//   - no raw diagram source (mermaid's `stateDiagram`, `flowchart`, … printed as text)
//   - the page does not scroll sideways, and nothing in the content column sticks out of it unless it
//     sits inside a box that scrolls (a long code line scrolls inside its <pre>, a wide table in itself)
//   - code keeps its lines: no <pre> wraps a line, so an ASCII diagram or an expression is never cut
//   - no heading twice (the landing page once showed the title twice), no literal backtick in a heading,
//     no @example title longer than a short sentence (TypeDoc takes the tag's first line as the title)
// A full-page screenshot of each page goes to <out>/screenshots/ (a CI artefact).
//
//   node scripts/check-site.mjs [--out .ci/out] [--site docs/api]   writes <out>/browser.json: {passed, failed}
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? resolve(args[args.indexOf(name) + 1]) : fallback);
const out = option('--out', join(root, '.ci/out'));
const site = option('--site', join(root, 'docs/api'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WIDTH = 1280;

/** The pages rendered: the landing page (README), one guide, the examples' page (the widest table), one API page with titled examples. */
const PAGES = [
  { name: 'landing', path: 'index.html' },
  { name: 'guide', path: 'documents/docs_node-http.html' },
  { name: 'examples', path: 'documents/examples_RUNNING.html' },
  { name: 'api', path: 'functions/p100-webhooks_node.createNodeHandler.html' },
];

// Like a plain static server (python -m http.server, nginx's defaults): no charset on any type, so a
// page that does not declare its own encoding is decoded as windows-1252.
const TYPES = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.md': 'text/markdown', '.woff2': 'font/woff2' };

function serve(dir) {
  const server = createServer((req, res) => {
    let path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (path !== dir && !path.startsWith(dir + sep)) return res.writeHead(403).end();
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      const body = readFileSync(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Runs in the page: every finding, as a list of strings (empty: the page passes). */
function inspect() {
  const findings = { diagram: [], overflow: [], wrap: [], headings: [] };
  const text = document.body.innerText;
  for (const word of ['stateDiagram', 'flowchart TD', 'flowchart LR', 'sequenceDiagram', 'graph TD', 'graph LR', 'classDiagram', '```mermaid']) {
    if (text.includes(word)) findings.diagram.push(`raw diagram source on the page: "${word}"`);
  }
  for (const el of document.querySelectorAll('code.mermaid, pre.mermaid, code.language-mermaid')) {
    findings.diagram.push(`an unrendered mermaid block: ${el.textContent.trim().slice(0, 40)}`);
  }

  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) findings.overflow.push(`the page scrolls sideways: ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
  const column = document.querySelector('.col-content');
  if (!column) findings.overflow.push('no .col-content on the page');
  else {
    const right = column.getBoundingClientRect().right + 1;
    const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX); // not hidden: that cuts it off
    for (const el of column.querySelectorAll('*')) {
      // Its content box: TypeDoc's headings reach into the column's padding with negative margins
      // and padding, which shows nothing.
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const contentRight = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
      if (box.width === 0 || contentRight <= right) continue;
      let clipped = false;
      for (let up = el.parentElement; up && up !== column; up = up.parentElement) {
        if (scrolls(up) && up.getBoundingClientRect().right <= right) clipped = true;
      }
      if (!clipped) findings.overflow.push(`<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> sticks out of the content column by ${Math.round(contentRight - right)}px: ${el.textContent.trim().slice(0, 50)}`);
    }
  }

  for (const pre of document.querySelectorAll('pre')) {
    const code = pre.querySelector('code') ?? pre;
    const style = getComputedStyle(code);
    const lines = code.innerText.replace(/\n$/, '').split('\n').length;
    const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
    const rows = Math.round(code.getBoundingClientRect().height / lineHeight);
    if (!['pre', 'nowrap'].includes(style.whiteSpace) || rows > lines) {
      findings.wrap.push(`a code block wraps (white-space: ${style.whiteSpace}, ${lines} lines shown on ${rows} rows): ${code.innerText.trim().slice(0, 50)}`);
    }
    if (pre.scrollWidth > pre.clientWidth && !['auto', 'scroll'].includes(getComputedStyle(pre).overflowX)) {
      findings.wrap.push(`a code block is wider than its box and does not scroll: ${code.innerText.trim().slice(0, 50)}`);
    }
  }

  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const seen = new Set();
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (!visible(h)) continue;
    const t = h.innerText.trim();
    if (h.tagName === 'H1' && seen.has(t)) findings.headings.push(`the title "${t}" is shown twice`);
    if (h.tagName === 'H1') seen.add(t);
    if (t.includes('`')) findings.headings.push(`a heading shows a literal backtick: ${t}`);
    // An @example's title is the first line of its tag: a long one is a sentence cut at the line break.
    if (/^Example: /.test(t) && t.length > 70) findings.headings.push(`an example title is not a short sentence: ${t}`);
  }
  if (document.characterSet !== 'UTF-8') findings.headings.push(`decoded as ${document.characterSet}, not UTF-8`);
  return findings;
}

const results = [];
function record(name, problems) {
  results.push({ name, ok: problems.length === 0 });
  console.log(`${problems.length === 0 ? '  ok  ' : '  FAIL'} ${name}`);
  for (const p of problems.slice(0, 8)) console.log(`       ${p}`);
  if (problems.length > 8) console.log(`       … and ${problems.length - 8} more`);
}

const shots = join(out, 'screenshots');
mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'p100-chromium-'));
let server;
let context;
try {
  statSync(join(site, 'index.html')); // no site: fail here, loudly (run `npm run docs` first)
  server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/`;
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Show scrollbars as a reader's browser does, so a block that scrolls looks like one in the screenshots.
    ignoreDefaultArgs: ['--hide-scrollbars'],
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: WIDTH, height: 900 },
  });
  for (const { name, path } of PAGES) {
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()}: ${r.url()}`));
    // The site must be self-contained: anything not from the local server is refused and reported.
    await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : (errors.push(`non-local request: ${route.request().url()}`), route.abort())));
    const response = await page.goto(base + path, { waitUntil: 'load' });
    if (!response?.ok()) errors.push(`${path}: HTTP ${response?.status()}`);
    // TypeDoc's script shows the body after it has set the page up (at most 500 ms later).
    await page.waitForFunction(() => document.body.style.display !== 'none', undefined, { timeout: 5000 }).catch(() => errors.push('the page stayed hidden'));
    await page.evaluate(() => document.fonts.ready);
    const findings = await page.evaluate(inspect);
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    record(`${name} (${path}): no console error, no failed or non-local request`, errors);
    record(`${name}: no raw diagram source`, findings.diagram);
    record(`${name}: nothing overflows the page or the content column at ${WIDTH} px`, findings.overflow);
    record(`${name}: code blocks keep their lines and scroll sideways`, findings.wrap);
    record(`${name}: headings shown once, example titles short, no literal backticks, page decoded as UTF-8`, findings.headings);
    await page.close();
  }
} catch (error) {
  record('the site renders in Chromium', [String(error?.stack ?? error)]);
} finally {
  await context?.close();
  server?.close();
  rmSync(profile, { recursive: true, force: true });
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'browser.json'), JSON.stringify({ passed, failed }));
console.log(`browser: ${passed} passed, ${failed} failed (screenshots in ${shots})`);
process.exit(failed === 0 ? 0 : 1);
