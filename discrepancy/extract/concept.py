"""What a figure is about, in NewsQuant's sense: the noun it is "of" and the subject of its clause.

"a net worth of 1.356 billion" is about the net worth; "Nvidia advanced 8%" about Nvidia; "Departure
angle was just as impressive at 37.5 degrees" about the departure angle. Where `referent` says what a
figure counts (troops, people killed), this says whose figure it is. Rules over words, no tagger: a
clause runs from the last clause break before the figure, and its subject is the words before its first
verb.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z0-9][\w&.'-]*[\w&]|[A-Za-z0-9]")
# Where a clause starts: punctuation that ends one, and conjunctions or relatives that open the next.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–,]|\s-\s|\b(?:and|while|whereas|but|because|although|though|since|if|"
                           r"when|whose|which|who|that)\b")
_AUXILIARIES = frozenset("""is are was were be been being has have had will would shall should can could may might
    must do does did 's""".split())
_VERBS = frozenset("""said says say told tells rose rises rise risen fell falls fall fallen grew grows grow hit hits
    reached reaches stood stands sat sits saw sees see made makes make took takes take gave gives give got gets
    paid pays pay sold sells sell spent spends spend cost costs won wins lost loses lose came comes come went
    goes go ran runs run spin spins set sets put puts led leads left leaves meant means found finds shows
    show showed shown brought brings kept keeps held holds bought buys built builds began begins begun became
    becomes become fetch fetches earned earns offers offer needs need wants want plans plan aims expects expect
    estimates estimate contains contain includes include totals total averages trades trade drops drop gains
    gain climbs climb jumps jump slips slip surges surge plunges plunge soars soar tops top ends end closes
    opens doubles tripled triples halves accounts account represents represent covers cover produces produce
    employs employ carries carry serves serve remains remain stays stay looks look seems seem feels feel
    up down""".split())
_LEADING = frozenset("""however meanwhile still also now then today yesterday tonight last next this that these
    those year years month months week weeks day days in on at of by for from to with as according after before
    during since under over about around nearly almost so and or but the a an its their his her our your my
    it there here just only even overall altogether""".split())
_STOP = frozenset("""a an the of in on at to for from by with and or but as is are was were be been its it their his
    her our your my this that these those who which what than then there here some any all each per into over
    under about around nearly almost more less up down just only also very so such not no""".split())
_PRONOUNS = frozenset("it he she they we i you this that these those there one".split())


def _is_verb(word: str, previous: str) -> bool:
    w = word.lower()
    if w in _AUXILIARIES or w in _VERBS:
        return True
    if previous.lower() in ("the", "a", "an", "its", "their", "his", "her", "our"):
        return False  # "the revised figure": a participle used as an adjective
    return len(w) > 4 and w.endswith("ed") and not word[:1].isupper()


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in _STOP and not w.replace(",", "").replace(".", "").isdigit()]


def _subject(clause: str) -> list[str]:
    """The noun phrase before the last verb of the clause ahead of the figure ("MIT researchers say
    nuclear fusion will feed the grid in 15 years" -> nuclear fusion), less leading adverbs and time
    phrases; [] when no verb precedes the figure (it sits in the subject itself) or the subject is a
    pronoun or "there"."""
    words = _WORD.findall(clause)
    verbs = [i for i, w in enumerate(words) if _is_verb(w, words[i - 1] if i else "")]
    if not verbs:
        return []
    last = verbs[-1]
    while last - 1 in verbs:  # "has been", "will be": the first word of the verb group
        last -= 1
    earlier = [i for i in verbs if i < last]
    subject = words[(earlier[-1] + 1 if earlier else 0):last]
    while subject and subject[0].lower() in _LEADING:
        subject.pop(0)
    content = _content(subject)
    if not content or all(w.lower() in _PRONOUNS for w in content):
        return []
    return content[-8:]


def _noun_after(after: str, percent: bool) -> list[str]:
    """"51 per cent stake", "$3500 a month mortgage", "60% of its revenue": the noun the figure qualifies."""
    if percent:
        after = re.sub(r"^\s*of\s+(?:the\s+|its\s+|their\s+|all\s+)?", " ", after, flags=re.I)
    after = re.sub(r"^\s*(?:a|an|per)\s+(?:month|year|week|day|share)\b", " ", after)
    phrase: list[str] = []
    for w in _WORD.findall(re.split(r"[,;:()]", after, maxsplit=1)[0])[:6]:
        if w.lower() in _STOP or _is_verb(w, "") or w.lower().endswith("ing") or w[0].isdigit():
            break
        phrase.append(w)
        if w.lower().endswith("s") and len(phrase) >= 1 and not w[0].isupper():
            break  # the plural noun heads the phrase
    return phrase[:4]


_OF_BEFORE = re.compile(r"((?:[\w&'-]+\s+){1,5})of\s+(?:about|around|roughly|nearly|almost|some|just|more than|"
                        r"less than|over|under|up to|at least|an estimated|as many as|as much as)?\s*"
                        r"(?:US\$|\$US|HK\$|A\$|\$|€|£|¥)?\s*$", re.IGNORECASE)


def _of_noun(before: str) -> list[str]:
    """"a net worth of", "sales of about": the noun phrase the figure is a value of."""
    m = _OF_BEFORE.search(before)
    if not m:
        return []
    phrase: list[str] = []
    for w in reversed(m.group(1).split()):
        if w.lower() in _STOP or _is_verb(w, ""):
            if phrase:
                break
            continue
        phrase.insert(0, w)
    return phrase[-4:]


_CONVERSION = re.compile(r"([$€£¥]?\d[\d,.]*\s?[A-Za-z$€£%]{0,12}\s*)\(\s*(?:US\$|\$|€|£|¥)?\s*$")


def referred_concepts(sentence: str, start: int, end: int, exclude: frozenset[str] = frozenset(),
                      percent: bool = False, count: bool = False) -> list[str]:
    """Concept phrases for the figure at sentence[start:end]: the noun it is "of", the noun it qualifies
    ("a 51 per cent stake"), then the subject of its clause (else of an earlier one); words in `exclude`
    (the unit) are left out. [] when none is found."""
    before = sentence[:start]
    conversion = _CONVERSION.search(before)
    if conversion:  # "$1.2 billion (€1.1 billion)": the converted figure is about what the first is about
        return referred_concepts(sentence, conversion.start(), conversion.start() + 1, exclude, percent, count)
    found: list[list[str]] = []
    of = _of_noun(before)
    if of:
        found.append(of)
    if not count:
        qualified = _noun_after(sentence[end:], percent)
        if qualified:
            found.append(qualified)
    # The figure's own clause first; a clause without a subject of its own ("..., doubling it to 256GB",
    # "and rose 5%") belongs to the one before it.
    breaks = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    for at in reversed(breaks):
        subject = _subject(sentence[at:start])
        if subject:
            found.append(subject)
            break
    phrases: list[str] = []
    for words in found:
        kept = [w for w in words if w.lower() not in exclude]
        if kept and " ".join(kept) not in phrases:
            phrases.append(" ".join(kept))
    return phrases
