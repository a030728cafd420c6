import { type RedactionRules } from './rules';

/** A check on the secret text of a candidate match; a rejected candidate is not a finding. */
export type TextCheck = (text: string) => boolean;

/** luhn: 13-19 digits (separators ignored) with a valid Luhn checksum. */
export function passesLuhn(text: string): boolean {
  let sum = 0;
  let digits = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) continue;
    let value = digit;
    if (digits % 2 === 1) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    digits++;
  }
  return digits >= 13 && digits <= 19 && sum % 10 === 0;
}

/** iban_mod97: spaces removed, a listed country with its exact length, ISO 7064 mod-97 remainder 1. */
export function isValidIban(text: string, lengths: Readonly<Record<string, number>>): boolean {
  const iban = text.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) return false;
  if (!Object.hasOwn(lengths, iban.slice(0, 2)) || lengths[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    // A letter stands for two digits: A = 10 ... Z = 35.
    remainder = code >= 65 ? (remainder * 100 + code - 55) % 97 : (remainder * 10 + code - 48) % 97;
  }
  return remainder === 1;
}

/** ssn: area not 000, 666 or 9xx, group not 00, serial not 0000. */
export function isPlausibleSsn(text: string): boolean {
  const match = /^([0-9]{3})-([0-9]{2})-([0-9]{4})$/.exec(text);
  if (!match) return false;
  const [, area = '', group = '', serial = ''] = match;
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** ipv4: four octets 0-255 without leading zeros. */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return (
    parts.length === 4 && parts.every((part) => /^(?:0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255)
  );
}

const HEXTET = /^[0-9A-Fa-f]{1,4}$/;

/**
 * ipv6: eight hextets, or fewer around one "::", optionally ending in a dotted quad; a compressed
 * form needs two explicit hextets unless it starts with "::".
 */
export function isIpv6(text: string): boolean {
  let address = text;
  if (text.includes('.')) {
    const lastColon = text.lastIndexOf(':');
    if (!isIpv4(text.slice(lastColon + 1))) return false;
    // The dotted quad stands for two hextets.
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

/** entropy: at least min_length code points and Shannon entropy >= min_bits_per_char. */
export function looksRandom(text: string, entropy: RedactionRules['entropy']): boolean {
  let length = 0;
  for (const _char of text) if (++length >= entropy.min_length) break;
  return length >= entropy.min_length && shannonEntropy(text) >= entropy.min_bits_per_char;
}

export function validatorFor(name: string, rules: RedactionRules): TextCheck {
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
    default:
      // An unknown validator in a newer rules file: reject rather than redact on a guess.
      throw new Error(`unknown redaction validator "${name}": update @cockpit/sdk`);
  }
}
