/** `p100-webhooks --help`. @internal */
export const MAIN_HELP = `p100-webhooks: send and receive P100 POA Verification Status webhooks locally

Usage:
  p100-webhooks send --url URL --status STATUS [--user-id ID] [--retry] [--secret S]
  p100-webhooks send --url URL --body JSON [--retry] [--secret S]
  p100-webhooks listen [--port N] [--path P] [--secret S]
  p100-webhooks --help | --version

Commands:
  send     deliver one webhook like P100 does (POST, JSON, Authorization: Bearer <secret>);
           exits 0 only when the answer is 2xx
  listen   run a receiver on 127.0.0.1 that checks and prints every delivery

The secret may come from the environment variable P100_WEBHOOK_SECRET instead of --secret
(keeps it out of shell history). Run "p100-webhooks <command> --help" for a command's options.
Exit codes: 0 success, 1 delivery failed or the server could not start, 2 usage error.
`;

/** `p100-webhooks send --help`. @internal */
export const SEND_HELP = `Usage: p100-webhooks send --url URL (--status STATUS | --body JSON) [options]

Delivers one webhook the way P100 does: POST, content-type: application/json,
Authorization: Bearer <secret>. Prints every attempt (HTTP status, latency, response body).
Exits 0 when an attempt got a 2xx answer, 1 when none did, 2 on a usage error.

Options:
  --url URL           the endpoint, an absolute http(s) URL (required)
  --status STATUS     WAITING, APPROVED, REJECTED or QUESTIONED (case-insensitive)
  --user-id ID        the externalUserId (default: a random test-user-xxxxxxxx)
  --body JSON         send this raw body instead (unknown statuses, bad JSON, …); sent as it is, in place of --status and --user-id
  --secret S          the shared secret (default: $P100_WEBHOOK_SECRET)
  --no-auth           send no Authorization header (to see your endpoint refuse it)
  --retry             retry like P100 until a 2xx: after 8, 16, 32 and 64 s (5 attempts in all)
  --retry-scale F     multiply the retry pauses by F (e.g. 0.01 for 80 ms … 640 ms); needs --retry
  --timeout MS        how long one attempt may take (default 30000)
  -h, --help          show this help
`;

/** `p100-webhooks listen --help`. @internal */
export const LISTEN_HELP = `Usage: p100-webhooks listen [options]

Runs a webhook receiver on 127.0.0.1 (built on createNodeHandler from p100-webhooks/node) and prints
one line per delivery: time, request, HTTP status, outcome, and the status and externalUserId of an
accepted event or the error code of a rejected one. Stops on Ctrl-C (SIGINT) or SIGTERM.

Options:
  --port N            the port (default 3000; 0 picks a free one)
  --path P            accept deliveries on this path only (others get 404); default: any path
  --secret S          the shared secret (default: $P100_WEBHOOK_SECRET)
  -h, --help          show this help
`;
