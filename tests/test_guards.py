"""Guards against hostile widget values sent by a Voila visitor."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kstad_analysis import export, guards
from kstad_analysis.guards import choice, clamp_int, clamp_number, ids_subset, safe_filename, safe_text
from kstad_analysis.ui.common import esc

HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://x","y")',
    "'; DROP TABLE scenarios;--",
]
TEN_MB = "A" * 10_000_000
BUDGET = (0.0, 50e6, 10e6)  # lo, hi, default


@pytest.mark.parametrize(("value", "expected"), [
    (12e6, 12e6),
    (0, 0.0),
    (np.float64(3e6), 3e6),
    (np.int64(7), 7.0),
    (-5.0, 0.0),             # negative budget → lower bound
    (-1e300, 0.0),
    (1e300, 50e6),           # enormous budget → upper bound
    (math.nan, 10e6),        # NaN says nothing: default
    (math.inf, 10e6),
    (-math.inf, 10e6),
    (np.nan, 10e6),
    ("1000", 10e6),          # text is not a number here
    ("<script>alert(1)</script>", 10e6),
    (None, 10e6),
    (True, 10e6),            # a slider never sends a bool
    ([5.0], 10e6),
    ({"value": 5.0}, 10e6),
])
def test_clamp_number_hostile_values(value, expected):
    result = clamp_number(value, *BUDGET)
    assert result == expected and type(result) is float


def test_clamp_number_refuses_a_default_outside_its_own_range():
    with pytest.raises(ValueError):
        clamp_number(1.0, 0.0, 1.0, 2.0)


def test_clamp_int():
    assert clamp_int(7.6, 1, 50, 10) == 8
    assert clamp_int(1e300, 1, 50, 10) == 50
    assert clamp_int(math.nan, 1, 50, 10) == 10
    assert clamp_int("3", 1, 50, 10) == 10
    assert type(clamp_int(np.int64(4), 1, 50, 10)) is int


@given(st.one_of(st.floats(), st.integers(), st.text(), st.none(), st.booleans(),
                 st.lists(st.floats(), max_size=3)))
def test_clamp_number_always_in_range(value):
    result = clamp_number(value, -1.0, 1.0, 0.0)
    assert -1.0 <= result <= 1.0 and math.isfinite(result)


def test_safe_text_keeps_markup_verbatim_and_esc_neutralises_it():
    for text in HOSTILE_TEXT:
        assert safe_text(text, 200) == text  # stored as typed...
    shown = esc(safe_text("<img src=x onerror=alert(1)>", 200))
    assert "<" not in shown and shown == "&lt;img src=x onerror=alert(1)&gt;"  # ...escaped when shown


def test_safe_text_strips_control_characters():
    assert safe_text("a\x00b\x07c\x1b[31md\x7f\x85e", 50) == "abc[31mde"
    assert safe_text("right\u202eto\u2066left\u2069", 50) == "righttoleft"  # Trojan-source bidi
    assert safe_text("line\u2028sep\nnew\ttab", 50) == "linesepnewtab"
    assert safe_text("  Rad 1\nRad\t2  ", 50, multiline=True) == "Rad 1\nRad\t2"
    assert safe_text("ok\x00", 50, multiline=True) == "ok"


def test_safe_text_normalises_unicode_and_caps_length():
    decomposed = "Sa\u0308ffle"  # a + combining diaeresis
    assert safe_text(decomposed, 20) == "Säffle"
    assert safe_text("x" * 500, 120) == "x" * 120
    assert safe_text("abc   def", 4) == "abc"  # no trailing space after the cut


@pytest.mark.parametrize("value", [None, 42, 4.2, b"bytes", ["a"], {"a": 1}, True, math.nan])
def test_safe_text_non_text_becomes_empty(value):
    assert safe_text(value, 100) == ""


class WatchedStr(str):
    """A string that records how much of it a function slices off."""

    seen: list[int]

    def __getitem__(self, key):
        if isinstance(key, slice):
            self.seen.append(len(range(*key.indices(len(self)))))
        return super().__getitem__(key)


def test_safe_text_ten_megabytes_is_capped_with_bounded_work():
    value = WatchedStr(TEN_MB)
    value.seen = []
    assert safe_text(value, 120) == "A" * 120
    assert value.seen == [2 * 120 + 256]  # only a prefix was ever cleaned and normalised


@given(st.text(), st.integers(min_value=1, max_value=300))
def test_safe_text_properties(value, limit):
    result = safe_text(value, limit)
    assert len(result) <= limit
    assert not guards.CONTROL_CHARS.search(result)
    assert result == result.strip()


def test_choice():
    methods = ("wsum", "topsis")
    assert choice("topsis", methods, "wsum") == "topsis"
    assert choice("TOPSIS", methods, "wsum") == "wsum"
    assert choice("<script>alert(1)</script>", methods, "wsum") == "wsum"
    assert choice(None, methods, "wsum") == "wsum"
    assert choice(["wsum"], methods, "wsum") == "wsum"
    assert choice(True, (1, 2), 2) == 2       # True == 1 but is not the choice 1
    assert choice(1.0, (1, 2), 2) == 2
    assert choice(1, (1, 2), 2) == 1
    assert choice("x", ("a",), None) is None  # an optional choice


def test_ids_subset():
    known = {"KLK-001", "BUF-002", "MF-003"}
    assert ids_subset(["BUF-002", "nope", "KLK-001", "BUF-002"], known, 10) == ("BUF-002", "KLK-001")
    assert ids_subset(("MF-003",), known, 10) == ("MF-003",)
    assert ids_subset(["KLK-001", "BUF-002", "MF-003"], known, 2) == ("KLK-001", "BUF-002")
    assert ids_subset("KLK-001", known, 10) == ()          # a string is not a list of IDs
    assert ids_subset(None, known, 10) == ()
    assert ids_subset({"KLK-001": 1}, known, 10) == ()
    assert ids_subset([1, None, ["KLK-001"], {"a": 1}, "KLK-001"], known, 10) == ("KLK-001",)
    assert ids_subset(HOSTILE_TEXT, known, 10) == ()


class CountingList(list):
    """A list that counts how many items were iterated."""

    def __iter__(self):
        self.visited = 0
        for item in super().__iter__():
            self.visited += 1
            yield item


def test_ids_subset_bounds_the_scan_of_a_huge_list():
    flood = CountingList(["junk"] * 1_000_000 + ["KLK-001"])
    assert ids_subset(flood, {"KLK-001"}, 5) == ()
    assert flood.visited == 21  # 4 × max_items scanned (+1 to see the bound), not a million


def test_safe_filename_reuses_export_rules():
    path = "Budget 2027/../../etc/passwd"
    assert safe_filename(path) == export.safe_filename(path) == "Budget_2027_.._.._etc_passwd"
    assert "/" not in safe_filename("../../etc/passwd")
    assert safe_filename("<script>alert(1)</script>") == "script_alert_1_script"
    assert safe_filename('=HYPERLINK("http://x","y")') == "HYPERLINK_http_x_y"
    assert safe_filename(None) == "export" and safe_filename(42, default="scenario") == "scenario"
    assert safe_filename("\x00\x01") == "export"
    assert len(safe_filename(TEN_MB)) == 80
    assert safe_filename("Säffle plan") == "Säffle_plan"
