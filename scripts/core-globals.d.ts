// The only globals the core may use (CONTRACT.md, "Package"): checked by `tsc -p tsconfig.core.json`,
// which compiles src/core against ECMAScript alone plus these declarations. `Headers` and
// `ReadableStream` are types only: the core calls methods on objects it is given, never the globals.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function setTimeout<A extends unknown[]>(callback: (...args: A) => void, ms?: number, ...args: A): unknown;
declare function clearTimeout(id: unknown): void;
interface Headers {
  get(name: string): string | null;
}
interface ReadableStreamDefaultReader<R> {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: R }>;
  cancel(reason?: unknown): Promise<void>;
}
interface ReadableStream<R> {
  getReader(): ReadableStreamDefaultReader<R>;
}
