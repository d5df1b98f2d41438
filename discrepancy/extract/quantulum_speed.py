"""Exact, faster stand-ins for quantulum3's hot internals, active only inside our own parse calls.

Profiled on real news (benchmarks.extract_speed), most of a `quantulum3.parser.parse` call is spent in
two regexes scanned at every position of the text (the unit regex opens with a 48-way currency
alternation, the spelled-number regex with 57 look-behind branches), and in the unit classifier, which
stems the whole text again for every ambiguous unit. Here:

* both regexes are tried only at the positions where a match can start (near a digit, or at a number
  word), which finds exactly the matches `finditer` finds, in the same order;
* the classifier's scores are computed once per text, and Porter stems once per word.

The stand-ins are installed into quantulum3's modules once, but each one defers to the original unless
the call runs under `fast_quantulum()`: raw quantulum3 elsewhere in the process (the speed benchmark's
baseline) stays exactly what the package ships.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache

_FAST: contextvars.ContextVar[bool] = contextvars.ContextVar("discrepancy_fast_quantulum", default=False)

# Characters that IGNORECASE matches to an ASCII letter although they are not ASCII ("ſ" ~ "s", Kelvin
# sign ~ "k", dotted/dotless i): a text holding one is scanned the slow, original way.
_CASEFOLD_ODD = re.compile("[\u0130\u0131\u017f\u212a]")
_WORD = re.compile(r"\w+|&")


@contextmanager
def fast_quantulum() -> Iterator[None]:
    """Run quantulum3 calls in this block with the stand-ins (installed on first use)."""
    _install()
    token = _FAST.set(True)
    try:
        yield
    finally:
        _FAST.reset(token)


class _CandidateRegex:
    """A compiled regex whose `finditer` tries `pattern.match` only at candidate starts.

    `candidates(text)` must return sorted, merged (lo, hi) position ranges that hold every position where
    the pattern can match; then the leftmost-first, non-overlapping matches are the same as `finditer`'s.
    Anything else (`match`, `search`, attributes) is the original pattern's.
    """

    def __init__(self, pattern: re.Pattern, candidates: Callable[[str], list[tuple[int, int]] | None]):
        self._pattern = pattern
        self._candidates = candidates

    def __getattr__(self, name: str):
        return getattr(self._pattern, name)

    def finditer(self, text: str) -> Iterator[re.Match]:
        ranges = self._candidates(text)
        if ranges is None:  # the shortcut cannot be proven exact on this text
            yield from self._pattern.finditer(text)
            return
        match = self._pattern.match
        cursor = 0
        for lo, hi in ranges:
            p = max(lo, cursor)
            while p < hi:
                m = match(text, p)
                if m is None:
                    p += 1
                    continue
                if m.end() == m.start():  # never for these patterns; finditer's empty-match rules not copied
                    yield from self._pattern.finditer(text, p)
                    return
                yield m
                p = cursor = m.end()
            cursor = max(cursor, p)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


@lru_cache(maxsize=None)
def _digit_run(lang: str) -> re.Pattern:
    from quantulum3 import regex as reg

    # Every number in quantulum3's NUM_PATTERN holds a digit or a unicode fraction.
    return re.compile(rf"[\d{reg.unicode_fractions_regex()}]+")


@lru_cache(maxsize=None)
def _units_lead(lang: str) -> int:
    """How far before its first digit a unit-regex match can start: a prefix symbol ("ctvs", "US$"),
    then an optional sign and an optional decimal point."""
    from quantulum3 import load

    return max(len(s) for s in load.units(lang).prefix_symbols) + 2


def _units_candidates(lang: str) -> Callable[[str], list[tuple[int, int]]]:
    lead = _units_lead(lang)
    digits = _digit_run(lang)

    def candidates(text: str) -> list[tuple[int, int]]:
        return _merge([(max(0, m.start() - lead), m.end()) for m in digits.finditer(text)])

    return candidates


@lru_cache(maxsize=None)
def _number_words(lang: str) -> frozenset[str]:
    from quantulum3 import regex as reg

    return frozenset(w.lower() for w in reg.numberwords(lang) if w)


def _text_candidates(lang: str) -> Callable[[str], list[tuple[int, int]] | None]:
    """Starts of the spelled-number regex: an optional digit number (first digit at most two characters
    in: sign, point), then an optional "," or " ", then a whole number word ("a", "and", "twelve", "&")."""
    words = _number_words(lang)
    digits = _digit_run(lang)

    def candidates(text: str) -> list[tuple[int, int]] | None:
        if _CASEFOLD_ODD.search(text):
            return None
        spans = [(max(0, m.start() - 2), m.start() + 1) for m in digits.finditer(text)]
        spans += [(max(0, m.start() - 1), m.start() + 1) for m in _WORD.finditer(text)
                  if m.group(0).lower() in words]
        return _merge(spans)

    return candidates


def _trie(keys: list[str], canonical: dict[str, str]) -> str:
    """An alternation of `keys` as a prefix tree: "(?:k(?:m|g)|m)" for "km", "kg", "m".

    Equivalent to quantulum3's longest-first "km|kg|m" under IGNORECASE: the keys that can match at one
    position are prefixes of one another (one path of the tree, characters merged by case), and the tree
    tries them longest first too; keys equal but for case match the same span.
    """
    root: dict = {}
    for key in keys:
        node = root
        for c in key:
            node = node.setdefault(canonical[c], {})
        node[""] = {}

    def emit(node: dict) -> str:
        alternatives = [re.escape(c) + emit(child) for c, child in node.items() if c]
        if "" in node:
            if not alternatives:
                return ""
            alternatives.append("")  # the key ending here is tried after every longer one
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return emit(root)


def _canonical(keys: list[str]) -> dict[str, str]:
    """One representative per set of key characters IGNORECASE treats as equal ("µ" micro sign, "μ" mu)."""
    chars = sorted({c for k in keys for c in k})
    return {c: min(d for d in chars if re.fullmatch("(?i)" + re.escape(c), d)) for c in chars}


def word_tree(words: list[str]) -> str:
    """A faster regex for the alternation of `words` under IGNORECASE, as a non-capturing group; the same
    matches wherever the same longest-first alternation would give them."""
    words = sorted(set(words), key=len, reverse=True)
    return f"(?:{_trie(words, _canonical(words))})"


@lru_cache(maxsize=None)
def _fast_units_pattern(lang: str) -> re.Pattern:
    """quantulum3's unit regex with its 1,881-way unit alternation (tried in full, branch by branch, eight
    times per number) and its 48-way currency-symbol alternation rewritten as prefix trees; the original
    pattern if its layout is not the one we know."""
    from quantulum3 import load

    original: re.Pattern = _ORIGINAL["units_regex"](lang)
    if not original.flags & re.IGNORECASE:
        return original
    units_ = load.units(lang)
    pattern = original.pattern
    # Both alternations are built as quantulum3.regex.units_regex builds them: longest first, escaped.
    # (the unit one stands eight times, four of them in look-aheads as a capturing group "(...)")
    for keys, wrap in ((sorted(list(units_.surfaces.keys()) + list(units_.symbols.keys()), key=len, reverse=True),
                        "({})"),
                       (sorted(list(units_.prefix_symbols.keys()), key=len, reverse=True), "(?:{})")):
        alternation = "|".join(re.escape(k) for k in keys)
        tree = _trie(keys, _canonical(keys))
        for form in dict.fromkeys((wrap, "(?:{})")):
            if form.format(alternation) not in pattern:
                return original
            pattern = pattern.replace(form.format(alternation), form.format(tree))
    return re.compile(pattern, original.flags)


@lru_cache(maxsize=None)
def _fast_text_pattern(lang: str) -> re.Pattern:
    """quantulum3's spelled-number regex with its number-word alternation, each of 57 branches guarded by
    its own look-behind, as one guarded prefix tree. Only one number word can match at a position (a
    word is followed by a non-word character, so "a" never matches inside "an"), so the order of the
    branches never mattered; quantulum3 reads only group 0 of these matches."""
    from quantulum3 import regex as reg

    original: re.Pattern = _ORIGINAL["text_pattern_reg"](lang)
    words = [w for w in reg.numberwords(lang) if w]
    alternation = reg.numberwords_regex(lang)
    if alternation not in original.pattern or any(not (w.isalpha() or w == "&") for w in words):
        return original
    tree = r"(?:(?<=\W)|^)" + f"(?:{_trie(words, _canonical(words))})" + r"(?=\W|$)"
    return re.compile(original.pattern.replace(alternation, tree), original.flags)


@lru_cache(maxsize=None)
def _fast_regex(lang: str, which: str) -> _CandidateRegex:
    if which == "units":
        return _CandidateRegex(_fast_units_pattern(lang), _units_candidates(lang))
    return _CandidateRegex(_fast_text_pattern(lang), _text_candidates(lang))


# ------------------------------------------------------------------ the classifier

@lru_cache(maxsize=1024)
def _scores(text: str, lang: str, classifier_path: str | None) -> tuple[tuple[float, str], ...]:
    """quantulum3's (probability, unit or entity name) for `text`, as its disambiguators compute them."""
    from quantulum3 import classifier as clf

    model = clf.classifier(lang, classifier_path)
    cleaned = clf.clean_text(text, lang)
    direct = _direct_model(model)
    if direct is not None:
        probabilities = direct(cleaned)
    else:
        import sklearn

        # scikit-learn's argument and finiteness checks have nothing to catch in one string we built
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            transformed = model.tfidf_model.transform([cleaned])
            probabilities = model.classifier.predict_proba(transformed).tolist()[0]
    return tuple(zip(probabilities, model.target_names))


_DIRECT: dict[int, Callable[[str], list[float]] | None] = {}


def _direct_model(model) -> Callable[[str], list[float]] | None:
    """The classifier's tf-idf + one-vs-rest logistic arithmetic for one text, without scikit-learn's
    per-call validation (two thirds of a 1 ms call): the same numpy and scipy operations on the same
    numbers in the same order, so the probabilities are bit-identical (tests/test_extract_quantulum_speed.py
    compares them). None when the model is not the kind this mirrors (then scikit-learn is called)."""
    key = id(model)
    if key not in _DIRECT:
        _DIRECT[key] = _build_direct(model)
    return _DIRECT[key]


def _build_direct(model) -> Callable[[str], list[float]] | None:
    import math

    import numpy as np
    from scipy import special
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier

    vectorizer, linear = model.tfidf_model, model.classifier
    if not (type(vectorizer) is TfidfVectorizer and type(linear) is SGDClassifier and linear.loss == "log_loss"
            and not vectorizer.binary and vectorizer.norm == "l2" and vectorizer.dtype is np.float64
            and linear.coef_.ndim == 2 and linear.coef_.shape[0] > 2 and linear.coef_.dtype == np.float64
            and hasattr(vectorizer, "idf_")):
        return None
    analyze = vectorizer.build_analyzer()
    vocabulary = vectorizer.vocabulary_
    idf = vectorizer.idf_
    sublinear = vectorizer.sublinear_tf
    coef_rows = np.ascontiguousarray(linear.coef_.T)  # row j: every class's weight of term j
    intercept = linear.intercept_

    def probabilities(cleaned: str) -> list[float]:
        counts: dict[int, int] = {}
        for feature in analyze(cleaned):  # CountVectorizer._count_vocab
            index = vocabulary.get(feature)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        indices = np.array(sorted(counts), dtype=np.int32)  # sort_indices()
        data = np.array([counts[i] for i in indices.tolist()], dtype=np.float64)
        if sublinear:  # TfidfTransformer.transform
            np.log(data, data)
            data += 1.0
        data *= idf[indices]
        total = 0.0
        for v in data.tolist():  # inplace_csr_row_normalize_l2: a running sum, then one square root
            total += v * v
        if total != 0.0:
            data /= math.sqrt(total)
        scores = np.zeros((1, coef_rows.shape[1]))
        for a, j in zip(data.tolist(), indices.tolist()):  # scipy's csr_matvecs: y += a * x, term by term
            scores[0] += a * coef_rows[j]
        prob = scores + intercept  # LinearClassifierMixin.decision_function
        prob = special.expit(prob, out=prob)  # _predict_proba_lr
        prob_sum = prob.sum(axis=1)
        if prob_sum[0] == 0:
            prob[0, :] = 1
            prob_sum[0] = prob.shape[1]
        prob /= prob_sum.reshape((prob.shape[0], -1))
        return prob.tolist()[0]

    return probabilities


def _ranked(text: str, lang: str, classifier_path: str | None, names: set[str]) -> list[tuple[float, str]]:
    # the same filter and stable sort as quantulum3's disambiguate_unit / disambiguate_entity
    return sorted((s for s in _scores(text, lang, classifier_path) if s[1] in names), key=lambda x: x[0],
                  reverse=True)


def _first(candidates):
    """The candidate unit or entity with the smallest name: a choice that does not depend on the hash seed.
    Empty raises StopIteration, as quantulum3's next(iter(...)) did: its callers rely on that."""
    if not candidates:
        raise StopIteration
    return min(candidates, key=lambda c: c.name)


def _disambiguate_unit(unit, text, lang="en_US", classifier_path=None):
    from quantulum3 import classifier as clf
    from quantulum3 import load, no_classifier

    units_ = load.units(lang)
    new_unit = (units_.symbols.get(unit) or units_.surfaces.get(unit) or units_.surfaces_lower.get(unit.lower())
                or units_.symbols_lower.get(unit.lower()))
    if not new_unit:
        return units_.names.get("unk")
    if len(new_unit) == 1:
        return next(iter(new_unit))
    if not clf.classifier(lang, classifier_path).loaded:
        return no_classifier.disambiguate_no_classifier(new_unit, text, lang)
    scores = _ranked(text, lang, classifier_path, {i.name for i in new_unit})
    # quantulum3 falls back to next(iter(a set)): a different unit per process (hash seed). Fault fixed here:
    # the fallback is the first candidate by name, the same in every process.
    return units_.names[scores[0][1]] if scores else _first(new_unit)


def _disambiguate_entity(key, text, lang="en_US", classifier_path=None):
    from quantulum3 import classifier as clf
    from quantulum3 import load, no_classifier

    entities_ = load.entities(lang)
    derived = entities_.derived[key]
    new_ent = _first(derived)  # not next(iter(a set)): see _disambiguate_unit
    if len(derived) > 1:
        if not clf.classifier(lang, classifier_path).loaded:
            return no_classifier.disambiguate_no_classifier(derived, text, lang)
        scores = _ranked(text, lang, classifier_path, {i.name for i in derived})
        if scores:
            new_ent = entities_.names[scores[0][1]]
    return new_ent


@lru_cache(maxsize=65536)
def _cached_stem(word: str) -> str:
    return _ORIGINAL["stem"](word)


# ------------------------------------------------------------------ installing the gated stand-ins

_ORIGINAL: dict[str, Callable] = {}


def _gated(name: str, fast: Callable) -> Callable:
    original = _ORIGINAL[name]

    def stand_in(*args, **kwargs):
        return fast(*args, **kwargs) if _FAST.get() else original(*args, **kwargs)

    stand_in.__wrapped__ = original  # type: ignore[attr-defined]
    return stand_in


@lru_cache(maxsize=None)
def _language_module(module: str, lang: str = "en_US"):
    # quantulum3 looks its language modules up through importlib about seven times per quantity
    return _ORIGINAL["language_get"](module, lang)


@lru_cache(maxsize=1)
def _install() -> None:
    from quantulum3 import classifier as clf
    from quantulum3 import language
    from quantulum3 import regex as reg
    from quantulum3._lang.en_US import classifier as en_clf

    _ORIGINAL.update(units_regex=reg.units_regex, text_pattern_reg=reg.text_pattern_reg,
                     disambiguate_unit=clf.disambiguate_unit, disambiguate_entity=clf.disambiguate_entity,
                     stem=en_clf.stem, language_get=language.get)
    language.get = _gated("language_get", _language_module)
    reg.units_regex = _gated("units_regex", lambda lang="en_US": _fast_regex(lang, "units"))
    reg.text_pattern_reg = _gated("text_pattern_reg", lambda lang="en_US": _fast_regex(lang, "text"))
    clf.disambiguate_unit = _gated("disambiguate_unit", _disambiguate_unit)
    clf.disambiguate_entity = _gated("disambiguate_entity", _disambiguate_entity)
    if en_clf.stem is not None:
        en_clf.stem = _gated("stem", _cached_stem)
