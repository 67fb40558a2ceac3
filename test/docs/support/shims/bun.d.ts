/**
 * The part of Bun's API docs/bun.md uses, as `@types/bun` declares it, so its code type-checks under
 * Node's TypeScript. The guides stage runs it on Bun itself.
 */
declare namespace Bun {
  interface Server {
    readonly url: URL;
    stop(): Promise<void>;
  }
  function serve(options: { hostname?: string; port?: number; fetch: (request: Request) => Response | Promise<Response> }): Server;
}
