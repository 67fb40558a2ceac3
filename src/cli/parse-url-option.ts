import { CliUsageError } from './cli-usage-error.ts';

const EXAMPLE = 'http://127.0.0.1:3000/webhook/poa-verification/status';
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/**
 * The URL `value` most likely meant when it has no scheme (`localhost:3000/x`, `example.com/hook`):
 * `http://` for a loopback host, `https://` for any other; `undefined` when it does not read as a host.
 */
function withScheme(value: string): string | undefined {
  if (value.includes('://') || value.startsWith('/') || value.includes('@') || /\s/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${value}`);
  } catch {
    return undefined;
  }
  const { hostname, port } = url;
  if (LOOPBACK.test(hostname)) return `http://${value}`;
  return hostname.includes('.') || port !== '' ? `https://${value}` : undefined;
}

/** `--url`: an absolute http(s) URL, else a usage error (naming a missing scheme, with the URL meant). @internal */
export function parseUrlOption(value: string): URL {
  const meant = withScheme(value);
  if (meant !== undefined) throw new CliUsageError(`bad --url ${JSON.stringify(value)}: the scheme is missing; did you mean ${meant}?`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliUsageError(`bad --url ${JSON.stringify(value)}: expected an absolute http(s) URL such as ${EXAMPLE}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliUsageError(`bad --url ${JSON.stringify(value)}: only http: and https: URLs can receive webhooks`);
  }
  return url;
}
