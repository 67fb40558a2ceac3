// A Worker whose handlers read the secret binding only when a delivery needs it, in the two ways a
// Worker can: at module scope through `import { env } from 'cloudflare:workers'`, and built on the
// first request from the `env` argument of `fetch`. Bundled with `cloudflare:*` left external, as
// wrangler does; served by secret-binding-host.mjs with and without the P100_WEBHOOK_SECRET binding.
import { env } from 'cloudflare:workers';
import { createFetchHandler } from 'p100-webhooks/fetch';

const onEvent = (event) => console.log(`handled ${event.status}`);

// Module scope: created when the Worker starts, before any binding is read.
const moduleScope = createFetchHandler({ secret: () => env.P100_WEBHOOK_SECRET, onEvent });

let perRequest;

export default {
  fetch(request, bindings) {
    if (new URL(request.url).pathname === '/per-request') {
      perRequest ??= createFetchHandler({ secret: () => bindings.P100_WEBHOOK_SECRET, onEvent });
      return perRequest(request);
    }
    return moduleScope(request);
  },
};
