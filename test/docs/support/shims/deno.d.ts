/**
 * The few Deno APIs docs/deno.md uses, as Deno declares them, so its code type-checks under Node's
 * TypeScript without Deno's full lib. The guides stage runs it on Deno itself.
 */
declare namespace Deno {
  interface Env {
    get(key: string): string | undefined;
  }
  const env: Env;
  interface ServeOptions {
    port?: number;
    hostname?: string;
  }
  interface HttpServer {
    readonly finished: Promise<void>;
    shutdown(): Promise<void>;
  }
  function serve(options: ServeOptions, handler: (request: Request) => Response | Promise<Response>): HttpServer;
}
