import type { PoaInboxMessage } from '../core/poa-delivery-inbox.ts';
import type { PoaInboxJob } from './poa-inbox.ts';
import type { PoaWorkerContext } from './poa-worker-options.ts';

/**
 * The context of one attempt, rebuilt from the queued message. Header names are looked up in lower
 * case; the `Authorization` header was never queued and reads as absent anyway.
 *
 * @internal
 */
export class WorkerContext implements PoaWorkerContext {
  readonly method: string;
  readonly url: string | undefined;
  readonly jobId: string;
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #receivedAt: number;

  constructor(message: PoaInboxMessage, job: PoaInboxJob) {
    this.method = message.method;
    this.url = message.url ?? undefined;
    this.jobId = job.id;
    this.attempt = job.attempt;
    this.maxAttempts = job.maxAttempts;
    this.#headers = message.headers;
    this.#receivedAt = message.receivedAt;
  }

  get receivedAt(): Date {
    return new Date(this.#receivedAt);
  }

  header(name: string): string | undefined {
    const key = String(name).toLowerCase();
    if (key === 'authorization' || !Object.hasOwn(this.#headers, key)) return undefined;
    return this.#headers[key];
  }
}
