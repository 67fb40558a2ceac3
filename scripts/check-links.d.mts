// Types of check-links.mjs for the tests that import it (test/docs/links.test.ts).
export interface LinkResult {
  readonly from: string;
  readonly target: string;
  /** Why the link does not resolve; undefined when it does. */
  readonly problem: string | undefined;
}
export interface MarkdownLink {
  readonly target: string;
  readonly line: number;
  readonly image: boolean;
}
export const root: string;
export function markdownPages(dir?: string): string[];
export function markdownLinks(markdown: string): MarkdownLink[];
export function headingAnchors(markdown: string): Set<string>;
export function checkMarkdownLinks(dir: string, pages: readonly string[]): LinkResult[];
export function sitePageOf(page: string, pages: readonly string[], readme: string): string;
export function siteLinks(html: string): { target: string; image: boolean }[];
export function checkSiteLinks(site: string, pages: readonly string[], readme: string, sourceDir?: string): LinkResult[];
export function unpackTarball(): { dir: string; remove: () => void };
