/**
 * The longest `externalUserId` accepted, in JavaScript string length (UTF-16 code units).
 * Kept apart from the valibot schema so the request handler does not load the schema to know it.
 *
 * @internal
 */
export const MAX_EXTERNAL_USER_ID_LENGTH = 256;
