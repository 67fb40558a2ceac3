import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/**
 * `req.headers`, except that a repeated `Authorization` header keeps all its values (Node keeps only
 * the first), so the receiver sees it as the ambiguous header it is.
 *
 * @internal
 */
export function nodeHeaders(req: IncomingMessage): IncomingHttpHeaders | Record<string, string | readonly string[] | undefined> {
  const { headers } = req;
  if (headers.authorization === undefined) return headers;
  const raw = req.rawHeaders;
  let values: string[] | undefined;
  let first: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length !== 13 || name.toLowerCase() !== 'authorization') continue;
    const value = raw[i + 1] as string;
    if (first === undefined) first = value;
    else (values ??= [first]).push(value);
  }
  return values === undefined ? headers : { ...headers, authorization: values };
}

