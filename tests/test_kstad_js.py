"""The page script's file-input wrapper (kstad.js) keeps the DOM's listener
contract: the same listener added twice runs once, and removing it works.
Run in Node with an EventTarget stand-in for the input (Node is installed by
``make test`` for the hub's proxy); the refusal itself is tested in Chromium
(``test_browser_apps``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "share/jupyter/voila/templates/kstad/static/kstad.js"

CHECK = r"""
const fs = require('fs');
class HTMLInputElement extends EventTarget {
  constructor(type) { super(); this.type = type; this.files = []; this.value = ''; }
}
global.HTMLInputElement = HTMLInputElement;
global.document = { addEventListener() {}, querySelector() { return null; } };
eval(fs.readFileSync(process.argv[2], 'utf8'));
const out = {};
for (const type of ['file', 'text']) {
  const input = new HTMLInputElement(type);
  let calls = 0; const listener = () => { calls++; };
  input.addEventListener('change', listener);
  input.addEventListener('change', listener);
  input.dispatchEvent(new Event('change'));
  const once = calls;
  input.removeEventListener('change', listener);
  calls = 0; input.dispatchEvent(new Event('change'));
  out[type] = [once, calls];
}
// one listener on two file inputs: each input's own event reaches it
const a = new HTMLInputElement('file'), b = new HTMLInputElement('file');
const seen = []; const both = (e) => { seen.push(e.currentTarget === a ? 'a' : 'b'); };
a.addEventListener('change', both); b.addEventListener('change', both);
a.dispatchEvent(new Event('change')); b.dispatchEvent(new Event('change'));
out.shared = seen;
console.log(JSON.stringify(out));
"""


def test_file_input_listeners_keep_the_dom_contract(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node saknas: kör 'make test' (installerar nodejs för hubbens proxy)")
    check = tmp_path / "check.js"
    check.write_text(CHECK, encoding="utf-8")
    out = subprocess.run([node, str(check), str(SCRIPT)], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert out.strip() == '{"file":[1,0],"text":[1,0],"shared":["a","b"]}', out
