"""Who gave a figure ("the Pentagon said", "according to police", "organisers estimated"), and a key."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .referent import is_country, is_state, join_particles
from .sentences import figure_between

_VERBS = frozenset(
    """said says say estimated estimates estimate reported reports counted counts told announced confirmed
    confirms warned claimed claims claim believes believed stated added noted insisted maintained tallied
    recorded registered cited wrote posted disclosed revealed assessed put puts rated measured gave gives
    tallied counted logged listed spoke spoken suggested suggests indicated revised""".split())
# Between a source and its verb: "has", "also", "later", and "there" ("Police there said 50,000").
_SKIP_BEFORE_VERB = frozenset("has have had also later now earlier previously separately there".split())
_LOWER_SOURCE_WORDS = frozenset(
    """police organisers organizers officials authorities union unions rescuers analysts investigators ministry
    government agency company prosecutors witnesses residents doctors army military regime media council
    department office service spokesperson spokesman spokeswoman intelligence observers monitors medics
    hospital hospitals officers prefecture centre center institute observatory commission bureau presidency
    administration movement campaign campaigners activists opposition group groups coalition alliance association
    federation committee network charity""".split()) | frozenset(
    # modifiers that belong inside a source's name ("the interior ministry", "South Korea's spy agency")
    """spy interior finance health education foreign defence defense state national local federal disaster
    fire civil protection security intelligence emergency news relief home labour labor justice treasury
    statistics weather meteorological geological survey geophysical seismological management protest rights
    trade aid""".split())
_CONNECT = frozenset("of for the and 's de du".split())
_TOKEN = re.compile(r"[A-Za-z][\w.&-]*(?:['’]s)?|[^\sA-Za-z]")
_CLAUSE = re.compile(r";|,\s(?:while|whereas|but)\s|\swhile\s|\swhereas\s")
_LOWER_SOURCES = re.compile(r"\b(?:police|organi[sz]ers|officials|authorities)\b", re.I)
_GAPPED = re.compile(r"(?:,\s*|\s)(?:and|while|but|whereas)\s(?P<src>(?:the\s)?(?:police|organi[sz]ers|officials|"
                     r"authorities|the\sunions?|unions?))\s(?:about\s|around\s|some\s|nearly\s|more\sthan\s|up\sto\s|"
                     r"at\sleast\s|as\smany\sas\s)?$", re.I)
# Participles whose agent, after "by", gave the figure: "as measured by the USGS", "the scale used by".
_BY_SOURCE = frozenset("used measured reported compiled recorded issued released published given provided estimated "
                       "counted confirmed cited quoted".split())
_OWNER_BEFORE = re.compile(r"(?:\bthe\s+)?(?P<src>(?:[A-Z][\w.&-]*|[a-z]+)(?:\s(?:[A-Z][\w.&-]*|[a-z]+)){0,2})"
                           r"['’]s\s+"
                           r"(?P<noun>(?:own\s+)?(?:figure|count|estimate|tally|claim|number|total)\s+(?:of\s+)?)?"
                           r"(?:about\s|some\s|nearly\s|around\s|more than\s|roughly\s)?$")
_GENERIC_OWNERS = frozenset("country nation island state city region territory kingdom republic government".split())


_NOT_SOURCES = {"it", "he", "she", "they", "we", "i", "you", "this", "that", "which", "who", "there", "what"}
_TITLES = re.compile(
    r"\b(?:spokes(?:wo)?(?:man|person)|secretary|director|chief|head|official|officials|"
    r"press secretary|spokesperson|general|deputy|adviser|advisor|coordinator)\b.*$", re.I)
_ALIASES = {
    "organizers": "organisers", "organiser": "organisers", "organizer": "organisers",
    "the police": "police", "police officials": "police", "authorities": "authorities",
    "department of defense": "pentagon", "defense department": "pentagon", "us defense department": "pentagon",
    "nis": "national intelligence service", "south korea's spy agency": "national intelligence service",
    "south korea's national intelligence service": "national intelligence service",
    "seoul's spy agency": "national intelligence service", "south korean intelligence": "national intelligence service",
}


@dataclass(frozen=True, slots=True)
class Attribution:
    text: str
    key: str


def normalise_source(text: str) -> str:
    """A comparable key: lower case, no article or possessive, titles and names after the body dropped."""
    key = re.sub(r"[’]", "'", text).strip().lower()
    key = re.sub(r"^(?:the|a|an)\s+", "", key)
    key = re.sub(r"'s$", "", key).strip(" ,.;:")
    # The finance minister speaks for the finance ministry; names after the office are dropped.
    key = re.sub(r"\bminister\b.*$", "ministry", key)
    body = _TITLES.sub("", key).strip()  # "pentagon spokesperson sabrina singh" -> "pentagon"
    key = body or key
    key = re.sub(r"^(?:the|a|an)\s+", "", key).strip(" ,.")
    key = re.sub(r"'s$", "", key)  # "Apple's chief executive" -> apple
    if key in _ALIASES:
        return _ALIASES[key]
    # "Taiwan's Central Weather Administration" and "the island's Central Weather Administration" are one
    # source: a country's or "the country's" possessive before a body's name is not part of it.
    owner = re.match(r"^(?P<owner>[a-z][a-z .-]*?)'s\s+(?P<body>.+)$", key)
    if owner and (owner.group("owner") in _GENERIC_OWNERS or is_country(owner.group("owner"))):
        return owner.group("body")
    return key


def _is_source_word(token: str) -> bool:
    word = re.sub(r"['’]s?$", "", token.lower())  # "ministry's", "unions'" -> the noun
    return token[0].isupper() or word in _LOWER_SOURCE_WORDS or word.rstrip("s") in _LOWER_SOURCE_WORDS


_DATE_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec on in
    last late early earlier later since by at overnight today yesterday""".split())


def _after_dates(words: list[str]) -> list[str]:
    """Drop a leading date phrase: "On Monday the Pentagon" -> "the Pentagon"."""
    cut = 0
    for k, w in enumerate(words):
        if w.lower().rstrip(".,") in _DATE_WORDS or w.isdigit():
            cut = k + 1
    return words[cut:]


def _phrase_before(tokens: list[str], i: int) -> str:
    """The source noun phrase ending just before tokens[i] (its verb)."""
    j = i - 1
    # Skip what may stand between source and verb: "has", "also", or a date ("the ministry on Monday said").
    while j >= 0 and (tokens[j].lower() in _SKIP_BEFORE_VERB or tokens[j].lower().rstrip(".,") in _DATE_WORDS):
        j -= 1
    if j >= 1 and tokens[j].lower() in ("who", "which") and tokens[j - 1] == ",":
        j -= 2  # a relative clause on the source: "The organisers, who had announced 130,000, ..."
    elif j >= 0 and tokens[j] == ",":
        # An appositive between source and verb: "SNUipp-FSU, the largest teachers' union, put it at 70%".
        k = j - 1
        while k >= 0 and k > j - 12 and tokens[k] != ",":
            k -= 1
        if k >= 0 and tokens[k] == ",":
            named = tokens[k + 1:j]
            if named and all(t[:1].isupper() and _is_source_word(t) for t in named):
                return " ".join(named)  # "Amasra's mayor, Recai Cakir, told": the person named between
            j = k - 1
    words: list[str] = []
    while j >= 0 and len(words) < 7:
        tok = tokens[j]
        if _is_source_word(tok) or (tok.lower() in _CONNECT and words):
            words.insert(0, tok)
            j -= 1
        else:
            break
    words = _after_dates(words)
    while words and (words[0].lower() in _CONNECT - {"the"} or words[0].lower() in _SUBORDINATORS):
        words.pop(0)  # ("While Soylu said 110 ...": Soylu)
    return " ".join(words)


_SUBORDINATORS = frozenset("while when as although though but and after before because if since whereas".split())


def _phrase_after(tokens: list[str], i: int) -> str:
    """The source noun phrase starting at tokens[i] ("according to *the interior ministry*")."""
    words: list[str] = []
    j = i
    while j < len(tokens) and len(words) < 8:
        tok = tokens[j]
        if _is_source_word(tok) or (tok.lower() in _CONNECT):
            words.append(tok)
            j += 1
        elif re.fullmatch(r"[a-z]+['’]s", tok) and all(w.lower() in _CONNECT for w in words):
            j += 1  # "the island's Central Weather Administration": the owner is not the source's name
        else:
            break
    while words and words[-1].lower() in _CONNECT:
        words.pop()
    if words and words[0].lower().rstrip(".,") in _DATE_WORDS:
        return ""
    return " ".join(words)


_LOCAL_AUTHORITY = re.compile(
    r"\b(?P<place>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)\s(?:city\s)?(?i:police|prefecture|mayor|city hall|council|"
    r"fire department|municipality|governor)\b")


def local_scope(attribution: str) -> str:
    """The place a local authority speaks for ("Paris police" -> "Paris"); "" for national sources."""
    if is_state(attribution.strip()):
        return attribution.strip()  # "South Carolina has reported at least 25 deaths": the state's own count
    m = _LOCAL_AUTHORITY.search(attribution)
    place = re.sub(r"^(?:The|A|An)\s", "", m.group("place")) if m else ""
    if not place or place.split()[0] in ("The", "National", "State", "Federal"):
        return ""
    return "" if is_country(place) else place


def _possessive_source(before: str) -> str:
    """The owner of the figure right after `before`, when it gave it: "the prefecture's 30,000", "the CGT's
    claim of nearly a quarter of a million"; "" for a place's or a company's own figure ("Scotland's 57 seats"):
    a body or an acronym gives a figure, a name only with a word saying it is a count or a claim."""
    owner = _OWNER_BEFORE.search(before)
    words = owner.group("src").split() if owner else []
    while words and not _is_source_word(words[0]):
        words.pop(0)  # "compared with the CGT's claim of": the CGT
    if not words or not all(_is_source_word(w) for w in words) or " ".join(words).lower() in _NOT_SOURCES:
        return ""
    return " ".join(words) if owner.group("noun") or words[-1].islower() or words[-1].isupper() else ""


def find_attribution(sentence: str, start: int) -> Attribution:
    """The source of the figure starting at `start` in `sentence`; empty when the sentence names none."""
    # (names with particles whole: "the civil defence agency of Rio Grande do Sul said")
    found = _find_attribution(join_particles(sentence), start)
    return Attribution(found.text.replace("_", " "), found.key.replace("_", " "))


def _find_attribution(sentence: str, start: int) -> Attribution:
    # Gapping: "police later estimated 100,000, and organisers 350,000": a source right before the figure,
    # after "and", "while" or "but", gave it, with the verb of the clause before left out.
    gapped = _GAPPED.search(sentence[max(0, start - 60):start])
    if gapped:
        return Attribution(gapped.group("src"), normalise_source(gapped.group("src")))
    owner = _possessive_source(sentence[max(0, start - 80):start])
    if owner:
        return Attribution(owner, normalise_source(owner))
    matches = [(m.group(0), m.start()) for m in _TOKEN.finditer(sentence)]
    tokens = [t for t, _ in matches]
    candidates: list[tuple[int, str, int]] = []
    for i, (tok, pos) in enumerate(matches):
        low = tok.lower()
        phrase = ""
        if low == "according" and i + 1 < len(tokens) and tokens[i + 1].lower() == "to":
            phrase = _phrase_after(tokens, i + 2)
        elif low in _VERBS:
            phrase = _phrase_before(tokens, i)
            if not phrase and low in ("said", "says", "told", "estimated", "reported"):
                phrase = _phrase_after(tokens, i + 1)  # "..., said Pentagon spokesperson Sabrina Singh"
        elif low == "by" and i > 0 and tokens[i - 1].lower() in _BY_SOURCE:
            phrase = _phrase_after(tokens, i + 1)  # "7.2 on the scale used by the Central Weather Administration"
        elif low in ("by", "in") and i + 2 < len(tokens):
            # "by the CGT's count", "in the ministry's estimate"
            phrase = _phrase_after(tokens, i + 1)
            nxt = tokens[i + 1 + len(phrase.split())] if i + 1 + len(phrase.split()) < len(tokens) else ""
            if not (phrase.endswith(("'s", "’s")) and nxt.lower().rstrip(".") in ("count", "estimate", "tally", "figures", "figure")):
                phrase = ""
        phrase = phrase.strip()
        if phrase and phrase.lower().strip("'s’") not in _NOT_SOURCES and phrase.lower() not in ("the",):
            candidates.append((abs(pos - start), phrase, pos))
    if not candidates:
        return Attribution("", "")
    # A source in the figure's own clause beats a nearer one across "while" or a semicolon.
    clauses = [0] + [m.end() for m in _CLAUSE.finditer(sentence)] + [len(sentence) + 1]
    own = next((lo, hi) for lo, hi in zip(clauses, clauses[1:]) if lo <= start < hi)
    # (A source after another figure is that figure's: "put the number at 1.28m, against 3.5m according to the
    # CGT".)
    ranked = [(d if own[0] <= pos < own[1] and not figure_between(sentence, start, pos) else d + 10_000, src)
              for d, src, pos in candidates]
    src = min(ranked)[1].strip(" ,.;:")
    return Attribution(src, normalise_source(src))
