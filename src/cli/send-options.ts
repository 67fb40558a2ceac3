/** The flags `p100-webhooks send` accepts (`node:util` `parseArgs` options); `--help` lists each one. @internal */
export const SEND_OPTIONS = {
  url: { type: 'string' },
  webhook: { type: 'string' },
  status: { type: 'string' },
  'attempt-status': { type: 'string' },
  'rejection-reason': { type: 'string' },
  'user-id': { type: 'string' },
  body: { type: 'string' },
  secret: { type: 'string' },
  'no-auth': { type: 'boolean' },
  retry: { type: 'boolean' },
  'retry-scale': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
