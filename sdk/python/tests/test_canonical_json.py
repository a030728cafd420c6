"""payload_hash / canonical_json against vectors produced by the server's code (Node)."""

from __future__ import annotations

import unittest
from collections import OrderedDict

from cockpit_sdk import canonical_json, payload_hash, to_jsonable
from cockpit_sdk.canonical_json import js_number
from repo_files import HERE, load_json


class VectorsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cases = load_json(HERE / "payload_hash_vectors.json")["cases"]

    def test_canonical_json_is_byte_for_byte_the_servers(self):
        for case in self.cases:
            with self.subTest(case["name"]):
                text = canonical_json({"arguments": case["arguments"], "tool": case["tool"]})
                self.assertEqual(text, case["canonical"])

    def test_payload_hash_is_the_servers(self):
        for case in self.cases:
            with self.subTest(case["name"]):
                self.assertEqual(payload_hash(case["tool"], case["arguments"]), case["hash"])


class NumberFormatTest(unittest.TestCase):
    def test_formats_numbers_as_ecmascript_number_to_string(self):
        table = [
            (0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789.0, "123456789"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (2.5e25, "2.5e+25"),
            (5e-324, "5e-324"),
            (2**53, "9007199254740992"),
            (2**53 + 1, "9007199254740992"),
            (10**400, "null"),
            (float("nan"), "null"),
            (float("inf"), "null"),
        ]
        for value, text in table:
            with self.subTest(value=value):
                self.assertEqual(js_number(value), text)


class PythonValuesTest(unittest.TestCase):
    def test_python_containers_hash_like_the_json_they_are_sent_as(self):
        self.assertEqual(
            payload_hash("t", to_jsonable({"ids": (1, 2), "at": None})),
            payload_hash("t", {"ids": [1, 2], "at": None}),
        )

    def test_key_order_of_the_input_does_not_matter(self):
        self.assertEqual(
            canonical_json(OrderedDict([("b", 1), ("a", 2)])),
            canonical_json({"a": 2, "b": 1}),
        )

    def test_a_surrogate_pair_held_as_two_code_points_is_one_character(self):
        self.assertEqual(canonical_json("\ud83d\ude00"), canonical_json("😀"))
        self.assertEqual(canonical_json("\ud83d"), '"\\ud83d"')

    def test_bool_and_number_keys_are_written_as_json_writes_them(self):
        self.assertEqual(canonical_json({True: 1, 2: 2, None: 3}), '{"2":2,"null":3,"true":1}')

    def test_refuses_values_that_are_not_json(self):
        with self.assertRaises(TypeError):
            canonical_json({"when": object()})


if __name__ == "__main__":
    unittest.main()
