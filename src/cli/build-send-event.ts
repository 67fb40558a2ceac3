import { KYC_FILE_STATUSES } from '../core/kyc-file-added/kyc-file-statuses.ts';
import { KYC_ATTEMPT_STATUSES } from '../core/kyc-verification-status/kyc-attempt-statuses.ts';
import { KYC_VERIFICATION_STATUSES } from '../core/kyc-verification-status/kyc-verification-statuses.ts';
import { POA_VERIFICATION_STATUSES } from '../core/poa-verification-statuses.ts';
import { USER_STATUSES } from '../core/user-status/user-statuses.ts';
import { createKycFileAddedEvent } from '../testing/create-kyc-file-added-event.ts';
import { createKycVerificationStatusEvent } from '../testing/create-kyc-verification-status-event.ts';
import { createPoaVerificationEvent } from '../testing/create-poa-verification-event.ts';
import { createUserStatusEvent } from '../testing/create-user-status-event.ts';
import type { P100WebhookTestBody } from '../testing/p100-webhook-test-body.ts';
import type { CliWebhookName } from './cli-webhooks.ts';
import { parseStatusOption } from './parse-status-option.ts';

/** The flags of `send` that make its event, as given (statuses not yet checked). @internal */
export interface SendEventFlags {
  readonly status: string;
  readonly externalUserId: string;
  readonly attemptStatus?: string | undefined;
  readonly rejectionReason?: string | undefined;
}

/**
 * The event `send --webhook NAME` delivers, its statuses checked against that webhook's (a usage
 * error otherwise). KYC Verification Status: `--status` is the `verificationStatus`;
 * `--attempt-status` defaults to `REJECTED_BY_PROVIDER` with a `--rejection-reason`, else to the
 * one the verification status usually comes with (see `createKycVerificationStatusEvent`).
 *
 * @internal
 */
export function buildSendEvent(webhook: CliWebhookName, flags: SendEventFlags): Exclude<P100WebhookTestBody, string | Uint8Array> {
  const { externalUserId } = flags;
  switch (webhook) {
    case 'poa-verification-status':
      return createPoaVerificationEvent({ status: parseStatusOption(flags.status, POA_VERIFICATION_STATUSES), externalUserId });
    case 'kyc-verification-status': {
      const verificationStatus = parseStatusOption(flags.status, KYC_VERIFICATION_STATUSES);
      const { rejectionReason } = flags;
      const attemptStatus =
        flags.attemptStatus === undefined
          ? rejectionReason === undefined
            ? undefined
            : 'REJECTED_BY_PROVIDER'
          : parseStatusOption(flags.attemptStatus, KYC_ATTEMPT_STATUSES, '--attempt-status');
      return createKycVerificationStatusEvent({
        verificationStatus,
        externalUserId,
        ...(attemptStatus === undefined ? {} : { attemptStatus }),
        ...(rejectionReason === undefined ? {} : { rejectionReason }),
      });
    }
    case 'kyc-file-added':
      return createKycFileAddedEvent({ status: parseStatusOption(flags.status, KYC_FILE_STATUSES), externalUserId });
    case 'user-status':
      return createUserStatusEvent({ status: parseStatusOption(flags.status, USER_STATUSES), externalUserId });
  }
}
