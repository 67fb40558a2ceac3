import { CLI_WEBHOOKS, type CliWebhook } from './cli-webhooks.ts';
import { CliUsageError } from './cli-usage-error.ts';

/** `--webhook`, case-insensitive; POA when absent; anything but the four names is a usage error. @internal */
export function parseWebhookOption(value: string | undefined): CliWebhook {
  const lower = (value ?? 'poa-verification-status').toLowerCase();
  const webhook = CLI_WEBHOOKS.find((candidate) => candidate.name === lower);
  if (webhook !== undefined) return webhook;
  throw new CliUsageError(`bad --webhook ${JSON.stringify(value)}: use one of ${CLI_WEBHOOKS.map((w) => w.name).join(', ')}`);
}
