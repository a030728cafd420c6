import { type RedactionRules, type RedactionValidator } from './rules';

/**
 * Checks that turn a pattern match into a finding. Regular expressions find the shape; these decide
 * whether the digits really are a card, an IBAN, an SSN or an address, which is what keeps ids,
 * timestamps and version strings out of the redacted output.
 */

/** Luhn checksum over the digits of `text`; separators are ignored; 13 to 19 digits. */
export function passesLuhn(text: string): boolean {
  let sum = 0;
  let digits = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) continue;
    let value = code;
    if (digits % 2 === 1) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    digits++;
  }
  return digits >= 13 && digits <= 19 && sum % 10 === 0;
}

/** ISO 13616 IBAN: known country, that country's length, and ISO 7064 mod-97 equal to 1. */
export function isValidIban(text: string, lengths: Readonly<Record<string, number>>): boolean {
  const iban = text.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) return false;
  if (lengths[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    // Letters count as two digits (A = 10 ... Z = 35).
    remainder = code >= 65 ? (remainder * 100 + code - 55) % 97 : (remainder * 10 + code - 48) % 97;
  }
  return remainder === 1;
}

/** US SSN ddd-dd-dddd that the SSA could have issued: area not 000, 666 or 9xx; group 00 and serial 0000 never are. */
export function isPlausibleSsn(text: string): boolean {
  const match = /^([0-9]{3})-([0-9]{2})-([0-9]{4})$/.exec(text);
  if (!match) return false;
  const [, area, group, serial] = match as unknown as [string, string, string, string];
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** Dotted quad with octets 0-255 and no leading zeros (010 is octal to some parsers, and rarely an address). */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return (
    parts.length === 4 && parts.every((part) => /^(?:0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255)
  );
}

const HEXTET = /^[0-9A-Fa-f]{1,4}$/;

/**
 * RFC 4291 text form: eight hextets, or fewer around one "::", optionally ending in a dotted quad.
 * A compressed address needs two explicit hextets unless it starts with "::" (::1, ::ffff:10.0.0.1),
 * so code like `Add::` or a bare `::` is not an address.
 */
export function isIpv6(text: string): boolean {
  let address = text;
  if (text.includes('.')) {
    const lastColon = text.lastIndexOf(':');
    if (!isIpv4(text.slice(lastColon + 1))) return false;
    address = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const hextets = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!hextets.every((hextet) => HEXTET.test(hextet))) return false;
  if (halves.length === 1) return hextets.length === 8;
  return hextets.length <= 7 && (hextets.length >= 2 || (address.startsWith('::') && hextets.length === 1));
}

/** Shannon entropy in bits per code point. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  let length = 0;
  for (const char of text) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
    length++;
  }
  if (length === 0) return 0;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Long enough and random enough to be a generated secret rather than a word or a sentence. */
export function looksRandom(text: string, entropy: RedactionRules['entropy']): boolean {
  let length = 0;
  for (const _char of text) if (++length >= entropy.min_length) break;
  return length >= entropy.min_length && shannonEntropy(text) >= entropy.min_bits_per_char;
}

export type TextCheck = (text: string) => boolean;

export function validatorFor(name: RedactionValidator, rules: RedactionRules): TextCheck {
  switch (name) {
    case 'luhn':
      return passesLuhn;
    case 'iban_mod97':
      return (text) => isValidIban(text, rules.iban_lengths);
    case 'ssn':
      return isPlausibleSsn;
    case 'ipv4':
      return isIpv4;
    case 'ipv6':
      return isIpv6;
    case 'entropy':
      return (text) => looksRandom(text, rules.entropy);
  }
}
