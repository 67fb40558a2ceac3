import { CliUsageError } from './cli-usage-error.ts';

/** `--url`: an absolute http(s) URL, else a usage error. @internal */
export function parseUrlOption(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliUsageError(`bad --url ${JSON.stringify(value)}: expected an absolute http(s) URL such as http://127.0.0.1:3000/webhook/poa-verification/status`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliUsageError(`bad --url ${JSON.stringify(value)}: only http: and https: URLs can receive webhooks`);
  }
  return url;
}
