/**
 * Every relative link of the README and the guides (the Markdown pages of typedoc.json) reaches a
 * file of the repository, and every `#anchor` into a Markdown file names one of its headings; checked
 * with scripts/check-links.mjs, which CI also runs against the packed tarball and the built site.
 * The checker itself is shown here to report each kind of broken link, on pages made for it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMarkdownLinks, checkSiteLinks, headingAnchors, markdownLinks, markdownPages, root } from '../../scripts/check-links.mjs';

const pages = markdownPages();
const links = checkMarkdownLinks(root, pages);

const temp = mkdtempSync(join(tmpdir(), 'p100-links-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Writes `files` (path: text) under a fresh folder and returns it. */
function tree(name: string, files: Record<string, string>): string {
  const dir = join(temp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A page as TypeDoc renders Markdown: the content panel, then the sidebar. */
const sitePage = (content: string, ids = ''): string =>
  `<html><body>${ids}<div class="col-content"><div class="tsd-page-title"><a href="">crumb</a></div>` +
  `<div class="tsd-panel tsd-typography">${content}</div></div><div class="col-sidebar"><a href="nav.html">nav</a></div></body></html>`;

describe('documentation links', () => {
  it('should check the README, every guide and the examples page', () => {
    expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/node-http.md', 'docs/testing.md', 'examples/RUNNING.md']));
    expect(links.length).toBeGreaterThan(30);
  });

  it.each(links)('should resolve $target from $from', ({ problem }) => {
    expect(problem).toBeUndefined();
  });
});

describe('headingAnchors', () => {
  it.each([
    { heading: '# Node `http`', anchor: 'node-http' },
    { heading: '### Next.js App Router', anchor: 'nextjs-app-router' },
    { heading: '## Idempotency and retries', anchor: 'idempotency-and-retries' },
    { heading: '## [Testing](docs/testing.md) your *integration*', anchor: 'testing-your-integration' },
    { heading: '## Size\n## Size', anchor: 'size-1' },
  ])('should give "$heading" the anchor #$anchor, as GitHub does', ({ heading, anchor }) => {
    expect([...headingAnchors(`${heading}\n\ntext\n`)]).toContain(anchor);
  });

  it('should not take a comment in a code block for a heading', () => {
    expect([...headingAnchors('```sh\n# not a heading\n```\n')]).toEqual([]);
  });
});

describe('markdownLinks', () => {
  it('should find inline links and images, not absolute URLs nor links inside code', () => {
    const markdown = '[a](docs/a.md) ![b](b.svg)\n[c](https://example.com) `[d](d.md)`\n```md\n[e](e.md)\n```\n[f](#f)\n';
    expect(markdownLinks(markdown).map((l) => [l.target, l.line])).toEqual([['docs/a.md', 1], ['b.svg', 1], ['#f', 6]]);
  });
});

describe('checkMarkdownLinks', () => {
  const files = { 'docs/guide.md': '# Guide\n\n## Run and try it\n', 'docs/sub/x.md': '# X\n' };
  it.each([
    { description: 'a missing file', link: 'docs/missing.md', problem: 'docs/missing.md does not exist' },
    { description: 'a missing heading', link: 'docs/guide.md#nope', problem: 'docs/guide.md has no heading #nope' },
    { description: 'a folder', link: 'docs/sub', problem: 'docs/sub is a folder; link to a file' },
    { description: 'a file outside the package', link: '../outside.md', problem: '../outside.md is outside package' },
    { description: 'a missing heading of the page itself', link: '#nope', problem: 'README.md has no heading #nope' },
  ])('should report a link to $description', ({ description, link, problem }) => {
    const dir = tree(join(description.replace(/\W/g, '-'), 'package'), { ...files, 'README.md': `# Readme\n\nSee [it](${link}).\n` });
    writeFileSync(join(dir, '..', 'outside.md'), '# Outside\n');
    expect(checkMarkdownLinks(dir, ['README.md'])).toEqual([{ from: 'README.md:3', target: link, problem }]);
  });

  it('should pass links that resolve, and report a page that is missing', () => {
    const dir = tree('resolving', { ...files, 'README.md': '# Readme\n\n[a](docs/guide.md#run-and-try-it) [b](#readme) [c](docs/sub/x.md)\n' });
    expect(checkMarkdownLinks(dir, ['README.md', 'docs/gone.md']).map((r) => r.problem)).toEqual([undefined, undefined, undefined, 'docs/gone.md is missing']);
  });
});

describe('checkSiteLinks', () => {
  const source = tree('site-source', {
    'README.md': '# Readme\n\n[how to run it](examples/RUNNING.md) [guide](docs/guide.md#install)\n',
    'docs/guide.md': '# Guide\n\n## Install\n',
    'examples/RUNNING.md': '# Running\n',
  });
  const pages = ['README.md', 'docs/guide.md', 'examples/RUNNING.md'];
  const site = (name: string, index: string): string =>
    tree(name, {
      'index.html': sitePage(index, '<h1 id="readme">Readme</h1>'),
      'documents/docs_guide.html': sitePage('<h2 id="install">Install<a href="#install" class="tsd-anchor-icon"></a></h2>'),
      'documents/examples_RUNNING.html': sitePage('<h1 id="running">Running</h1>'),
      'media/RUNNING.md': '# Running\n',
    });

  it('should pass links that reach pages and ids of the site', () => {
    const dir = site('site-ok', '<a href="documents/examples_RUNNING.html">how to run it</a> <a href="documents/docs_guide.html#install">guide</a>');
    expect(checkSiteLinks(dir, pages, 'README.md', source).map((r) => r.problem)).toEqual([undefined, undefined]);
  });

  it.each([
    { description: 'a raw file copied to media/', index: '<a href="media/RUNNING.md">x</a> <a href="documents/docs_guide.html#install">g</a>', problem: 'media/RUNNING.md is a raw file, not a page of the site' },
    { description: 'a missing id', index: '<a href="documents/examples_RUNNING.html">x</a> <a href="documents/docs_guide.html#nope">g</a>', problem: 'documents/docs_guide.html has no id "nope"' },
    { description: 'a missing page', index: '<a href="documents/RUNNING.html">x</a> <a href="documents/docs_guide.html#install">g</a>', problem: 'documents/RUNNING.html is not in the site' },
    { description: 'a link the page lost', index: '<a href="documents/docs_guide.html#install">g</a>', problem: 'README.md has 2 relative links, its page 1' },
  ])('should report $description', ({ description, index, problem }) => {
    const results = checkSiteLinks(site(`site-${description.replace(/\W/g, '-')}`, index), pages, 'README.md', source);
    expect(results.map((r) => r.problem)).toContain(problem);
  });

  it('should report a Markdown page the site has no page for', () => {
    const dir = tree('site-no-page', { 'index.html': sitePage('<a href="documents/examples_RUNNING.html">x</a> <a href="documents/docs_guide.html#install">g</a>') });
    expect(checkSiteLinks(dir, pages, 'README.md', source).map((r) => r.problem)).toContain('the site has no page documents/docs_guide.html for docs/guide.md');
  });
});
