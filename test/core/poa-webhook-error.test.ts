import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  isPoaWebhookError,
  POA_WEBHOOK_ERROR_HTTP_STATUS,
  type PoaWebhookErrorCode,
  PoaWebhookError,
} from '../../src/index.ts';
import { DOCUMENTED_STATUS } from '../support/documented-statuses.ts';


describe('PoaWebhookError', () => {
  it('should map exactly the codes of the contract', () => {
    expect(POA_WEBHOOK_ERROR_HTTP_STATUS).toEqual(DOCUMENTED_STATUS);
  });

  it.each(Object.entries(DOCUMENTED_STATUS) as [PoaWebhookErrorCode, number][])('should give %s the HTTP status %i', (code, status) => {
    const error = new PoaWebhookError(code, 'message');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(PoaWebhookError);
    expect(error.name).toBe('PoaWebhookError');
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(status);
    expect(error.message).toBe('message');
    expect(error.issues).toEqual([]);
    expect(Object.isFrozen(error.issues)).toBe(true);
    expect(error).not.toHaveProperty('cause');
    expect(String(error)).toBe('PoaWebhookError: message');
    expect(error.stack).toContain('PoaWebhookError');
  });

  it('should copy and freeze the issues and each issue', () => {
    const issues = [{ path: 'status', message: 'bad' }];
    const error = new PoaWebhookError('INVALID_PAYLOAD', 'invalid', { issues });
    issues.push({ path: 'x', message: 'later' });
    issues[0]!.message = 'changed';
    expect(error.issues).toEqual([{ path: 'status', message: 'bad' }]);
    expect(Object.isFrozen(error.issues)).toBe(true);
    expect(Object.isFrozen(error.issues[0])).toBe(true);
    expect(() => (error.issues as unknown as { path: string }[]).push({ path: "" })).toThrow(TypeError);
    expect(() => {
      (error.issues[0] as { path: string }).path = 'y';
    }).toThrow(TypeError);
  });

  it.each([
    { description: 'an Error', cause: new Error('db down') },
    { description: 'a string', cause: 'plain' },
    { description: 'undefined, given explicitly', cause: undefined },
  ])('should keep $description as the cause', ({ cause }) => {
    const error = new PoaWebhookError('HANDLER_FAILED', 'failed', { cause });
    expect(Object.hasOwn(error, 'cause')).toBe(true);
    expect(error.cause).toBe(cause);
  });

  it('should be what parse failures throw', () => {
    const error = new PoaWebhookError('INVALID_JSON', 'x');
    expect(JSON.parse(JSON.stringify({ code: error.code, issues: error.issues }))).toEqual({ code: 'INVALID_JSON', issues: [] });
  });
});

/** A second copy of the class, as a duplicated install of the package would have. */
class PoaWebhookErrorCopy extends Error {
  override readonly name = 'PoaWebhookError' as const;
  readonly code = 'UNAUTHORIZED';
  readonly httpStatus = 401;
  readonly issues = Object.freeze([]);
}

describe('isPoaWebhookError', () => {
  const otherRealm = runInNewContext(`
    class PoaWebhookError extends Error {
      name = 'PoaWebhookError';
      constructor(code, httpStatus) { super('from another realm'); this.code = code; this.httpStatus = httpStatus; this.issues = []; }
    }
    new PoaWebhookError('INVALID_JSON', 400);
  `) as unknown;

  it.each([
    { description: 'an instance', value: new PoaWebhookError('EMPTY_BODY', 'x'), ok: true },
    { description: 'an error from another realm (node:vm)', value: otherRealm, ok: true },
    { description: 'an instance of a second copy of the class', value: new PoaWebhookErrorCopy('copy'), ok: true },
    { description: 'a plain Error', value: new Error('x'), ok: false },
    { description: 'an Error named PoaWebhookError without a code', value: Object.assign(new Error('x'), { name: 'PoaWebhookError' }), ok: false },
    { description: 'an error with an unknown code', value: Object.assign(new Error('x'), { name: 'PoaWebhookError', code: 'NOPE', httpStatus: 400, issues: [] }), ok: false },
    { description: 'an error without issues', value: Object.assign(new Error('x'), { name: 'PoaWebhookError', code: 'EMPTY_BODY', httpStatus: 400 }), ok: false },
    { description: 'a plain object that looks like one', value: { name: 'PoaWebhookError', code: 'EMPTY_BODY', httpStatus: 400, issues: [], message: 'x' }, ok: false },
    { description: 'null', value: null, ok: false },
    { description: 'a string', value: 'PoaWebhookError', ok: false },
    { description: 'a TypeError', value: new TypeError('x'), ok: false },
    {
      description: 'a proxy whose every read throws',
      value: new Proxy({}, { get: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } }),
      ok: false,
    },
  ])('should answer $ok for $description', ({ value, ok }) => {
    expect(isPoaWebhookError(value)).toBe(ok);
  });

  it('should tell that a foreign error fails instanceof, so the guard is what recognises it', () => {
    expect(otherRealm instanceof Error).toBe(false);
    expect(otherRealm instanceof PoaWebhookError).toBe(false);
  });
});
