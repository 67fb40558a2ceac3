/**
 * The shapes of the example modules the tests load. Declared here rather than taken with
 * `typeof import('../../examples/…')`, which would pull the examples (and their `p100-webhooks/*`
 * imports, resolvable only through examples/tsconfig.json or a build) into the root type-check.
 * examples/tsconfig.json type-checks the examples themselves.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { FastifyInstance } from 'fastify';
import type { Hono } from 'hono';
import type { FetchHandler } from '../../../src/fetch.ts';
import type { LambdaHandler } from '../../../src/lambda.ts';
import type { Accounts } from '../../../examples/node-http/src/accounts.ts';

interface AppOptions {
  secret: string;
  accounts: Accounts;
}

export interface NodeHttpExample {
  createPoaServer(options: AppOptions): Server;
}
export interface ExpressExample {
  createApp(options: AppOptions): Express;
}
export interface FastifyExample {
  createApp(options: AppOptions): FastifyInstance;
}
export interface HonoExample {
  createApp(options: AppOptions): Hono;
}
export interface NextLibExample {
  createPoaWebhookHandler(options: AppOptions): FetchHandler;
}
export interface NextRouteExample {
  POST(request: Request): Promise<Response>;
}
export interface LambdaAppExample {
  createPoaLambdaHandler(options: AppOptions): LambdaHandler;
}
export interface LambdaEntryExample {
  handler: LambdaHandler;
}
