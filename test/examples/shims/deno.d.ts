/**
 * The few Deno APIs examples/deno uses, as Deno declares them, so the example type-checks under Node's
 * TypeScript without Deno's full lib. The runtime matrix runs the example on Deno itself.
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
