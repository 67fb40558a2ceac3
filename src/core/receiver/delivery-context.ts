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
