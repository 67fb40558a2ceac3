import { getHeader } from '../get-header.ts';
import type { PoaWebhookContext } from '../poa-webhook-options.ts';
import type { PoaHeaders } from '../poa-webhook-request.ts';

/**
 * The context handed to handlers and `onError`: one object per delivery, no closure. The arrival
 * time is read once, as a number; the `Date` is built only if someone reads `receivedAt`. The
 * `authorization` header is never handed out.
 *
 * @internal
 */
export class DeliveryContext implements PoaWebhookContext {
  readonly method: string;
  readonly url: string | undefined;
  readonly #headers: PoaHeaders;
  readonly #receivedAt: number;
  #date: Date | undefined;

  constructor(method: string, url: string | undefined, headers: PoaHeaders) {
    this.#receivedAt = Date.now();
    this.method = method;
    this.url = url;
    this.#headers = headers;
  }

  get receivedAt(): Date {
    return (this.#date ??= new Date(this.#receivedAt));
  }

  /** When the request arrived, in milliseconds since the epoch. */
  get receivedAtMs(): number {
    return this.#receivedAt;
  }

  /**
   * The request's headers as a plain record, names in lower case, several values joined with
   * `", "`, without `authorization`, `proxy-authorization` and `cookie`: what an inbox keeps. Never
   * throws (headers that cannot be read are left out).
   */
  headerRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    const headers = this.#headers as Partial<{ forEach(each: (value: string, name: string) => void): void }>;
    try {
      if (typeof headers.forEach === 'function') headers.forEach((_, name) => keep(record, name, this));
      else for (const name of Object.keys(headers)) keep(record, name.toLowerCase(), this);
    } catch {
      // Headers that cannot be read are not kept.
    }
    return record;
  }

  header(name: string): string | undefined {
    const key = String(name).toLowerCase();
    if (key === 'authorization') return undefined;
    try {
      return getHeader(this.#headers, key);
    } catch {
      // `Headers#get` throws for a name that is not a valid header name: no such header.
      return undefined;
    }
  }
}

const WITHHELD = ['authorization', 'proxy-authorization', 'cookie'];

/** Copies one header (all its values) into the record, once, unless it is withheld. */
function keep(record: Record<string, string>, name: string, context: DeliveryContext): void {
  const value = WITHHELD.includes(name) || Object.hasOwn(record, name) ? undefined : context.header(name);
  if (value !== undefined) Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}
