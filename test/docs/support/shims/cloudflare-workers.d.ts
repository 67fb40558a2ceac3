/**
 * `cloudflare:workers` as `wrangler types` declares it for docs/cloudflare-workers.md (the
 * `P100_WEBHOOK_SECRET` binding from `.dev.vars`), so its code type-checks under Node's TypeScript.
 * The guides stage runs it in workerd with `wrangler dev`.
 */
declare module 'cloudflare:workers' {
  export const env: { readonly P100_WEBHOOK_SECRET: string };
}
