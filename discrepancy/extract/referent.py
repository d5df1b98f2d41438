"""What a figure counts or measures ("North Korean troops", "people killed"), and a key that compares.

Rules over the words around the number (no tagger, no model to download): the noun phrase right after the
number ("10,000 North Korean troops"), else the noun phrase it is "of" ("a death toll of 2,012"), with the
verb that makes "people" mean the dead or the injured. The key maps synonyms to one concept (troops ==
soldiers == forces; killed != injured) and adds qualifiers that change the quantity (a year earlier,
forecast, where).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Concept classes: any of these words in the referent (or the verb governing it) maps to the key.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "killed": ("killed", "dead", "deaths", "death", "died", "fatalities", "fatality", "lives", "bodies",
               "perished", "toll", "deceased", "kill", "dying", "victims", "killing", "kills", "die", "dies"),
    "injured": ("injured", "injuries", "wounded", "hurt", "injuring", "wounding", "injury", "hospitalised",
                "hospitalized"),
    "missing": ("missing", "unaccounted"),
    "displaced": ("displaced", "evacuated", "homeless", "evacuees", "evacuation", "shelters", "fled"),
    "troops": ("troops", "soldiers", "forces", "personnel", "servicemen", "troop", "soldier", "military"),
    "protesters": ("protesters", "protestors", "demonstrators", "marchers", "marched", "rallied", "turnout",
                   "strikers", "protested", "demonstrated", "march", "rally", "protest", "demonstration"),
    "events": ("marches", "rallies", "protests", "demonstrations", "strikes", "gatherings", "events"),
    "structures": ("structures", "buildings", "homes", "houses", "dwellings"),
    "revenue": ("revenue", "revenues", "sales", "turnover"),
    "profit": ("profit", "profits", "income", "earnings"),
    "buyback": ("buyback", "buybacks", "repurchase", "repurchases"),
    "package": ("package", "fund", "aid", "relief", "bailout", "stimulus"),
    "deficit": ("deficit", "shortfall", "gap"),
    "share price": ("shares", "stock"),
    "growth": ("growth",),
    "firefighters": ("firefighters", "firefighter", "crews"),
    "pilgrims": ("pilgrims", "worshippers", "hajjis"),
    "teachers": ("teachers", "teacher"),
    "magnitude": ("magnitude",),
    "containment": ("contained", "containment"),
}
_WORD_CONCEPT = {w: c for c, words in CONCEPTS.items() for w in words}
# What happened to people outranks who they were: "550 pilgrims died" counts the dead, not the pilgrims.
_EVENT_CONCEPTS = frozenset({"killed", "injured", "missing", "displaced"})
_PHRASE_CONCEPTS = [
    (re.compile(r"\b(?:took part|turned out|on the march|joined (?:the )?(?:march|protests?|rall(?:y|ies)|"
                r"demonstrations?|strikes?))\b", re.I), "protesters"),
    (re.compile(r"\b(?:on strike|walked out|struck)\b", re.I), "strikers"),
]
# Nouns that name a number rather than a thing counted ("put the count at 80,000").
_META_NOUNS = frozenset("""count figure figures tally estimate estimates number numbers total totals part place
    level levels rate amount sum""".split())
# Concepts decided by the verb rather than the noun ("killed 2,012 people").
_PEOPLE = {"people", "persons", "residents", "civilians", "individuals", "others", "children", "villagers",
           "passengers", "workers", "migrants", "adults", "men", "women"}
# Qualifiers that make two figures about the same noun different quantities.
_QUALIFIERS = [
    ("prior", re.compile(r"\b(?:a year (?:earlier|ago|before)|year-earlier|last year's|previous year|"
                         r"prior year|same (?:quarter|period) (?:a year|last year))", re.I)),
    ("expected", re.compile(r"\b(?:expect\w*|forecast\w*|guidance|projected|outlook|analysts?|estimates? "
                            r"(?:of|by) analysts|consensus|predicted)\b", re.I)),
    ("planned", re.compile(r"\b(?:plans? to|planned|will send|intends? to|pledged)\b", re.I)),
]
_STOP_AFTER = re.compile(
    r"^(?:to|in|into|at|on|for|from|by|with|and|or|but|had|have|has|were|was|are|is|be|been|who|which|that|"
    r"as|than|since|during|after|before|over|under|per|last|this|said|says|according|while|across|near|"
    r"of|the|a|an|it|its|their|his|her|so|because|when|where|if|about|toward|towards|more|less|already|"
    r"would|will|could|may|might|each|every|so-called)$",
    re.I,
)
_NOUN_OF_BEFORE = re.compile(
    r"(?P<np>(?:[\w'-]+\s){0,3}?[\w'-]+)\s(?:of|at|to|was|were|is|stood at|rose to|climbed to|reached|hit|"
    r"totalled|totaled|numbered|put at|reached some|stands at|jumped to|risen to|increased to|of about|"
    r"of around|of nearly|of more than|of some|of at least)\s*$",
    re.I,
)
_ARTICLES = re.compile(r"^(?:the|a|an|its|their|his|her|our|this|that|these|those|some)\s+", re.I)
# A place restricting the count: "400,000 people (had turned out) in Paris", "8,000 troops in the Kursk region".
_PLACE_AFTER = re.compile(
    r"^\s*(?:(?:had\s|have\s|were\s|are\s)?(?:marched|protested|rallied|turned out|gathered|demonstrated|"
    r"deployed|stationed|based|fighting|alone)\s)?(?:in|inside|across|throughout)\s(?:the\s)?"
    r"(?P<place>(?:[A-Z][\w'-]+\s?){1,3})", re.U)
_NATIONWIDE = re.compile(r"\b(?:nationwide|nationally|across the country|across (?:all of )?the nation|"
                         r"countrywide|around the country|throughout the country)\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NOT_PLACES = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
               "Sunday", "The", "A", "It", "This", "That"}


@dataclass(frozen=True, slots=True)
class Referent:
    text: str  # in the article's words
    key: str  # normalised concept (with qualifiers) for comparing across articles
    scope: str  # a place the figure is restricted to ("Paris"), "" when unrestricted


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][\w'-]*", text)


def _noun_phrase_after(after: str) -> list[str]:
    phrase = []
    for word in re.findall(r"[A-Za-z][\w'-]*|[^\sA-Za-z]", after)[:7]:
        if not word[0].isalpha() or _STOP_AFTER.match(word):
            break
        phrase.append(word)
    return phrase


def _lemma(word: str) -> str:
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


_MEASURE_WORDS = {"deep": "depth", "depth": "depth", "high": "height", "tall": "height", "height": "height",
                  "long": "length", "wide": "width", "width": "width", "away": "distance", "distance": "distance",
                  "north": "distance", "south": "distance", "east": "distance", "west": "distance",
                  "north-east": "distance", "north-west": "distance", "south-east": "distance",
                  "south-west": "distance", "northeast": "distance", "northwest": "distance",
                  "southeast": "distance", "southwest": "distance", "from": "distance", "off": "distance",
                  "rainfall": "rain", "rain": "rain", "level": "level", "burned": "burned", "scorched": "burned",
                  "charred": "burned", "consumed": "burned", "blackened": "burned", "area": "burned"}
_ANCHOR = re.compile(r"^[^.;:]{0,25}?\b(?:from|of|to)\s(?:the\s)?(?P<place>[A-Z][\w'-]+)")


def _measured_key(sentence: str, start: int, end: int, dimension: str) -> tuple[str, str]:
    """(text, key) for a physical measurement: what is measured, from the words around it."""
    before = sentence[:start]
    after = sentence[end:]
    words_after = [w.lower() for w in _words(after[:30])][:3]
    words_before = [w.lower() for w in _words(before[-40:])][-4:]
    concept = next((_MEASURE_WORDS[w] for w in words_after + list(reversed(words_before)) if w in _MEASURE_WORDS), "")
    anchor = _ANCHOR.match(after)
    place = anchor.group("place") if anchor and anchor.group("place") not in _NOT_PLACES else ""
    if place and concept in ("", "distance"):
        concept = "distance"
    key = "|".join(p for p in (dimension, concept) if p)
    if place and concept == "distance":
        key += f"@{place.lower()}"
    text = " ".join(p for p in (concept or dimension, f"from {place}" if place else "") if p)
    return text, key


def _concept_near(before: str, phrase: list[str], after: str) -> str:
    """The concept of the figure: an event word in its clause ("killed"), else its noun phrase's concept,
    else the nearest concept word before it in the clause, else just after it."""
    clause = re.split(r"[;:()]|,\s(?:while|but|and|whereas)\b|\bwhile\b", before)[-1]
    back = [w.lower() for w in _words(clause)][-14:]
    ahead_text = re.split(r"[;:()]|,\s(?:while|but|whereas)\b", after)[0]
    ahead = [w.lower() for w in _words(ahead_text)][len(phrase):len(phrase) + 6]
    near_back = [_WORD_CONCEPT[w] for w in reversed(back[-4:]) if w in _WORD_CONCEPT]
    near_ahead = [_WORD_CONCEPT[w] for w in ahead[:4] if w in _WORD_CONCEPT]
    in_phrase = [_WORD_CONCEPT[w.lower()] for w in phrase if w.lower() in _WORD_CONCEPT]
    for candidate in near_back[:1] + in_phrase + near_ahead[:1]:
        if candidate in _EVENT_CONCEPTS:
            return candidate
    if in_phrase:
        return in_phrase[0]
    for pattern, concept in _PHRASE_CONCEPTS:
        if pattern.search(ahead_text[:60]) or pattern.search(clause[-40:]):
            return concept
    for w in reversed(back):
        if w in _WORD_CONCEPT:
            return _WORD_CONCEPT[w]
    for w in ahead:
        if w in _WORD_CONCEPT:
            return _WORD_CONCEPT[w]
    return ""


def find_referent(sentence: str, start: int, end: int, dimension: str = "count",
                  published_year: int | None = None) -> Referent:
    """The referent of the figure at sentence[start:end] of `dimension` ("count", "currency", "area"...).

    The key is "" when nothing identifies what is counted: such a figure is never compared.
    """
    # Qualifiers count only near the figure: "plans to rehouse" later in the sentence is not about it.
    window = sentence[max(0, start - 80): end + 40]
    qualifiers = [name for name, pattern in _QUALIFIERS if pattern.search(window)]
    if published_year:
        # A figure in a sentence about an earlier year is history ("the 2015 quake killed nearly 9,000").
        past = sorted({y for y in map(int, _YEAR.findall(sentence)) if 1800 < y < published_year})
        if past:
            qualifiers.append(f"in {past[0]}")
    if dimension not in ("count", "currency", "percent"):
        text, key = _measured_key(sentence, start, end, dimension)
        return Referent(text=text, key="|".join([key] + qualifiers), scope="")
    after = sentence[end:]
    before = sentence[:start]
    if dimension == "percent":
        after = re.sub(r"^\s+of\s+(?:the\s+|all\s+)?", " ", after)  # "42% of primary teachers"
    phrase = _noun_phrase_after(after)
    if phrase and phrase[-1].lower() in _META_NOUNS:
        phrase = []
    text = " ".join(phrase)
    m = _NOUN_OF_BEFORE.search(before)
    before_np = _ARTICLES.sub("", m.group("np")) if m else ""
    concept = _concept_near(before, phrase, after)
    head = phrase[-1].lower() if phrase else ""
    if concept and (not phrase or head in _PEOPLE or _lemma(head) in _PEOPLE) and concept not in " ".join(phrase).lower():
        text = f"{text} {concept}".strip()
    if not text:
        text = before_np or concept
    if not concept:
        concept = _lemma(head) if head else ""
    scope = _scope(after[len(" ".join(phrase)) + 1:] if phrase else after)
    if not concept:
        return Referent(text=text.strip(), key="", scope=scope)
    key = "|".join([concept] + qualifiers)
    return Referent(text=text.strip(), key=key, scope=scope)


def _scope(after: str) -> str:
    if _NATIONWIDE.search(after[:40]):
        return ""
    m = _PLACE_AFTER.search(after)
    if not m:
        return ""
    place = m.group("place").strip()
    first = place.split()[0]
    if first in _NOT_PLACES or is_country(place):
        return ""  # a whole country is the story's default scope, not a restriction
    return place


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    import pycountry

    names = {"russia", "britain", "uk", "united states", "america", "us", "u.s.", "iran", "syria", "vietnam",
             "south korea", "north korea", "laos", "bolivia", "venezuela", "tanzania", "moldova", "taiwan",
             "the country", "the nation"}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                names.add(getattr(c, attr).lower())
    return frozenset(names)


def is_country(place: str) -> bool:
    return place.lower().removeprefix("the ").strip() in _country_names()
