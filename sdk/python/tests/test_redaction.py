"""sanitize() and redact() against the server's shared fixtures, and the engine's building blocks."""

from __future__ import annotations

import copy
import dataclasses
import unittest
from importlib import resources

from cockpit_sdk import Redactor, redact, sanitize
from cockpit_sdk.redaction import load_rules
from cockpit_sdk.redaction.key_names import KeyNames
from cockpit_sdk.redaction.validators import (
    is_ipv4,
    is_ipv6,
    is_plausible_ssn,
    is_valid_iban,
    looks_random,
    passes_luhn,
)
from repo_files import load_json, repo_file

identity = Redactor(hash=lambda secret: secret)


def expected_marks(fixture_marks):
    return [
        {
            "path": m["path"],
            "type": m["type"],
            "hash": m["secret"],
            **({"target": m["target"]} if m.get("target") else {}),
        }
        for m in fixture_marks
    ]


class RulesFileTest(unittest.TestCase):
    def test_the_packaged_rules_are_a_byte_for_byte_copy_of_sdk_redaction_rules_json(self):
        shipped = resources.files("cockpit_sdk").joinpath("redaction-rules.json").read_bytes()
        self.assertEqual(
            shipped,
            repo_file("sdk/redaction-rules.json").read_bytes(),
            "cockpit_sdk/redaction-rules.json is stale: copy sdk/redaction-rules.json over it",
        )

    def test_knows_every_validator_and_flag_the_rules_use(self):
        Redactor(rules=load_rules())  # compiling validates flags and validator names


class SharedFixturesTest(unittest.TestCase):
    """test/redaction/fixtures.json: what the server's engine produces."""

    @classmethod
    def setUpClass(cls):
        cls.cases = load_json(repo_file("test/redaction/fixtures.json"))["cases"]

    def test_sanitize_gives_the_server_output_for_every_fixture(self):
        for case in self.cases:
            with self.subTest(case["name"]):
                self.assertEqual(sanitize(case["input"]), case["output"])

    def test_redact_gives_the_server_marks_for_every_fixture(self):
        for case in self.cases:
            with self.subTest(case["name"]):
                redacted = identity.redact(case["input"], case.get("base_path", ""))
                self.assertEqual(redacted.value, case["output"])
                self.assertEqual([m.to_dict() for m in redacted.marks], expected_marks(case["marks"]))

    def test_redacting_an_output_again_changes_nothing(self):
        for case in self.cases:
            with self.subTest(case["name"]):
                again = identity.redact(case["output"], case.get("base_path", ""))
                self.assertEqual((again.value, again.marks), (case["output"], []))

    def test_never_modifies_its_input(self):
        for case in self.cases:
            original = copy.deepcopy(case["input"])
            sanitize(case["input"])
            self.assertEqual(case["input"], original)


class SanitizeTest(unittest.TestCase):
    def test_keeps_the_text_around_a_secret(self):
        self.assertEqual(
            sanitize("Authorization: Bearer abcdefghijklmnopqrstuv"),
            "Authorization: Bearer [REDACTED:bearer_token]",
        )

    def test_cards_must_pass_luhn_and_ssns_must_be_possible(self):
        self.assertEqual(sanitize("card 4111 1111 1111 1111"), "card [REDACTED:credit_card]")
        self.assertEqual(sanitize("card 4111 1111 1111 1112"), "card 4111 1111 1111 1112")
        self.assertEqual(sanitize("ssn 123-45-6789, not 000-12-3456"), "ssn [REDACTED:ssn], not 000-12-3456")

    def test_a_sensitive_key_hides_every_leaf_below_it_but_booleans_and_null(self):
        self.assertEqual(
            sanitize(
                {"credentials": {"user": "ann", "pin": 1234, "active": True, "none": None, "empty": ""}}
            ),
            {
                "credentials": {
                    "user": "[REDACTED:credential]",
                    "pin": "[REDACTED:credential]",
                    "active": True,
                    "none": None,
                    "empty": "",
                }
            },
        )

    def test_walks_python_containers_and_objects_as_the_json_they_become(self):
        @dataclasses.dataclass
        class Contact:
            email: str

        self.assertEqual(
            sanitize({"pair": ("authorization", "xyz"), "who": Contact("ann@example.com"), 7: "10.0.0.1"}),
            {
                "pair": ["authorization", "[REDACTED:credential]"],
                "who": {"email": "[REDACTED:email]"},
                "7": "[REDACTED:ip_address]",
            },
        )

    def test_numbers_and_unicode_are_kept(self):
        value = {"total": 12.5, "count": 3, "text": "東京 café 😀", "flag": False}
        self.assertEqual(sanitize(value), value)

    def test_walks_keys_in_javascript_order_like_the_server(self):
        # JavaScript lists integer-like keys first, which decides mark order and collision numbers.
        redacted = identity.redact({"b@example.com": 1, "2": "x@example.com", "[REDACTED:email]": 0})
        self.assertEqual(
            [(m.path, m.target) for m in redacted.marks],
            [('["2"]', None), ('["[REDACTED:email]#2"]', "key")],
        )

    def test_cuts_values_nested_deeper_than_max_depth(self):
        value = deep = {}
        for _ in range(300):
            deep["next"] = {}
            deep = deep["next"]
        out = sanitize(value)
        for _ in range(256):
            out = out["next"]
        self.assertEqual(out, "[REDACTED:depth_limit]")

    def test_marks_hash_with_a_process_key_by_default_and_with_the_callers_hash_on_request(self):
        first = redact({"password": "hunter2"}).marks[0]
        second = redact({"password": "hunter2"}).marks[0]
        self.assertEqual(first.hash, second.hash)
        self.assertNotIn("hunter2", first.hash)
        self.assertEqual(redact({"password": "hunter2"}, hash=str.upper).marks[0].hash, "HUNTER2")


class BuildingBlocksTest(unittest.TestCase):
    def test_validators(self):
        self.assertTrue(passes_luhn("4111-1111-1111-1111"))
        self.assertFalse(passes_luhn("4111111111111112"))
        self.assertFalse(passes_luhn("0" * 12))
        lengths = load_rules()["iban_lengths"]
        self.assertTrue(is_valid_iban("DE89 3704 0044 0532 0130 00", lengths))
        self.assertFalse(is_valid_iban("DE89 3704 0044 0532 0130 01", lengths))
        self.assertFalse(is_valid_iban("XX89370400440532013000", lengths))
        self.assertTrue(is_plausible_ssn("123-45-6789"))
        for ssn in ("000-45-6789", "666-45-6789", "923-45-6789", "123-00-6789", "123-45-0000"):
            self.assertFalse(is_plausible_ssn(ssn), ssn)
        self.assertTrue(is_ipv4("203.0.113.7"))
        self.assertFalse(is_ipv4("10.0.0.256"))
        self.assertFalse(is_ipv4("10.0.0.01"))
        for address in ("::1", "fe80::1ff:fe23:4567:890a", "1:2:3:4:5:6:7:8", "::ffff:192.0.2.1"):
            self.assertTrue(is_ipv6(address), address)
        for text in ("Add::", "::", "1::2::3", "10:30:00", "1:2:3:4:5:6:7"):
            self.assertFalse(is_ipv6(text), text)
        entropy = load_rules()["entropy"]
        self.assertTrue(looks_random("aB3xK9mQ2pL7vR4tZ8wY", entropy))
        self.assertFalse(looks_random("aaaaaaaaaaaaaaaaaaaa", entropy))
        self.assertFalse(looks_random("aB3xK9mQ", entropy))

    def test_key_names_normalise_like_the_server(self):
        names = KeyNames(load_rules()["keys"])
        self.assertEqual(
            [names.normalize(k) for k in ("X-Api-Key", "apiKey", "APIKey", "OAuthToken", "getHTTPResponse")],
            ["x_api_key", "api_key", "api_key", "o_auth_token", "get_http_response"],
        )
        self.assertTrue(names.classify("X-Api-Key").sensitive)
        self.assertFalse(names.classify("input_tokens").secret_hint)
        self.assertTrue(names.classify("signature").secret_hint)
        self.assertFalse(names.classify("tokenizer").secret_hint)


if __name__ == "__main__":
    unittest.main()
