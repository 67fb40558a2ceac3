import type { P100WebhooksOptions } from '../p100-webhooks-options.ts';
import type { PoaWebhookOptions } from '../poa-webhook-options.ts';
import type { StandardSchemaV1 } from '../standard-schema-v1.ts';
import { kycFileAddedWebhook } from './kyc-file-added-webhook.ts';
import { kycVerificationWebhook } from './kyc-verification-webhook.ts';
import { poaVerificationWebhook } from './poa-verification-webhook.ts';
import { userStatusWebhook } from './user-status-webhook.ts';
import { fail, resolveOptions } from './resolve-options.ts';
import type { ResolvedOptions } from './resolved-options.ts';
import { standardSchemaCheck } from './standard-schema-check.ts';
import type { WebhookDefinition } from './webhook-definition.ts';
import { type RouteHandlers, type RouteThrough, resolveRoute, type WebhookRoute } from './webhook-route.ts';

/** Every documented webhook, by its key in `webhooks`: its definition, and its default path if P100 documents one. */
const DOCUMENTED: Readonly<Record<string, readonly [WebhookDefinition<object>, string?]>> = {
  poaVerificationStatus: [poaVerificationWebhook as WebhookDefinition<object>, '/webhook/poa-verification/status'],
  // P100 documents no path for the KYC webhooks; its FAQ mentions /webhook/user/status.
  kycVerificationStatus: [kycVerificationWebhook as WebhookDefinition<object>],
  kycFileAdded: [kycFileAddedWebhook as WebhookDefinition<object>],
  userStatus: [userStatusWebhook as WebhookDefinition<object>, '/webhook/user/status'],
};

/** A route as given in `webhooks`: a documented webhook's, or a `custom` one's. */
type GivenRoute = RouteHandlers & { readonly path?: unknown; readonly schema?: { readonly '~standard'?: { readonly validate?: unknown } } | null };

/**
 * Checks the options of a receiver of several webhooks (`webhooks`: one route per webhook, at its
 * path) and fills in every default, once; POA-only options (no `webhooks`) as {@link resolveOptions}.
 * The options every route shares are checked (and their defaults filled in) by
 * {@link resolveOptions} itself, as for POA alone.
 *
 * @throws TypeError when the options are invalid: an unknown webhook, none at all, two routes on one
 * path, a route without exactly one handler, a `custom` route without a path, a Standard Schema or
 * `onEvent`, or anything {@link resolveOptions} refuses.
 * @internal
 */
export function resolveAnyOptions(options: PoaWebhookOptions | { readonly secret?: unknown; readonly webhooks: unknown }): ResolvedOptions {
  if (typeof options !== 'object' || options === null || !('webhooks' in options)) return resolveOptions(options as PoaWebhookOptions);
  const { webhooks, inbox } = options as P100WebhooksOptions;
  if (inbox !== undefined) fail('`inbox` takes POA-only options, not `webhooks`.');
  for (const name of ['on', 'onEvent', 'onUnknownStatus', 'path'] as const) {
    if ((options as Record<string, unknown>)[name] !== undefined) fail(`\`${name}\` belongs to a route in \`webhooks\`.`);
  }
  // Checked first, as the POA-only options would be (with a handler, no route option left); its one
  // route is replaced by the routes below.
  const shared = resolveOptions({ ...options, onEvent: () => {} } as unknown as PoaWebhookOptions);
  const routes: WebhookRoute[] = [];
  const add = (where: string, given: unknown, defaultPath: string | undefined, definitionOf: (route: GivenRoute, fail: (message: string) => never) => WebhookDefinition<object>, through?: RouteThrough): void => {
    const route = objectAt(where, given) as GivenRoute;
    const { path = defaultPath } = route;
    if (path === undefined) fail(`\`${where}.path\` is required: P100 documents none.`);
    if (!(typeof path === 'string' && path.startsWith('/'))) fail(`\`${where}.path\` must start with "/".`);
    const routeFail = (message: string): never => fail(`\`${where}\`: ${message}`);
    const added = resolveRoute(definitionOf(route, routeFail), route, path as string, routeFail, through);
    const other = routes.find((r) => r.path === path);
    if (other !== undefined) fail(`\`${other.name}\` and \`${added.name}\` are both served at ${JSON.stringify(path)}.`);
    routes.push(added);
  };
  for (const [key, given] of Object.entries(objectAt('webhooks', webhooks))) {
    if (given === undefined) continue;
    if (key === 'custom') {
      for (const [name, custom] of Object.entries(objectAt('webhooks.custom', given))) add(`webhooks.custom.${name}`, custom, undefined, (route, routeFail) => customDefinition(name, route, routeFail));
      continue;
    }
    const documented = DOCUMENTED[key];
    if (documented === undefined) fail(`\`webhooks.${key}\` is no webhook this version knows (${[...Object.keys(DOCUMENTED), 'custom'].join(', ')}).`);
    const [definition, defaultPath] = documented as readonly [WebhookDefinition<object>, string?];
    // The ledger decides POA deliveries only.
    add(`webhooks.${key}`, given, defaultPath, () => definition, key === 'poaVerificationStatus' ? (options as RouteThrough) : undefined);
  }
  if (routes.length === 0) fail('`webhooks` must name at least one webhook.');
  return { ...shared, routes };
}

/** The value at `where` in the options, when it is an object. */
function objectAt(where: string, value: unknown): object {
  if (typeof value !== 'object' || value === null) fail(`\`${where}\` must be an object.`);
  return value as object;
}

/** A `custom` route's definition: its Standard Schema is the check, and `onEvent` its only handler. */
function customDefinition(name: string, route: GivenRoute, routeFail: (message: string) => never): WebhookDefinition<object> {
  const schema = route.schema;
  if (typeof schema?.['~standard']?.validate !== 'function') routeFail('`schema` must be a Standard Schema.');
  // Before the handler checks every route has: `on` would need statuses, which a schema has none of.
  if (typeof route.onEvent !== 'function') routeFail('`onEvent` must be a function.');
  return { name, statusField: '' as never, statuses: [], check: standardSchemaCheck(schema as StandardSchemaV1) as WebhookDefinition<object>['check'] };
}
