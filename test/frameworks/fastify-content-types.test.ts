/**
 * docs/fastify.md's wiring hands the request to the SDK before Fastify's content-type parsing, so
 * no content type (the hostile catalogue's, and empty, malformed or list-valued ones) turns a valid
 * delivery into Fastify's 415, and a wrong token is answered 401 whatever the content type.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deliverOverHttp } from '../support/adapters.ts';
import { startFastifyRaw } from './servers.ts';

const SECRET = 'fastify-secret';
const BODY = '{"externalUserId":"u-1","status":"APPROVED"}';

interface HostileCase {
  readonly id: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Every content type the hostile catalogue sends (`undefined`: no Content-Type header). */
function catalogueContentTypes(): (string | undefined)[] {
  const found = new Set<string | undefined>();
  for (const file of ['transport.json', 'json-bodies.json']) {
    const { cases } = JSON.parse(readFileSync(new URL(`../fixtures/hostile/${file}`, import.meta.url), 'utf8')) as {
      cases: HostileCase[];
    };
    for (const hostile of cases) {
      if (hostile.id.startsWith('ctype-missing')) found.add(undefined);
      const value = Object.entries(hostile.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
      if (value !== undefined) found.add(value);
    }
  }
  return [...found];
}

const CONTENT_TYPES: readonly { label: string; value: string | readonly string[] | undefined }[] = [
  ...catalogueContentTypes().map((value) => ({ label: value ?? '(missing)', value })),
  { label: '(empty)', value: '' },
  { label: ';;;', value: ';;;' },
  { label: 'application/json, text/plain', value: 'application/json, text/plain' },
  { label: 'text/plain', value: 'text/plain' },
  { label: 'application/json', value: 'application/json' },
  { label: 'two Content-Type lines', value: ['text/plain', 'application/json'] },
  { label: '(missing)', value: undefined },
].filter((entry, index, all) => all.findIndex((other) => other.label === entry.label) === index);

describe('createNodeHandler in the Fastify guide wiring', () => {
  it.each(CONTENT_TYPES.flatMap(({ label, value }) => [
    { label, value, token: SECRET, status: 200, calls: 1 },
    { label, value, token: 'wrong', status: 401, calls: 0 },
  ]))('should answer $status for Content-Type $label with token $token', async ({ value, token, status, calls: expected }) => {
    const calls: unknown[] = [];
    const server = await startFastifyRaw({ secret: SECRET, onEvent: (event) => void calls.push(event) });
    try {
      const headers: Record<string, string | readonly string[]> = { authorization: token };
      if (value !== undefined) headers['content-type'] = value;
      const answer = await deliverOverHttp(server.port, { headers, body: BODY });
      expect(answer.status).toBe(status);
      expect(answer.json).toEqual(status === 200 ? {} : { error: expect.objectContaining({ code: 'UNAUTHORIZED' }) });
      expect(calls).toEqual(expected === 1 ? [{ externalUserId: 'u-1', status: 'APPROVED' }] : []);
    } finally {
      await server.close();
    }
  });
});
