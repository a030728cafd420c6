import fc from 'fast-check';
import { canonicalJson as serverCanonicalJson } from '../../domain/shared/canonical-json';
import { sha256 } from '../../infrastructure/crypto/sha256';
import { canonicalJson, payloadHash } from '../../sdk/typescript/src';

/** The SDK's payload hash must be the server's `sha256(canonicalJson({tool, arguments}))`, bit for bit. */

const serverHash = (tool: string, args: unknown) => sha256(serverCanonicalJson({ tool, arguments: args }));

describe('payloadHash (TypeScript SDK)', () => {
  it('is the lowercase hex SHA-256 of the canonical JSON of {arguments, tool}', () => {
    const args = { order_id: 'o-1', amount: 120.5, currency: 'EUR', notify: true };
    expect(canonicalJson({ tool: 'issue_refund', arguments: args })).toBe(
      '{"arguments":{"amount":120.5,"currency":"EUR","notify":true,"order_id":"o-1"},"tool":"issue_refund"}',
    );
    expect(payloadHash('issue_refund', args)).toMatch(/^[0-9a-f]{64}$/);
    expect(payloadHash('issue_refund', args)).toBe(serverHash('issue_refund', args));
  });

  it('writes keys in UTF-16 code unit order, strings and numbers as PROTOCOL.md says', () => {
    const value = {
      b: [1, 1.5, -0, 1e21, 1e-7, 123456789012345680000],
      a: 'quote " backslash \\ slash / tab \t newline \n nul \u0000 unit-separator \u001f del \u007f é 😀 \u2028',
      é: null,
      Z: false,
      '😀': true,
      '\uff61': 'halfwidth',
      dropped: undefined,
    };
    expect(canonicalJson(value)).toBe(
      '{"Z":false,"a":"quote \\" backslash \\\\ slash / tab \\t newline \\n nul \\u0000 unit-separator \\u001f del \u007f é 😀 \u2028",' +
        '"b":[1,1.5,0,1e+21,1e-7,123456789012345680000],"é":null,"😀":true,"\uff61":"halfwidth"}',
    );
    expect(canonicalJson(value)).toBe(serverCanonicalJson(value));
  });

  it('hashes what would be sent: toJSON applied, undefined members dropped', () => {
    const args = { when: new Date('2026-03-01T12:00:00Z'), skip: undefined, list: [1, undefined] };
    expect(payloadHash('t', args)).toBe(serverHash('t', JSON.parse(JSON.stringify(args))));
    expect(payloadHash('t', args)).toBe(serverHash('t', args));
  });

  it('equals the server hash for any JSON arguments', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()), (tool, args) => {
        expect(payloadHash(tool, args)).toBe(serverHash(tool, args));
        // ...and survives the trip over the wire.
        expect(payloadHash(tool, JSON.parse(JSON.stringify(args)))).toBe(serverHash(tool, args));
      }),
      { numRuns: 1000 },
    );
  });

  it('equals the server hash for arbitrary unicode, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })), (args) => {
        expect(payloadHash('tool', args)).toBe(serverHash('tool', args));
      }),
      { numRuns: 500 },
    );
  });
});
