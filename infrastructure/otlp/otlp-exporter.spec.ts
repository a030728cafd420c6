import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type OtlpSpan } from '../../domain/runs/otlp-span';
import { decodeContentEncoding } from './otlp-gzip';
import { decodeOtlpTraces, otlpEncodingOf } from './otlp-trace-decoder';
import { encodeExportTraceResponse, encodeOtlpStatus } from './otlp-trace-response';

/**
 * The real OTLP exporters, in a Node process of their own as in an instrumented agent, against a
 * loopback receiver assembled the way the `POST /v1/traces` route uses this folder: content encoding,
 * content type, decoding, and an answer in the request's encoding. (A separate process because the
 * exporters load `http` with import(), which Jest's CommonJS runtime refuses on Node 20.)
 */
interface Received {
  path: string;
  contentType: string | undefined;
  contentEncoding: string | undefined;
  spans: OtlpSpan[];
}

let server: Server;
let base: string;
let received: Received[] = [];

async function receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const encoding = otlpEncodingOf(request.headers['content-type']) ?? 'json';
  const body = await decodeContentEncoding(Buffer.concat(chunks), request.headers['content-encoding']);
  const spans = body.ok ? decodeOtlpTraces(body.value, encoding) : body;
  const reply = (status: number, { contentType, body: payload }: { contentType: string; body: Uint8Array }) =>
    response.writeHead(status, { 'content-type': contentType }).end(payload);
  if (!spans.ok || request.url === '/reject') {
    reply(400, encodeOtlpStatus(encoding, spans.ok ? 'rejected by the test' : spans.error.message, 3));
    return;
  }
  const path = request.url ?? '';
  received.push({
    path,
    contentType: request.headers['content-type'],
    contentEncoding: request.headers['content-encoding'],
    spans: spans.value,
  });
  const partial =
    path === '/partial' ? { rejectedSpans: 1, errorMessage: 'one span was too old' } : undefined;
  reply(200, encodeExportTraceResponse(encoding, partial));
}

/** Records a two-span trace, exports it to each URL in turn, and prints the spans and export results. */
const EXPORTING_AGENT = `
const { ROOT_CONTEXT, trace } = require('@opentelemetry/api');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const [encoding, compression, ...urls] = process.argv.slice(1);
const { OTLPTraceExporter } = require(encoding === 'json' ? '@opentelemetry/exporter-trace-otlp-http' : '@opentelemetry/exporter-trace-otlp-proto');
const memory = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'exporter-test' }),
  spanProcessors: [new SimpleSpanProcessor(memory)],
});
const tracer = provider.getTracer('exporter-test');
const root = tracer.startSpan('invoke_agent planner', { attributes: { 'gen_ai.operation.name': 'invoke_agent' } });
tracer.startSpan('chat gpt-4o', { attributes: { 'gen_ai.usage.input_tokens': 10 } }, trace.setSpan(ROOT_CONTEXT, root)).end();
root.end();
const spans = memory.getFinishedSpans();
(async () => {
  const results = [];
  for (const url of urls) {
    const exporter = new OTLPTraceExporter({ url, compression });
    results.push(await new Promise((resolve) => exporter.export(spans, (result) => resolve(result.code))));
    await exporter.shutdown();
  }
  const exported = spans.map((s) => [s.spanContext().spanId, s.parentSpanContext?.spanId ?? null, s.name]);
  process.stdout.write(JSON.stringify({ results, exported }));
})();
`;

/** `ExportResultCode` of @opentelemetry/core. */
const SUCCESS = 0;
const FAILED = 1;

async function runAgent(encoding: string, compression: string, paths: string[]) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-e', EXPORTING_AGENT, encoding, compression, ...paths.map((path) => `${base}${path}`)],
    { cwd: join(__dirname, '..', '..'), timeout: 30_000 },
  );
  return JSON.parse(stdout) as { results: number[]; exported: [string, string | null, string][] };
}

beforeAll(async () => {
  server = createServer((request, response) => void receive(request, response));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

beforeEach(() => {
  received = [];
});

describe.each([
  ['protobuf', 'none'],
  ['protobuf', 'gzip'],
  ['json', 'none'],
  ['json', 'gzip'],
])('the %s exporter with compression %s', (encoding, compression) => {
  it('delivers every span, accepts partial success, and takes a 400 Status as a final failure', async () => {
    const { results, exported } = await runAgent(encoding, compression, ['/ok', '/partial', '/reject']);

    expect(results).toEqual([SUCCESS, SUCCESS, FAILED]);
    expect(received.map((r) => r.path)).toEqual(['/ok', '/partial']);
    for (const delivery of received) {
      expect(delivery.contentType).toBe(encoding === 'json' ? 'application/json' : 'application/x-protobuf');
      expect(delivery.contentEncoding).toBe(compression === 'gzip' ? 'gzip' : undefined);
      expect(delivery.spans.map((s) => [s.spanId, s.parentSpanId, s.name])).toEqual(exported);
      expect(delivery.spans[0].resource['service.name']).toBe('exporter-test');
    }
  });
});
