import type { PoaHeaders } from '../poa-webhook-request.ts';
import type { ReceivedBody } from './received-body.ts';

/**
 * What an adapter lends the receiver for one request: the request line and headers as it has them,
 * and I/O the receiver calls when it decides to. Nothing here decides anything.
 *
 * @internal
 */
export interface ReceiverSource {
  /** The request method as received. */
  readonly method: string;
  /** The request target (`/path?query` or an absolute URL), when known. */
  readonly url: string | undefined;
  /** The headers, as the adapter holds them; read defensively (any value may be of any type). */
  readonly headers: PoaHeaders;
  /**
   * Reads the body. Called at most once, and only after path, method, authorization and the declared
   * length passed. An adapter reading a stream may stop once more than `maxBytes` arrived. It returns
   * the body, a promise of it, or `undefined` after arranging to call `later` once with it (cheaper
   * than a promise for an adapter whose body arrives through events).
   */
  readBody(maxBytes: number, later: (body: ReceivedBody) => void): ReceivedBody | Promise<ReceivedBody> | undefined;
  /** A faster UTF-8 decoder than `TextDecoder` (Node's); `undefined` for invalid UTF-8. */
  readonly decodeUtf8?: ((bytes: Uint8Array) => string | undefined) | undefined;
  /** The strict base64 decoder, lent by adapters whose bodies may be base64 text (Lambda); `undefined` for invalid base64. */
  readonly decodeBase64?: ((text: string) => Uint8Array | undefined) | undefined;
  /** Whether an answer can still be written; asked right before a handler would run. */
  readonly canAnswer?: (() => boolean) | undefined;
  /** Told when the receiver answers without having read the whole body and draining it is not worth it. */
  readonly closeAfterAnswer?: (() => void) | undefined;
}
