import { KYC_FILE_STATUSES } from '../core/kyc-file-added/kyc-file-statuses.ts';
import { KYC_VERIFICATION_STATUSES } from '../core/kyc-verification-status/kyc-verification-statuses.ts';
import { POA_VERIFICATION_STATUSES } from '../core/poa-verification-statuses.ts';
import { USER_STATUSES } from '../core/user-status/user-statuses.ts';

/** What `--webhook` names: one of the webhooks P100 documents a payload for. @internal */
export type CliWebhookName = 'poa-verification-status' | 'kyc-verification-status' | 'kyc-file-added' | 'user-status';

/** One webhook as the CLI sends and serves it. @internal */
export interface CliWebhook {
  readonly name: CliWebhookName;
  /** What `--status` sets, and its values. */
  readonly statusField: 'status' | 'verificationStatus';
  readonly statuses: readonly string[];
  /** Where `listen` serves it (POA: the default, any other path too unless `--path`). */
  readonly path: string;
  /** Where that path comes from, as `listen` says at start. */
  readonly pathNote: string;
}

/**
 * The webhooks the CLI knows, POA (the default of `send --webhook`) first. P100 documents no path for
 * the KYC ones: `/webhook/kyc/verification-status` and `/webhook/kyc/file-added` are the CLI's own.
 *
 * @internal
 */
export const CLI_WEBHOOKS: readonly CliWebhook[] = [
  {
    name: 'poa-verification-status',
    statusField: 'status',
    statuses: POA_VERIFICATION_STATUSES,
    path: '/webhook/poa-verification/status',
    pathNote: "P100's documented path",
  },
  {
    name: 'kyc-verification-status',
    statusField: 'verificationStatus',
    statuses: KYC_VERIFICATION_STATUSES,
    path: '/webhook/kyc/verification-status',
    pathNote: "the CLI's own path: P100 documents none",
  },
  {
    name: 'kyc-file-added',
    statusField: 'status',
    statuses: KYC_FILE_STATUSES,
    path: '/webhook/kyc/file-added',
    pathNote: "the CLI's own path: P100 documents none",
  },
  {
    name: 'user-status',
    statusField: 'status',
    statuses: USER_STATUSES,
    path: '/webhook/user/status',
    pathNote: "the path P100's FAQ mentions",
  },
];
