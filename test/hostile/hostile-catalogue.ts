/**
 * Loads the hostile-delivery catalogue kept as data in `test/fixtures/hostile/*.json` and turns each
 * case into a {@link Delivery} for the adapter harness. See `test/fixtures/hostile/README.md`.
 */
import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PoaWebhookErrorCode } from '../../src/index.ts';
import type { Delivery } from '../support/adapters.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'hostile');

/** A text kept short in the file: a literal, or `prefix + repeat × times + suffix`. */
export type TextSpec =
  | string
  | { readonly prefix?: TextSpec; readonly repeat: string; readonly times: number; readonly lambdaTimes?: number; readonly suffix?: TextSpec };

/** A body as the catalogue writes it. */
export type BodySpec = TextSpec | { readonly json: unknown } | { readonly base64: string };

/** One hostile or malformed delivery and what every adapter must answer. */
export interface HostileCase {
  readonly id: string;
  readonly description: string;
  readonly file: string;
  readonly secret: string;
  readonly method?: string;
  readonly authorization?: TextSpec | readonly string[] | null;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: BodySpec;
  readonly contentLength?: 'omit';
  readonly options?: {
    readonly secret?: string | readonly string[];
    readonly maxBodyBytes?: number;
    readonly onUnknownStatus?: boolean;
    readonly perStatus?: boolean;
  };
  readonly status: number;
  readonly code: PoaWebhookErrorCode | null;
  readonly calls: 0 | 1;
  readonly event?: unknown;
  readonly issuePaths?: readonly string[];
}

/** Every case of every catalogue file, in file order. */
export const HOSTILE_CASES: readonly HostileCase[] = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .flatMap((file) => {
    const { secret, cases } = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as {
      secret: string;
      cases: Omit<HostileCase, 'file' | 'secret'>[];
    };
    return cases.map((c): HostileCase => ({ ...c, file, secret }));
  });

/** Expands a text spec; `forLambda` uses `lambdaTimes` where given (Lambda cannot carry 10 MB). */
export function expandText(spec: TextSpec, forLambda = false): string {
  if (typeof spec === 'string') return spec;
  const times = forLambda && spec.lambdaTimes !== undefined ? spec.lambdaTimes : spec.times;
  return (
    (spec.prefix === undefined ? '' : expandText(spec.prefix, forLambda)) +
    spec.repeat.repeat(times) +
    (spec.suffix === undefined ? '' : expandText(spec.suffix, forLambda))
  );
}

function expandBody(spec: BodySpec, forLambda: boolean): string | Uint8Array {
  if (typeof spec === 'object' && 'json' in spec) return JSON.stringify(spec.json);
  if (typeof spec === 'object' && 'base64' in spec) return new Uint8Array(Buffer.from(spec.base64, 'base64'));
  return expandText(spec, forLambda);
}

/** The delivery a case describes, sized for the transport (`forLambda`). */
export function toDelivery(c: HostileCase, forLambda: boolean): Delivery {
  const headers: Record<string, string | readonly string[]> = {};
  if (c.authorization === undefined) headers['authorization'] = `Bearer ${c.secret}`;
  else if (c.authorization !== null) {
    headers['authorization'] = Array.isArray(c.authorization) ? (c.authorization as readonly string[]) : expandText(c.authorization as TextSpec);
  }
  Object.assign(headers, c.headers);
  return {
    ...(c.method === undefined ? {} : { method: c.method }),
    headers,
    ...(c.body === undefined ? {} : { body: expandBody(c.body, forLambda) }),
  };
}
