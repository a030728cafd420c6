import { gzipSync } from 'node:zlib';
import { failure, unwrap } from '../../test/support/results';
import { decodeContentEncoding, gunzipLimited } from './otlp-gzip';

const MiB = 1024 * 1024;

describe('gunzipLimited', () => {
  it('inflates a body within the limit', async () => {
    const body = Buffer.from('{"resourceSpans":[]}');
    expect(unwrap(await gunzipLimited(gzipSync(body), 1024))).toEqual(body);
  });

  it('refuses a body that inflates past the limit, before inflating all of it', async () => {
    // 512 MiB of zeroes gzip to about 0.5 MiB: a decompression bomb against a 20 MiB limit.
    const bomb = gzipSync(Buffer.alloc(512 * MiB));
    const before = process.memoryUsage().arrayBuffers;
    expect(await gunzipLimited(bomb, 20 * MiB)).toEqual(failure('validation', 'too_large'));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(128 * MiB);
  });

  it('accepts a body of exactly the limit', async () => {
    expect(unwrap(await gunzipLimited(gzipSync(Buffer.alloc(4096, 7)), 4096))).toHaveLength(4096);
    expect(await gunzipLimited(gzipSync(Buffer.alloc(4097, 7)), 4096)).toEqual(
      failure('validation', 'too_large'),
    );
  });

  it.each([
    ['bytes that are not gzip', Buffer.from('plain text')],
    ['a truncated gzip stream', gzipSync(Buffer.alloc(10_000, 1)).subarray(0, 20)],
  ])('refuses %s', async (_label, body) => {
    expect(await gunzipLimited(body, MiB)).toEqual(failure('validation', 'invalid_gzip'));
  });
});

describe('decodeContentEncoding', () => {
  const body = Buffer.from('payload');

  it.each(['gzip', 'GZIP', 'x-gzip'])('inflates %s', async (encoding) => {
    expect(unwrap(await decodeContentEncoding(gzipSync(body), encoding))).toEqual(body);
  });

  it.each([undefined, '', 'identity'])('passes %s through', async (encoding) => {
    expect(unwrap(await decodeContentEncoding(body, encoding))).toBe(body);
  });

  it('refuses an uncompressed body over the limit', async () => {
    expect(await decodeContentEncoding(Buffer.alloc(11), undefined, 10)).toEqual(
      failure('validation', 'too_large'),
    );
  });

  it.each(['br', 'deflate', 'zstd'])('refuses %s, which OTLP does not require', async (encoding) => {
    expect(await decodeContentEncoding(body, encoding)).toEqual(
      failure('validation', 'unsupported_content_encoding'),
    );
  });
});
