/** The exit-code table, shared by every help text. */
const EXIT_CODES_HELP = `Exit codes:
  0    send: an attempt got a 2xx answer; --help and --version
  1    send: no attempt got a 2xx answer; listen: the port cannot be listened on; inbox: the
       inbox cannot be reached, or replay --id found no dead delivery; an unexpected error
  2    usage error (unknown command or flag, bad or missing value, no secret), one line on stderr
  130  stopped by Ctrl-C (SIGINT): listen closes its server and prints a summary, send stops retrying
  143  stopped by SIGTERM, likewise
`;

/** `p100-webhooks --help`. @internal */
export const MAIN_HELP = `p100-webhooks: send and receive P100 webhooks locally (POA Verification Status,
KYC Verification Status, KYC File Added, User status)

Usage:
  p100-webhooks send --url URL --status STATUS [--webhook NAME] [--user-id ID]
                     [--attempt-status S] [--rejection-reason R] [--secret S | --no-auth]
                     [--retry [--retry-scale F]] [--timeout MS]
  p100-webhooks send --url URL --body JSON [--secret S | --no-auth] [--retry [--retry-scale F]] [--timeout MS]
  p100-webhooks listen [--port N] [--path P] [--secret S]
  p100-webhooks inbox list [--url URL] [--queue Q] [--schema S] [--state S] [--limit N] [--json]
  p100-webhooks inbox replay [--url URL] [--queue Q] (--id ID | --all-dead)
  p100-webhooks inbox purge-dead [--url URL] [--queue Q]
  p100-webhooks --help | -h | help
  p100-webhooks --version | -v

Commands:
  send     deliver one webhook like P100 does (POST, JSON, Authorization: Bearer <secret>)
  listen   run a receiver on 127.0.0.1 for all four webhooks that checks and prints every delivery
  inbox    list, replay or purge the deliveries of an inbox (pg-boss or BullMQ)

Prefer the environment variable P100_WEBHOOK_SECRET to --secret: it stays out of shell history
and of ps. Once read, --secret is hidden from the CLI's own arguments in ps (shown as ***, on
Linux), but not from the npx, npm or sh -c processes that started it. A secret is visible ASCII
(! to ~, no spaces).
Run "p100-webhooks <command> --help" for what each option does.

${EXIT_CODES_HELP}`;

/** `p100-webhooks send --help`. @internal */
export const SEND_HELP = `Usage: p100-webhooks send --url URL [--webhook NAME] (--status STATUS | --body JSON) [options]

Delivers one webhook the way P100 does: POST, content-type: application/json,
Authorization: Bearer <secret>. Prints every attempt (HTTP status, latency, response body).

Options:
  --url URL           the endpoint, an absolute http(s) URL (required); listen serves
                      /webhook/poa-verification/status, /webhook/kyc/verification-status,
                      /webhook/kyc/file-added and /webhook/user/status
  --webhook NAME      which webhook's event to send (default poa-verification-status):
                        poa-verification-status  --status WAITING, APPROVED, REJECTED or QUESTIONED
                        kyc-verification-status  --status NOT_VERIFIED, VERIFIED or EXPIRED (the
                                                 verificationStatus), with --attempt-status
                        kyc-file-added           --status ADDED or ERROR
                        user-status              --status ACTIVE (the only one P100 shows)
  --status STATUS     the webhook's status, one of those above (case-insensitive)
  --attempt-status S  kyc-verification-status only: PENDING, VERIFICATION, REJECTED_BY_PROVIDER or
                      SUCCESSFUL (default: REJECTED_BY_PROVIDER with --rejection-reason, else
                      PENDING for NOT_VERIFIED and SUCCESSFUL for VERIFIED and EXPIRED)
  --rejection-reason R  kyc-verification-status only: the rejectionReason, sent as given (e.g.
                      NO_FACE_FOUND; P100 does not list its values); left out by default
  --user-id ID        the externalUserId (default: a random test-user-xxxxxxxx)
  --body JSON         send this raw body instead (unknown statuses, bad JSON, …); sent as it is, in
                      place of --status, --attempt-status, --rejection-reason and --user-id
  --secret S          the shared secret, visible ASCII (default: $P100_WEBHOOK_SECRET, preferred:
                      ps shows --secret *** once read, but npx and npm still show S)
  --no-auth           send no Authorization header (to see your endpoint refuse it)
  --retry             retry like P100 until a 2xx: after 8, 16, 32 and 64 s (5 attempts in all)
  --retry-scale F     multiply the retry pauses by F (e.g. 0.01 for 80 ms … 640 ms); needs --retry
  --timeout MS        how long one attempt may take (default 30000)
  -h, --help          show this help

${EXIT_CODES_HELP}`;

/** `p100-webhooks listen --help`. @internal */
export const LISTEN_HELP = `Usage: p100-webhooks listen [options]

Runs a webhook receiver on 127.0.0.1 (built on createNodeHandler from p100-webhooks/node) for four
webhooks, each at its path (printed at start):
  poa-verification-status  any path but the three below, or --path only
  kyc-verification-status  /webhook/kyc/verification-status  (the CLI's own: P100 documents no path)
  kyc-file-added           /webhook/kyc/file-added           (the CLI's own: P100 documents no path)
  user-status              /webhook/user/status              (the path P100's FAQ mentions)
and prints one line per delivery: time, request, HTTP status, outcome, then (for every webhook but
POA) the webhook's name, then the status and externalUserId of an accepted event (KYC Verification
Status: verificationStatus, attemptStatus and any rejectionReason) or the error code of a rejected
one. Runs until Ctrl-C (SIGINT) or SIGTERM.

Options:
  --port N            the port (default 3000; 0 picks a free one)
  --path P            accept POA deliveries on this path only (other paths but the three above get
                      404); default: any path
  --secret S          the shared secret, visible ASCII (default: $P100_WEBHOOK_SECRET, preferred:
                      ps shows --secret *** once read, but npx and npm still show S)
  -h, --help          show this help

${EXIT_CODES_HELP}`;

/** `p100-webhooks inbox --help`. @internal */
export const INBOX_HELP = `Usage: p100-webhooks inbox list|replay|purge-dead [options]

Looks after the inbox the receivers queue into (p100-webhooks/inbox): pg-boss on PostgreSQL for a
postgres:// URL, BullMQ on Redis for a redis:// or rediss:// URL (install pg-boss or bullmq beside
the CLI). On Redis, the Queue must use BullMQ's default key prefix (bull).

Actions:
  list         print the queued deliveries, oldest first: id, state, attempts, last error code,
               when queued, status and externalUserId (stdout; a count on stderr)
  replay       put dead deliveries back in the queue with their attempts renewed
  purge-dead   delete every dead delivery

Options:
  --url URL        the connection string (default: $P100_INBOX_URL, preferred: it stays out of ps);
                   printed only with its password as ***
  --queue Q        the queue name given to createPgBossInbox / the BullMQ Queue
                   (default: p100-poa-verification)
  --schema S       PostgreSQL: pg-boss's schema, as given to PgBoss (default: pgboss)
  --state S        list: waiting, active, done or dead, comma-separated, or all (default: all)
  --limit N        list: at most N deliveries (default 100)
  --json           list: one JSON object per line instead
  --id ID          replay: this dead delivery only
  --all-dead       replay: every dead delivery
  -h, --help       show this help

${EXIT_CODES_HELP}`;
