"""The app kernels' lighter imports change cost, not behaviour.

``kstad_analysis.ui`` defers ``rfc3987_syntax`` (jsonschema's ``iri`` format
checker, which compiles a grammar at import). These tests run fresh
interpreters: with the package imported first, altair no longer loads the
grammar, and jsonschema's ``iri`` checks give exactly what the real module
gives in an interpreter without the deferral.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

SAMPLES = ["http://example.com/å?x=1#frag", "https://例え.jp/パス", "not an iri", "",
           "mailto:someone@example.org", "http://[::1]:80/", "//relative/only", "a b:c"]

CHECK = f"""
import json, sys
import jsonschema
fc = jsonschema.Draft7Validator.FORMAT_CHECKER
print(json.dumps([[fc.conforms(s, "iri"), fc.conforms(s, "iri-reference")]
                  for s in {SAMPLES!r}]))
"""


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=240, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_altair_import_no_longer_compiles_the_iri_grammar():
    out = _run("import sys, kstad_analysis.ui, altair, jsonschema; "
               "print('rfc3987_syntax.syntax_helpers' in sys.modules)")
    assert out == "False"


def test_iri_format_checks_are_unchanged():
    deferred = json.loads(_run("import kstad_analysis.ui, altair\n" + CHECK))
    real = json.loads(_run(CHECK))
    assert deferred == real
    assert real[0] == [True, True] and real[2][0] is False  # the checks really ran


def test_altair_still_validates_specs():
    out = _run("import kstad_analysis.ui, altair as alt\n"
               "try:\n    alt.Chart().mark_bar().encode(x=alt.X('a:Q', bin='yes')).to_dict()\n"
               "except Exception as e:\n    print(type(e).__name__)\nelse:\n    print('none')")
    assert out == "SchemaValidationError"
