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
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–,/]|\s-\s|\b(?:and|while|whereas|but|because|although|though|since|if|"
                           r"when|whose|which|who|that|how|what|where|why|says?|said|told|tells|according\s+to|such\s+as|including)\b"
                           r"|\bas(?=\s+(?:the|a|an|its|his|her|their|it|he|she|they|we|I)\b)")
_RELATIVE = frozenset("which who that whose".split())
_REPORTING = frozenset("said says say told tells reported reports added noted".split())
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
    slid sank shrank sink sinks shrinks dipped plummets slumps tumbles range ranges vary varies
    up down""".split())
_LEADING = frozenset("""however meanwhile still also now then today yesterday tonight last next this that these
    those year years month months week weeks day days in on at of by for from to with as according after before
    during since under over about around nearly almost so and or but the a an its their his her our your my
    it there here just only even overall altogether""".split())
_STOP = frozenset("""a an the of in on at to for from by with and or but as is are was were be been its it their his
    her our your my this that these those who which what than then there here some any all each per into over
    under about around nearly almost more less up down just only also very so such not no""".split())
_PRONOUNS = frozenset("it he she they we i you this that these those there one".split())


# Words ending in "ed" that are not verbs ("a speed of", "hundred").
_NOT_VERBS = frozenset("""speed speeds need seed feed greed breed creed steed shed bed red hundred hundreds sacred
    naked wicked kindred wretched rugged ragged jagged beloved aged ed""".split())
# Time words that follow a figure without being what it qualifies ("rise 10.1 percent next year").
_TIME_AFTER = re.compile(r"^\s*(?:next|last|this|each|every|a|an|per|on|in|by|since|from)?\s*(?:year|years|month|months|"
                         r"week|weeks|day|days|quarter|half|decade|century|morning|afternoon|evening|night|time|"
                         r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
# Adverbs that follow a figure without being what it qualifies ("30 degrees outside", "two years later").
_ADVERB_AFTER = re.compile(r"^\s*(?:outside|inside|later|earlier|ago|away|apart|ahead|behind|overall|today|"
                           r"yesterday|tonight|apiece|each|alone|altogether|instead|again)\b", re.IGNORECASE)
_PREPOSITIONS = frozenset("""after before since during while because through across against toward towards among
    between within without despite following amid amidst via than like unlike near behind beyond""".split())


_PAST = frozenset("""said told rose risen fell fallen grew hit reached stood sat saw made took gave got paid sold spent
    won lost came went ran led left meant found showed shown brought kept held bought built began begun became
    slid sank shrank""".split())


# "Blackmores up 9.4 per cent", "shares down 3%": news shorthand for rose / fell; never part of a noun.
_PARTICLES = frozenset(("up", "down"))


def _is_verb(word: str, previous: str) -> bool:
    w = word.lower()
    if w in _AUXILIARIES:
        return True
    if w in _VERBS:
        p = previous.lower()
        if (w not in _PAST and w not in _PARTICLES and not w.endswith("s") and p and p not in _STOP
                and p not in _PRONOUNS
                and not (p.endswith("s") and not previous[:1].isupper()) and not p.endswith("ly")
                and p not in _VERBS and not p[0].isdigit()):
            return False  # "the US trade deficit", "a pay rise": a base form after a noun is part of the noun
        return True
    if w in _NOT_VERBS:
        return False
    if previous.lower() in ("the", "a", "an", "its", "their", "his", "her", "our"):
        return False  # "the revised figure": a participle used as an adjective
    return len(w) > 4 and w.endswith("ed") and not word[:1].isupper()


def _is_clear_verb(word: str) -> bool:
    """Auxiliaries, reporting verbs and past forms: verbs that are never the noun of a phrase ("pay rise",
    "a run of", "in gains" hold words that are verbs elsewhere)."""
    w = word.lower()
    return w in _AUXILIARIES or w in _REPORTING or (len(w) > 4 and w.endswith("ed") and w not in _NOT_VERBS)


# Words in "-ly" that are nouns or adjectives rather than adverbs ("the family's", "daily sales").
_LY_NOT_ADVERBS = frozenset("""early daily weekly monthly quarterly yearly hourly nightly family supply assembly rally
    ally anomaly monopoly elderly friendly holy reply belly jelly bully lily july italy""".split())


def _is_adverb(word: str) -> bool:
    """"allegedly", "previously": a manner or time adverb says how, never what ("Duly" the name stays)."""
    return len(word) > 4 and word.endswith("ly") and word.islower() and word not in _LY_NOT_ADVERBS


def _content(words: list[str]) -> list[str]:
    """Words that can name a concept: no stop words, no adverbs and no figures, bare or glued ("40-year-old",
    "5.2-litre")."""
    return [w for w in words if w.lower() not in _STOP and not w[0].isdigit() and not _is_adverb(w)
            and w.lower() not in _UNIT_LEFTOVERS]


# The tail of a compound unit the figure's own words leave behind ("80km/h in about 8 seconds", "100km/hr").
_UNIT_LEFTOVERS = frozenset("h hr hrs s sec secs min mins km kph mph m".split())


def _subject(clause: str) -> list[str] | None:
    """The noun phrase before the first verb of the clause ahead of the figure ("the US trade deficit hit
    its highest level ... having increased by" -> US trade deficit), less leading adverbs and time phrases;
    [] when the subject is a pronoun or "there", or a verb opens the clause ("spending $12,000"); None when
    no verb precedes the figure (the figure sits in the subject itself)."""
    words = _WORD.findall(clause)
    verbs = [i for i, w in enumerate(words) if _is_verb(w, words[i - 1] if i else "")]
    if words and words[0].lower().endswith("ing") and len(words[0]) > 4 and not words[0][:1].isupper():
        verbs.insert(0, 0)  # a participle opens the clause: ", spending $12,000"
    if not verbs:
        return None
    subject = words[:verbs[0]]
    while subject and subject[0].lower() in _LEADING:
        subject.pop(0)
    content = _content(subject)
    if not content or all(w.lower() in _PRONOUNS for w in content):
        return []
    return content[-8:]


def _noun_phrase_before(clause: str) -> list[str]:
    """The words naming the figure in a verbless clause ("RHP John Gant (0.5 WAR)", "floor area ≈ 32m2",
    "FTSE -0.6%"): content words after the clause's last number."""
    tail = re.split(r"\d[\d,.%]*[A-Za-z/]*", clause)[-1]
    words = [w for w in _WORD.findall(tail) if not w[0].isdigit()]
    while words and words[0].lower() in _LEADING:
        words.pop(0)
    content = [w for w in _content(words) if w.lower() not in _PREPOSITIONS
               and w.lower() not in ("lower", "higher", "less", "more", "fewer", "greater")]
    if all(w.lower() in _PRONOUNS for w in content):
        return []
    return content[-6:]


def _noun_after(after: str, percent: bool, currency: bool = False) -> list[str]:
    """"51 per cent stake", "$3500 a month mortgage", "60% of its revenue", "$1 billion in gains": the noun
    the figure qualifies."""
    # "60% of its revenue", "1,000 megawatts of capacity", "450 Nm (332 lb-ft) of torque": what the figure is
    # an amount of (past a bracketed conversion).
    after = re.sub(r"^\s*(?:\([^()]*\)\s*)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?", " ", after, flags=re.I)
    if currency:  # "$1 billion in gains", "$12,000 for a new roof", "$52,000 for CN", "$9,000 for a 6 kW system"
        after = re.sub(r"^\s*(?:in|for|on)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
                       r"(?:\d[\d,.]*\s?[A-Za-z]{0,3}\s+(?=[a-z]))?(?=[A-Za-z])", " ", after)
    after = re.sub(r"^\s*(?:a|an|per)\s+(?:month|year|week|day|share)\b", " ", after)
    after = re.sub(r"^[A-Za-z/]*(?:\s*-?\s*(?:years?|months?)?\s*-?\s*old\b)?", " ", after)  # "1.0l", "60 year-old"
    if _TIME_AFTER.match(after) or _ADVERB_AFTER.match(after):
        return []
    phrase: list[str] = []
    words = _WORD.findall(re.split(r"[,;:()]", after, maxsplit=1)[0])[:6]
    for i, w in enumerate(words):
        lw = w.lower()
        following = words[i + 1].lower() if i + 1 < len(words) else ""
        if lw in _STOP or lw in _PREPOSITIONS or _is_clear_verb(w) or lw.endswith("ing") or w[0].isdigit() \
                or (lw in _VERBS and following in _STOP):  # "1 percent see the economy"; but "a 5% pay rise"
            break
        phrase.append(w)
        if lw.endswith("s") and len(phrase) >= 1 and not w[0].isupper():
            break  # the plural noun heads the phrase
    return phrase[:4]


def _compound_rest(after: str, unit_words: frozenset[str]) -> list[str]:
    """"the 12 page document", "a 3 cylinder engine", "6 million homes nationwide": the words that follow
    the counted noun in the same noun phrase name what the count belongs to."""
    words = _WORD.findall(re.split(r"[,;:()]", after, maxsplit=1)[0])[:6]
    skipped = 0
    while skipped < len(words) and words[skipped].lower() in unit_words:
        skipped += 1
    if not skipped:
        return []
    phrase: list[str] = []
    for w in words[skipped:]:
        lw = w.lower()
        if lw in _STOP or lw in _PREPOSITIONS or lw in _VERBS or lw in _PAST or _is_clear_verb(w) \
                or lw.endswith(("ing", "ly")) or w[0].isdigit():
            break
        phrase.append(w)
    return phrase[:3]


_OF_BEFORE = re.compile(r"((?:[\w&'-]+\s+){1,5})(?:of|worth|valued\s+at|priced\s+at|totall?ing|amounting\s+to)\s+"
                        r"(?:about|around|roughly|nearly|almost|some|just|more than|"
                        r"less than|over|under|up to|at least|an estimated|as many as|as much as)?\s*"
                        r"(?:US\$|\$US|HK\$|A\$|\$|€|£|¥)?\s*$", re.IGNORECASE)


def _of_noun(before: str) -> list[str]:
    """"a net worth of", "sales of about", "a grant worth up to": the noun phrase the figure is a value of."""
    m = _OF_BEFORE.search(before)
    if not m:
        return []
    phrase: list[str] = []
    for w in reversed(m.group(1).split()):
        if w.lower() in _STOP or _is_clear_verb(w):
            if phrase:
                break
            continue
        phrase.insert(0, w)
    return phrase[-4:]


_AGE_OF = re.compile(r"((?:[\w'-]+\s+){1,4})(?:over|under|above|below|past|beyond|aged)\s+the\s+age\s+of\s+$",
                     re.IGNORECASE)
_SCALE_WORDS = frozenset("hundred hundreds thousand thousands million millions billion billions".split())


def _age_of(before: str) -> list[str]:
    """"17 players over the age of", "children under the age of": whose age the figure bounds."""
    m = _AGE_OF.search(before)
    if not m:
        return []
    phrase: list[str] = []
    for w in reversed(m.group(1).split()):
        if w.lower() in _STOP or w.lower() in _SCALE_WORDS or w[0].isdigit() or _is_clear_verb(w):
            break
        phrase.insert(0, w)
    return phrase[-3:]


def _antecedent(before: str) -> list[str]:
    words = _WORD.findall(before)[-5:]
    if not words or _is_verb(words[-1], words[-2] if len(words) > 1 else ""):
        return []  # "said that", "found that": a reported clause, not a relative one
    phrase: list[str] = []
    for w in reversed(words):
        if w.lower() in _STOP or _is_verb(w, "") or w[0].isdigit():
            break
        phrase.insert(0, w)
    return phrase


_CONVERSION = re.compile(r"([$€£¥]?\d[\d,.]*\s?(?:[A-Za-z$€£%]{0,12}\s?){0,2}\s*)[(/]\s*(?:US\$|\$|€|£|¥)?\s*$")


_ASIDE = re.compile(r"\([^()]*\)")
# A wire dateline opening the sentence: "SINGAPORE:", "TORONTO -", "NEW DELHI (Reuters) -". It names where
# the story was filed, not what a figure is about. (A short acronym before a colon, "GDP: 2.1%", is a label.)
_DATELINE = re.compile(r"^(?:[A-Z][A-Z.']{4,}(?:\s[A-Z][A-Z.']+)*(?:\s*\([^()]*\))?\s*:"
                       r"|[A-Z][A-Z.']{2,}(?:\s[A-Z][A-Z.']+)*(?:,\s[A-Z][\w.]+)?(?:\s*\([^()]*\))?\s+[-–—])\s")


def _mask_asides(sentence: str, start: int) -> str:
    """Blank out closed brackets before the figure ("European automakers (.SXAP) slid 4.8%"): an aside is
    not a clause, and the subject stands before it. Offsets are kept; a figure inside brackets is untouched."""
    return _ASIDE.sub(lambda m: " " * len(m.group(0)) if m.end() <= start else m.group(0), sentence)


_TIME_WORDS = frozenset("""january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    today yesterday tomorrow tonight morning afternoon evening night day days week weeks month months year years
    quarter decade early late mid""".split())
_ADVERBIAL_PREPOSITIONS = frozenset("on in at by for of with after before during over under".split())


def _is_adverbial(clause: str) -> bool:
    """A short prepositional phrase set off by commas ("on average", "in all", "by contrast")."""
    words = _WORD.findall(clause)
    return 2 <= len(words) <= 3 and words[0].lower() in _ADVERBIAL_PREPOSITIONS \
        and not any(w[0].isdigit() for w in words)


def referred_concepts(sentence: str, start: int, end: int, exclude: frozenset[str] = frozenset(),
                      percent: bool = False, count: bool = False, currency: bool = False) -> list[str]:
    """Concept phrases for the figure at sentence[start:end]: the noun it is "of", the noun it qualifies
    ("a 51 per cent stake"), then the subject of its clause (else of an earlier one); words in `exclude`
    (the unit) are left out. [] when none is found."""
    sentence = _mask_asides(sentence, start)
    dateline = _DATELINE.match(sentence)
    if dateline and dateline.end() <= start:
        sentence = " " * dateline.end() + sentence[dateline.end():]
    before = sentence[:start]
    conversion = _CONVERSION.search(before)
    if conversion:  # "$1.2 billion (€1.1 billion)": the converted figure is about what the first is about
        first_end = conversion.start() + len(conversion.group(1).rstrip())
        return referred_concepts(sentence, conversion.start(), first_end, exclude, percent, count, currency)
    found: list[list[str]] = []
    of = _age_of(before) or _of_noun(before)
    if of:
        found.append(of)
    if not count:
        qualified = _noun_after(sentence[end:], percent, currency)
        if qualified:
            found.append(qualified)
    else:
        rest = _compound_rest(sentence[end:], exclude)
        if rest:
            found.append(rest)
    # The subject of the figure's own clause; a verbless clause ("RHP John Gant (0.5 WAR)") is named by its
    # words; a clause whose subject is missing or a pronoun ("..., doubling it to 256GB", "it has") belongs
    # to the one before it.
    matches = list(_CLAUSE_BREAK.finditer(sentence, 0, start))
    breaks = [(0, "")] + [(m.end(), m.group(0).lower()) for m in matches]
    starts = [0] + [m.start() for m in matches]
    verbless = True
    for at, opener in reversed(breaks):
        clause = sentence[at:start]
        if _is_adverbial(clause):
            continue  # "the temperature was, on average, 2.14degF": an inserted phrase names nothing
        subject = _subject(clause)
        if subject is None and verbless:
            subject = _noun_phrase_before(clause)
        elif subject is not None:
            if not subject and verbless and opener in _RELATIVE:
                # "a squad that contained just 17 players", "the condos, which range from": the relative
                # clause is about the noun before it
                subject = _antecedent(sentence[:starts[breaks.index((at, opener))]])
            verbless = False
        if subject:
            found.append(subject)
            break
    phrases: list[str] = []
    for words in found:
        kept = [w for w in words if w.lower() not in exclude]
        if all(w.lower() in _TIME_WORDS for w in kept):
            continue  # "for 92 million yuan in November", "per month": a date or period is when, not what
        if kept and " ".join(kept) not in phrases:
            phrases.append(" ".join(kept))
    return phrases
