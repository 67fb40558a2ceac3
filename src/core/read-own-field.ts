/**
 * A field of a payload read once, from the payload itself: inherited properties (a polluted
 * `Object.prototype`) count as absent. May throw for exotic values (proxies, throwing getters).
 *
 * @internal
 */
export function readOwnField(value: object, key: string): unknown {
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
