"""Swedish text normalisation for comparing needs written by different förvaltningar.

Why these steps: departments describe one need in many words. Lowercasing
(keeping å, ä, ö and é), the Snowball Swedish stemmer (``signeringar`` →
``signering``), a stop-word list and a curated synonym lexicon
(``data/config/synonymer.toml``: e-underskrift ≈ digital signering ≈
BankID-signering) turn "Digitala signeringar" and "e-underskrift" into the same
token before any similarity is computed. Compounds the lexicon knows are split
at the known head (``signeringstjänsten`` → concept + ``tjänst``); unknown
compounds are left to the character n-grams downstream. Nothing here downloads
anything: the stemmer is pure Python and the lists are files in the repository.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import snowballstemmer

from kstad_analysis import config

#: Snowball's Swedish stop-word list (snowballstem.org, BSD licence).
SWEDISH_STOP_WORDS: frozenset[str] = frozenset("""
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något
från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller
allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa
några deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje
vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas
""".split())

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_SLUG = re.compile(r"[^\w]+")
#: Shortest single-word lexicon term that also matches as the head of a compound.
MIN_COMPOUND_HEAD = 5
#: Shortest remainder after a compound head that is kept as its own token.
MIN_COMPOUND_TAIL = 3

_STEMMER = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball Swedish stem of one lowercase word (cached: texts repeat words)."""
    return _STEMMER.stemWord(word)


def tokens(text: object) -> list[str]:
    """Lowercase word tokens; ``e-arkiv`` → ``earkiv``, ``bankid-signering`` →
    ``bankid``, ``signering``; pure numbers dropped.

    Why the hyphen rule: a one-letter prefix (e-, i-) is part of the word and
    departments write both "e-arkiv" and "earkiv"; longer hyphenated parts are
    words of their own ("sms-påminnelse").
    """
    if not isinstance(text, str) or not text:
        return []
    out: list[str] = []
    for match in _TOKEN.finditer(text.lower()):
        parts = match.group(0).split("-")
        while len(parts) > 1 and len(parts[0]) == 1:
            parts = [parts[0] + parts[1], *parts[2:]]
        out += [p for p in parts if p and not p.isdigit()]
    return out


def concept_token(name: str) -> str:
    """The token that stands for a lexicon concept (``e-underskrift`` → ``eunderskrift``)."""
    return _SLUG.sub("", name.lower())


@dataclass(frozen=True)
class Lexicon:
    """Synonym groups compiled to stem sequences.

    ``phrases`` maps a tuple of stems to a concept index; ``heads`` are the
    single-stem terms long enough to match the start of a compound.
    """

    names: tuple[str, ...] = ()
    weights: tuple[int | None, ...] = ()
    phrases: Mapping[tuple[str, ...], int] = field(default_factory=dict)
    heads: tuple[tuple[str, int], ...] = ()

    @cached_property
    def max_len(self) -> int:
        """Longest phrase in stems (cached: ``analyse`` asks for every text)."""
        return max((len(p) for p in self.phrases), default=0)

    def concept_weights(self, default: int) -> dict[str, int]:
        """How many times each concept token counts: its group's ``vikt`` or
        ``default`` (generic concepts such as "e-tjänst" are given 1)."""
        return {concept_token(n): default if w is None else w
                for n, w in zip(self.names, self.weights, strict=True)}

    def token(self, index: int) -> str:
        return concept_token(self.names[index])

    @classmethod
    def from_groups(cls, groups: Iterable[Mapping[str, Any]]) -> Lexicon:
        """Compile ``[{"namn": ..., "termer": [...], "vikt": n}, ...]``; the name is
        a term too and ``vikt`` (optional) overrides the default concept weight.

        A term listed in two groups is an error in the lexicon (it would make
        the result depend on file order), so it raises with both names.
        """
        names: list[str] = []
        weights: list[int | None] = []
        phrases: dict[tuple[str, ...], int] = {}
        for index, group in enumerate(groups):
            name = str(group["namn"]).strip()
            names.append(name)
            weights.append(None if group.get("vikt") is None else int(group["vikt"]))
            for term in [name, *group.get("termer", [])]:
                key = tuple(stem(w) for w in tokens(str(term)))
                if not key:
                    continue
                if key in phrases and phrases[key] != index:
                    raise ValueError(
                        f"synonymer: termen '{term}' finns i både '{names[phrases[key]]}' och '{name}'"
                    )
                phrases[key] = index
        heads = sorted(
            ((k[0], i) for k, i in phrases.items() if len(k) == 1 and len(k[0]) >= MIN_COMPOUND_HEAD),
            key=lambda item: (-len(item[0]), item[0]),
        )
        return cls(tuple(names), tuple(weights), phrases, tuple(heads))


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """The analysts' lexicon from ``data/config/synonymer.toml``."""
    return Lexicon.from_groups(config.load("synonymer", directory).get("grupp", []))


@dataclass(frozen=True)
class TextPrep:
    """A configured normaliser: lexicon plus stop words (Snowball's and extra).

    ``analyse`` returns ``(token, surface)`` pairs so that labels and
    explanations can show the words departments wrote instead of stems.
    """

    lexicon: Lexicon = field(default_factory=Lexicon)
    stop_words: frozenset[str] = SWEDISH_STOP_WORDS
    #: word → its tokens outside lexicon phrases; a word's compound split and
    #: stop-word test depend only on the word, and plans repeat their words.
    _words: dict[str, tuple[tuple[str, str], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False)

    @classmethod
    def from_config(cls, extra_stop_words: Sequence[str] = (),
                    directory: Path | None = None) -> TextPrep:
        extra = {w for word in extra_stop_words for w in tokens(word)}
        stops = SWEDISH_STOP_WORDS | extra | {stem(w) for w in extra}
        return cls(load_lexicon(directory), frozenset(stops))

    def analyse(self, text: object) -> list[tuple[str, str]]:
        """Normalised tokens with the surface word each came from.

        Order: tokenise → stem → replace lexicon phrases (longest first, before
        stop words, so "mina meddelanden" survives) → split known compound
        heads → drop stop words (surface or stem).
        """
        words = tokens(text)
        stems = [stem(w) for w in words]
        out: list[tuple[str, str]] = []
        i, longest = 0, self.lexicon.max_len
        while i < len(words):
            for size in range(min(longest, len(words) - i), 0, -1):
                concept = self.lexicon.phrases.get(tuple(stems[i:i + size]))
                if concept is not None:
                    out.append((self.lexicon.token(concept), self.lexicon.names[concept]))
                    i += size
                    break
            else:
                single = self._words.get(words[i])
                if single is None:
                    single = self._words[words[i]] = tuple(self._single(words[i], stems[i]))
                out += single
                i += 1
        return out

    def _single(self, word: str, stemmed: str) -> list[tuple[str, str]]:
        for head, concept in self.lexicon.heads:
            tail = stemmed[len(head):]
            if stemmed.startswith(head) and len(tail) >= MIN_COMPOUND_TAIL:
                pair = (self.lexicon.token(concept), self.lexicon.names[concept])
                return [pair] if self._is_stop(tail, tail) else [pair, (stem(tail), tail)]
        return [] if self._is_stop(word, stemmed) else [(stemmed, word)]

    def _is_stop(self, word: str, stemmed: str) -> bool:
        return word in self.stop_words or stemmed in self.stop_words

    def normalise(self, text: object) -> str:
        """The normalised text as one space-separated string (for vectorisers)."""
        return " ".join(token for token, _ in self.analyse(text))


__all__ = [
    "SWEDISH_STOP_WORDS", "Lexicon", "TextPrep", "concept_token", "load_lexicon", "stem", "tokens",
]
