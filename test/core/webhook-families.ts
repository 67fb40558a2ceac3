/**
 * The three webhook families added beside POA, as data: each one's public functions and schema, its
 * status fields and optional text fields, so one case list and one property suite run for every family.
 */
import type { GenericSchema } from 'valibot';
import {
  isKycFileAddedEvent,
  isKycVerificationStatusEvent,
  isUserStatusEvent,
  KYC_ATTEMPT_STATUSES,
  KYC_FILE_STATUSES,
  KYC_VERIFICATION_STATUSES,
  KycFileAddedEventSchema,
  KycVerificationStatusEventSchema,
  type P100ParseResult,
  parseKycFileAddedEvent,
  parseKycVerificationStatusEvent,
  parseUserStatusEvent,
  type PoaRawBody,
  safeParseKycFileAddedEvent,
  safeParseKycVerificationStatusEvent,
  safeParseUserStatusEvent,
  USER_STATUSES,
  UserStatusEventSchema,
  validateKycFileAddedEvent,
  validateKycVerificationStatusEvent,
  validateUserStatusEvent,
} from '../../src/index.ts';

export interface WebhookFamily {
  readonly name: string;
  /** The fixture folder under test/fixtures/payloads. */
  readonly fixtures: string;
  readonly statusFields: readonly { readonly key: string; readonly statuses: readonly string[] }[];
  readonly optionalTextFields: readonly string[];
  readonly schema: GenericSchema;
  readonly parse: (body: PoaRawBody) => object;
  readonly safeParse: (body: PoaRawBody) => P100ParseResult<object>;
  readonly validate: (value: unknown) => P100ParseResult<object>;
  readonly isEvent: (value: unknown) => boolean;
}

export const FAMILIES: readonly WebhookFamily[] = [
  {
    name: 'KYC Verification Status',
    fixtures: 'kyc-verification-status',
    statusFields: [
      { key: 'verificationStatus', statuses: KYC_VERIFICATION_STATUSES },
      { key: 'attemptStatus', statuses: KYC_ATTEMPT_STATUSES },
    ],
    optionalTextFields: ['rejectionReason'],
    schema: KycVerificationStatusEventSchema as unknown as GenericSchema,
    parse: parseKycVerificationStatusEvent,
    safeParse: safeParseKycVerificationStatusEvent,
    validate: validateKycVerificationStatusEvent,
    isEvent: isKycVerificationStatusEvent,
  },
  {
    name: 'KYC File Added',
    fixtures: 'kyc-file-added',
    statusFields: [{ key: 'status', statuses: KYC_FILE_STATUSES }],
    optionalTextFields: [],
    schema: KycFileAddedEventSchema as unknown as GenericSchema,
    parse: parseKycFileAddedEvent,
    safeParse: safeParseKycFileAddedEvent,
    validate: validateKycFileAddedEvent,
    isEvent: isKycFileAddedEvent,
  },
  {
    name: 'User status',
    fixtures: 'user-status',
    statusFields: [{ key: 'status', statuses: USER_STATUSES }],
    optionalTextFields: [],
    schema: UserStatusEventSchema as unknown as GenericSchema,
    parse: parseUserStatusEvent,
    safeParse: safeParseUserStatusEvent,
    validate: validateUserStatusEvent,
    isEvent: isUserStatusEvent,
  },
];

/** A valid payload of the family: the first status of each status field. */
export function validPayloadOf(family: WebhookFamily, externalUserId = 'u-1'): Record<string, unknown> {
  return { externalUserId, ...Object.fromEntries(family.statusFields.map(({ key, statuses }) => [key, statuses[0]])) };
}
