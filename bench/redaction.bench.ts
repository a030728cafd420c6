import { createHmac } from 'node:crypto';
import { cpus } from 'node:os';
import { Redactor } from '../domain/shared/redaction/redactor';

/**
 * Throughput of the redaction engine on agent step payloads of about 1 KB: chat messages, tool
 * arguments with HTTP headers, token usage, mostly clean prose and code with a secret or a piece of
 * personal data in roughly one step in eight. Hashing is the production HMAC-SHA256.
 */

// A small deterministic generator, so every run redacts the same corpus.
let seed = 0x2f6b1d3;
const random = (): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const alnum = (length: number): string =>
  Array.from({ length }, () =>
    pick([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789']),
  ).join('');
const uuid = (): string =>
  [8, 4, 4, 4, 12]
    .map((n) => Array.from({ length: n }, () => pick([...'0123456789abcdef'])).join(''))
    .join('-');

const WORDS = (
  'the agent should summarise the quarterly report and list the open invoices for each customer then ' +
  'draft a reply that explains the delay in shipping because the warehouse inventory was recounted ' +
  'on Monday and version 2.4.1 of the service fixed the rounding error in totals like $1,249.99 while ' +
  'the retry policy waits 30 seconds between attempts at 2024-05-14T09:21:33Z for up to 3 tries'
).split(' ');
const CODE = [
  'const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0);',
  'for (let i = 0; i < rows.length; i++) { if (rows[i].status === "open") open.push(rows[i]); }',
  'SELECT id, name, created_at FROM orders WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 50;',
  'def handler(event, context):\n    return {"statusCode": 200, "body": json.dumps(result)}',
];
const SECRETS = [
  () => `Use the key AKIA${alnum(16).toUpperCase()} for the upload.`,
  () =>
    `Reach me at dana.lee${Math.floor(random() * 90)}@example.org or +1415555${1000 + Math.floor(random() * 8999)}.`,
  () => `The connection string is postgres://app:${alnum(18)}@db.internal:5432/orders.`,
  () => `Charge card 4111 1111 1111 1111 and confirm with the customer.`,
  () => `Token sk-proj-${alnum(48)} leaked into the prompt.`,
  () =>
    `Client at 203.0.113.${Math.floor(random() * 255)} called https://api.example.com/v1?api_key=${alnum(24)}`,
];

const prose = (words: number): string => Array.from({ length: words }, () => pick(WORDS)).join(' ');

function step(index: number): unknown {
  const sensitive = random() < 0.125;
  return {
    run_id: uuid(),
    step: index,
    kind: pick(['model', 'tool', 'prompt']),
    started_at: new Date(Date.UTC(2024, 4, 14, 9, 0, index % 60)).toISOString(),
    input: {
      model: 'claude-sonnet-4',
      max_tokens: 1024,
      messages: [
        { role: 'system', content: 'You are a careful operations assistant. Answer briefly.' },
        { role: 'user', content: `${prose(40)} ${sensitive ? pick(SECRETS)() : ''} ${prose(10)}` },
      ],
    },
    tool_call: {
      name: 'http_request',
      arguments: {
        url: `https://api.example.com/v1/orders/${uuid()}?page=${index % 7}`,
        method: 'GET',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${alnum(40)}` },
      },
    },
    output: { content: `${prose(25)}\n${pick(CODE)}`, usage: { input_tokens: 812, output_tokens: 143 } },
  };
}

function main(): void {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  // Through JSON, as ingest receives it: flat strings, as JSON.parse makes them.
  const corpus = JSON.parse(JSON.stringify(Array.from({ length: 2000 }, (_, i) => step(i)))) as unknown[];
  const bytes = corpus.reduce<number>((sum, s) => sum + Buffer.byteLength(JSON.stringify(s)), 0);
  const redactor = new Redactor((value) =>
    createHmac('sha256', 'bench-tenant-salt').update(value).digest('hex'),
  );

  let marks = 0;
  for (const s of corpus) marks += redactor.redact(s, 'step').marks.length; // warm-up, and a sanity figure
  // Rounds of one pass over the corpus: the median and best round show what neighbours on a shared
  // machine take away from the overall figure.
  const rounds: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    const t0 = performance.now();
    for (const s of corpus) redactor.redact(s, 'step');
    rounds.push((performance.now() - t0) / 1000);
  }
  const elapsed = (performance.now() - started) / 1000;
  const sorted = [...rounds].sort((a, b) => a - b);
  const mbps = (secondsPerRound: number) => round(bytes / secondsPerRound / 1e6);
  process.stdout.write(
    JSON.stringify(
      {
        benchmark: 'redaction',
        mb_per_second: round((bytes * rounds.length) / elapsed / 1e6),
        steps_per_second: Math.round((corpus.length * rounds.length) / elapsed),
        median_round_mb_per_second: mbps(sorted[Math.floor(sorted.length / 2)]!),
        best_round_mb_per_second: mbps(sorted[0]!),
        machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
        corpus: {
          steps: corpus.length,
          average_step_bytes: Math.round(bytes / corpus.length),
          marks_per_step: round(marks / corpus.length),
        },
        rounds: rounds.length,
        seconds: round(elapsed),
      },
      null,
      2,
    ) + '\n',
  );
}

const round = (n: number) => Math.round(n * 100) / 100;

main();
