/**
 * Whether a value is bytes (a typed array, a `DataView` or an `ArrayBuffer`) of any realm (a vm
 * context, a worker), where `instanceof` fails.
 *
 * @internal
 */
export function isBytes(value: unknown): value is Uint8Array | ArrayBuffer {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer || Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}
