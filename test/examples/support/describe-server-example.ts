/**
 * One case list for every example that runs as a real HTTP server: start it on 127.0.0.1, deliver
 * each of the four statuses with the testing kit like P100 does, then a few refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POA_VERIFICATION_STATUSES } from '../../../src/index.ts';
import { createPoaVerificationEvent, type PoaDeliveryReport, sendPoaWebhook } from '../../../src/testing.ts';
import { EXPECTED_CALL, recordingAccounts } from './recording-accounts.ts';

export const SECRET = 'example-test-secret';
export const WEBHOOK_PATH = '/webhook/poa-verification/status';

/** A started example: its base URL (`http://127.0.0.1:<port>`) and how to stop it. */
export interface RunningExample {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** The last attempt's status and parsed JSON body. */
function lastAnswer(report: PoaDeliveryReport): { status: number | null; json: unknown } {
  const last = report.attempts.at(-1);
  return { status: last?.status ?? null, json: last === undefined ? undefined : (JSON.parse(last.body) as unknown) };
}

/** Declares the shared suite for one example. */
export function describeServerExample(
  name: string,
  start: (options: { secret: string; accounts: ReturnType<typeof recordingAccounts> }) => Promise<RunningExample>,
): void {
  describe(`examples/${name}`, () => {
    const accounts = recordingAccounts();
    let server: RunningExample;
    beforeAll(async () => {
      server = await start({ secret: SECRET, accounts });
    });
    afterAll(async () => {
      await server.close();
    });

    it.each(POA_VERIFICATION_STATUSES)('should answer 200 {} to a %s delivery and act on it once', async (status) => {
      const event = createPoaVerificationEvent({ status, externalUserId: `${name}-${status}` });
      const before = accounts.calls.length;
      const report = await sendPoaWebhook(`${server.baseUrl}${WEBHOOK_PATH}`, event, { secret: SECRET });
      expect(report.ok).toBe(true);
      expect(report.attempts).toHaveLength(1);
      expect(lastAnswer(report)).toEqual({ status: 200, json: {} });
      expect(accounts.calls.slice(before)).toEqual([EXPECTED_CALL[status](event.externalUserId)]);
    });

    it('should answer 401 UNAUTHORIZED to a delivery signed with another secret and not act', async () => {
      const before = accounts.calls.length;
      const report = await sendPoaWebhook(`${server.baseUrl}${WEBHOOK_PATH}`, createPoaVerificationEvent({ status: 'APPROVED' }), {
        secret: 'not-the-secret',
      });
      expect(lastAnswer(report)).toMatchObject({ status: 401, json: { error: { code: 'UNAUTHORIZED' } } });
      expect(accounts.calls.length).toBe(before);
    });

    it('should answer 400 INVALID_PAYLOAD to a body without externalUserId and not act', async () => {
      const before = accounts.calls.length;
      const report = await sendPoaWebhook(`${server.baseUrl}${WEBHOOK_PATH}`, '{"status":"APPROVED"}', { secret: SECRET });
      expect(lastAnswer(report)).toMatchObject({
        status: 400,
        json: { error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'externalUserId' }] } },
      });
      expect(accounts.calls.length).toBe(before);
    });

    it.each([
      { description: 'text/plain', headers: { 'content-type': 'text/plain' } },
      { description: 'no content-type', headers: {} },
    ])('should accept a delivery with $description (content-type is not enforced)', async ({ headers }) => {
      const response = await fetch(`${server.baseUrl}${WEBHOOK_PATH}`, {
        method: 'POST',
        headers: { ...headers, authorization: SECRET },
        body: new Blob(['{"externalUserId":"content-type-test","status":"WAITING"}']).stream(),
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(200);
    });

    it('should answer 413 PAYLOAD_TOO_LARGE to a body over 64 KiB and not act', async () => {
      const before = accounts.calls.length;
      const body = JSON.stringify({ externalUserId: 'big', status: 'APPROVED', padding: 'x'.repeat(70_000) });
      const response = await fetch(`${server.baseUrl}${WEBHOOK_PATH}`, { method: 'POST', headers: { authorization: SECRET }, body });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      expect(accounts.calls.length).toBe(before);
    });

    it('should answer 405 with Allow: POST to a GET', async () => {
      const response = await fetch(`${server.baseUrl}${WEBHOOK_PATH}`, { headers: { authorization: `Bearer ${SECRET}` } });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(await response.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
    });
  });
}
