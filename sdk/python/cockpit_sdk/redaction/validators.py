"""Checks that turn a pattern match into a finding (mirrors domain/shared/redaction/validators.ts).

Regular expressions find the shape; these decide whether the digits really are a card, an IBAN, an
SSN or an address, which keeps ids, timestamps and version strings out of the redacted output.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable, Dict, Mapping

TextCheck = Callable[[str], bool]

_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]+", re.ASCII)
_SSN = re.compile(r"([0-9]{3})-([0-9]{2})-([0-9]{4})", re.ASCII)
_OCTET = re.compile(r"(?:0|[1-9][0-9]{0,2})", re.ASCII)
_HEXTET = re.compile(r"[0-9A-Fa-f]{1,4}", re.ASCII)


def passes_luhn(text: str) -> bool:
    """Luhn checksum over the digits of ``text`` (separators ignored), 13 to 19 digits."""
    total = 0
    digits = 0
    for char in reversed(text):
        if not "0" <= char <= "9":
            continue
        value = ord(char) - 48
        if digits % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
        digits += 1
    return 13 <= digits <= 19 and total % 10 == 0


def is_valid_iban(text: str, lengths: Mapping[str, int]) -> bool:
    """ISO 13616 IBAN: known country, that country's length, and ISO 7064 mod-97 equal to 1."""
    iban = text.replace(" ", "").upper()
    if not _IBAN.fullmatch(iban) or lengths.get(iban[:2]) != len(iban):
        return False
    remainder = 0
    for char in iban[4:] + iban[:4]:
        code = ord(char)
        # Letters count as two digits (A = 10 ... Z = 35).
        remainder = (remainder * 100 + code - 55) % 97 if code >= 65 else (remainder * 10 + code - 48) % 97
    return remainder == 1


def is_plausible_ssn(text: str) -> bool:
    """US SSN the SSA could have issued: area not 000, 666 or 9xx; group not 00; serial not 0000."""
    match = _SSN.fullmatch(text)
    if not match:
        return False
    area, group, serial = match.groups()
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def is_ipv4(text: str) -> bool:
    """Dotted quad with octets 0-255 and no leading zeros."""
    parts = text.split(".")
    return len(parts) == 4 and all(_OCTET.fullmatch(part) and int(part) <= 255 for part in parts)


def is_ipv6(text: str) -> bool:
    """RFC 4291 text form; a compressed address needs two explicit hextets unless it starts with "::"."""
    address = text
    if "." in text:
        last_colon = text.rfind(":")
        if not is_ipv4(text[last_colon + 1 :]):
            return False
        address = text[: last_colon + 1] + "0:0"
    halves = address.split("::")
    if len(halves) > 2:
        return False
    hextets = [hextet for half in halves if half != "" for hextet in half.split(":")]
    if not all(_HEXTET.fullmatch(hextet) for hextet in hextets):
        return False
    if len(halves) == 1:
        return len(hextets) == 8
    return len(hextets) <= 7 and (len(hextets) >= 2 or (address.startswith("::") and len(hextets) == 1))


def shannon_entropy(text: str) -> float:
    """Shannon entropy in bits per code point."""
    counts: Dict[str, int] = {}
    for char in text:
        counts[char] = counts.get(char, 0) + 1
    if not text:
        return 0.0
    bits = 0.0
    for count in counts.values():
        p = count / len(text)
        bits -= p * math.log2(p)
    return bits


def looks_random(text: str, entropy: Mapping[str, Any]) -> bool:
    """Long enough and random enough to be a generated secret rather than a word or a sentence."""
    return len(text) >= entropy["min_length"] and shannon_entropy(text) >= entropy["min_bits_per_char"]


def validator_for(name: str, rules: Mapping[str, Any]) -> TextCheck:
    """The check a pattern's ``validator`` names."""
    if name == "luhn":
        return passes_luhn
    if name == "iban_mod97":
        lengths = rules["iban_lengths"]
        return lambda text: is_valid_iban(text, lengths)
    if name == "ssn":
        return is_plausible_ssn
    if name == "ipv4":
        return is_ipv4
    if name == "ipv6":
        return is_ipv6
    if name == "entropy":
        entropy = rules["entropy"]
        return lambda text: looks_random(text, entropy)
    raise ValueError(f"unknown redaction validator {name!r} (is the SDK older than the rules file?)")
