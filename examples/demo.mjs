// `npm run demo`: the whole job on this machine, with nothing else running and no P100 account.
//
// 1. starts a webhook receiver on a free port of 127.0.0.1 (createNodeHandler with one typed
//    handler per status, as in the README's quick start);
// 2. delivers the four POA statuses with the testing kit, exactly as P100 would (POST, JSON,
//    `Authorization: Bearer <secret>`), then a few deliveries P100 would never make or that an
//    attacker might (no token, a wrong token, bad JSON, an unknown status, a wrong shape);
// 3. shows P100's retries: a handler that fails once gets the delivery again (P100 waits 8 s; the
//    demo scales that to 80 ms);
// 4. runs every delivery through the delivery ledger (in memory here): a late retry of an earlier
//    status is decided `stale` and a repeat `duplicate`, both answered 200 without running the
//    handler, and the partner's own upload (ledger.recordUpload) opens a new round;
// 5. prints what the handlers did and what every delivery got back, stops the server, and exits 0
//    only if every answer was the expected one.
//
// With `npm run demo -- --inbox`, the same deliveries go through the inbox instead: the receiver
// only checks and queues each one (200 once queued), and a worker (startPoaWorker, in this process)
// runs the same handlers from the queue with the same ledger; the failing APPROVED is retried by
// the worker, not by P100. The inbox is the memory one here; production uses pg-boss or BullMQ.
//
// It imports the package by its public names, which resolve to the build in dist/ (`npm run demo`
// builds first).
import { createServer } from 'node:http';
import { createMemoryInbox, startPoaWorker } from 'p100-webhooks/inbox';
import { createMemoryLedgerStore, createPoaLedger } from 'p100-webhooks/ledger';
import { createNodeHandler } from 'p100-webhooks/node';
import { createPoaVerificationEvent, sendPoaWebhook } from 'p100-webhooks/testing';

const SECRET = 'demo-secret-change-me';
const PATH = '/webhook/poa-verification/status';

const useColor = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code, text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
const green = (text) => paint(32, text);
const red = (text) => paint(31, text);
const dim = (text) => paint(2, text);
const bold = (text) => paint(1, text);

// --- your application: an in-memory account store and the typed handlers ----------------------
const accounts = new Map();
const effects = []; // what the handlers did, printed after each delivery
let failNextApproval = false; // to show a retry: the first attempt of one delivery fails

// The delivery ledger decides whether each delivery's effect runs: once per real status change,
// never for a retry or a late, stale status. One process here; a fleet shares a SQL or Redis store.
const ledger = createPoaLedger({ store: createMemoryLedgerStore() });

const inboxMode = process.argv.includes('--inbox');
const on = {
    WAITING: (event) => {
      accounts.set(event.externalUserId, 'pending review');
      effects.push(`on.WAITING    ${event.externalUserId}: document received, shown as "pending review"`);
    },
    APPROVED: (event) => {
      if (failNextApproval) {
        failNextApproval = false;
        effects.push(`on.APPROVED   ${event.externalUserId}: database unavailable, handler throws (${inboxMode ? 'the worker' : 'P100'} will retry)`);
        throw new Error('database unavailable');
      }
      accounts.set(event.externalUserId, 'verified');
      effects.push(`on.APPROVED   ${event.externalUserId}: proof of address accepted, account unlocked`);
    },
    REJECTED: (event) => {
      accounts.set(event.externalUserId, 'needs a new document');
      effects.push(`on.REJECTED   ${event.externalUserId}: asked the user to upload a new document`);
    },
    QUESTIONED: (event) => {
      accounts.set(event.externalUserId, 'question open');
      effects.push(`on.QUESTIONED ${event.externalUserId}: asked the user to answer the reviewer's question`);
    },
};
const onDecision = (record) =>
  effects.push(`onDecision    ${record.externalUserId} ${record.status}: ${record.decision} (round ${record.round}, receipt ${record.receiptId})`);
const onError = (error) => effects.push(`onError       ${error.code}: answered ${error.httpStatus}`);

// Inbox mode: the receiver queues, the worker runs the handlers (a failed attempt is retried after 80 ms).
const inbox = inboxMode ? createMemoryInbox({ backoffMs: 80 }) : undefined;
const worker = inbox
  ? startPoaWorker({
      inbox,
      ledger,
      on,
      onDecision,
      onError: (error, context) => effects.push(`worker        ${error.code} on attempt ${context?.attempt}: the inbox retries`),
      signals: [],
    })
  : undefined;
/** Resolves once the worker has ended every queued delivery. */
const drained = async () => {
  while ((await inbox.list({ states: ['waiting', 'active'] })).length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
};

const handler = createNodeHandler(
  inbox ? { secret: SECRET, path: PATH, inbox, onError } : { secret: SECRET, path: PATH, on, ledger, onDecision, onError },
);

const server = createServer(handler);
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const url = `http://127.0.0.1:${server.address().port}${PATH}`;
console.log(`${bold('Receiver')} listening on ${url}${inboxMode ? ' (inbox mode: it queues, a worker runs the handlers)' : ''}\n`);

// --- P100's side: deliveries made with the testing kit -----------------------------------------
const deliveries = [
  { title: 'WAITING: document received', body: createPoaVerificationEvent({ status: 'WAITING', externalUserId: 'user-1001' }), expect: [200] },
  { title: 'QUESTIONED: the reviewer has a question', body: createPoaVerificationEvent({ status: 'QUESTIONED', externalUserId: 'user-1001' }), expect: [200] },
  {
    title: 'you upload a clearer document (ledger.recordUpload), P100 sends WAITING: a new round',
    before: () => ledger.recordUpload('user-1001'),
    body: createPoaVerificationEvent({ status: 'WAITING', externalUserId: 'user-1001' }),
    expect: [200],
  },
  { title: 'APPROVED: proof of address accepted', body: createPoaVerificationEvent({ status: 'APPROVED', externalUserId: 'user-1001' }), expect: [200] },
  { title: 'WAITING: document received', body: createPoaVerificationEvent({ status: 'WAITING', externalUserId: 'user-2002' }), expect: [200] },
  {
    title: inboxMode ? 'APPROVED, handler fails once: queued (200), the worker retries' : 'APPROVED, handler fails once: P100 retries',
    body: createPoaVerificationEvent({ status: 'APPROVED', externalUserId: 'user-2002' }),
    before: () => (failNextApproval = true),
    retry: { scale: 0.01 }, // P100 waits 8 s before the first retry; 80 ms here
    expect: inboxMode ? [200] : [500, 200],
  },
  { title: 'REJECTED: document refused (its WAITING is still being retried by P100)', body: createPoaVerificationEvent({ status: 'REJECTED', externalUserId: 'user-3003' }), expect: [200] },
  {
    title: "P100's late retry of the earlier WAITING: stale, not applied",
    body: createPoaVerificationEvent({ status: 'WAITING', externalUserId: 'user-3003' }),
    expect: [200],
    decision: 'stale',
  },
  {
    title: 'REJECTED again (a retry whose 200 was lost): duplicate, not applied',
    body: createPoaVerificationEvent({ status: 'REJECTED', externalUserId: 'user-3003' }),
    expect: [200],
    decision: 'duplicate',
  },
  { title: 'no Authorization header', body: createPoaVerificationEvent({ status: 'APPROVED' }), secret: null, expect: [401], code: 'UNAUTHORIZED' },
  { title: 'a wrong token', body: createPoaVerificationEvent({ status: 'APPROVED' }), secret: 'guessed-secret', expect: [401], code: 'UNAUTHORIZED' },
  { title: 'a body that is not JSON', body: '{"externalUserId": "user-1001", "status": APPROVED', expect: [400], code: 'INVALID_JSON' },
  { title: 'an unknown status', body: '{"externalUserId":"user-1001","status":"ARCHIVED"}', expect: [400], code: 'UNKNOWN_STATUS' },
  { title: 'a wrong shape', body: '{"externalUserId":"","status":"APPROVED"}', expect: [400], code: 'INVALID_PAYLOAD' },
];

let failures = 0;
for (const [index, delivery] of deliveries.entries()) {
  effects.length = 0;
  await delivery.before?.();
  console.log(bold(`${index + 1}. ${delivery.title}`));
  console.log(dim(`   POST ${typeof delivery.body === 'string' ? delivery.body : JSON.stringify(delivery.body)}`));
  const report = await sendPoaWebhook(url, delivery.body, {
    secret: delivery.secret === undefined ? SECRET : delivery.secret,
    ...(delivery.retry ? { retry: delivery.retry } : {}),
  });
  for (const attempt of report.attempts) {
    const status = attempt.status ?? 'no answer';
    console.log(`   attempt ${attempt.attempt}: ${attempt.ok ? green(status) : red(status)} ${attempt.body} ${dim(`(${attempt.latencyMs.toFixed(1)} ms)`)}`);
  }
  if (inbox) await drained();
  for (const effect of effects) console.log(`   ${effect}`);
  const statuses = report.attempts.map((attempt) => attempt.status);
  const lastBody = report.attempts.at(-1)?.body ?? '';
  const codeOk = delivery.code === undefined || lastBody.includes(`"code":"${delivery.code}"`);
  const decisionOk = delivery.decision === undefined || effects.some((effect) => effect.includes(`: ${delivery.decision} (`));
  const ok = JSON.stringify(statuses) === JSON.stringify(delivery.expect) && codeOk && decisionOk;
  if (!ok) failures += 1;
  console.log(
    ok
      ? `   ${green('as expected')}${delivery.code ? ` (${delivery.code}; no handler ran)` : delivery.decision ? ` (${delivery.decision}: 200, no handler ran)` : ''}\n`
      : `   ${red(`UNEXPECTED: wanted ${delivery.expect.join(' then ')}${delivery.code ? ` ${delivery.code}` : ''}, got ${statuses.join(' then ')}`)}\n`,
  );
}

await worker?.stop();
server.closeAllConnections();
await new Promise((resolve) => server.close(resolve));

console.log(bold('Accounts after the deliveries'));
for (const [user, state] of accounts) console.log(`   ${user}: ${state}`);
console.log(
  failures === 0
    ? `\n${green(`All ${deliveries.length} deliveries were answered as documented.`)} Next: README.md "Quick start", or try the CLI:\n` +
        `   node dist/cli.js listen --secret s3cret          # a receiver that prints each delivery\n` +
        `   node dist/cli.js send --url http://127.0.0.1:3000${PATH} --secret s3cret --status QUESTIONED\n` +
        (inboxMode ? '' : 'The same deliveries through the inbox (queue first, a worker runs the handlers): npm run demo -- --inbox')
    : `\n${red(`${failures} of ${deliveries.length} deliveries got an unexpected answer.`)}`,
);
process.exitCode = failures === 0 ? 0 : 1;
