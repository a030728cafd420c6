import { Transform } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { ProblemException, problemType, titleFor } from './problem';

/** Routes that receive their body as raw bytes (they decode it themselves, e.g. OTLP). */
export const RAW_BODY_ROUTES = new Set(['/v1/traces', '/v1/migrations/inventory']);

const CSV_TYPES = ['text/csv', 'application/csv'];

const PROTOBUF_TYPES = ['application/x-protobuf', 'application/protobuf'];

const unsupported = (detail: string) =>
  new ProblemException({
    type: problemType('unsupported-media-type'),
    title: titleFor(415),
    status: 415,
    detail,
  });

/**
 * Prototype poisoning needs a `__proto__` or `constructor` key, written plainly or with `\u`
 * escapes. Text holding none of the three cannot carry one, so it skips the secure parser's scans
 * (two regular expressions over the whole body, which cost a visible share of ingest).
 */
const mayPoison = (text: string): boolean =>
  text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');

/** Parsed JSON, or undefined when the text is not JSON (the secure parser then reports why). */
function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * How request bodies are read, for every route: JSON (parsed with Fastify's prototype-poisoning
 * protection), raw bytes for the routes that decode their own format, and `Content-Encoding: gzip`
 * or `deflate` decompressed on the way in. The body limit applies to the decompressed size, so a
 * small compressed bomb is refused like any large body.
 */
export function configureBodyParsing(fastify: FastifyInstance): void {
  const isRaw = (request: FastifyRequest) => RAW_BODY_ROUTES.has(request.routeOptions.url ?? '');
  const parseJson = fastify.getDefaultJsonParser('error', 'error');

  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    if (isRaw(request)) return done(null, body);
    const text = (body as Buffer).toString('utf8');
    const parsed = text.length > 0 && !mayPoison(text) ? tryParse(text) : undefined;
    if (parsed !== undefined) return done(null, parsed);
    parseJson(request, text, done);
  });
  fastify.addContentTypeParser(PROTOBUF_TYPES, { parseAs: 'buffer' }, (request, body, done) => {
    if (isRaw(request)) return done(null, body);
    done(unsupported('this route takes application/json'), undefined);
  });
  fastify.addContentTypeParser(CSV_TYPES, { parseAs: 'buffer' }, (request, body, done) => {
    if (isRaw(request)) return done(null, body);
    done(unsupported('this route takes application/json'), undefined);
  });

  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = String(request.headers['content-encoding'] ?? 'identity')
      .toLowerCase()
      .trim();
    if (encoding === 'identity') return payload;
    const inflate =
      encoding === 'gzip' || encoding === 'x-gzip'
        ? createGunzip()
        : encoding === 'deflate'
          ? createInflate()
          : null;
    if (!inflate)
      throw unsupported(`content-encoding ${encoding} is not supported: use gzip, deflate or none`);
    // Count the bytes as received, so Content-Length still checks out after decompression.
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        received += chunk.length;
        next(null, chunk);
      },
    });
    const decompressed = payload.pipe(counter).pipe(inflate) as typeof inflate & {
      receivedEncodedLength?: number;
    };
    Object.defineProperty(decompressed, 'receivedEncodedLength', { get: () => received });
    inflate.on('error', () => undefined); // reported by the parser as a 400
    return decompressed;
  });
}
