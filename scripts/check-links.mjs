// Every relative link of the Markdown pages (the README and the documents of typedoc.json: docs/*.md,
// examples/RUNNING.md) reaches what it names, in the three places these pages are read:
//   repo     the files of this repository (GitHub, an editor); #anchors name a heading (GitHub's slugs)
//   tarball  the unpacked `npm pack` tarball (node_modules/p100-webhooks, the npm page): the target ships
//   site     the API site (docs/api, `npm run docs`): the page's link reaches another page of the site
//            (not a raw file copied to media/, which a browser shows as text or downloads), and its
//            #anchor is an id on that page
//
//   node scripts/check-links.mjs [--out .ci/out] [--only repo,tarball,site]   writes <out>/links.json: {passed, failed}
// test/docs/links.test.ts runs the repo part in the unit tests and checks the checker on broken pages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Markdown files that become pages of the site: typedoc.json's readme and projectDocuments. */
export function markdownPages(dir = root) {
  const config = JSON.parse(readFileSync(join(dir, 'typedoc.json'), 'utf8'));
  const pages = [config.readme];
  for (const pattern of config.projectDocuments ?? []) {
    const folder = posix.dirname(pattern);
    const name = new RegExp(`^${posix.basename(pattern).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    if (!existsSync(join(dir, folder))) continue;
    for (const file of readdirSync(join(dir, folder)).sort()) if (name.test(file)) pages.push(posix.join(folder, file));
  }
  return pages;
}

const blank = (s) => s.replace(/[^\n]/g, ' ');

/** Blanks fenced code blocks (keeping line breaks), so a `# comment` in one is not a heading. */
function withoutFences(markdown) {
  return markdown.replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, blank);
}

/** Blanks code blocks and inline code spans, so links in code are not links. */
function withoutCode(markdown) {
  return withoutFences(markdown).replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, blank);
}

/** The relative links of a Markdown text (inline links and images), with their line numbers. */
export function markdownLinks(markdown) {
  const text = withoutCode(markdown);
  const links = [];
  for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = m[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // absolute: not ours to check
    links.push({ target, line: text.slice(0, m.index).split('\n').length, image: m[0].startsWith('!') });
  }
  return links;
}

/** The anchors GitHub gives a Markdown file's headings (github-slugger: lower case, punctuation dropped, spaces to hyphens, repeats numbered). */
export function headingAnchors(markdown) {
  const anchors = new Set();
  const counts = new Map();
  for (const m of withoutFences(markdown).matchAll(/^ {0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)) {
    const text = m[1].replace(/`/g, '').replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '').replace(/[*~]/g, '');
    const slug = text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const n = counts.get(slug) ?? 0;
    counts.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/**
 * Checks the relative links of `pages` (paths relative to `dir`) against the files under `dir`.
 * @returns one result per link: `{ from, target, problem }`, `problem` undefined when it resolves.
 */
export function checkMarkdownLinks(dir, pages) {
  const results = [];
  for (const page of pages) {
    const file = join(dir, page);
    if (!existsSync(file)) {
      results.push({ from: page, target: '', problem: `${page} is missing` });
      continue;
    }
    for (const { target, line } of markdownLinks(readFileSync(file, 'utf8'))) {
      const [path, anchor] = target.split('#');
      const reached = path === '' ? file : join(dirname(file), decodeURIComponent(path));
      const shown = relative(dir, reached) || '.';
      let problem;
      if (!existsSync(reached)) problem = `${shown} does not exist`;
      else if (relative(dir, reached).startsWith('..')) problem = `${shown} is outside ${basename(dir)}`;
      else if (!statSync(reached).isFile()) problem = `${shown} is a folder; link to a file`;
      else if (anchor !== undefined && reached.endsWith('.md') && !headingAnchors(readFileSync(reached, 'utf8')).has(anchor)) {
        problem = `${shown} has no heading #${anchor}`;
      }
      results.push({ from: `${page}:${line}`, target, problem });
    }
  }
  return results;
}

/**
 * The site page TypeDoc renders from a Markdown page: the readme is index.html; a document is
 * documents/<its path from the folder all documents share, '/' as '_'>.html (TypeDoc's KindRouter).
 */
export function sitePageOf(page, pages, readme) {
  if (page === readme) return 'index.html';
  const documents = pages.filter((p) => p !== readme).map((p) => p.split('/'));
  let shared = documents[0].length - 1;
  for (const parts of documents) while (parts.slice(0, shared).join('/') !== documents[0].slice(0, shared).join('/')) shared -= 1;
  return `documents/${page.split('/').slice(shared).join('_').replace(/\.md$/, '')}.html`;
}

/** The links TypeDoc rendered from the Markdown (its permalink icons and the breadcrumbs left out). */
export function siteLinks(html) {
  const start = html.indexOf('<div class="tsd-panel tsd-typography">');
  if (start < 0) return [];
  const end = html.indexOf('<div class="col-sidebar">', start);
  const content = html.slice(start, end < 0 ? undefined : end);
  const links = [];
  for (const m of content.matchAll(/<(a|img)\b([^>]*)>/g)) {
    if (/class="[^"]*tsd-anchor-icon/.test(m[2])) continue;
    const url = /\b(?:href|src)="([^"]*)"/.exec(m[2])?.[1];
    if (url === undefined || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue;
    links.push({ target: url.replace(/&amp;/g, '&'), image: m[1] === 'img' });
  }
  return links;
}

/**
 * Checks, page by page, that the site has the page of each Markdown file, that it shows as many
 * relative links as the Markdown has, and that each reaches a page of the site (an image: a file)
 * whose ids include its #anchor.
 */
export function checkSiteLinks(site, pages, readme, sourceDir = root) {
  const results = [];
  const idsCache = new Map();
  const idsOf = (file) => {
    if (!idsCache.has(file)) idsCache.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\bid="([^"]*)"/g)].map((m) => m[1])));
    return idsCache.get(file);
  };
  for (const page of pages) {
    const sitePage = sitePageOf(page, pages, readme);
    const file = join(site, sitePage);
    if (!existsSync(file)) {
      results.push({ from: page, target: sitePage, problem: `the site has no page ${sitePage} for ${page}` });
      continue;
    }
    const source = markdownLinks(readFileSync(join(sourceDir, page), 'utf8'));
    const rendered = siteLinks(readFileSync(file, 'utf8'));
    if (source.length !== rendered.length) {
      results.push({ from: sitePage, target: '', problem: `${page} has ${source.length} relative links, its page ${rendered.length}` });
    }
    rendered.forEach(({ target, image }, i) => {
      const from = `${sitePage} (${page}:${source[i]?.line ?? '?'} ${source[i]?.target ?? ''})`;
      const [path, anchor] = target.split('#');
      let reached = path === '' ? file : join(dirname(file), decodeURIComponent(path.split('?')[0]));
      if (existsSync(reached) && statSync(reached).isDirectory()) reached = join(reached, 'index.html');
      const shown = relative(site, reached);
      let problem;
      if (!existsSync(reached) || shown.startsWith('..')) problem = `${shown} is not in the site`;
      else if (!image && !reached.endsWith('.html')) problem = `${shown} is a raw file, not a page of the site`;
      else if (anchor !== undefined && anchor !== '' && !idsOf(reached).has(decodeURIComponent(anchor))) problem = `${shown} has no id "${anchor}"`;
      results.push({ from, target, problem });
    });
  }
  return results;
}

/** Packs the package (`npm pack`, without its scripts: the links do not depend on the build) and unpacks it into a temporary folder. */
export function unpackTarball() {
  const work = mkdtempSync(join(tmpdir(), 'p100-check-links-'));
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stdout}${pack.stderr}`);
  const filename = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')))[0].filename;
  const untar = spawnSync('tar', ['-xzf', join(work, filename), '-C', work], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  return { dir: join(work, 'package'), remove: () => rmSync(work, { recursive: true, force: true }) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const out = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : join(root, '.ci/out'));
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['repo', 'tarball', 'site'];
  const pages = markdownPages();
  const readme = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')).readme;
  let passed = 0;
  let failed = 0;
  const report = (where, results) => {
    for (const { from, target, problem } of results) {
      if (problem) console.log(`  FAIL ${where}: ${from} ${target} -> ${problem}`);
      if (problem) failed += 1;
      else passed += 1;
    }
    console.log(`links in the ${where}: ${results.filter((r) => !r.problem).length} of ${results.length} resolve`);
  };
  const stage = (where, run) => {
    try {
      report(where, run());
    } catch (error) {
      console.log(`  FAIL ${where}: ${error.message}`);
      failed += 1;
    }
  };
  console.log(`check-links: ${pages.join(', ')}`);
  if (only.includes('repo')) stage('repo', () => checkMarkdownLinks(root, pages));
  if (only.includes('tarball')) {
    stage('tarball', () => {
      const tarball = unpackTarball();
      try {
        return checkMarkdownLinks(tarball.dir, pages);
      } finally {
        tarball.remove();
      }
    });
  }
  if (only.includes('site')) stage('site', () => checkSiteLinks(join(root, 'docs/api'), pages, readme));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'links.json'), JSON.stringify({ passed, failed }));
  console.log(`links: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
