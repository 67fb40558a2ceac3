/**
 * The Node adapter: `node:http` servers, Express, Connect and any `(req, res, next)` middleware stack.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createNodeHandler } from 'p100-webhooks/node';
 *
 * const app = express();
 * app.all('/webhook/poa-verification/status', createNodeHandler({ secret: 's3cret', onEvent: () => {} }));
 * ```
 *
 * @module p100-webhooks/node
 */
export {
  createNodeHandler,
  type NodeHandler,
  type NodeHandlerOptions,
  type NodeHandlerRequest,
} from './node/create-node-handler.ts';
