import type { KycFileAddedEvent } from '../core/kyc-file-added/kyc-file-added-event-schema.ts';
import type { KycVerificationStatusEvent } from '../core/kyc-verification-status/kyc-verification-status-event-schema.ts';
import type { PoaVerificationEvent } from '../core/poa-verification-event-schema.ts';
import type { PoaWebhookError } from '../core/poa-webhook-error.ts';
import type { UserStatusEvent } from '../core/user-status/user-status-event-schema.ts';
import type { CliWebhookName } from './cli-webhooks.ts';
import type { Paint } from './colors.ts';
import { escapeTerminalControls as safe } from './escape-terminal-controls.ts';

/** What `listen` learned about one delivery. @internal */
export interface DeliveryRecord {
  readonly receivedAt: Date;
  readonly method: string;
  readonly url: string;
  /** The webhook its path is routed to. */
  readonly webhook: CliWebhookName;
  status: number;
  event?: PoaVerificationEvent | KycVerificationStatusEvent | KycFileAddedEvent | UserStatusEvent;
  error?: PoaWebhookError;
}

/** `APPROVED`, or for KYC Verification Status `NOT_VERIFIED  attemptStatus=…  rejectionReason=…`, bold status first. */
function describeStatus(event: NonNullable<DeliveryRecord['event']>, paint: Paint): string {
  if (!('verificationStatus' in event)) return paint('bold', safe(event.status));
  const parts = [paint('bold', safe(event.verificationStatus)), `attemptStatus=${safe(event.attemptStatus)}`];
  const reason = event.rejectionReason;
  if (reason === null) parts.push('rejectionReason=null');
  else if (reason !== undefined) parts.push(`rejectionReason=${safe(JSON.stringify(shorten(reason, 80)))}`);
  return parts.join('  ');
}

function clock(date: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * One line per delivery:
 * `14:03:07.118  POST /webhook/poa-verification/status  200 accepted  APPROVED  externalUserId="user-42"`, or
 * `14:03:07.301  POST /webhook/poa-verification/status  401 rejected  UNAUTHORIZED  The Authorization header is missing or wrong.`
 * For every other webhook, its name comes after the outcome:
 * `14:03:08.002  POST /webhook/kyc/file-added  200 accepted  kyc-file-added  ERROR  externalUserId="user-42"`.
 * Every field goes through `escapeTerminalControls`, so a payload cannot drive the terminal.
 *
 * @internal
 */
export function formatDeliveryLine(record: DeliveryRecord, paint: Paint): string {
  const { status } = record;
  const ok = status >= 200 && status < 300;
  const outcome = ok ? 'accepted' : status >= 500 ? 'failed' : 'rejected';
  const name = record.webhook === 'poa-verification-status' ? '' : `  ${paint('cyan', record.webhook)}`;
  const head = `${paint('dim', clock(record.receivedAt))}  ${safe(record.method)} ${safe(shorten(record.url, 80))}  ${paint(ok ? 'green' : 'red', `${status} ${outcome}`)}${name}`;
  if (record.event !== undefined) {
    return `${head}  ${describeStatus(record.event, paint)}  externalUserId=${safe(JSON.stringify(record.event.externalUserId))}`;
  }
  if (record.error !== undefined) {
    const issues = record.error.issues.map((issue) => `${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`).join('; ');
    const detail = issues === '' ? record.error.message : issues;
    return `${head}  ${paint('yellow', safe(record.error.code))}  ${paint('dim', safe(shorten(detail.replace(/\s+/g, ' '), 160)))}`;
  }
  return head;
}
