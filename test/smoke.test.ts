import { describe, expect, it } from 'vitest';
import { ADAPTERS } from './support/adapters.ts';

describe.each(ADAPTERS)('$name', (adapter) => {
  it('should accept a valid delivery and call the handler once', async () => {
    const seen: unknown[] = [];
    const answer = await adapter.deliver(
      { secret: 's3cret', onEvent: (event) => void seen.push(event) },
      { headers: { Authorization: 'Bearer s3cret', 'content-type': 'application/json' }, body: '{"externalUserId":"u-1","status":"APPROVED"}' },
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({});
    expect(seen).toEqual([{ externalUserId: 'u-1', status: 'APPROVED' }]);
  });
});
