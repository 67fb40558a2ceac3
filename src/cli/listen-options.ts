/** The flags `p100-webhooks listen` accepts (`node:util` `parseArgs` options); `--help` lists each one. @internal */
export const LISTEN_OPTIONS = {
  port: { type: 'string' },
  path: { type: 'string' },
  secret: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
