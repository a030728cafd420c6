import fc from 'fast-check';
import { DEFAULT_REDACTION_RULES } from './rules';
import {
  isIpv4,
  isIpv6,
  isPlausibleSsn,
  isValidIban,
  looksRandom,
  passesLuhn,
  shannonEntropy,
} from './validators';

const LENGTHS = DEFAULT_REDACTION_RULES.iban_lengths;
const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

describe('passesLuhn', () => {
  it.each([
    ['Visa', '4111111111111111'],
    ['Visa with spaces', '4111 1111 1111 1111'],
    ['Mastercard with dashes', '5500-0000-0000-0004'],
    ['Amex (15 digits)', '378282246310005'],
    ['Discover', '6011111111111117'],
    ['Visa (13 digits)', '4222222222222'],
    ['19 digits', '6011000000000000001'],
  ])('accepts a valid %s number', (_label, number) => {
    expect(passesLuhn(number)).toBe(true);
  });

  it.each([
    ['one digit changed', '4111111111111112'],
    ['two digits swapped', '4111111111111141'],
    ['12 digits, checksum valid', '411111111117'],
    ['20 digits, checksum valid', '41111111111111111115'],
  ])('rejects %s', (_label, number) => {
    expect(passesLuhn(number)).toBe(false);
  });

  it('accepts exactly one check digit for any 12 to 18 digit payload', () => {
    fc.assert(
      fc.property(digits(12, 18), (payload) => {
        const passing = [...'0123456789'].filter((check) => passesLuhn(payload + check));
        expect(passing).toHaveLength(1);
      }),
    );
  });
});

describe('isValidIban', () => {
  it.each([
    'DE89370400440532013000',
    'DE89 3704 0044 0532 0130 00',
    'GB82WEST12345698765432',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'NO9386011117947',
    'MT84MALT011000012345MTLCAST001S',
  ])('accepts %s', (iban) => {
    expect(isValidIban(iban, LENGTHS)).toBe(true);
  });

  it.each([
    ['a wrong check digit', 'DE88370400440532013000'],
    ['a changed account digit', 'DE89370400440532013001'],
    ['a country it does not know', 'XX89370400440532013000'],
    ['the wrong length for its country', 'DE8937040044053201300'],
    ['letters where the check digits go', 'DEAB370400440532013000'],
  ])('rejects %s', (_label, iban) => {
    expect(isValidIban(iban, LENGTHS)).toBe(false);
  });

  it('rejects every single-digit substitution of a valid IBAN (mod 97 catches them all)', () => {
    const valid = 'DE89370400440532013000';
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: valid.length - 1 }),
        fc.integer({ min: 0, max: 9 }),
        (at, digit) => {
          fc.pre(valid[at] !== String(digit));
          expect(isValidIban(valid.slice(0, at) + digit + valid.slice(at + 1), LENGTHS)).toBe(false);
        },
      ),
    );
  });
});

describe('isPlausibleSsn', () => {
  it.each(['123-45-6789', '001-01-0001', '665-99-9999', '899-12-3456'])('accepts %s', (ssn) => {
    expect(isPlausibleSsn(ssn)).toBe(true);
  });

  it.each([
    ['area 000', '000-12-3456'],
    ['area 666', '666-12-3456'],
    ['area 9xx', '900-12-3456'],
    ['group 00', '123-00-4567'],
    ['serial 0000', '123-45-0000'],
    ['another shape', '123456789'],
  ])('rejects %s', (_label, ssn) => {
    expect(isPlausibleSsn(ssn)).toBe(false);
  });
});

describe('isIpv4', () => {
  it.each(['0.0.0.0', '10.0.0.1', '192.168.1.254', '255.255.255.255'])('accepts %s', (ip) => {
    expect(isIpv4(ip)).toBe(true);
  });

  it.each(['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.999', '1..2.3'])('rejects %s', (ip) => {
    expect(isIpv4(ip)).toBe(false);
  });

  it('accepts every dotted quad of octets 0-255', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), (octets) => {
        expect(isIpv4(octets.join('.'))).toBe(true);
      }),
    );
  });
});

describe('isIpv6', () => {
  it.each([
    '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
    '2001:db8:85a3::8a2e:370:7334',
    '2001:db8::',
    '::1',
    'fe80::1ff:fe23:4567:890a',
    '::ffff:192.168.1.1',
    '64:ff9b::192.0.2.33',
    '1:2:3:4:5:6:7::',
    '::2:3:4:5:6:7:8',
  ])('accepts %s', (ip) => {
    expect(isIpv6(ip)).toBe(true);
  });

  it.each([
    ['a time of day', '10:30:00'],
    ['a MAC address', '00:1a:2b:3c:4d:5e'],
    ['a bare ::', '::'],
    ['a C++ scope with one hex-looking name', 'Add::'],
    ['two ::', '1::2::3'],
    ['a five-digit group', '12345::1'],
    ['nine groups', '1:2:3:4:5:6:7:8:9'],
    ['a bad embedded IPv4', '::ffff:300.1.1.1'],
    ['eight groups around ::', '1:2:3:4::5:6:7:8'],
  ])('rejects %s', (_label, ip) => {
    expect(isIpv6(ip)).toBe(false);
  });
});

describe('shannonEntropy and looksRandom', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy('aabb')).toBe(1);
  });

  it('never exceeds log2 of the number of distinct characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (text) => {
        expect(shannonEntropy(text)).toBeLessThanOrEqual(Math.log2(new Set(text).size) + 1e-9);
      }),
    );
  });

  const entropy = DEFAULT_REDACTION_RULES.entropy;

  it('calls a long random token random', () => {
    expect(looksRandom('aB3xK9mQ2pL7vR4tZ8wY', entropy)).toBe(true);
  });

  it('does not call a short token random, however mixed', () => {
    expect(looksRandom('aB3xK9mQ2pL7vR4', entropy)).toBe(false);
  });

  it('does not call a long repetitive value random', () => {
    expect(looksRandom('aaaaaaaaaaaaaaaaaaaaaaaa', entropy)).toBe(false);
    expect(looksRandom('abababababababababababab', entropy)).toBe(false);
  });

  it('counts characters, not UTF-16 units, towards the minimum length', () => {
    const emoji = '😀😁😂🤣😃😄😅😆'; // 8 characters, 16 UTF-16 units
    expect(looksRandom(emoji, entropy)).toBe(false);
  });
});
