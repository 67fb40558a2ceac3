import type { P100WebhooksOptions } from '../p100-webhooks-options.ts';
import type { PoaWebhookOptions } from '../poa-webhook-options.ts';
import { kycFileAddedWebhook } from './kyc-file-added-webhook.ts';
import { kycVerificationWebhook } from './kyc-verification-webhook.ts';
import { poaVerificationWebhook } from './poa-verification-webhook.ts';
import { userStatusWebhook } from './user-status-webhook.ts';
import { fail, resolveOptions } from './resolve-options.ts';
import type { ResolvedOptions } from './resolved-options.ts';
import { standardSchemaCheck } from './standard-schema-check.ts';
import type { WebhookDefinition } from './webhook-definition.ts';
import { type RouteHandlers, resolveRoute, type WebhookRoute } from './webhook-route.ts';

/** A documented webhook that may be routed: its definition, and its default path if P100 documents one. */
interface DocumentedWebhook {
  readonly definition: WebhookDefinition<object>;
  readonly defaultPath: string | undefined;
}

/** Every documented webhook, by its key in `webhooks`. */
const DOCUMENTED: Readonly<Record<string, DocumentedWebhook>> = {
  poaVerificationStatus: { definition: poaVerificationWebhook as WebhookDefinition<object>, defaultPath: '/webhook/poa-verification/status' },
  // P100 documents no path for the KYC webhooks; its FAQ mentions /webhook/user/status.
  kycVerificationStatus: { definition: kycVerificationWebhook as WebhookDefinition<object>, defaultPath: undefined },
  kycFileAdded: { definition: kycFileAddedWebhook as WebhookDefinition<object>, defaultPath: undefined },
  userStatus: { definition: userStatusWebhook as WebhookDefinition<object>, defaultPath: '/webhook/user/status' },
};

/**
 * Checks the options of a receiver of several webhooks (`webhooks`: one route per webhook, at its
 * path) and fills in every default, once; POA-only options (no `webhooks`) as {@link resolveOptions}.
 *
 * @throws TypeError when the options are invalid: an unknown webhook, none at all, two routes on one
 * path, a route without exactly one handler, a `custom` route without a path, a Standard Schema or
 * `onEvent`, or anything {@link resolveOptions} refuses.
 * @internal
 */
export function resolveAnyOptions(options: PoaWebhookOptions | { readonly secret?: unknown; readonly webhooks: unknown }): ResolvedOptions {
  if (typeof options !== 'object' || options === null || !('webhooks' in options)) return resolveOptions(options as PoaWebhookOptions);
  const { webhooks, secret, onError, maxBodyBytes, handlerTimeoutMs, ledger, onDecision } = options as P100WebhooksOptions;
  if ((options as { inbox?: unknown }).inbox !== undefined) fail('`inbox` queues POA deliveries only: give it with the POA options, not `webhooks`.');
  for (const name of ['on', 'onEvent', 'onUnknownStatus', 'path'] as const) {
    if ((options as unknown as Record<string, unknown>)[name] !== undefined) fail(`\`${name}\` belongs to a route in \`webhooks\`.`);
  }
  // The options every route shares are checked (and their defaults filled in) as for POA alone;
  // the one-route receiver built for that is dropped, but for the ledger it would run through.
  const { routes: [poa], ...shared } = resolveOptions({ secret, onError, maxBodyBytes, handlerTimeoutMs, ledger, onDecision, onEvent: () => {} } as PoaWebhookOptions);
  if (typeof webhooks !== 'object' || webhooks === null) fail('`webhooks` must be an object.');
  const routes: WebhookRoute[] = [];
  for (const [key, route] of Object.entries(webhooks)) {
    if (route === undefined) continue;
    if (key === 'custom') {
      if (typeof route !== 'object' || route === null) fail('`webhooks.custom` must be an object.');
      for (const [name, custom] of Object.entries(route as Record<string, unknown>)) routes.push(customRoute(name, custom));
      continue;
    }
    const documented = DOCUMENTED[key];
    if (documented === undefined) fail(`\`webhooks.${key}\` is no webhook this version knows (${[...Object.keys(DOCUMENTED), 'custom'].join(', ')}).`);
    const { definition, defaultPath } = documented as DocumentedWebhook;
    if (typeof route !== 'object' || route === null) fail(`\`webhooks.${key}\` must be an object.`);
    const { path = defaultPath } = route as { path?: unknown };
    if (path === undefined) fail(`\`webhooks.${key}.path\` is required: P100 documents no path for it.`);
    checkPath(path, `\`webhooks.${key}.path\``);
    const routeFail = (message: string): never => fail(`\`webhooks.${key}\`: ${message}`);
    routes.push(resolveRoute(definition, route as RouteHandlers, path, routeFail, key === 'poaVerificationStatus' ? poa?.through : undefined));
  }
  if (routes.length === 0) fail('`webhooks` must name at least one webhook.');
  const seen = new Map<string, string>();
  for (const route of routes) {
    const other = seen.get(route.path as string);
    if (other !== undefined) fail(`\`${other}\` and \`${route.name}\` are both served at ${JSON.stringify(route.path)}: give each webhook its own path.`);
    seen.set(route.path as string, route.name);
  }
  return { ...shared, routes };
}

function customRoute(name: string, route: unknown): WebhookRoute {
  const where = `\`webhooks.custom.${name}\``;
  if (typeof route !== 'object' || route === null) fail(`${where} must be an object.`);
  const { path, schema, onEvent } = route as { path?: unknown; schema?: unknown; onEvent?: unknown };
  checkPath(path, `${where}.path`);
  const validate = (schema as { '~standard'?: { validate?: unknown } } | null | undefined)?.['~standard']?.validate;
  if (typeof validate !== 'function') fail(`${where}.schema must be a Standard Schema (valibot, zod 4, arktype, …).`);
  if (typeof onEvent !== 'function') fail(`${where}.onEvent must be a function.`);
  return {
    name,
    path,
    check: standardSchemaCheck(schema as Parameters<typeof standardSchemaCheck>[0]),
    handle: onEvent as WebhookRoute['handle'],
    onUnknownStatus: undefined,
    through: undefined,
  };
}

function checkPath(path: unknown, name: string): asserts path is string {
  if (!(typeof path === 'string' && path.startsWith('/'))) fail(`${name} must start with "/".`);
}
