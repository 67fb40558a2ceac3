/**
 * Tells whether a request target (`/path?query` or an absolute URL) is for `path`; a trailing slash
 * on either side is ignored.
 *
 * @param url - The request target.
 * @param path - The path the webhook is served at, such as `/webhook/poa-verification/status`.
 * @returns `true` when the target's path equals `path`.
 * @example
 * ```ts
 * import { matchPoaWebhookPath } from 'p100-webhooks';
 *
 * matchPoaWebhookPath('/webhook/poa-verification/status?x=1', '/webhook/poa-verification/status'); // true
 * ```
 */
export function matchPoaWebhookPath(url: string, path: string): boolean {
  let start = 0;
  if (!url.startsWith('/')) {
    const scheme = url.indexOf('://');
    start = scheme === -1 ? url.length : url.indexOf('/', scheme + 3);
    if (start === -1) start = url.length;
  }
  let end = url.length;
  for (let i = start; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code === 0x3f || code === 0x23) {
      end = i;
      break;
    }
  }
  return trimSlash(url.slice(start, end) || '/') === trimSlash(path);
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
