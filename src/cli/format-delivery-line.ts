import type { PoaVerificationEvent } from '../core/poa-verification-event-schema.ts';
import type { PoaWebhookError } from '../core/poa-webhook-error.ts';
import type { Paint } from './colors.ts';
import { escapeTerminalControls as safe } from './escape-terminal-controls.ts';

/** What `listen` learned about one delivery. @internal */
export interface DeliveryRecord {
  readonly receivedAt: Date;
  readonly method: string;
  readonly url: string;
  status: number;
  event?: PoaVerificationEvent;
  error?: PoaWebhookError;
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
 * `14:03:07.118  POST /webhook/poa-verification/status  200 accepted  APPROVED  externalUserId=user-42`, or
 * `14:03:07.301  POST /webhook/poa-verification/status  401 rejected  UNAUTHORIZED  The Authorization header is missing or wrong.`
 * Every field goes through `escapeTerminalControls`, so a payload cannot drive the terminal.
 *
 * @internal
 */
export function formatDeliveryLine(record: DeliveryRecord, paint: Paint): string {
  const { status } = record;
  const ok = status >= 200 && status < 300;
  const outcome = ok ? 'accepted' : status >= 500 ? 'failed' : 'rejected';
  const head = `${paint('dim', clock(record.receivedAt))}  ${safe(record.method)} ${safe(shorten(record.url, 80))}  ${paint(ok ? 'green' : 'red', `${status} ${outcome}`)}`;
  if (record.event !== undefined) {
    return `${head}  ${paint('bold', safe(record.event.status))}  externalUserId=${safe(JSON.stringify(record.event.externalUserId))}`;
  }
  if (record.error !== undefined) {
    const issues = record.error.issues.map((issue) => `${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`).join('; ');
    const detail = issues === '' ? record.error.message : issues;
    return `${head}  ${paint('yellow', safe(record.error.code))}  ${paint('dim', safe(shorten(detail.replace(/\s+/g, ' '), 160)))}`;
  }
  return head;
}
