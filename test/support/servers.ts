/**
 * Where the real servers of the store tests are: `.ci/run` starts PostgreSQL, Redis and dynalite
 * (scripts/servers/*.sh) and exports their addresses. Without them a store suite is skipped with the
 * reason in its name; with `P100_REQUIRE_SERVERS=1` (CI) a missing server fails the run instead, so
 * CI can never pass by skipping.
 */
import { describe, it } from 'vitest';

export type TestServer = 'postgres' | 'redis' | 'dynamodb';

const VARIABLES: Record<TestServer, string> = {
  postgres: 'P100_TEST_POSTGRES_URL',
  redis: 'P100_TEST_REDIS_URL',
  dynamodb: 'P100_TEST_DYNAMODB_ENDPOINT',
};

/** The server's address, or `undefined` (after registering the skip or the failure) when it is not running. */
export function testServer(server: TestServer): string | undefined {
  const name = VARIABLES[server];
  const value = process.env[name];
  if (value !== undefined && value !== '') return value;
  const reason = `${name} is not set (start it: eval "$(scripts/servers/${server === 'dynamodb' ? 'dynalite' : server}.sh start)")`;
  if (process.env['P100_REQUIRE_SERVERS'] === '1') {
    describe(`${server} server`, () => {
      it('is running (P100_REQUIRE_SERVERS=1)', () => {
        throw new Error(reason);
      });
    });
  } else {
    describe.skip(`${server} server: ${reason}`, () => {
      it('skipped', () => {});
    });
  }
  return undefined;
}
