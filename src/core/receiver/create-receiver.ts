import { matchPoaWebhookPath } from '../match-poa-webhook-path.ts';
import { PoaWebhookError } from '../poa-webhook-error.ts';
import type { PoaWebhookResponse } from '../poa-webhook-request.ts';
import { verifyAuthorizationHeader } from '../verify-authorization-header.ts';
import { getHeader } from '../get-header.ts';
import { answer } from './answer.ts';
import { declaredLength } from './declared-length.ts';
import { decodeBody, tooLarge } from './decode-body.ts';
import { DeliveryContext } from './delivery-context.ts';
import type { ReceivedBody } from './received-body.ts';
import type { ReceiverSource } from './receiver-source.ts';
import { SecretSource } from './secret-source.ts';
import type { ResolvedOptions } from './resolved-options.ts';
import { type HandlerOutcome, runHandler } from './run-handler.ts';
import type { PayloadCheck, UnknownStatusPayload } from './webhook-definition.ts';
import type { RouteHandler, WebhookRoute } from './webhook-route.ts';

/** What the receiver's I/O-free steps yield: an answer, or one still on its way. @internal */
export type ReceiverAnswer = PoaWebhookResponse | Promise<PoaWebhookResponse>;

/**
 * The one place every decision about a request is made, for one options object: path, method,
 * secret, authorization, declared length, body, payload, handler and answer, in that order. Adapters
 * lend it a {@link ReceiverSource} per request and write what it answers.
 *
 * @internal
 */
export class Receiver {
  readonly options: ResolvedOptions;
  readonly #source: SecretSource | undefined;
  #warn: ((message: string) => void) | undefined;

  constructor(options: ResolvedOptions) {
    this.options = options;
    const { secretSource } = this.options;
    this.#source = secretSource === undefined ? undefined : new SecretSource(secretSource, (message) => this.#warn?.(message));
  }

  /** Where a misconfiguration is reported, once, when nobody lent it yet. */
  lendWarn(warn: ((message: string) => void) | undefined): void {
    this.#warn ??= warn;
  }

  /** Whether some route serves `url` (every URL when a route has no path). */
  serves(url: string | undefined): boolean {
    return this.#route(url) !== undefined;
  }

  /** Answers one request: at once when nothing had to be awaited, else as a promise. Never throws, never rejects. */
  receive(source: ReceiverSource): ReceiverAnswer {
    let settled: PoaWebhookResponse | undefined;
    let resolve: ((response: PoaWebhookResponse) => void) | undefined;
    this.respond(source, (response) => (resolve === undefined ? (settled = response) : resolve(response)));
    return settled ?? new Promise((r) => (resolve = r));
  }

  /**
   * Answers one request through `write`, called exactly once: synchronously when nothing had to be
   * awaited, else from the callback that ended the wait (no promise on the way when the source
   * reports its body through `later`). Never throws.
   */
  respond(source: ReceiverSource, write: (response: PoaWebhookResponse) => void): void {
    const context = new DeliveryContext(source.method, source.url, source.headers);
    const route = this.#head(source);
    if (route instanceof PoaWebhookError) {
      this.#closeIfUnread(source);
      write(answer(route, this.options.onError, context));
      return;
    }
    const finish = (received: ReceivedBody): void => {
      const response = this.#deliver(route, received, source, context);
      if (response instanceof Promise) response.then(write);
      else write(response);
    };
    let body: ReceivedBody | Promise<ReceivedBody> | undefined;
    try {
      body = source.readBody(this.options.maxBodyBytes, finish);
    } catch (cause) {
      body = { kind: 'aborted', cause };
    }
    if (body === undefined) return; // the source calls `finish` when the body has arrived
    if (body instanceof Promise) body.then(finish, (cause: unknown) => finish({ kind: 'aborted', cause }));
    else finish(body);
  }

  #route(url: string | undefined): WebhookRoute | undefined {
    for (const route of this.options.routes) {
      if (route.path === undefined || url === undefined || matchPoaWebhookPath(url, route.path)) return route;
    }
    return undefined;
  }

  /** The checks made before a body byte is read: the route to deliver to, or the refusal. */
  #head(source: ReceiverSource): WebhookRoute | PoaWebhookError {
    const route = this.#route(source.url);
    if (route === undefined) return new PoaWebhookError('NOT_FOUND', 'No webhook is served at this path.');
    if (source.method !== 'POST') return new PoaWebhookError('METHOD_NOT_ALLOWED', 'Webhook deliveries must use POST.');
    const secret = this.#secret();
    if (secret instanceof PoaWebhookError) return secret;
    let authorization: string | undefined;
    try {
      authorization = getHeader(source.headers, 'authorization');
    } catch {
      authorization = undefined; // headers that cannot be read authorize nothing
    }
    if (!verifyAuthorizationHeader(authorization, secret)) {
      return new PoaWebhookError('UNAUTHORIZED', 'The Authorization header is missing or wrong.');
    }
    const declared = declaredLength(source.headers);
    if (declared !== undefined && declared > this.options.maxBodyBytes) return tooLarge(this.options.maxBodyBytes);
    return route;
  }

  /** The secret to compare with: as given, or from its function. */
  #secret(): string | readonly string[] | PoaWebhookError {
    return this.#source === undefined ? (this.options.secret as string | readonly string[]) : this.#source.resolve();
  }

  /** The body, the payload and the handler of a delivery whose head passed. */
  #deliver(route: WebhookRoute, body: ReceivedBody, source: ReceiverSource, context: DeliveryContext): ReceiverAnswer {
    const { maxBodyBytes, handlerTimeoutMs, onError } = this.options;
    const json = decodeBody(body, maxBodyBytes, source);
    let outcome: HandlerOutcome;
    if (json instanceof PoaWebhookError) {
      // Reading stopped past the limit: the rest of the body is not worth draining.
      if (json.code === 'PAYLOAD_TOO_LARGE') source.closeAfterAnswer?.();
      outcome = json;
    } else {
      // A custom route's Standard Schema may validate asynchronously. No closure on the common path.
      const checked = route.check(json);
      outcome = checked instanceof Promise ? checked.then((c) => handle(route, c, source, context, handlerTimeoutMs)) : handle(route, checked, source, context, handlerTimeoutMs);
    }
    return outcome instanceof Promise ? outcome.then((error) => answer(error, onError, context)) : answer(outcome, onError, context);
  }

  /** A refusal before the whole body was read: not worth draining unless it is declared small. */
  #closeIfUnread(source: ReceiverSource): void {
    const declared = declaredLength(source.headers);
    if (declared === undefined || declared > this.options.maxBodyBytes) source.closeAfterAnswer?.();
  }
}

/** The handler of a checked payload (through the route's ledger or inbox), or why none runs. */
function handle(route: WebhookRoute, checked: PayloadCheck<object>, source: ReceiverSource, context: DeliveryContext, timeoutMs: number): HandlerOutcome {
  const { onUnknownStatus } = route;
  if (!checked.success && (checked.unknown === undefined || onUnknownStatus === undefined)) return checked.error;
  if (!canAnswer(source)) return new PoaWebhookError('CONNECTION_CLOSED', 'The connection closed before the delivery was handled.');
  if (checked.success) return runHandler(route.handle, checked.event, context, timeoutMs, route.through);
  return runHandler(onUnknownStatus as RouteHandler<UnknownStatusPayload>, checked.unknown as UnknownStatusPayload, context, timeoutMs);
}

function canAnswer(source: ReceiverSource): boolean {
  try {
    return source.canAnswer?.() !== false;
  } catch {
    return false;
  }
}

const receivers = new WeakMap<object, Receiver>();

/**
 * The receiver of an options object, created (and the options checked by `resolve`) on first use
 * and shared by every adapter made from the same object, so a misconfiguration is reported once,
 * not once per adapter. The first adapter that lends a `warn` is the one that reports.
 * `handlePoaWebhook` resolves POA options only (so it carries no routing of other webhooks); the
 * adapters and `handleP100Webhook` resolve either kind.
 *
 * @throws TypeError when the options are invalid.
 * @internal
 */
export function receiverFor<O extends object>(options: O, resolve: (options: O) => ResolvedOptions, warn?: (message: string) => void): Receiver {
  // `resolve` throws for options that are no object, before the WeakMap would.
  let receiver = receivers.get(options);
  if (receiver === undefined) receivers.set(options, (receiver = new Receiver(resolve(options))));
  receiver.lendWarn(warn);
  return receiver;
}
