"""A scenario: every choice behind a ranking and a portfolio, with who and when.

Why a validated value object: scenarios are saved from Voila pages whose
widgets a visitor can set to anything, stored for years in a database shared
by every kernel, and later read back as the basis of a decision. So a
``Scenario`` can only exist in a valid state: construction normalises and
checks every field (lengths, finite numbers, ranges, names) and raises a
``ScenarioError`` with a Swedish message otherwise. Text is kept verbatim
(HTML too); it is escaped where shown, never here.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from itertools import islice
from typing import Any

import pandas as pd

from kstad_analysis.constants import LEGACY_VALUE_KINDS, METHODS, VALUE_KINDS
from kstad_analysis.errors import ScenarioError
from kstad_analysis.guards import CONTROL_CHARS, CONTROL_CHARS_MULTILINE, is_real_number
from kstad_analysis.i18n import t

NAME_MAX = 120
AUTHOR_MAX = 120
NOTE_MAX = 5_000
FINGERPRINT_MAX = 128
PRESET_MAX = 80
WEIGHTS_MAX = 50
WEIGHT_KEY = re.compile(r"[a-z_]{1,40}")
BUDGET_MAX = 1e12
WEIGHT_MAX = 1e6
YEAR_MIN, YEAR_MAX = 1990, 2100
IDS_MAX = 2_000
REASON_MAX = 500
ID_MAX_LEN = 64
OVERRIDES_MAX_BYTES = 64 * 1024
TOP_N_MAX = 10_000


def now_utc() -> str:
    """The current time as an ISO 8601 UTC string (seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _field(name: str, **values: object) -> str:
    return t(f"store.field.{name}", **values)


def clean_name(value: object) -> str:
    """A scenario name as stored: NFC-normalised and stripped, else ``ScenarioError``.

    The store looks names up through this too, so ``" Plan A "`` finds ``"Plan A"``.
    """
    return check_text(value, "name", NAME_MAX, required=True)


def check_text(value: object, name: str, limit: int, *, required: bool = False,
          multiline: bool = False, label: str | None = None) -> str:
    """Validated text for field ``name`` (a ``store.field.*`` key): NFC, stripped,
    at most ``limit`` characters, no control characters, else ``ScenarioError``.

    Strict where ``guards.safe_text`` is lenient: what is saved must be exactly
    what the user typed, so bad text is refused rather than silently changed.
    """
    label = label or _field(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ScenarioError(t("store.err.not_text", field=label))
    if len(value) > 4 * limit + 1_000:  # refuse huge input before normalising it
        raise ScenarioError(t("store.err.too_long", field=label, limit=limit, length=len(value)))
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise ScenarioError(t("store.err.required", field=label))
    if len(text) > limit:
        raise ScenarioError(t("store.err.too_long", field=label, limit=limit, length=len(text)))
    pattern = CONTROL_CHARS_MULTILINE if multiline else CONTROL_CHARS
    if pattern.search(text):
        raise ScenarioError(t("store.err.control", field=label))
    return text


def _number(value: object, label: str, lo: float, hi: float) -> float:
    if not is_real_number(value):
        raise ScenarioError(t("store.err.not_number", field=label))
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        raise ScenarioError(t("store.err.not_finite", field=label))
    if not lo <= number <= hi:
        raise ScenarioError(t("store.err.range", field=label, lo=_num(lo), hi=_num(hi), value=_num(number)))
    return number


def _integer(value: object, label: str, lo: int, hi: int, *, from_text: bool = False) -> int:
    if from_text and isinstance(value, str) and value.strip().isdigit() and len(value) < 12:
        value = int(value)  # JSON object keys (years) arrive as text
    if not is_real_number(value) or (isinstance(value, float) and not value.is_integer()):
        raise ScenarioError(t("store.err.not_integer", field=label))
    return int(_number(value, label, lo, hi))


def _num(value: float) -> str:
    return f"{value:g}"


def _optional_number(value: object, label: str, lo: float, hi: float) -> float | None:
    return None if value is None else _number(value, label, lo, hi)


def _choice(value: object, name: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ScenarioError(t("store.err.choice", field=_field(name), allowed=", ".join(allowed)))
    return value


def _mapping(value: object, name: str) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise ScenarioError(t("store.err.not_mapping", field=_field(name)))
    return value


def _weights(value: object) -> dict[str, float]:
    weights = _mapping(value, "weights")
    if len(weights) > WEIGHTS_MAX:
        raise ScenarioError(t("store.err.too_many", field=_field("weights"), limit=WEIGHTS_MAX,
                              count=len(weights)))
    cleaned: dict[str, float] = {}
    for key, weight in weights.items():
        if not isinstance(key, str) or not WEIGHT_KEY.fullmatch(key):
            raise ScenarioError(t("store.err.weight_key", key=str(key)[:40]))
        cleaned[key] = _number(weight, _field("weight", key=key), 0.0, WEIGHT_MAX)
    return cleaned


def _per_year(value: object) -> dict[int, float]:
    per_year = _mapping(value, "per_year")
    if len(per_year) > YEAR_MAX - YEAR_MIN + 1:
        raise ScenarioError(t("store.err.too_many", field=_field("per_year"),
                              limit=YEAR_MAX - YEAR_MIN + 1, count=len(per_year)))
    cleaned: dict[int, float] = {}
    for key, amount in per_year.items():
        year = _integer(key, _field("year"), YEAR_MIN, YEAR_MAX, from_text=True)
        cleaned[year] = _number(amount, _field("year_budget", year=year), 0.0, BUDGET_MAX)
    return dict(sorted(cleaned.items()))


def _ids(value: object, name: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ScenarioError(t("store.err.not_list", field=_field(name)))
    items = list(islice(value, IDS_MAX + 1))  # bounded even for an endless iterable
    if len(items) > IDS_MAX:
        raise ScenarioError(t("store.err.too_many", field=_field(name), limit=IDS_MAX, count=len(items)))
    cleaned = (check_text(item, "id", ID_MAX_LEN, required=True) for item in items)
    return tuple(dict.fromkeys(cleaned))


def _stopped(value: object) -> dict[str, str]:
    """Stopped commitments: need id → the analyst's reason (required: stopping
    an initiative under way is an explicit decision)."""
    stopped = _mapping(value, "stopped")
    if len(stopped) > IDS_MAX:
        raise ScenarioError(t("store.err.too_many", field=_field("stopped"), limit=IDS_MAX,
                              count=len(stopped)))
    return {check_text(key, "id", ID_MAX_LEN, required=True):
            check_text(why, "stop_reason", REASON_MAX, required=True)
            for key, why in stopped.items()}


def _overrides(value: object) -> dict[str, Any]:
    overrides = _mapping(value, "overrides")
    try:
        text = json.dumps(overrides, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        raise ScenarioError(t("store.err.overrides_json", detail=str(exc)[:200])) from None
    size = len(text.encode("utf-8"))
    if size > OVERRIDES_MAX_BYTES:
        raise ScenarioError(t("store.err.overrides_size", limit=OVERRIDES_MAX_BYTES // 1024,
                              size=math.ceil(size / 1024)))
    # Round-trip through JSON: a deep copy whose keys are the strings JSON keeps,
    # so what is saved equals what is loaded.
    return json.loads(text)


def _created(value: object) -> str:
    if not isinstance(value, str) or len(value) > 40:
        raise ScenarioError(t("store.err.created"))
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ScenarioError(t("store.err.created")) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ScenarioError(t("store.err.created"))
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Scenario:
    """Every choice behind one ranking/portfolio, plus name, author, note and time.

    ``created`` is ISO 8601 in UTC (other offsets are converted). ``weights``
    maps criterion keys to non-negative weights; ``per_year`` maps years to
    budgets; ``value`` is what the budget maximises (``constants.VALUE_KINDS``;
    the old ``"score"`` is read as ``"benefit"``, since a ranking score has no
    zero and cannot be summed over a portfolio);
    ``running_budget`` is the driftbudget (added running cost per year, kr;
    None: the default in ``data/config/budget.toml``); ``stopped`` maps
    commitments the analyst stops to the reason;
    ``must``/``exclude`` are need IDs forced in/out; ``threshold`` is
    the shared-needs similarity threshold; ``overrides`` holds other small
    JSON choices (filters). The mappings are private copies, normalised.
    """

    name: str
    author: str = ""
    note: str = ""
    created: str = field(default_factory=now_utc)
    data_fingerprint: str = ""
    weights: dict[str, float] = field(default_factory=dict)
    method: str = "wsum"
    preset: str | None = None
    budget: float | None = None
    per_year: dict[int, float] = field(default_factory=dict)
    must: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    value: str = "benefit"
    running_budget: float | None = None
    stopped: dict[str, str] = field(default_factory=dict)
    threshold: float | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    top_n: int = 10

    def __post_init__(self) -> None:
        preset = None if self.preset is None else check_text(self.preset, "preset", PRESET_MAX) or None
        cleaned = {
            "name": clean_name(self.name),
            "author": check_text(self.author, "author", AUTHOR_MAX),
            "note": check_text(self.note, "note", NOTE_MAX, multiline=True),
            "created": _created(self.created),
            "data_fingerprint": check_text(self.data_fingerprint, "data_fingerprint", FINGERPRINT_MAX),
            "weights": _weights(self.weights),
            "method": _choice(self.method, "method", METHODS),
            "preset": preset,
            "budget": _optional_number(self.budget, _field("budget"), 0.0, BUDGET_MAX),
            "per_year": _per_year(self.per_year),
            "must": _ids(self.must, "must"),
            "exclude": _ids(self.exclude, "exclude"),
            "value": _choice(LEGACY_VALUE_KINDS.get(self.value, self.value)
                             if isinstance(self.value, str) else self.value, "value", VALUE_KINDS),
            "running_budget": _optional_number(self.running_budget, _field("running_budget"),
                                               0.0, BUDGET_MAX),
            "stopped": _stopped(self.stopped),
            "threshold": _optional_number(self.threshold, _field("threshold"), 0.0, 1.0),
            "overrides": _overrides(self.overrides),
            "top_n": _integer(self.top_n, _field("top_n"), 1, TOP_N_MAX),
        }
        both = sorted(set(cleaned["must"]) & set(cleaned["exclude"]))
        if both:
            raise ScenarioError(t("store.err.must_exclude", ids=", ".join(both[:10])))
        for key, value in cleaned.items():
            object.__setattr__(self, key, value)

    __hash__ = None  # type: ignore[assignment]  # holds dicts: equal by value, not hashable

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (years as text keys, tuples as lists)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["weights"] = dict(self.weights)
        data["per_year"] = {str(year): amount for year, amount in self.per_year.items()}
        data["must"] = list(self.must)
        data["exclude"] = list(self.exclude)
        data["overrides"] = json.loads(json.dumps(self.overrides))
        data["stopped"] = dict(self.stopped)
        return data

    def to_json(self) -> str:
        """``to_dict`` as compact JSON text (what the store saves)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, allow_nan=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: object) -> Scenario:
        """Rebuild (and re-validate) a scenario from ``to_dict`` output.

        Missing fields take their defaults (except ``name``); unknown fields
        are refused, so a typo never silently drops a choice.
        """
        if not isinstance(data, Mapping):
            raise ScenarioError(t("store.err.not_scenario"))
        known = {f.name for f in fields(cls)}
        unknown = sorted(str(k)[:40] for k in data if k not in known)
        if unknown:
            raise ScenarioError(t("store.err.unknown_keys", keys=", ".join(unknown[:10])))
        if "name" not in data:
            raise ScenarioError(t("store.err.required", field=_field("name")))
        return cls(**{str(k): v for k, v in data.items()})

    @classmethod
    def from_json(cls, text: str) -> Scenario:
        """Inverse of ``to_json``."""
        try:
            data = json.loads(text)
        except (TypeError, ValueError):
            raise ScenarioError(t("store.err.not_scenario")) from None
        return cls.from_dict(data)


_SIMPLE_FIELDS = ("name", "author", "note", "created", "data_fingerprint", "method", "preset",
                  "budget", "value", "running_budget", "threshold", "top_n")
COMPARE_COLUMNS = ("setting", "label", "a", "b")


def compare_settings(a: Scenario, b: Scenario) -> pd.DataFrame:
    """The settings that differ between two scenarios, one row each.

    Why: the side-by-side comparison shows rank and portfolio changes (from
    the ranking and budget modules); this says *which choices* caused them.
    Columns ``setting`` (internal key, e.g. ``weights.risk``), ``label``
    (user text), ``a``, ``b``; a value missing on one side is ``None``.
    Values are raw (escape them when shown as HTML).
    """
    rows: list[tuple[str, str, object, object]] = []
    for name in _SIMPLE_FIELDS:
        if getattr(a, name) != getattr(b, name):
            rows.append((name, t(f"store.label.{name}"), getattr(a, name), getattr(b, name)))
    for key in sorted(a.weights.keys() | b.weights.keys()):
        if a.weights.get(key) != b.weights.get(key):
            rows.append((f"weights.{key}", t("store.label.weight", key=key),
                         a.weights.get(key), b.weights.get(key)))
    for year in sorted(a.per_year.keys() | b.per_year.keys()):
        if a.per_year.get(year) != b.per_year.get(year):
            rows.append((f"per_year.{year}", t("store.label.year_budget", year=year),
                         a.per_year.get(year), b.per_year.get(year)))
    for key in sorted(a.stopped.keys() | b.stopped.keys()):
        if a.stopped.get(key) != b.stopped.get(key):
            rows.append((f"stopped.{key}", t("store.label.stopped"), a.stopped.get(key),
                         b.stopped.get(key)))
    for name in ("must", "exclude"):
        if set(getattr(a, name)) != set(getattr(b, name)):
            rows.append((name, t(f"store.label.{name}"), ", ".join(getattr(a, name)),
                         ", ".join(getattr(b, name))))
    for key in sorted(a.overrides.keys() | b.overrides.keys()):
        if a.overrides.get(key) != b.overrides.get(key):
            rows.append((f"overrides.{key}", t("store.label.overrides", key=key),
                         _json_or_none(a.overrides, key), _json_or_none(b.overrides, key)))
    return pd.DataFrame(rows, columns=list(COMPARE_COLUMNS), dtype=object)


def _json_or_none(mapping: Mapping[str, Any], key: str) -> str | None:
    return json.dumps(mapping[key], ensure_ascii=False) if key in mapping else None
