/**
 * The Fetch API adapter, for Next.js, Hono, Deno, Bun, Cloudflare Workers and edge runtimes.
 *
 * @example
 * ```ts
 * import { createFetchHandler } from 'p100-webhooks/fetch';
 *
 * export default { fetch: createFetchHandler({ secret: 's3cret', onEvent: () => {} }) };
 * ```
 *
 * @module p100-webhooks/fetch
 */
export { createFetchHandler, type FetchHandler } from './fetch/create-fetch-handler.ts';
