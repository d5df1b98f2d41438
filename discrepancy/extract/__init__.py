"""Extract: an `Article` in, its `Mention`s out (quantity, interval, unit, referent, attribution, as-of).

Only sentences holding a numeral or a number word reach quantulum3, and only that sentence is passed in:
the parser's unit classifier stems all the text it is given, once per ambiguous unit, so a sentence costs
a fraction of an article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from ..config import ExtractConfig
from ..records import Article, Mention
from .asof import stated_as_of
from .attribution import find_attribution, local_scope
from .hedges import interval
from .noise import is_age, is_noise
from .quantulum import NUMBER_WORDS, RawQuantity, parse_sentence
from .referent import (EVENT_CONCEPTS, META_FIGURE_BEFORE, OWNER_QUALIFIER, SOFT, counts_people, find_referent,
                       is_country, is_state, no_place, places_named, seat_qualifiers, split_key, topic_concept)
from .sentences import split_sentences
from .units import normalise

__all__ = ["AGE_UNIT", "extract_mentions", "has_number"]

AGE_UNIT = "year of age"
# A digit or a vulgar fraction ("½ mile"): what a numeral needs to hold for quantulum3 to read it (its
# number pattern is \d or these; superscripts and circled digits alone never parse).
_DIGIT = re.compile("[\\d\u00bc-\u00be\u2150-\u215e]")



def has_number(sentence: str) -> bool:
    """True when the sentence holds a numeral or a number word (only those are worth parsing)."""
    return _DIGIT.search(sentence) is not None or NUMBER_WORDS.search(sentence) is not None


def _mention(article: Article, sent_start: int, sentence: str, raw: RawQuantity, config: ExtractConfig) -> Mention | None:
    span = interval(raw, sentence, rounding=config.rounding)
    unit, dimension, factor, offset = (AGE_UNIT, "age", 1.0, 0.0) if raw.unit == AGE_UNIT else normalise(raw.unit)
    if dimension == "dimensionless":
        return None  # "a decade", "a dozen" units pint calls pure numbers: quantulum3 misread a word
    referent = find_referent(sentence, raw.start, raw.end, dimension, article.published.year, article.published.month)
    attribution = find_attribution(sentence, raw.start)
    start, end = sent_start + span.start, sent_start + span.end
    stated = stated_as_of(sentence, raw.start, article.published)
    # Key layout: "concept|qualifier...@scope". A key without a concept ("|expected@paris") marks a figure
    # whose qualifiers or place are known but not what it counts (see _inherit_referents).
    # The place of a local source ("Paris police said", "officials in Ishikawa prefecture said") restricts
    # softly: Paris police count Paris's march, but a prefecture may speak for the whole disaster.
    authority = local_scope(attribution.text)
    # (A state reporting its own count restricts it: "South Carolina has reported at least 25 deaths".)
    scope = referent.scope or ((authority if is_state(authority) else SOFT + authority) if authority else "")
    key = f"{referent.key}@{scope.lower()}" if scope else referent.key
    return Mention(
        article_id=article.id,
        start=start,
        end=end,
        surface=article.text[start:end],
        sentence=sentence,
        sentence_start=sent_start,
        value=span.value * factor + offset,
        low=span.low * factor + offset,
        high=span.high * factor + offset,
        unit=unit,
        dimension=dimension,
        change=span.change,
        referent=referent.text,
        referent_key=key,
        attribution=attribution.text,
        attribution_key=attribution.key,
        as_of=stated or article.published.date(),
        source=article.source,
        as_of_stated=stated is not None,
    )


def _comparable_size(a: Mention, b: Mention) -> bool:
    """Figures of one quantity are within a factor of 50 of each other (80,000 vs 400,000, 296 vs 2,946);
    "work until 64" after "80,000 marchers" is about something else."""
    lo, hi = sorted((abs(a.value), abs(b.value)))
    return lo > 0 and hi / lo <= 50


# A paragraph opening its sentence with a place ("In Hamburg, the gap opened on Friday.") sets where the
# figures after it hold, until the paragraph ends.
_FRAME = re.compile(r"^\s*In\s(?:neighbou?ring\s)?(?P<place>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?),")
# Where the article is set: "HAMBURG — A rally against right-wing extremism in Hamburg was called off".
# A soft scope: it restricts a figure only in a story that gives the same count for several places (a
# weekend of rallies in many cities), never in a story about one place (see cluster._claim_keys).
_DATELINE = re.compile(r"^(?P<city>[A-Z][A-Z .,'-]+)(?:\([^)]*\))?\s*[—–-]\s*")


# "Officials there counted 155", "Police there said 50,000": a place named just before.
_THERE = re.compile(r"\b(?:officials|police|authorities|rescuers|residents|organisers|organizers|people|"
                    r"figures|counts?)\sthere\b", re.I)


_THE_LOCAL = frozenset({"city", "town"})


def _dateline_city(text: str) -> str:
    """The city of the article's dateline ("MARSEILLE — ..."), whether or not its lead names it again."""
    dateline = _DATELINE.match(text[:80])
    city = dateline.group("city").strip(" ,").split(",")[0].strip().title() if dateline else ""
    return "" if not city or is_country(city) else city


def _setting(text: str, city: str) -> str:
    """The city an article is set in, lower-cased, or "": its dateline `city`, when its first sentence names the
    same place ("HAMBURG — A rally ... in Hamburg was called off"). A lead's "in Europe" in a feature, or a
    dateline over a country-wide roundup ("FRANKFURT — ... in cities across Germany"), sets nothing."""
    first = next(iter(split_sentences(text)), None)
    return city.lower() if city and first and city in places_named(text[first[0]:first[1]]) else ""


def _paragraph_place(places: list[str]) -> str:
    """The one city or region a paragraph's opening sentence names (`places`: "The protests followed a rally in
    Hamburg on Friday evening"), lower-cased, or "" when it names none, several, or a country."""
    local = {p for p in places if not is_country(p)}
    return local.pop().lower() if len(local) == 1 else ""


# "just under 296 hp (224 kW / 300 PS)", "more than 19 inches (480 mm)": a conversion in parentheses, or after
# a slash inside them, restates the figure before it, hedge and all. (Not a count or a share: "more than 200
# people (40 of them children)" is a part, not a restatement.)
_CONVERSION_GAP = re.compile(r"^[^\d();,]{0,16}?\s*(?:\(|/)\s*(?:about\s+|approx\.?\s+)?$")
_HEDGED = frozenset({"<", ">", "<=", ">=", "~"})


def _carry_hedges(mentions: list[Mention], text: str) -> list[Mention]:
    """Mentions of one sentence, where a conversion takes the hedge of the figure it converts."""
    out: list[Mention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if prev is not None and mention.change == "=" and prev.change in _HEDGED \
                and mention.dimension == prev.dimension \
                and mention.dimension not in ("temperature", "count", "percent") \
                and prev.value and _CONVERSION_GAP.match(text[prev.end:mention.start]):
            ratio = mention.value / prev.value
            low, high = sorted((prev.low * ratio, prev.high * ratio))
            mention = replace(mention, change=prev.change, low=min(low, mention.low), high=max(high, mention.high))
        out.append(mention)
    return out


def _unabsorbed(mentions: list[Mention]) -> list[Mention]:
    """Mentions not inside another's span: "between 275,000 and 325,000" is one range, and its first end,
    which the parser also gave as a figure, is no figure of its own."""
    return [m for m in mentions if not any(o is not m and o.start <= m.start and m.end <= o.end
                                           and (o.start, o.end) != (m.start, m.end) for o in mentions)]


_NAMED_ONCE = frozenset({"count", "currency", "percent"})
_SENTENCE_BOUND = frozenset({"prior", "expected", "planned"})  # qualifiers of one clause's time


# Verbs of a money transaction right before a sum: "Boeing raised about $21.1 billion", "paid $35,538".
_TRANSACTION_BEFORE = re.compile(r"\b(?:raised|raising|paid|paying|spent|spending|invested|investing|borrowed|"
                                 r"borrowing|received|bought|sold|earned|donated|pledged|repaid)\s+"
                                 r"(?:about\s|some\s|around\s|nearly\s|more than\s|almost\s|roughly\s|over\s)?$",
                                 re.I)


# A move with a subject of its own right before the figure: "Azure grew 28%", "the Productivity and Business
# Processes segment, which includes Office, grew to $19.2 billion", "Exports fell 3%".
_OWN_SUBJECT_MOVE = re.compile(
    r"(?:^|[.;:]\s+|,\s+(?:and|while|but|whereas)\s+|\s(?:and|while|but|whereas)\s+)"
    r"(?P<subject>(?:[\w&'’-]+\s+){0,6}?[\w&'’-]+)(?:,\s[^,]{1,80},)?\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:grew|grown|rose|risen|fell|fallen|climbed|jumped|slipped|dropped|declined|increased|decreased|gained|surged|"
    r"slumped|shrank|edged\s+(?:up|down|higher|lower))\s+(?:by\s+|to\s+)?"
    r"(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|more\s+than\s+|some\s+|just\s+(?:over|under)\s+)?$",
    re.I)
# Subjects that name no thing of their own: the figure is the topic's, told again or updated.
_META_SUBJECTS = frozenset("""it this that they he she figure figures number numbers total tally count toll estimate
    estimates amount sum one""".split())


# Words a subject does not end on: "... and the" is no subject, a relative pronoun opens a clause.
_DANGLING = frozenset("the a an and of its their his her which who".split())


def _own_subject(before: str) -> bool:
    """A move verb right before the figure has a subject of its own (not "it", not "the figure")."""
    m = _OWN_SUBJECT_MOVE.search(before)
    if not m:
        return False
    words = [w.lower() for w in m.group("subject").split()]
    return not any(w in _META_SUBJECTS for w in words) and words[-1] not in _DANGLING


def _says_what_it_is(mention: Mention, concept: str) -> bool:
    """A figure that says what it is of its own is no bare figure for the concept named before it: people
    ("about 180,000 people were under orders to evacuate") after a count of things ("12,000 structures"),
    money raised, paid or spent ("Boeing raised about $21.1 billion") after a loss, or money and shares that
    a named subject moved to ("Azure grew 28%") after another line's figures."""
    before = mention.sentence[:mention.start - mention.sentence_start]
    if mention.dimension in ("currency", "percent") and _own_subject(before):
        return True
    if mention.dimension == "currency":
        return bool(_TRANSACTION_BEFORE.search(before))
    if re.search(r"\btimes$", mention.surface) or \
            re.match(r"\s*times\b", mention.sentence[mention.end - mention.sentence_start:]):
        return True  # "erupted at least eight times": how often, not one more of the dead
    words = mention.referent.split()
    return bool(words) and counts_people(words[-1]) and not (concept in EVENT_CONCEPTS or counts_people(concept))


def _inherit_referents(found: list[tuple[int, Mention]], topics: dict[tuple[int, int], str]) -> list[Mention]:
    """A bare figure takes the concept of the figure before it in the same or the two previous sentences.

    News prose names the thing once and then gives the other side's figure bare: "Police counted 80,000
    marchers; the CGT said 400,000." The inherited concept keeps both in one claim; the figure's own
    qualifiers and place stay its own. A meta figure ("gave a figure of 141") no figure before it names takes
    the concept its paragraph was about (`topics`).
    """
    result: list[Mention] = []
    # Per dimension, the named figures so far: "Five days later" must not stand between. The nearest one of
    # comparable size is the one a bare figure answers ("1,120,000 marched ... raise the age to 64. The CGT
    # counted more than two million": the two million answers the marchers, not the age).
    named: dict[str, list[tuple[int, Mention]]] = defaultdict(list)
    for index, mention in found:
        concept, qualifiers, scope = split_key(mention.referent_key)
        # An attributed bare figure ("Police reported 80,000 in Paris") is a claim about the topic at hand:
        # it may look a little further back for what it counts.
        reach = 4 if mention.attribution_key else 2
        last = next((p for p in reversed(named[mention.dimension])
                     if index - p[0] <= reach and _comparable_size(p[1], mention)), None)
        # A bare length or area says nothing of what it measures: "around 95km to the north" after "a depth
        # of 18 km" is a distance. Counts, money and shares are what prose names once and then gives bare.
        if mention.dimension in _NAMED_ONCE and not concept and last is not None \
                and not _says_what_it_is(mention, split_key(last[1].referent_key)[0]):
            p = last[1]
            p_concept, p_qualifiers, p_scope = split_key(p.referent_key)
            if index != last[0]:
                # A time qualifier belongs to its own sentence: "Katrina killed 1,800 in 2005. The count stood
                # at about 40 on Friday" — the 40 counts the killed, not the killed of 2005.
                p_qualifiers = [q for q in p_qualifiers if q not in _SENTENCE_BOUND and not q.startswith("in ")]
            if p_concept == "seat":
                # whose seats is each figure's own: "Labour won 411 seats and the Conservatives 121"
                p_qualifiers = [q for q in p_qualifiers if not q.startswith(OWNER_QUALIFIER) and q != "required"]
                qualifiers = qualifiers + seat_qualifiers(mention.sentence, mention.start - mention.sentence_start,
                                                          mention.end - mention.sentence_start)
            key = "|".join([p_concept] + (qualifiers or p_qualifiers))
            # The place comes along within a sentence ("80,000 marchers in Paris; the CGT said 400,000"),
            # not into the next one, which may be a tally for the whole country.
            inherited_scope = p_scope if index == last[0] and not p_scope.startswith(SOFT) else ""
            scope = inherited_scope if inherited_scope and (not scope or scope.startswith(SOFT)) else scope
            if scope:
                key += f"@{scope}"
            mention = replace(mention, referent=p.referent, referent_key=key)
            concept = p_concept
        elif not concept and topics.get((mention.start, mention.end)):
            concept = topics[(mention.start, mention.end)]
            mention = replace(mention, referent=concept, referent_key=concept + mention.referent_key)
        if concept:
            named[mention.dimension].append((index, mention))
        result.append(mention)
    return result


def extract_mentions(article: Article, config: ExtractConfig) -> list[Mention]:
    """Every quantity in `article` that a fact-checker could compare, in text order."""
    found: list[tuple[int, Mention]] = []
    text = article.text
    frame, seen, named_before, soft_place, paragraph = "", 0, "", "", []
    topics: dict[tuple[int, int], str] = {}  # a meta figure's ("a figure of 141") paragraph topic
    dateline_city = _dateline_city(text)
    setting = _setting(text, dateline_city)
    for index, (start, end) in enumerate(split_sentences(text)):
        sentence = text[start:end]
        places = places_named(sentence)
        if index == 0 or "\n\n" in text[seen:start]:  # a new paragraph: its own place, if any
            frame, paragraph = "", []
            soft_place = _paragraph_place(places) or setting
        seen = start
        lead = _FRAME.match(sentence)
        if lead and not no_place(lead.group("place")):  # ("In September, a cyclone ..." is a time, not a place)
            frame = lead.group("place")
        there = named_before if _THERE.search(sentence) else ""
        named_before = next(reversed(places), named_before)
        paragraph.append(sentence)
        if len(sentence) > config.max_sentence_chars or not has_number(sentence):
            continue
        in_sentence: list[Mention] = []
        for raw in parse_sentence(sentence):
            if config.keep_ages and is_age(raw, sentence):
                raw = replace(raw, unit=AGE_UNIT)  # asked for: an age is kept as its own dimension
            elif is_noise(raw, sentence):
                continue
            mention = _mention(article, start, sentence, raw, config)
            if mention is not None and not split_key(mention.referent_key)[0] and \
                    META_FIGURE_BEFORE.search(sentence[:raw.start]):
                # "The toll itself was confused. A senior police officer gave a figure of 141": the figure is
                # of what the paragraph has been about (unless a figure before it names what it is)
                topics[(mention.start, mention.end)] = next(filter(None, map(topic_concept, paragraph[-2:-4:-1])), "")
            if mention is not None and split_key(mention.referent_key)[2] in _THE_LOCAL:
                # "marched through the city", "counted 4,000 in the city": the city of the local source that
                # counted ("the New York Police Department said ... across the city"), else the city named
                # last, else the article's own ("MARSEILLE — ...")
                city = local_scope(mention.attribution) or \
                    (named_before if named_before and not is_country(named_before) else dateline_city)
                if city:
                    head = mention.referent_key.rpartition("@")[0]
                    mention = replace(mention, referent_key=f"{head}@{city.lower()}")
            if mention is not None and "@" not in mention.referent_key:
                # "In Hamburg, the gap opened on Friday. Police reported 50,000.": the paragraph's place;
                # else, softly, the place the article's lead is set in (see cluster._claim_keys).
                # "Police there said 50,000": the place the sentence before named.
                # (Softly for a measurement: "In Chiva, ... it measured 419 litres per square metre" is the rain
                # the whole story reports, not one of several places' rain.)
                # Else, softly, the one place the paragraph's opening sentence is about ("The protests followed
                # a rally in Hamburg on Friday. ... The organisers, who had announced 130,000, ...").
                soft = SOFT if mention.dimension not in _NAMED_ONCE else ""
                named = there or frame
                if named and is_country(named):
                    # "In neighbouring Thailand, a tower collapsed ... They said 101 were missing": the
                    # paragraph is about that country (cluster drops the story's own country as its default)
                    place = f"country:{named.lower()}"
                else:
                    place = soft + named.lower() if named else (SOFT + soft_place if soft_place else "")
                if place:
                    mention = replace(mention, referent_key=f"{mention.referent_key}@{place}")
            if mention is not None:
                in_sentence.append(mention)
        found.extend((index, m) for m in _carry_hedges(_unabsorbed(in_sentence), text))
    return _inherit_referents(found, topics)
