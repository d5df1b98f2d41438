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

from .quantulum import VAGUE_SURFACE

# Concept classes: any of these words in the referent (or the verb governing it) maps to the key.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "killed": ("killed", "dead", "deaths", "death", "died", "fatalities", "fatality", "lives", "bodies",
               "perished", "toll", "deceased", "kill", "dying", "victims", "killing", "kills", "die", "dies",
               # "more than 2,000 people were buried alive" by a landslide: presumed dead
               "buried"),
    "injured": ("injured", "injuries", "wounded", "hurt", "injuring", "wounding", "injury", "injures", "treated",
                "treatment"),
    "missing": ("missing", "unaccounted"),
    # "around 15 miners remained trapped": not yet reached, a count that falls as rescuers reach them
    "trapped": ("trapped", "entombed"),
    "displaced": ("displaced", "evacuated", "homeless", "evacuees", "evacuation", "shelters", "fled"),
    "troops": ("troops", "soldiers", "forces", "personnel", "servicemen", "troop", "soldier", "military"),
    "protesters": ("protesters", "protestors", "demonstrators", "marchers", "marched", "rallied", "turnout",
                   "gathered", "attendance",
                   "strikers", "protested", "demonstrated", "march", "rally", "protest", "demonstration", "crowd",
                   "crowds", "participants"),
    "events": ("marches", "rallies", "protests", "demonstrations", "strikes", "gatherings", "events"),
    "structures": ("structures", "buildings", "homes", "houses", "dwellings"),
    "revenue": ("revenue", "revenues", "sales", "turnover"),
    "profit": ("profit", "profits", "income", "earnings"),
    "buyback": ("buyback", "buybacks", "repurchase", "repurchases"),
    "package": ("package", "fund", "aid", "relief", "bailout", "stimulus", "cost", "costs", "spending", "funding",
                "investment", "programme", "program", "scheme", "measure", "allocation", "costing"),
    "deficit": ("deficit", "shortfall"),  # (not "gap": "a gap of roughly eight to one" between two counts)
    # "insured losses of $35bn-$45bn", "total damage and economic loss", "a net loss of $6.17bn"
    "loss": ("loss", "losses", "damage", "damages"),
    "fine": ("fine", "fines", "penalty", "penalties"),
    # "The deal is worth £105m", "a fee of £100m": what a transfer or purchase is worth
    "fee": ("fee", "fees", "deal", "takeover", "purchase", "acquisition", "buyout"),
    "ransom": ("ransom", "ransoms"),
    # "the first $1.2 billion instalment", "SDR 894 million tranche": one disbursement of a programme
    "tranche": ("tranche", "tranches", "instalment", "instalments", "installment", "installments", "disbursement"),
    "reserves": ("reserves",),
    # "putting the chance at about 80%", "the odds of a cut"
    "probability": ("chance", "chances", "odds", "probability", "likelihood"),
    "wage": ("wage", "wages", "salary", "salaries", "pay"),
    # "67,317 employees", "76,317 staff", "headcount stood at 67,317": one company's people
    "staff": ("staff", "employees", "employee", "headcount", "workforce"),
    "share price": ("shares", "stock"),
    "growth": ("growth",),
    # A national accounts release: "Japan's economy shrank an annualised 0.4%", "Output fell 0.1pc",
    # "Household consumption was down 0.2pc", "Exports rose 2.6% while imports fell 1.7%"
    "gdp": ("gdp", "economy", "output"),
    "consumption": ("consumption",),
    "capex": ("capex",),
    "exports": ("exports",),
    "imports": ("imports",),
    "firefighters": ("firefighters", "firefighter", "crews"),
    "pilgrims": ("pilgrims", "worshippers", "hajjis"),
    "teachers": ("teachers", "teacher"),
    "magnitude": ("magnitude",),
    "containment": ("contained", "containment"),
    "age": ("age",),
    "affected": ("affected",),
    "rescued": ("rescued", "pulled"),  # "Rescuers, who have pulled more than 170 people from the water"
    # "56 people were treated", "sought treatment", "treated for injuries": how news counts the injured.
    "hospitalised": ("hospital", "hospitalised", "hospitalized"),
    "population": ("population", "inhabitants"),
    "arrested": ("arrested", "detained"),
    # "2,500 maintenance posts", "1,800 job losses", "1,800 roles": one count of jobs.
    "jobs": ("jobs", "job", "posts", "roles", "positions", "redundancies", "layoffs", "lay-offs", "payrolls",
             "payroll"),
    "rescuers": ("rescuers", "rescue", "search-and-rescue"),
    "without power": ("outage", "outages", "blackout", "blackouts"),
    # A crash's other counts: who survived, who was aboard, which victims were identified.
    # ("58 escaped on their own": who got out alive)
    "survivors": ("survived", "survivors", "survivor", "surviving", "survive", "escaped"),
    # who was there: on board, underground ("Of the 110 men underground")
    "aboard": ("aboard", "onboard", "underground"),
    "identified": ("identified",),
    # "Third-quarter deliveries of 462,890", "The company delivered 426,890 vehicles".
    "deliveries": ("deliveries", "delivered", "delivery"),
}
_WORD_CONCEPT = {w: c for c, words in CONCEPTS.items() for w in words}
# What happened to people outranks who they were: "550 pilgrims died" counts the dead, not the pilgrims.
EVENT_CONCEPTS = frozenset({"killed", "injured", "missing", "trapped", "displaced", "affected", "rescued", "arrested",
                             "hospitalised", "survivors", "aboard", "identified", "deliveries"})
_POPULATIONS = frozenset({"troops", "pilgrims", "protesters", "teachers", "firefighters"})
_GENERIC_MODIFIERS = frozenset("""quarterly total overall net its their the record annual gross adjusted reported
    estimated expected projected initial latest new
    second-quarter third-quarter fourth-quarter first-quarter company's group's""".split())
_POPULATION_OF = re.compile(
    r"\b(?P<whole>population|city|town|district|country|state|nation|region|province|village|community)"
    r"\s+of\s*(?:about|some|around|roughly|nearly|more than|over|almost|just over|just under)?\s*$", re.I)
_RESIDENTS_OF = re.compile(r"\b(?P<whole>[A-Z][\w-]*(?:\s[A-Z][\w-]*)*)['’]s\s*(?:about|some|around|roughly|nearly|"
                           r"more than|over|almost)?\s*$")
_SEGMENT = re.compile(r"\b([a-z][\w-]+)\s(?:segment|division|unit|business|arm)\b", re.I)
# "its winds increased by about 115 mph in roughly 24 hours": by how much, not the level (a share that "rose by
# 5%" is told as "rose 5%" too, so moves in percent are left alone)
_MOVED_BY = re.compile(r"\b(?:increased|rose|risen|grew|jumped|climbed|fell|dropped|decreased|declined|strengthened|"
                       r"intensified|weakened)\s+by\s+(?:about\s|some\s|around\s|roughly\s|nearly\s|almost\s|"
                       r"more than\s)?$", re.I)
_DELTA_AFTER = re.compile(r"^\s+(?:fewer|more|less|extra|additional|further|higher|lower)\b", re.I)
_DELTA_BEFORE = re.compile(r"\b(?:a gain of|a loss of|an increase of|a drop of|a fall of|a rise of|up by|down by|"
                           r"increase of|decrease of"
                           # "Revisions added a combined 72,000 jobs": what revisions add is a change of a count
                           r"|revisions?\s(?:[\w-]+\s){0,2}?(?:added|subtracted|removed|took|cut|lifted|raised)\s"
                           r"(?:a\scombined\s|a\stotal\sof\s|another\s)?)\s*$", re.I)
# "867 incidents, including more than 300 that targeted immigrants": a part of the figure before it.
# "the search for the other four", "the remaining three": the rest of a count named before, not the count.
_SUBSET_BEFORE = re.compile(r"\b(?:including|of which|of whom|among them|among whom|the other|the remaining|"
                            # "Among the dead were 26 foreign nationals", "Among those still unaccounted for were 23"
                            r"among\s(?:the|those)\s(?:[\w-]+\s){0,3}?(?:were|was|are|is)"
                            # "worth £105m, made up of a guaranteed £100m and £5m in add-ons": the whole's parts
                            r"|(?:made\sup\sof|comprising|comprised|comprises|consisting\sof|composed\sof|"
                            r"split\s(?:into|between)|"
                            r"broken\sdown\sinto)(?:\s(?:a|an|the))?(?:\s[a-z][\w-]*)?)\s+"
                            r"(?:about|some|around|roughly|nearly|almost|more than|over|at least|up to|fewer than|"
                            r"less than)?\s*$", re.I)
# "seven people — six men and one woman — were found dead": a breakdown set off by a dash after a count
_BREAKDOWN_BEFORE = re.compile(r"(?:\b\d[\d,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                               r"[a-z]+teen|twenty|thirty|forty|fifty|hundred|dozen)\b)\s(?:[a-z]+\s){0,2}?[a-z]+\s?[—–]\s?"
                               r"(?:about\s|some\s|at least\s|nearly\s)?$", re.I)
# ... listing the parts: "six men and one woman", "five adults, three children"
_BREAKDOWN_AFTER = re.compile(r"^\s[a-z]+(?:\s[a-z]+)?(?:,|\sand)\s(?:\d|one|two|three|four|five|six|seven|eight|nine|"
                              r"ten|eleven|twelve|[a-z]+teen|twenty|a\s|an\s)", re.I)
# A count at one site of the event: "Seven people died at the bowling alley", "were found dead at the bar".
_SITE_AFTER = re.compile(r"^\s+(?:people\s|others\s|men\s|women\s|victims\s)?(?:were\s|had\sbeen\s|have\sbeen\s)?"
                         r"(?:killed|died|shot\sdead|found\sdead|dead)\s+(?:at|inside|outside)\s+(?:the|a)\s+"
                         r"(?P<site>(?:[a-z-]+\s){0,2}?(?:alley|bar|club|school|hospital|restaurant|market|mall|church|"
                         r"mosque|synagogue|temple|station|stadium|concert|festival|hotel|office|factory|plant|mine|"
                         r"shop|store|supermarket|party|wedding|checkpoint|base|camp|prison|home|house))\b"
                         r"(?!\s+(?:and|or)\s+(?:at\s+)?(?:a|an|the)\s)", re.I)  # (not "at a bowling alley and a bar")
# "53 British nationals", "26 foreign nationals": the citizens of one country among those counted, a part.
_NATIONALS_AFTER = re.compile(r"\s+(?:[\w-]+\s){1,2}(?:nationals|citizens)\b")
_FROM_BEFORE = re.compile(r"\b(?:up|down|rose|grew|increased|jumped|climbed|fell|dropped|declined)\b[^.;]{0,25}"
                          r"\bfrom\s+(?:the\s+|a\s+)?$"
                          # "... to $21.9 billion, compared with $16.4 billion": the baseline of a comparison
                          r"|\b(?:compared (?:with|to)|versus|vs\.?)\s+(?:the\s+|a\s+)?$", re.I)
_SUBJECT_BEFORE = re.compile(
    r"(?P<np>(?:[A-Za-z][\w'&-]*\s){1,4}?)(?:has\s|have\s|had\s|was\s|were\s)?(?:rose|fell|grew|jumped|dropped|"
    r"increased|decreased|climbed|slipped|gained|lost|surged|slumped|declined|edged|up|down|was|were|is|are|"
    r"stood|hit|reached|totalled|totaled|came)\b[^.;,]{0,25}$", re.I)
_ING_NOUNS = frozenset("buildings building dwellings housing earnings savings holdings shipping".split())
# ("500,000 across Israel, 240,000 of them in Tel Aviv" is no part but the city's own count: its place says so.)
_SUBSET_AFTER = re.compile(r"^\s+(?:of|among)\s+(?:the|them|those|whom)\b(?!\s+in\s+(?:the\s+)?[A-Z])", re.I)
_PHRASE_CONCEPTS = [
    (re.compile(r"^\s*(?:people\s|residents\s)?(?:from their homes|homeless|without (?:a )?home|were displaced|"
                r"displaced|were evacuated|evacuated|had fled|"
                r"(?:have\s|had\s)?(?:been\s)?(?:forced|driven)\s(?:from|out\sof)\stheir\shomes|(?:had\s|have\s)?(?:left|fled|abandoned)\stheir\shomes|"
                r"(?:remain(?:ed)?\s|were\s|are\s)?(?:still\s)?away\sfrom\s(?:their\s)?homes)", re.I), "displaced"),
    (re.compile(r"\b(?:took part|taken part|taking part|take part|turned out|on the march|"
                r"(?:took|taken) to the streets|attended|packed|thronged|"
                r"massed|filled (?:the )?(?:streets?|squares?)|joined (?:the )?(?:march|protests?|rall(?:y|ies)|"
                r"demonstrations?|strikes?)|(?:at|in) the (?:height of the |peak of the )?(?:rally|march|protest|"
                r"demonstration|rallies|marches|protests|demonstrations)(?:['’]s)?)\b", re.I), "protesters"),
    (re.compile(r"\b(?:on strike|walked out|struck)\b", re.I), "strikers"),
    # "146 of the victims had been identified": which victims were named, not how many died.
    (re.compile(r"^\s*(?:of\s(?:the|its|their)\s(?:victims|dead|bodies)\s)?(?:had\sbeen\s|have\sbeen\s|were\s|are\s)?"
                r"identified\b", re.I), "identified"),
    # "67 people on the Embraer 190", "181 passengers and crew on board": who was aboard, not who died.
    # ("1,257 reserved passengers on board")
    (re.compile(r"^\s*(?:(?:[a-z]+\s)?(?:people|passengers)\s(?:and\screw\s)?|(?:crew\s)?members\s)?(?:who\s)?"
                r"(?:were\s|had been\s)?(?:on board|on (?:the|a|that|this)\s(?:[\w-]+\s){0,2}?(?:plane|jet|aircraft|flight|airliner|bus|train|"
                r"ship|ferry|boat|vessel|trawler|bridge|Embraer|Boeing|Airbus)"
                r"|crammed\s(?:on\s?to|into|aboard|on))\b", re.I), "aboard"),
    # "110 people were in the mine", "110 people working in the mine", "Of the 110 workers, 41 died": who was
    # there when it happened, not what happened to them
    (re.compile(r"^\s*(?:(?:[a-z]+\s)?(?:people|workers|miners|men|employees)\s)?(?:who\s)?(?:were\s|was\s|had been\s)?"
                r"(?:working\s|trapped\s)?(?:in|inside|at work in)\s(?:the\s)?(?:[\w-]+\s)?(?:mine|pit|shaft|tunnel|"
                r"building|factory|plant|gallery)\b", re.I), "aboard"),
    # "more than 670 people are under the ground": buried by the landslide, presumed dead
    (re.compile(r"^\s*(?:people\s|others\s)?(?:are|were|remain(?:ed)?|lie|lay)\s+(?:still\s+)?(?:under|beneath|buried\s+"
                r"under)\s+(?:the\s+)?(?:ground|rubble|debris|mud|earth|soil|rocks)\b", re.I), "killed"),
    # "58 had got out on their own": who got out alive
    (re.compile(r"^\s*(?:[a-z]+\s)?(?:had\s|have\s|has\s)?(?:got|gotten|made\sit|managed\sto\sget)\sout\b", re.I),
     "survivors"),
    # "49,000 customers have had their electricity supply restored": the restored, not those still cut off
    (re.compile(r"^\s*(?:people\s|homes\s|households\s|customers\s)?(?:have\s|had\s|has\s)?(?:now\s)?(?:had\s)?"
                r"(?:their\s)?(?:power|electricity|supply|electricity\ssupply|service)\s(?:had\sbeen\s|has\sbeen\s|been\s)?"
                r"restored\b", re.I), "restored"),
    # "115,000 people were still without electricity", "2 million customers without power"
    # ("About 2.1 million homes and businesses across the Southeast were still without electricity")
    (re.compile(r"^\s*(?:(?:people|homes|households|customers|residents|businesses)?(?:\s?and\s(?:homes|businesses|"
                r"offices))?\s)?"
                # "75,000 people in the province of Valencia were"
                r"(?:(?:in|across)\s(?:the\s)?(?:[\w'-]+\s){1,4}?)?(?:were\s|are\s|remain(?:ed)?\s)?"
                r"(?:still\s)?(?:left\s)?without (?:electricity|power)\b", re.I), "without power"),
    # "More than 100 bodies had still not been identified": the unidentified, not the dead again
    (re.compile(r"^\s*(?:[\w'-]+\s){0,3}?(?:had|have|has|were|are)\s(?:still\s)?not\s(?:yet\s)?been\s"
                r"identified\b", re.I), "unidentified"),
    # "five campers and one counselor had still not been found": the missing, whatever the noun
    (re.compile(r"^\s*(?:[\w'-]+\s){0,5}?(?:had|have|has)\s(?:still\s)?not\s(?:yet\s)?been\s(?:found|located|"
                r"accounted for)\b", re.I), "missing"),
    # "about 29 of the dead were people who had not been on the plane": a part of the dead
    (re.compile(r"^\s*of\s(?:the|those)\s(?:dead|killed|victims|fatalities)\b", re.I), "killed"),
    (re.compile(r"^\s*of\s(?:the|those)\s(?:injured|wounded|hurt)\b", re.I), "injured"),
]
# Nouns that name a number rather than a thing counted ("put the count at 80,000").
_REQUIRED_BEFORE = re.compile(r"\b(?:needs?|needed|requires?|required|to reach|to muster)\s+"
                              r"(?:at least\s+|a\s+|about\s+|some\s+|around\s+|roughly\s+|nearly\s+|up to\s+|"
                              r"more than\s+)?$",
                              re.I)
_LEVEL_BEFORE = re.compile(r"\b(?:rose|risen|climbed|jumped|increased|reached|hit|stood|stands|fell|dropped|"
                           r"passed|topped)\s(?:to\s|at\s)?(?:about\s|around\s|some\s|nearly\s|more than\s|over\s|"
                           r"at least\s|almost\s)?$", re.I)
_NUMBER_OF = re.compile(r"\b(?:number|count|total|tally)\s+of\s+(?P<what>(?:[\w'-]+\s+){1,8}?)(?:has\s|have\s|had\s)?"
                        r"(?:rose|risen|climbed|jumped|increased|reached|hit|stood|stands|fell|dropped|passed|topped)\b",
                        re.I)
_META_NOUNS = frozenset("""count figure figures tally estimate estimates number numbers total totals part
    amount sum forecast forecasts prediction predictions projection projections""".split())
# Concepts decided by the verb rather than the noun ("killed 2,012 people").
_PEOPLE = {"people", "persons", "residents", "civilians", "individuals", "others", "children", "villagers",
           "passengers", "workers", "migrants", "adults", "men", "women",
           # who they were, not what happened to them: "23 girls were unaccounted for", "27 campers died"
           "girls", "boys", "campers", "counselors", "counsellors", "students", "pupils", "tourists", "hikers",
           "visitors", "victims", "patients", "crew", "nationals", "citizens", "refugees", "inmates"}
# Trades and roles that are the whole of those an event befalls: people whom an event word redefines ("killing at
# least 14 miners" counts the dead of a mine blast), and who they are when nothing happened to them ("its
# 160,000 members"). (Not roles that pick a part out of the victims, whose count stays apart: "Two police
# officers injured" are among the 20 injured; nor staff or employees, a company's headcount.)
_ROLES = frozenset("""miners labourers laborers builders fishermen sailors seafarers fans spectators supporters
    climbers divers swimmers commuters travellers travelers shoppers guests occupants members""".split())
_PEOPLE |= _ROLES
_PER_SHARE = re.compile(r"\b(?:a|per|each)\s(?:diluted\s|basic\s)?share\b", re.I)
# Qualifiers that make two figures about the same noun different quantities.
# A figure due by a date: "2 million doses by the end of this year", "10m by the end of 2025", "by 2030".
_BY_DATE = re.compile(r"^[^.;]{0,40}?\bby\s+(?:the\s+)?(?:end\s+of\s+|end-|middle\s+of\s+|mid-|early\s+|late\s+)?"
                      r"(?P<when>this\s+year|next\s+year|(?:19|20)\d\d)\b", re.I)
_QUALIFIERS = [
    ("prior", re.compile(r"\b(?:a year (?:earlier|ago|before)|year-earlier|last year's|previous year|"
                         r"prior year|same (?:quarter|period|month|time) (?:a year|last year|of|in))", re.I)),
    ("expected", re.compile(r"\b(?:expect\w*|forecast\w*|guidance|projected|outlook|analysts?|estimates? "
                            r"(?:of|by) analysts|consensus|predicted|(?:prepared|braced|planned)\s+for)\b", re.I)),
    # "deaths could exceed 10,000", "more than 10,000 deaths are possible": a modelled outcome, not a count.
    ("possible", re.compile(r"\b(?:could|may|might)\s+(?:well\s+)?(?:exceed|top|surpass|pass|reach|hit|rise\s+to|"
                            r"climb\s+to|be\s+as\s+(?:high|many)\s+as)\b|\b(?:are|is|were|was)\s+possible\b",
                            re.I)),
    # "offered to raise wages by nearly 50%" vs "demanding a 77% increase": two sides' positions, not readings
    ("offer", re.compile(r"\b(?:offer(?:ed|ing|s)?)\b[^,;]{0,40}$", re.I)),
    ("demand", re.compile(r"\b(?:demand(?:ed|ing|s)?)\b[^,;]{0,40}$", re.I)),
    ("planned", re.compile(r"\b(?:plans? to|planned|will send|intends? to|pledged)\b", re.I)),
    ("serious", re.compile(r"\b(?:critical condition|critically|seriously|severely|serious(?:\s\w+)?\s(?:injuries|"
                           r"condition)|life-threatening)\b", re.I)),
    # "$2.93 a share" beside "$21.9 billion": a per-share figure is another quantity than the total.
    ("per share", _PER_SHARE),
    # "a month after at least 36 people were killed", "10 soldiers killed in recent days": another event's
    # figure, told beside this one.
    # (A day earlier is the same event's previous count: "put the toll at 288 a day earlier".)
    ("earlier", re.compile(r"\b(?:a|an|one|two|three|four|five|six|several|\d+)\s(?:week|month|year)s?\s"
                           r"(?:after|before|earlier|ago)\b|\bin (?:recent|previous|past) (?:days|weeks|months)\b",
                           re.I)),
    # "15% higher than in the previous three months", "up 15% from the first quarter": a change on the quarter
    # before, not on a year earlier ("up 122% from a year earlier").
    ("sequential", re.compile(r"\b(?:(?:previous|prior|preceding)\s+(?:quarter|three\s+months)|sequential(?:ly)?|"
                              r"quarter-on-quarter|from\s+the\s+(?:first|second|third|fourth)\s+quarter)\b", re.I)),
    # "the bridge could safely carry about 125 people at a time": what it was built for, not who was on it.
    # ("could supply 10 million doses by the end of 2025", "can produce 2 million": what a maker can make)
    ("capacity", re.compile(r"\b(?:capacity|at a time|at once|(?:could|can|designed to|built to|able to)\s+"
                            r"(?:safely\s+)?(?:carry|hold|accommodate|supply|produce|deliver|make|manufacture))\b",
                            re.I)),
    # "would have given it close to 90 seats": a counterfactual, not a count of anything that happened.
    ("hypothetical", re.compile(r"\b(?:would|could|might)(?:\s+\w+)?\s+have\b", re.I)),
    # "shrank an annualised 0.4%", "at an annual rate of 0.4%": a quarter's change scaled to a year, another
    # quantity than the change on the quarter ("fell 0.1% on the previous quarter")
    ("annualised", re.compile(r"\bannuali[sz]ed\b|\bannual\s+(?:rate|pace)\b", re.I)),
    # "an average monthly gain of 203,000 over the past year": an average is another quantity than a month's.
    ("average", re.compile(r"\b(?:average|averaged|averaging|mean|median)\b[^,;.]{0,40}$", re.I)),
]
# A second shock of one disaster has its own magnitude, depth and place: "a second, separate quake of
# magnitude 7.5", "the strongest aftershock, a 6.3". Looked for only before the figure, in its clause.
_ANOTHER_EVENT = re.compile(r"\b(?:second|another|separate|later)\b[\s,]+(?:[\w-]+[\s,]+){0,2}?"
                            r"(?:quake|earthquake|tremor|shock|eruption|explosion|blast|storm|strike|walkout|dispute|"
                            r"protest|march|rally)s?\b|\baftershocks?\b",
                            re.I)
_HIRING_BEFORE = re.compile(r"\b(?:added|adding|hired|hiring|took on|taking on|created|shed|cut|laid off|lost)\s+"
                            r"(?:about\s|some\s|around\s|nearly\s|more than\s|at least\s|almost\s|a net\s)?$", re.I)
_STAFF = frozenset({"worker", "employee", "staff", "people", "person"})
_HIRER = re.compile(r"(?P<subject>(?:[A-Za-z][\w'-]*\s+){1,5})(?:added|adding|took on|taking on|hired|hiring|"
                    r"created|creating)\s+(?:about\s|some\s|around\s|nearly\s|"
                    r"more than\s|at least\s|almost\s|a net\s|another\s)?$", re.I)
# Who hires in a jobs figure without naming a part of the economy.
_WHOLE_ECONOMY = frozenset("""employers employer economy companies businesses firms payrolls payroll us u.s. america
    american country nation nonfarm it they which that employment hiring whole total overall all as a an the
    with and while of in on he she we also together company firm group plan plans revisions revision
    estimates""".split())


def _sector(clause: str) -> str:
    """The part of the economy that hired ("government adding 31,000", "Private employers ... took on"), or ""
    for the whole ("US employers added 254,000", "The economy added")."""
    m = _HIRER.search(clause)
    if not m:
        return ""
    words = [w.lower() for w in _words(m.group("subject")) if w.lower() not in _WHOLE_ECONOMY and not _STOP_AFTER.match(w)]
    return _lemma(words[0]) if words else ""


# A hedge that may stand between a verb and its figure ("involves about 18,300").
_HEDGE_BEFORE_FIGURE = r"(?:about\s|some\s|around\s|nearly\s|more than\s|almost\s|roughly\s|up to\s)?"
# "38 cars had derailed and another 12 were damaged": a further group of the same things, not a rival count
# (as a clause's subject: "killed 296 and injured another 329" counts the injured, besides the dead)
_ANOTHER_GROUP = re.compile(r"(?:[,;]\s|\band\s(?:that\s)?)(?:another|a\sfurther)\s" + _HEDGE_BEFORE_FIGURE + "$",
                            re.I)
_GROUP_VERB_AFTER = re.compile(r"^\s+(?:[a-z]+\s){0,2}?(?:were|was|are|is|had|have|has)\b")
_STRIKE_INVOLVES = re.compile(r"\b(?:strike|strikes|walkout|stoppage)\b[^.;]{0,50}\b(?:involves|involved|involving|"
                              r"includes|included|covers|covered)\s+" + _HEDGE_BEFORE_FIGURE + "$", re.I)
_UNION_REPRESENTS = re.compile(r"\b(?:union|unions|guild|federation|confederation)\b[^.;]{0,50}\b(?:represents|"
                               r"represented|representing)\s+" + _HEDGE_BEFORE_FIGURE + "$", re.I)
_CARRYING_BEFORE = re.compile(r"\b(?:carrying|carried|was carrying|were carrying)\s+(?:about\s|some\s|around\s|nearly\s|"
                              r"more than\s|at least\s|almost\s|up to\s|as many as\s)?$", re.I)
# "magnitude 7.8", "a magnitude-7.8 quake", "a magnitude of 6.4": the scale names what the figure measures.
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude[\s-]+(?:of\s+)?(?:about\s+|around\s+|some\s+)?$"
                               # "The quake measured 7.2 on the scale used by ..."
                               r"|\b(?:quake|earthquake|tremor|shock)\s+(?:measured|registered)\s+(?:about\s+)?$", re.I)
_STOP_AFTER = re.compile(
    r"^(?:to|in|into|at|on|for|from|by|with|and|or|but|had|have|has|were|was|are|is|be|been|who|which|that|"
    r"not|never|"
    r"as|than|since|during|after|before|over|under|per|last|this|said|says|according|while|across|near|"
    r"of|the|a|an|it|its|their|his|her|so|because|when|where|if|about|toward|towards|more|less|already|"
    r"would|will|could|may|might|each|every|so-called|nationwide|nationally|worldwide|overall|alone|apiece|"
    r"altogether|combined|respectively|too|also|so far|now|then|there|here|behind|ahead|below|above|among|"
    r"between|against|without|within|through|off|out|up|down|ago|higher|lower|short|shy|less|fewer|"
    # adverbs of rate and verbs of state end the noun phrase: "30,000 vehicles daily", "four workers remain"
    r"daily|weekly|monthly|annually|yearly|nightly|hourly|remain|remains|remained|stay|stays|stayed|still|"
    r"did|do|does|late|early|earlier|later|overnight|again|took|take|takes|gave|made|went|came|got|"
    # words telling which report a figure is ("144,000 rather than the 89,000 first reported")
    r"rather|first|initially|originally|previously|now|"
    # participles of reporting: "the 265 given by city police"
    r"given|cited|quoted|issued|released|provided|announced|published|confirmed)$",
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
    r"^\s*(?:(?:had\s|have\s|has\s|were\s|are\s|was\s|is\s)?(?:been\s)?(?:[a-z]+ed|died|turned out|fighting|"
    r"alone|of\sthem|of\sthose)\s)?(?:in|inside|across|throughout|"
    # an island is "on" ("four people on China's Hainan island"), where "on Friday" is a date
    r"on(?=\s(?:the\s)?(?:[A-Z][\w'-]+\s)?(?:island\sof\s|[A-Z][\w'-]+(?:['’]s\s|\s(?:island|islands|peninsula)\b))))\s(?:the\s)?"
    # (a part of a country is in the country: "at least 24 people in southern China and the Philippines")
    r"(?:(?:[A-Z][\w'-]+\s)?(?:island|city|town|village|province|region|state)\sof\s|(?:north|south|east|west)(?:ern|-?eastern|-?western)?\s|central\s)?"
    r"(?P<place>(?:[A-Z][\w'-]+\s?){1,3})", re.U)
_NATIONWIDE = re.compile(r"\b(?:nationwide|nationally|across the country|across (?:all of )?the nation|"
                         r"countrywide|around the country|throughout the country|statewide|across the state|"
                         r"throughout the state)\b", re.I)
# "Across Israel, organisers said some 500,000", "have died in flooding across Texas": a whole country or state.
_ACROSS_NAMED = re.compile(r"\b(?:[Aa]cross|[Tt]hroughout)\s(?:all\sof\s)?(?P<place>[A-Z][a-z]+)\b(?!\s[A-Z])")
# "2.1 million homes and businesses across the Southeast": a region wider than any place the paragraph named
_ACROSS_REGION = re.compile(r"\b(?:across|throughout)\s(?:much\sof\s|most\sof\s|all\sof\s)?the\s(?:[A-Z][a-z]+\s)?"
                            r"(?:South|North|East|West|Southeast|Southwest|Northeast|Northwest|Midwest|Midlands|"
                            r"South-East|South-West|North-East|North-West|Mid-Atlantic|Gulf\sCoast|Plains)\b")
_CAPITAL_AFTER = re.compile(r"^\s*(?:[a-z]+\s){0,6}?(?:in|across)\sthe\scapital\b")
_PLACE_BEFORE = re.compile(r"\bthe\s(?P<place>[A-Z][\w'-]+)\s(?:march|marches|rally|protest|demonstration|crowd)\b"
                           r"[^.;]{0,40}$")
_PLACE_WHERE = re.compile(r"(?:\bin\s(?:the\s)?|^\s*(?!In\s|At\s|On\s))(?P<place>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?),?"
                          r"\swhere\b[^.;]{0,60}$")
# "in Malawi at least 9,000 hectares", "In Paris 80,000 marched": a place heading the figure's own clause.
# (Not "shares in Meta Platforms": a company is no place.)
_PLACE_IN_CLAUSE = re.compile(r"(?<![Ss]hares\s)(?<![Ss]take\s)(?<![Ss]tock\s)(?<![Ii]nvestors\s)(?<!invest\s)"
                              r"\b[Ii]n\s(?:the\s)?(?P<place>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)\s(?:[a-z]+\s){0,4}$")
# "The southern province of Sindh has been hit hardest, with 306 deaths": the area the clause is about.
_AREA_SUBJECT = re.compile(r"^\s*(?:The\s)?(?:[a-z-]+\s){0,2}(?:province|state|region|district|county|prefecture|"
                           r"city|town)\sof\s(?P<place>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)\b")
# "In Buncombe County, which includes Asheville, officials reported at least 30 deaths": the sentence's frame.
_PLACE_LEAD = re.compile(r"^\s*In\s(?:the\s)?(?:(?:neighbou?ring|nearby|northern|southern|eastern|western|central)\s)?"
                        r"(?P<place>(?:[A-Z][\w'-]+\s?){1,3}?)(?:,|\s(?=the\s|a\s))")  # "In Paris,", "In Paris the"
# "died in the county", "in the city": a local count, kept apart from the story's total.
_LOCAL_AFTER = re.compile(r"^\s*(?:[a-z]+\s){0,3}?(?:in|through|across)\sthe\s"
                          r"(?P<unit>county|city|town|province|district|state|region|"
                          r"village|prefecture)\b(?:\sof\s(?P<name>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?))?")
# "had died in the country", "the country's death toll": the country named last before the figure.
_THE_COUNTRY_AFTER = re.compile(r"^\s*(?:[a-z]+\s){0,4}?in\sthe\s(?:country|nation)\b")
_THE_COUNTRY_BEFORE = re.compile(r"\bthe\s(?:country|nation)'s\s[^.;,]{0,60}$")
_CAPITALISED = re.compile(r"\b[A-Z][\w-]+(?:\s[A-Z][\w-]+){0,2}")
# "the final three months of 2023", "the quarter ended December 2023", "fiscal 2023": a reporting period, not
# history.
_PERIOD_BEFORE_YEAR = re.compile(r"\b(?:quarter|months|fiscal|period|half|year)\b(?:\s[\w,]+){0,3}?\s(?:of\s|to\s|"
                                 r"ended\s|ending\s)?(?:[A-Z][a-z]+\s)?$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_LEAD_MONTH = re.compile(r"^\s*(?:In|Last)\s+(January|February|March|April|May|June|July|August|September|October|"
                         r"November|December)\s*,")
_DAY_AND_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                        "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                        "Saturday", "Sunday")
_NOT_PLACES = {*_DAY_AND_MONTH_NAMES, "The", "A", "It", "This", "That",
               # "45 people had been confirmed dead in Hurricane Otis": a storm is an event, not a place
               "Hurricane", "Typhoon", "Cyclone", "Storm", "Tropical", "Super", "Tornado"}
_NOT_PLACES |= {f"{w}'s" for w in _NOT_PLACES} | {f"{w}’s" for w in _NOT_PLACES}  # "in Sunday's crush"


# The month a figure counts ("added 254,000 jobs in September", "August's at 159,000", "July's gain is now put
# at 144,000 rather than the 89,000 first reported"): a period, which claim alignment keeps only in a story
# giving one quantity for several months (a jobs report and its revisions).
MONTH_QUALIFIER = "month:"
_MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_PERIOD = re.compile(rf"\b(?:in|for|during)\s+(?:early\s+|late\s+|mid-)?(?P<a>{_MONTH_NAMES})\b(?!\s+\d)"
                           rf"|\b(?P<b>{_MONTH_NAMES})['’]s\b")


# The named storm a figure's clause is about ("after Hurricane Helene, which ... killed more than 230"): kept
# by claim alignment only in a story whose titles do not name it, where it is another event's figure.
EVENT_QUALIFIER = "event:"
# Who acts on a figure it announces: "Dell Technologies said on Monday it would cut about 6,650 jobs",
# "Kazakhstan said it would lower production by 78,000 bpd", "Oman announced a cut of 40,000 bpd". In a story
# about another company's or country's cuts, that actor's figure is its own, not a rival count.
ACTOR_QUALIFIER = "by:"
_ACTOR_VERB = (r"(?:cut|eliminate|lay\soff|shed|axe|slash|trim|(?:lower|reduce|cut)\s(?:its\s)?(?:production|output)"
               r"\sby)\s" + _HEDGE_BEFORE_FIGURE
               # (and the share that figure is, in apposition: "cut about 6,650 jobs, or about 5% of its workforce")
               + r"(?:\d[\d,.]*\s[a-z]+,\s(?:or\s)?" + _HEDGE_BEFORE_FIGURE + ")?")
_ACTOR = re.compile(r"(?P<org>(?:[A-Z][\w&'’-]*\.?\s){0,3}[A-Z][\w&'’-]*)\s(?:(?:on|last)\s[A-Z][a-z]+\s|also\s)*"
                    r"(?:(?:(?:said|says|announced|confirmed)\s(?:on\s[A-Z][a-z]+\s)?(?:that\s)?"
                    r"(?:it|the\scompany|the\sgroup|the\sfirm)\s)?(?:would|will|plans\sto|planned\sto|is\sto)\s"
                    r"(?:also\s)?" + _ACTOR_VERB + r"|(?:announced|unveiled|pledged)\sa\s(?:cut|reduction)\sof\s"
                    + _HEDGE_BEFORE_FIGURE + r")$")
_NOT_ACTORS = frozenset("it he she they we the a an this that its".split())


def actor(before: str) -> str:
    """Who acts on the figure after `before` by its own announcement ("Dell said it would cut"), lower-cased
    without "the" and corporate suffixes, or ""."""
    m = _ACTOR.search(before)
    if not m:
        return ""
    words = [w for w in re.sub(r"['’]s$", "", m.group("org")).lower().split()
             if w not in _NOT_ACTORS and w.rstrip(".") not in ("co", "inc", "corp", "plc", "ltd")]
    return " ".join(words)
_NAMED_EVENT = re.compile(r"\b(?:Hurricane|Tropical Storm|Storm|Super Typhoon|Typhoon|Cyclone)\s"
                          r"(?!(?:Center|Centre|Warning|Watch|Season|Prediction|Hunters?|Team|Office|Unit)\b)"
                          r"(?P<name>[A-Z][a-z]+)\b"
                          # "California's Park Fire", "the Eaton Fire": a named wildfire
                          r"|\b(?P<fire>(?!(?:The|A|This|That|Wild|Bush|Forest|Grass|House|Brush)\b)[A-Z][a-z]+)"
                          r"\s(?:Fire|Wildfire)\b(?!\s(?:Department|Service|Chief|Brigade|Rescue|Authority|"
                          r"Station|Protection|Marshal|Commissioner|Agency)\b)")


def _month_of(sentence: str, start: int, end: int) -> str:
    """The month the figure at sentence[start:end] counts, lower-cased, or ""."""
    before = re.split(r";|,\s(?:and|but|while)\s", sentence[:start])[-1]  # the figure's own clause
    found = list(_MONTH_PERIOD.finditer(before))
    if found:
        return (found[-1].group("a") or found[-1].group("b")).lower()
    own = re.split(r"[,;]", sentence[end:end + 40])[0]
    m = re.search(rf"^\s+(?:[a-z]+\s+){{0,3}}?(?:in|for|during)\s+(?P<a>{_MONTH_NAMES})\b(?!\s+\d)", own)
    return m.group("a").lower() if m else ""


def _clause_before(before: str) -> str:
    """The figure's own clause, up to it: what follows the last clause-ending punctuation."""
    return re.split(r"[;:]|\.\s", before)[-1]


def split_key(key: str) -> tuple[str, list[str], str]:
    """A referent key "concept|qualifier...@scope" taken apart."""
    head, _, scope = key.partition("@")
    concept, *qualifiers = head.split("|")
    return concept, qualifiers, scope


# A figure given as a number with no noun of its own: "gave a figure of 141", "Police put the number at about
# 400", "put the figure at 100m". Prose names what is counted in the sentence before ("The toll itself was
# confused in the first hours.", "How many people were on the bridge is still disputed.").
META_FIGURE_BEFORE = re.compile(
    r"\b(?:(?:figure|number|count|tally|estimate|total)\s+(?:of|at|was|is|stood\s+at|to)|"
    r"put\s+(?:the\s+|its\s+|their\s+)?(?:figure|number|count|tally|total|it)\s+at)\s+"
    r"(?:about\s|some\s|around\s|nearly\s|roughly\s|more\s+than\s|at\s+least\s|almost\s|just\s+over\s)?$", re.I)


def topic_concept(sentence: str) -> str:
    """The concept a sentence is about, for a meta figure after it: its last concept word ("The toll
    itself was confused"), else a phrase that names one ("How many people were on the bridge"); "" when
    none."""
    for word in reversed(_words(sentence)):
        concept = _WORD_CONCEPT.get(_bare(word))
        if concept:
            return concept
    starts = [0] + [m.end() for m in re.finditer(r"\s", sentence)]
    for pattern, concept in _PHRASE_CONCEPTS:
        if any(pattern.match(sentence[i:]) for i in starts):  # (sliced: "^" holds only at a string's start)
            return concept
    return ""


@dataclass(frozen=True, slots=True)
class Referent:
    text: str  # in the article's words
    key: str  # normalised concept (with qualifiers) for comparing across articles
    scope: str  # a place the figure is restricted to ("Paris"), "" when unrestricted


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][\w'-]*", text)


def _bare(word: str) -> str:
    """Lower case, without a possessive: "the rally's peak" names the rally."""
    return re.sub(r"['’]s$", "", word.lower())


# A name of several capitalised words ("the Archive of Public Gatherings", "Civil Protection"): its words
# name an organisation, not what a figure counts. Blanked, with offsets kept.
# (Not from a sentence's first word, capitalised whatever it is: "Sales of Mac computers".)
_NAME = re.compile(r"(?<=[\w,;:'’]\s)[A-Z][\w'-]*(?:\s+(?:of|for|and|the|de)\s+[A-Z][\w'-]*|\s+[A-Z][\w'-]*)+")


# "since March": the month, not a march.
_MONTH_WORD = re.compile(r"(?<=[\w,;:'’]\s)(?:March|May)\b")


def _mask_names(text: str) -> str:
    return _MONTH_WORD.sub(lambda m: " " * len(m.group(0)), _NAME.sub(lambda m: " " * len(m.group(0)), text))


# Fixed compounds whose "and" does not end the noun phrase: "50,000 search and rescue personnel".
_COMPOUNDS = re.compile(r"\bsearch and rescue\b", re.I)


def _noun_phrase_after(after: str) -> list[str]:
    phrase = []
    after = _COMPOUNDS.sub(lambda m: m.group(0).replace(" ", "-"), after)
    for word in re.findall(r"[A-Za-z][\w'-]*|[^\sA-Za-z]", after)[:7]:
        if not word[0].isalpha() or _STOP_AFTER.match(word):
            break
        if phrase and word.lower().endswith("ing") and word.lower() not in _ING_NOUNS:
            break  # "1,500 special forces arriving in Vladivostok": the verb ends the noun phrase
        status = word.lower() in _STATUS_PARTICIPLES and bool(re.match(rf"\s*{re.escape(word)}\s+{_STATUS_NOUNS}\b",
                                                                        after, re.I))
        if (word.lower().endswith("ed") and word.lower() not in _WORD_CONCEPT and len(word) > 4 and not status) or \
                (phrase and word.lower() in _IRREGULAR_PARTICIPLES):
            break  # "almost 2 million filled the streets", "the 137 officers sent to": a verb, not what is counted
        phrase.append(word)
    return phrase


# Participles that say how sure a count is, before its noun: "15,664 suspected cases", "1,200 confirmed deaths".
_STATUS_PARTICIPLES = frozenset("""suspected confirmed unconfirmed reported registered recorded documented verified
    unverified presumed estimated""".split())
_STATUS_NOUNS = r"(?:cases|deaths|infections|fatalities|dead|victims|patients|injuries)"
# Nouns of change a share can measure, and what they change: "a 40% increase in base pay".
_CHANGE_NOUNS = frozenset("""increase increases rise rises raise raises hike hikes cut cuts reduction reductions drop
    drops fall falls decline declines jump jumps gain gains contraction contractions expansion""".split())
_CHANGE_OF_BEFORE = re.compile(r"\b(raises?|rises?|increases?|hikes?)\s+of\s+" + _HEDGE_BEFORE_FIGURE + "$", re.I)
_CHANGE_OF = re.compile(r"^\s*(?:in|of|to)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?P<np>(?:[\w'-]+\s?){1,3})", re.I)
_HEDGE_WORDS = frozenset("at least more than about nearly some around almost over up to fewer less roughly "
                         "approximately an estimated".split())
_IRREGULAR_PARTICIPLES = frozenset("""sent taken held left brought given seen found made put kept hit struck drawn
    thrown shown flown caught told paid sold built lost spent won""".split())


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
                  "charred": "burned", "consumed": "burned", "blackened": "burned", "area": "burned",
                  "winds": "wind", "wind": "wind", "gusts": "gust", "gust": "gust", "gusting": "gust",
                  # "the river rose 26 feet in 45 minutes", "the surge at Hunt — 26ft": how far a level rose
                  "rose": "rise", "rising": "rise", "risen": "rise", "rise": "rise", "climbed": "rise",
                  "surge": "rise", "surged": "rise",
                  # "a dam which held 22.5 million cubic metres": what a reservoir or tank holds
                  "held": "capacity", "hold": "capacity", "holds": "capacity", "capacity": "capacity",
                  "storage": "capacity",
}
# A storm's wind at its strongest, not at landfall: "when it had packed winds of 180 mph at its peak".
_PEAK = re.compile(r"\b(?:(?<!from its )peak|peaked|at its (?:height|strongest)|had packed|strongest|had reached|"
                   r"earlier)\b", re.I)
_RAIN = re.compile(r"\b(?:rain|rainfall|downpours?|precipitation)\b", re.I)
_RAIN_UNIT = re.compile(r"(?:mm|millimet\w+|inch(?:es)?|in\.|litres?|liters?|l/m)", re.I)
_END_OF = re.compile(r"^\s+(?:past|beyond|short of|before|from)\s+the\s+(?:far\s+)?end\s+of\s+the\s+(?P<thing>[a-z]+)", re.I)
_FIRE = re.compile(r"\b(?:fire|fires|blaze|blazes|wildfire|wildfires|flames|burn|burned|burnt|burning)\b", re.I)
_ANCHOR = re.compile(r"^[^.;:]{0,25}?\b(?:from|of|to)\s(?:the\s)?(?P<place>[A-Z][\w'-]+)")


_SIZES = frozenset({"length", "depth", "height", "width"})
_REPORTING_WORDS = frozenset("said says told reported added noted estimated put".split())
_HEDGE = r"(?:(?:about|around|some|nearly|roughly|almost|just|over|under|more than|less than|up to)\s+)?"
# Whose size it is: "The Dali, 300 metres long" (apposition), "The vessel is 984 feet long", "the bridge,
# which opened in 1977, was 1.6 miles long" (copula, past a relative clause).
_APPOSITION = re.compile(r"(?P<np>(?:[A-Za-z][\w'-]*\s){0,2}[A-Za-z][\w'-]*),\s*(?:a\s|an\s)?" + _HEDGE + "$")
_COPULA = re.compile(r"(?P<np>(?:[A-Za-z][\w'-]*\s){0,2}[A-Za-z][\w'-]*)(?P<comma>,?)\s(?:is|was|are|were|measures|"
                     r"measured|stretches|stretched|spans|spanned|runs|ran)\s" + _HEDGE + "$")
_RELATIVE_CLAUSE = re.compile(r"(?P<np>(?:[A-Za-z][\w'-]*\s){0,2}[A-Za-z][\w'-]*),\s(?:which|who|that)\b[^;]*$")
_DETERMINERS = frozenset("the a an its their his her this that these those our".split())


def _owner(before: str, after: str) -> str:
    """The thing a length, depth or height belongs to, lower-cased, with one modifier ("temporary channel");
    "" when the sentence does not say. A ship's length and a bridge's are different quantities, as are the
    main channel's depth and a temporary one's."""
    found = _APPOSITION.search(before) or _COPULA.search(before)
    if found is not None and found.re is _COPULA and found.group("comma"):
        found = _RELATIVE_CLAUSE.search(before[: found.start("comma")])  # "the bridge, which ..., was"
    words = found.group("np").split() if found is not None else _noun_phrase_after(after)  # "a 984-foot ship"
    if not words or words[-1].lower() in _DETERMINERS:
        return ""
    head = _lemma(words[-1])
    modifier = words[-2] if len(words) > 1 and words[-2].islower() and words[-2] not in _DETERMINERS else ""
    if modifier and (modifier in _REPORTING_WORDS or _STOP_AFTER.match(modifier)):
        modifier = ""
    return f"{modifier} {head}".strip()


def _measured_key(sentence: str, start: int, end: int, dimension: str) -> tuple[str, str]:
    """(text, key) for a physical measurement: what is measured, from the words around it."""
    before = sentence[:start]
    after = sentence[end:]
    words_after = [w.lower() for w in _words(after[:30])][:3]
    words_before = [w.lower() for w in _words(before[-40:])][-4:]
    nearby = words_after + list(reversed(words_before))
    if dimension == "speed":  # a speed in the news is a wind's, or nothing we compare
        nearby = [w for w in nearby if _MEASURE_WORDS.get(w) in ("wind", "gust")]
    concept = next((_MEASURE_WORDS[w] for w in nearby if w in _MEASURE_WORDS), "")
    anchor = _ANCHOR.match(after)
    place = anchor.group("place") if anchor and anchor.group("place") not in _NOT_PLACES else ""
    if not place and dimension == "length" and re.match(r"^[^.;:]{0,25}?\b(?:(?:off|from)\s+(?:the\s+)?(?:coast|shore)|"
                                                      r"offshore)\b", after):
        place = "coast"  # "about 40 nautical miles off the coast", "74 kilometres offshore", "46 miles from shore"
    if not place and dimension == "length" and re.match(r"^[^.;:]{0,25}?\b(?:from|of)\s+the\s+capital\b", after):
        place = "capital"  # "about 380km from the capital": the story's capital, which claim alignment names
    if not concept and dimension == "area" and _FIRE.search(sentence):
        concept = "burned"  # "the fire grew to 36,000 hectares": an area in a sentence on a fire is what burned
    if not concept and dimension == "length" and _END_OF.match(after):
        place = _END_OF.match(after).group("thing").lower()  # "250 metres past the end of the runway"
    if (not concept or (concept == "distance" and not place)) and dimension == "length" \
            and _RAIN_UNIT.search(sentence[start:end]) and _RAIN.search(sentence):
        concept = "rain"  # "a gauge in Chiva recorded 491mm in eight hours": a depth of rain in a sentence on rain
    if place and concept in ("", "distance") and dimension == "length":
        concept = "distance"
    if concept == "distance" and dimension != "length":
        concept, place = "", ""  # "winds of 120 km/h, according to the National Hurricane Center": no distance
    if dimension == "length" and any(w in ("column", "plume") for w in words_before):
        concept = "column"  # "a column of ash 8,000 metres", "an ash plume 800 metres high": not the mountain's
    if concept in ("wind", "gust") and dimension != "speed":
        concept = ""
    if concept in ("wind", "gust"):
        # "maximum sustained winds of 120mph at landfall" vs "gusts of 150mph", or its winds at its peak
        clause = " ".join(re.split(r";", before)[-1].split(",")[-3:]) + re.split(r"[,;]", after)[0]
        if concept == "wind" and _PEAK.search(clause):
            concept = "wind|peak"
        return concept, f"{dimension}|{concept}"
    if not concept and not place and dimension == "temperature":
        # "hit 40.3C", "40.3 degrees Celsius": a temperature is what it measures (where and when set it apart)
        qualifier = "|forecast" if re.search(r"\b(?:forecast\w*|predicted|expected|could|may|might)\b", before[-60:],
                                             re.I) else ""
        return "temperature", f"temperature{qualifier}"
    if not concept and not place and dimension != "speed":
        # "stole 6 terabytes of data", "seized 120 tonnes of cocaine": the stuff measured is what it measures
        stuff = re.match(r"^\s+of\s+(?:the\s+|its\s+|their\s+)?(?=[a-z])", after)
        phrase = _noun_phrase_after(" " + after[stuff.end():]) if stuff else []
        if phrase and phrase[-1].islower() and phrase[-1] not in _DETERMINERS:
            what = _lemma(phrase[-1])
            return what, f"{dimension}|{what}"
    if not concept or (concept == "distance" and not place):
        # "2,400m", "about 40 kilometers": a bare length says nothing of what it measures; a distance needs
        # its anchor ("72 km from Marrakesh") to be the same distance as another.
        return f"{dimension} figure", ""
    key = f"{dimension}|{concept}"
    if concept in _SIZES:
        owner = _owner(before, after)
        key += f"|{owner}" if owner else ""
    if place and concept == "distance":
        # "20 miles northwest of Oroville" and "30 miles south of Oroville" are two places, not two readings
        bearing = next((w for w in words_after if _MEASURE_WORDS.get(w) == "distance" and w not in ("away", "from",
                                                                                                    "off")), "")
        key += f"|{bearing.replace('-', '')}" if bearing else ""
        key += f"@{place.lower()}"
    text = " ".join(p for p in (concept or dimension, f"from {place}" if place else "") if p)
    return text, key


def counts_people(word: str) -> bool:
    """Nouns naming who is counted, whose count an event word can redefine ("550 pilgrims died")."""
    w = word.lower()
    return w in _PEOPLE or _lemma(w) in _PEOPLE or _WORD_CONCEPT.get(w) in _POPULATIONS


def _nearest_concept(back: list[str], ahead: list[str], events_only: bool = False) -> str:
    """The concept word nearest to the figure, looking back in its clause and just ahead; ties go back."""
    best: tuple[int, str] | None = None
    for distance, w in enumerate(reversed(back), 1):
        c = _WORD_CONCEPT.get(w)
        if c and (not events_only or c in EVENT_CONCEPTS):
            best = (distance, c)
            break
    for distance, w in enumerate(ahead, 1):
        c = _WORD_CONCEPT.get(w)
        if c and (not events_only or c in EVENT_CONCEPTS):
            if best is None or distance < best[0]:
                best = (distance, c)
            break
    return best[1] if best else ""


def _concept(before: str, phrase: list[str], after: str) -> str:
    """What the figure counts.

    Its own noun phrase decides ("10,000 North Korean troops", "4.9 aftershock"), unless that phrase only
    names a population and an event word sits next to it ("550 pilgrims died" counts the dead). A figure
    without a noun of its own takes the nearest concept word in its clause ("the death toll rose to 820").
    """
    clause = re.split(r"[;:()]|,\s(?:while|but|and|whereas)\b|\bwhile\b", before)[-1]
    if re.search(r"\band\s+(?:about\s|some\s|nearly\s|more than\s|at least\s|almost\s|around\s)?$", clause):
        clause = ""  # "65 people were treated for injuries and 22 were arrested": a new conjunct, its own verb
    clause = re.sub(r"\bgathered\s+by\b", "collected by", clause)  # "testimony gathered by UN agencies": no crowd
    back = [_bare(w) for w in _words(_mask_names(clause))][-20:]
    while back and back[-1] in _HEDGE_WORDS:
        back.pop()  # "killing at least nine people and injuring ...": "killing" is next to the figure
    ahead_text = re.split(r"[;:()]|,\s(?:while|but|whereas|and)\b", after)[0]
    ahead = [_bare(w) for w in _words(_mask_names(ahead_text))][len(phrase):len(phrase) + 6]
    for pattern, concept in _PHRASE_CONCEPTS:
        if pattern.match(ahead_text[len(" ".join(phrase)) + 1 if phrase else 0:]):
            return concept  # "580,000 (people) from their homes", "80,000 (people) took part"
    in_phrase = [_WORD_CONCEPT[w.lower()] for w in phrase if w.lower() in _WORD_CONCEPT]
    if phrase and not all(counts_people(w) for w in phrase[-1:]):
        return in_phrase[0] if in_phrase else _lemma(phrase[-1])
    if _LEVEL_BEFORE.search(before):
        # "the number of people driven from their homes climbed to 538,000": what the number is of says it
        number_of = _NUMBER_OF.search(clause)
        if number_of:
            for pattern, concept in _PHRASE_CONCEPTS:
                if pattern.match(" " + number_of.group("what")):
                    return concept
        # "The death toll from the floods rose to 158 on Thursday, as soldiers ... dug": the subject that
        # moved is what the level counts; words after it are another clause's.
        subject = _nearest_concept(back, [])
        if subject:
            return subject
    # (what happened to people is told in their own ", with ..." phrase: "the toll stood at 46 dead, with 58 people
    # still missing" counts the missing)
    with_phrase = re.search(r",\s+with\s+(?P<rest>[^,]*)$", clause)
    near = [_bare(w) for w in _words(with_phrase.group("rest"))] if with_phrase else back
    event = _nearest_concept(near[-4:], ahead[:4], events_only=True)
    if event:
        return event
    if in_phrase:
        return in_phrase[0]
    for pattern, concept in _PHRASE_CONCEPTS:
        if pattern.search(ahead_text[:60]) or pattern.search(clause[-40:]):
            return concept
    nearest = _nearest_concept(back, ahead)
    if nearest == "structures" and phrase and counts_people(phrase[-1]):
        # "more than 300 people and 1,182 houses had been buried": people are no houses; what befell both is
        # told further on
        nearest = _nearest_concept([], [_bare(w) for w in _words(ahead_text)][len(phrase):len(phrase) + 12],
                                   events_only=True)
    if not nearest and phrase and _lemma(phrase[-1]) in _NAMED_POPULATIONS:
        return _lemma(phrase[-1])  # "62 passengers and five crew": with no event beside them, who they are
    return nearest


_OF_THE_WHOLE = re.compile(r"(?:^|[.;:]\s*)Of\s+the\s+(?:about\s|some\s|around\s|nearly\s|more than\s)?$")
# Concepts only money has: a count of people near one of their words is not that money.
_MONEY_CONCEPTS = frozenset({"fee", "fine", "ransom", "tranche", "reserves", "wage", "package", "loss", "deficit",
                             "buyback", "profit", "revenue", "compensation"})
# Populations that say who was counted when nothing happened to them in the clause ("people" says nothing).
_NAMED_POPULATIONS = frozenset({"passenger", "children", "child", "migrant", "civilian", "villager"}
                               | {_lemma(r) for r in _ROLES})


_SEGMENTED = frozenset({"revenue", "profit", "growth", "package", "deficit", "share price"})


def _currency_modifier(before: str, phrase: list[str], concept: str) -> str:
    """"data-centre revenue" is not "revenue": the word before the concept word, unless generic, or the
    business segment the sentence is about ("the data-centre division ... brought in $26.3 billion")."""
    words = [w.lower() for w in phrase] or [w.lower() for w in _words(before)][-6:]
    for i, w in enumerate(words):
        if _WORD_CONCEPT.get(w) == concept and i > 0:
            modifier = words[i - 1]
            if modifier not in _GENERIC_MODIFIERS and not _STOP_AFTER.match(modifier):
                return modifier
    of = _CONCEPT_OF.search(before)
    # (not for a loss: "insured losses from the Palisades and Eaton fires" name the cause, not a kind of loss;
    # nor a hedge: "fines of up to about $9,300")
    if of and _WORD_CONCEPT.get(of.group("concept").lower()) == concept \
            and of.group("what").lower() not in _WORD_CONCEPT and concept != "loss" \
            and not _STOP_AFTER.match(of.group("what")):
        return _lemma(of.group("what"))  # "Sales of Mac computers fell to $7.6bn": Mac sales, not all sales
    segment = _SEGMENT.search(before)
    return segment.group(1).lower() if segment else ""


# "Sales of the iPhone rose to ...", "revenue from Apple's flagship product": what the money is of.
_CONCEPT_OF = re.compile(r"\b(?P<concept>[A-Za-z]+)\s(?:of|from)\s(?:the\s|its\s|their\s)?(?:[A-Z][\w-]*'s\s)?"
                         r"(?P<what>[A-Za-z][\w-]*)\b[^.;,]{0,40}"
                         # "Sales of Xbox content and services, such as games and Game Pass, rose 61%"
                         r"(?:,\s(?:such\sas|including|like)\s[^.;,]{0,60}(?:,\s[^.;,]{0,40})?,[^.;,]{0,20})?$")


_NUMERAL = re.compile(r"\d")
# A figure (with its scale word or unit) right before a qualifier: the qualifier follows and modifies it.
_FIGURE_JUST_BEFORE = re.compile(r"\d(?:[\d.,]*)(?:\s?(?:bn|billion|m|million|trillion|%|per\s?cent|percent|[a-z]+))?\s*$",
                                 re.I)
_OWN_NUMERAL = frozenset({"prior", "per share", "earlier", "serious", "planned", "sequential", "offer", "demand"})
# Qualifiers read to the end of the figure's clause, further than the others' 40 characters: "10 soldiers have
# been killed in the fighting in recent days", "two people remain in hospital in a critical condition".
_CLAUSE_WIDE = frozenset({"earlier", "serious", "sequential"})
# Qualifiers that bear on a figure only from before it: "would have won 90 seats", but not "put attendance at
# 300,000, and said the real figure could have been higher".
_BEFORE_ONLY = frozenset({"hypothetical", "average", "planned", "offer", "demand"})


def _qualifies(pattern: re.Pattern, window: str, start: int, end: int, own_numeral: bool) -> bool:
    """Whether `pattern` qualifies the figure at window[start:end]. With `own_numeral`, a match with another
    figure between it and this one belongs to that figure: in "rose 18% to $62.0 billion from $52.7 billion
    a year earlier", "a year earlier" is the $52.7 billion's."""
    for match in pattern.finditer(window):
        if not own_numeral:
            return True
        if pattern is _PER_SHARE and match.start() < end:
            continue  # "$2.93 a share, compared with $16.4 billion": "a share" follows its own figure
        between = window[match.end():start] if match.end() <= start else window[end:match.start()]
        if _NUMERAL.search(between):
            continue
        if match.end() <= start and _FIGURE_JUST_BEFORE.search(window[:match.start()]):
            continue  # "up from $76.05 billion a year earlier, and net income of $20.89 billion": the $76.05's
        return True
    return False


_COMPENSATION_AFTER = re.compile(r"^\s+(?:to|for)\s+(?:the\s+)?(?:famil(?:y|ies)|next\s+of\s+kin|relatives|"
                                 r"dependants)\b", re.I)
_BREACH_BEFORE = re.compile(r"\b(?:exposed|stole|stolen|leaked|compromised)\s(?:the\s)?(?:\w+\s){0,3}?"
                            r"(?:data|information|records|details)\s(?:of|belonging\sto)\s+(?:about\s|some\s|roughly\s|"
                            r"nearly\s|more\sthan\s)?$", re.I)
_PURCHASE_BEFORE = re.compile(r"\b(?:signed|signing|sign|bought|buying|buy|sold|selling|sell|acquired|acquiring|"
                             r"acquire)\b[^,;.]{0,40}\bfor\s+(?:about\s|around\s|some\s|a\s+reported\s|an\s+initial\s)?$",
                             re.I)
_PRONOUN_WORDS = frozenset("they them he she it we you i this that these those who which what there".split())


def find_referent(sentence: str, start: int, end: int, dimension: str = "count",
                  published_year: int | None = None, published_month: int = 0) -> Referent:
    """The referent of the figure at sentence[start:end] of `dimension` ("count", "currency", "area"...).

    The key is "" when nothing identifies what is counted: such a figure is never compared.
    """
    # Qualifiers count only near the figure: "plans to rehouse" later in the sentence is not about it.
    window_start = max(0, start - 80)
    window = sentence[window_start: end + 40]
    clause_window = sentence[window_start: end] + re.split(r"[,;:]|\s(?:and|but|while)\s", sentence[end:end + 90])[0]
    qualifiers = [name for name, pattern in _QUALIFIERS
                  if _qualifies(pattern, window[:start - window_start] if name in _BEFORE_ONLY else
                                clause_window if name in _CLAUSE_WIDE else window,
                                start - window_start, end - window_start, name in _OWN_NUMERAL)]
    if "prior" in qualifiers and "earlier" in qualifiers:
        qualifiers.remove("earlier")  # "a year earlier" is the same measure's previous period, not an event
    if "prior" in qualifiers and "sequential" in qualifiers:
        qualifiers.remove("prior")  # "up 122% from a year earlier and 15% higher than in the previous quarter"
    if dimension in ("currency", "percent") and _FROM_BEFORE.search(sentence[:start]) and "prior" not in qualifiers:
        # "rose 122% from the $13.51 billion ...": an earlier period's figure, another quantity. (A toll "up
        # from 2,901" is the same running total at an earlier date: its as-of tells them apart.)
        qualifiers.append("prior")
    if _REQUIRED_BEFORE.search(sentence[:start]):
        qualifiers.append("required")  # "would need 60 votes": a threshold, not a count of anything
    if _SUBSET_AFTER.match(sentence[end:]) or _SUBSET_BEFORE.search(sentence[:start]) \
            or _NATIONALS_AFTER.match(sentence[end:]) or (
                dimension == "count" and _BREAKDOWN_BEFORE.search(sentence[:start])
                and _BREAKDOWN_AFTER.match(sentence[end:])):
        qualifiers.append("part")  # "323 of the dead were Egyptians": a part, not the whole
    site = _SITE_AFTER.match(sentence[end:])
    if site and dimension == "count":
        # "Seven people died at the bowling alley and eight at the bar": one site's count, not the event's
        qualifiers.append("at " + site.group("site").lower())
    delta_after = _DELTA_AFTER.match(sentence[end:])
    # ("about 15% higher", "15% higher than in the previous quarter" are moves; "eight percent lower than the
    # record of 88 percent" is the difference between two figures)
    if delta_after and dimension == "percent" and re.match(
            r"\s+(?:higher|lower)\b(?!\s+than\s+(?!in\b|on\b|during\b|a\s+year|the\s+(?:previous|same|prior)|last\b))",
            sentence[end:]):
        delta_after = None
    if delta_after or _DELTA_BEFORE.search(sentence[:start]) or \
            (dimension != "percent" and _MOVED_BY.search(sentence[:start])):
        qualifiers.append("change")  # "48 fewer candidates", "a gain of five", "two other soldiers"
    if published_year:
        # A figure in a sentence about an earlier year is history ("the 2015 quake killed nearly 9,000").
        # A year before the figure, or just after it, dates it; "... the deadliest since Katrina in 2005" at the
        # far end of the sentence does not.
        # After the figure only within its clause: "... rose to 21,000, surpassing the toll of the 1999 quake".
        near = sentence[:start] + " " + re.split(r"[,;]", sentence[end: end + 70])[0]
        past = sorted({int(m.group(1)) for m in _YEAR.finditer(near) if 1800 < int(m.group(1)) < published_year
                       and not _PERIOD_BEFORE_YEAR.search(near[:m.start()])})
        lead_month = _LEAD_MONTH.match(sentence)
        if not past and lead_month and published_month and \
                _DAY_AND_MONTH_NAMES.index(lead_month.group(1).title()) + 1 > published_month:
            past = [published_year - 1]  # "In September, a cyclone ... killing 54" in May: last year's event
        if past:
            qualifiers.append(f"in {past[0]}")
        # A year still to come names a forecast for it: "growth of 2.1 percent this year and next year before
        # slipping to 1.9 percent in 2019"
        coming = re.match(r"\s+in\s+((?:19|20)\d\d)\b", sentence[end:end + 12])
        if coming and int(coming.group(1)) > published_year and not any(q.startswith("by ") for q in qualifiers):
            qualifiers.append(f"in {coming.group(1)}")
    month = _month_of(sentence, start, end)
    if month:
        qualifiers.append(MONTH_QUALIFIER + month)
    target = _BY_DATE.match(re.split(r"[,;]", sentence[end:end + 80])[0]) if published_year else None
    if target:
        # "2 million doses by the end of this year and 10m by the end of 2025": a target for a date
        when = target.group("when").lower()
        year = published_year + (when == "next year") if not when[0].isdigit() else int(when)
        qualifiers.append(f"by {year}")
    named = list(_NAMED_EVENT.finditer(_clause_before(sentence[:start])))
    if named:
        qualifiers.append(EVENT_QUALIFIER + (named[-1].group("name") or named[-1].group("fire")).lower())
    who = actor(sentence[:start]) if dimension in ("count", "percent") else ""
    if who:
        qualifiers.append(ACTOR_QUALIFIER + who)
    if _ANOTHER_EVENT.search(_clause_before(sentence[:start])[-60:]) or (
            dimension == "count" and _ANOTHER_GROUP.search(sentence[:start]) and "change" not in qualifiers
            and _GROUP_VERB_AFTER.match(sentence[end:])):
        qualifiers.append("another")
    if dimension not in ("count", "currency", "percent"):
        text, key = _measured_key(sentence, start, end, dimension)
        scope = "" if "@" in key else _scope(sentence[end:], sentence[:start])
        if scope and _PLACE_LEAD.match(sentence) and scope.lower() in sentence[:40].lower() and ":" not in scope:
            scope = SOFT + scope  # "In Chiva, west of the city, it measured 419 l/m²": where, not which rain
        return Referent(text=text, key="|".join([key] + qualifiers) if key else "", scope=scope)
    after = sentence[end:]
    before = sentence[:start]
    if dimension == "percent" and re.search(r"\bpercentage$", sentence[start:end], re.I):
        after = re.sub(r"^\s*points?\b", " ", after)  # "six percentage points": the unit, not what is measured
        if re.match(r"^\s+of\s+(?:that|the|this|its)\s+(?:growth|increase|rise|gain|decline|fall|drop)\b", after):
            qualifiers.append("part")  # "with AI contributing six percentage points of that growth"
    if dimension == "percent" or VAGUE_SURFACE.match(sentence[start:end].strip()):
        # "42% of primary teachers", "dozens of towns", "tens of thousands of visitors": the noun after "of"
        after = re.sub(r"^\s+of\s+(?:the\s+|all\s+|its\s+|their\s+|his\s+|her\s+)?", " ", after)
    elif dimension == "currency" and _PURCHASE_BEFORE.search(before):
        # "Arsenal signed Declan Rice for £105m", "sold the unit for $2bn": the price paid, a fee
        return Referent(text="fee", key="|".join(["fee"] + qualifiers), scope="")
    elif dimension == "currency" and _COMPENSATION_AFTER.match(after):
        # "Rs 4 lakh for the family of each victim", "4 million rupees to the next of kin of each victim"
        return Referent(text="compensation", key="|".join(["compensation"] + qualifiers), scope="")
    elif dimension == "currency":
        # "$26.3bn in data-centre revenue", "£100bn of additional capital investment", "£22.6bn for
        # day-to-day spending": the money's own noun phrase
        # (but "$86,310 million for the final three months" is the period's)
        after = re.sub(r"^\s+(?:in|of|for)\s+(?:the\s+|its\s+|their\s+)?(?:additional\s+|extra\s+|new\s+)?"
                       r"(?![a-z]+\s+(?:[a-z]+\s+)?(?:months?|quarters?|years?|weeks?|days?|period|half)\b)(?=[a-z])",
                       " ", after)
    phrase = _noun_phrase_after(after)
    if phrase and (phrase[-1].lower() in _META_NOUNS or _lemma(phrase[-1]) in _META_NOUNS):
        phrase = []
    spelled = not re.search(r"\d", sentence[start:end])
    if spelled and not phrase:
        # "seven", "two" with no noun of their own: background, never inferred from context; unless what
        # happened to them is told right before ("had arrested three suspected smugglers")
        # (or right after: "Eleven were injured", "Five died")
        concept = _nearest_concept([_bare(w) for w in _words(before)][-2:],
                                   [_bare(w) for w in _words(re.split(r"[,;:]", after)[0])][:3], events_only=True)
    elif spelled and not any(counts_people(w) or w.lower() in _WORD_CONCEPT for w in phrase[-1:]):
        concept = _lemma(phrase[-1])  # "two districts", "seven other unions": only what the phrase names
    else:
        concept = _concept(before, phrase, after)
    change_of = _CHANGE_OF_BEFORE.search(before) if dimension == "percent" and not concept else None
    if change_of:
        # "raises of 36%", "a pay rise of 40%": the change is of pay; else of the clause's subject
        near = _nearest_concept([_bare(w) for w in _words(_clause_before(before))][-8:], [])
        concept = near or ("wage" if change_of.group(1).lower().startswith("raise") else "")
    if dimension == "percent" and phrase and phrase[-1].lower() in _CHANGE_NOUNS:
        # "a 40% increase in base pay", "36 percent raises": a share is the change of what it is "in"
        moved = _CHANGE_OF.match(after[len(" ".join(phrase)) + 1:])
        words = [_bare(w) for w in _words(moved.group("np"))] if moved else []
        # (whose: "a 28 percent cut in state department funding" is not "a 10 percent increase in defense spending")
        words = words or [_bare(w) for w in phrase[:-1]]
        at = next((i for i, w in enumerate(words) if w in _WORD_CONCEPT), None)
        named = _WORD_CONCEPT[words[at]] if at is not None else ""
        if named and at and not _STOP_AFTER.match(words[at - 1]) and _WORD_CONCEPT.get(words[at - 1]) is None \
                and named in _SEGMENTED | {"package"}:
            named = f"{words[at - 1]} {named}"
        subject = _nearest_concept([_bare(w) for w in _words(_clause_before(before))][-8:], [])
        if named:
            concept = named
        elif phrase[-1].lower() in ("raise", "raises"):
            concept = "wage"  # a raise is of pay
        elif subject:
            concept = subject  # "Revenue had a 10% increase": the clause's subject changed
    if dimension == "count" and _OF_THE_WHOLE.search(before) and phrase and counts_people(phrase[-1]) \
            and re.match(r"\s*[\w\s-]{0,30}?,", after):
        concept = "aboard"  # "Of the 110 workers, 41 died": the whole group there, which the parts are of
    if dimension == "count" and concept in _MONEY_CONCEPTS and phrase and counts_people(phrase[-1]):
        # "Its 16,000 members will vote on the deal": people are no fee, whatever money word is near
        concept = _lemma(phrase[-1]) if _lemma(phrase[-1]) in _NAMED_POPULATIONS else ""
    if concept in ("people", "person") or concept in _PRONOUN_WORDS:
        concept = ""  # "people" alone says nothing of what happened to them; "the 40,000 they counted" nothing
    if concept == "jobs" and "change" in qualifiers and re.search(r"\b(?:gain|loss)\s+of\s*$", before):
        qualifiers.remove("change")  # "a gain of 150,000 payrolls": a month's jobs figure is its gain
    if _MAGNITUDE_BEFORE.search(before):
        concept = "magnitude"
    elif re.search(r"\bdeliver(?:ed|s|ing)\s+(?:about\s|some\s|nearly\s|more than\s|almost\s)?$", before):
        concept = "deliveries"  # "The company delivered 426,890 vehicles": what it delivered is its deliveries
    elif _HIRING_BEFORE.search(before) and phrase and _lemma(phrase[-1]) in _STAFF:
        concept = "jobs"  # "Employers added 254,000 workers", "took on 223,000 staff": jobs filled
    elif _BREACH_BEFORE.search(before) and (not phrase or any(counts_people(w) for w in phrase)):
        concept = "affected"  # "exposed the personal and health information of about 190 million people"
    elif _CARRYING_BEFORE.search(before) and (not phrase or any(counts_people(w) for w in phrase)):
        # "The plane, carrying 76 people, ...": who was on it, whatever happened to them; "carrying 60
        # passengers" counts the passengers, whom the crew joins in all on board
        named = _lemma(phrase[-1]) if phrase else ""
        concept = "passenger" if named == "passenger" else "aboard"
    elif _STRIKE_INVOLVES.search(before) and (not phrase or any(counts_people(w) for w in phrase)):
        concept = "strikers"  # "The strike, now in its 12th day, involves about 18,300 workers"
    elif _UNION_REPRESENTS.search(before) and (not phrase or any(counts_people(w) for w in phrase)):
        concept = "member"  # "The union represents about 146,000 workers": its members
    if concept == "jobs" and "change" not in qualifiers:
        sector = _sector(re.split(r"[,;:]", before)[-1])
        if sector:
            qualifiers.append(f"sector:{sector}")  # "with government adding 31,000": a part of the month's jobs
    population = _POPULATION_OF.search(before[-60:])
    if population:
        concept = f"population of {population.group('whole').lower()}"  # "a city of about 1.3 million people"
    elif phrase and phrase[-1].lower() in ("residents", "inhabitants") and _RESIDENTS_OF.search(before[-60:]):
        # "more than a quarter of Hong Kong's 7.4 million residents": who live there, not the marchers
        concept = f"population of {_RESIDENTS_OF.search(before[-60:]).group('whole').lower()}"
    if concept == "protesters" and dimension == "percent" and re.search(r"\bturnout\b", sentence, re.I):
        concept = "turnout"  # "Turnout was 81%": of voters, not a crowd
    if concept and dimension == "currency":
        modifier = _currency_modifier(before, phrase, concept)
        concept = f"{modifier} {concept}" if modifier else concept
    elif concept in _SEGMENTED and dimension == "percent":
        # "the data-centre segment ... up 154 percent", "Gaming revenue rose 49%", "Revenue from Xbox ... 61%"
        # (business lines only: "42% of primary school teachers" and "42% of primary teachers" are one share)
        modifier = _currency_modifier(before, phrase, concept)
        concept = f"{modifier} {concept}" if modifier else concept
    text = " ".join(phrase)
    if concept and (not phrase or counts_people(phrase[-1])) and concept not in text.lower():
        text = f"{text} {concept}".strip()
    if not text and dimension in ("percent", "currency"):
        # "core inflation rose 0.3%", "Blackmores up 9.4 per cent": the subject that moved is what it measures.
        m = _SUBJECT_BEFORE.search(before)
        text = _ARTICLES.sub("", m.group("np")).strip() if m else ""
    if not text:
        m = _NOUN_OF_BEFORE.search(before)
        text = (_ARTICLES.sub("", m.group("np")) if m else "") or concept
    if concept == "seat":
        qualifiers += [q for q in seat_qualifiers(sentence, start, end) if q not in qualifiers]
    elif concept == "vote" and dimension == "percent" and _COUNTED_AFTER.match(sentence[end:]):
        concept = ""  # how far the count had got when the outlet went to press: a time, no claim to check
    elif concept == "vote" and dimension == "percent":
        # "PiS took 35.38 per cent of the vote": a party's share is its own quantity, as its seats are, and
        # "of the vote" is what the share is of, no part of a whole count
        owner = seat_owner(sentence, start, end)
        qualifiers = [q for q in qualifiers if q != "part"] + ([OWNER_QUALIFIER + owner] if owner else [])
    scope = _scope(after[len(" ".join(phrase)) + 1:] if phrase else after, before)
    return Referent(text=text.strip(), key="|".join([concept] + qualifiers), scope=scope)


OWNER_QUALIFIER = "of:"
# Whose seats: the party or alliance named last before the figure in its clause ("The BJP won 240 seats",
# "the Conservatives 121", "The Freedom party was in second place on 20 seats"), else the one they went to
# ("seats for the Liberal Democrats").
_OWNER_BEFORE = re.compile(r"(?P<name>(?:[A-Z][\w'’-]*|[A-Z]{2,})(?:\s(?:[A-Z][\w'’-]*|of|and|&))*?)"
                           r"(?:['’]s)?(?:\s(?:party|alliance|bloc|coalition|front))?(?:\s[a-z][\w'-]*){0,7}\s*$")
_OWNER_AFTER = re.compile(r"^\s*(?:seats?\s+)?(?:for|to|went\s+to|won\s+by)\s+(?:the\s+)?"
                          r"(?P<name>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*)")
_NOT_OWNERS = frozenset("""the a an it in on at by for of and but while with after before as this that these those its
    their his her he she they we there here what when where why how if so yet also still then now overall
    together combined total all parliament house assembly lok sabha commons senate congress's opposition
    final early official exit poll polls""".split())


# "With 94% of the vote counted": how far the count has got, no party's share
_COUNTED_AFTER = re.compile(r"^\s+of\s+(?:the\s+)?(?:votes?|ballots)\s+(?:(?:had|have)\s+been\s+)?"
                            r"(?:counted|tallied|processed|reported|in)\b", re.I)


def seat_qualifiers(sentence: str, start: int, end: int) -> list[str]:
    """What sets a count of seats apart: whose they are ("the BJP won 240 seats") and whether they are the
    threshold ("the 272 needed for a majority")."""
    found = []
    if re.match(r"\s*(?:seats?\s+)?(?:needed|required)\s+(?:for|to)\b", sentence[end:]):
        found.append("required")
    elif _ALL_SEATS_BEFORE.search(sentence[:start]) or _ALL_SEATS_AFTER.match(sentence[end:]):
        found.append("total")  # "28 parties are competing for 150 seats", "parliament's 150 seats"
    else:
        owner = seat_owner(sentence, start, end)
        if owner:
            found.append(OWNER_QUALIFIER + owner)
    return found


_ALL_SEATS_BEFORE = re.compile(r"(?:\b(?:parliament|house|chamber|assembly|legislature|senate|lok\s+sabha)['’]s|"
                               r"\b(?:competing|contesting|vying|running)\s+for|\bout\s+of|\ball)\s+(?:the\s+)?$", re.I)
_ALL_SEATS_AFTER = re.compile(r"^[\s-]*seats?\s+(?:in|of)\s+(?:the\s+)?(?:\d+-seat\s+)?(?:parliament|house|chamber|"
                              r"assembly|legislature|senate|lok\s+sabha)\b|^-seat\b", re.I)


def seat_owner(sentence: str, start: int, end: int) -> str:
    """Whose seats the figure at sentence[start:end] counts, lower-cased ("bjp", "liberal democrats"), or ""."""
    before = sentence[:start]
    clause = re.split(r"[;:()]|,|\b(?:while|whereas|but|and)\b", before)[-1]
    m = _OWNER_BEFORE.search(clause)
    if (not m or m.group("name").lower() in _NOT_OWNERS) and re.match(r"\s*(?:winning|taking|with|on)\b", clause):
        # "The Green-Left party also did well, winning 14 seats": the sentence's subject won them
        m = _OWNER_BEFORE.search(re.split(r"[;:()]|\b(?:while|whereas|but)\b", before)[-1].split(",")[0])
    name = m.group("name") if m else ""
    if not name or name.lower() in _NOT_OWNERS:
        m = _OWNER_AFTER.match(sentence[end:])
        name = m.group("name") if m else ""
    name = " ".join(w for w in name.split() if w.lower() != "the").lower()
    name = re.sub(r"['’]s$", "", name)  # "National's 48 seats" are National's
    name = re.sub(r"^.*['’]s\s+", "", name)  # "Rutte's VVD party" is the VVD
    return "" if not name or name in _NOT_OWNERS or name in _DAYS_AND_MONTHS else name


_DAYS_AND_MONTHS = frozenset(w.lower() for w in _DAY_AND_MONTH_NAMES)


# Last resort: "in <Place>" anywhere in the figure's own clause, or in the clause a relative "which" hangs on:
# "the crowd crush in Seoul on Saturday night, which killed more than 150 people", "over 150 people died in
# a crowd crush in Seoul" (in a story about Morbi: another event's toll, not this one's).
_IN_NAMED_PLACE = re.compile(r"\bin\s(?:the\s)?(?:(?:north|south|east|west|central|northern|southern|eastern|"
                             r"western|north-?eastern|north-?western|south-?eastern|south-?western)\s)?"
                             # "in the Libyan city of Derna", "in the Indian state of Gujarat": the place named
                             r"(?:(?:[A-Z][\w'-]+\s|south-?\w+\s|north-?\w+\s|eastern\s|western\s)?"
                             r"(?:city|town|port|village|state|province|region)\sof\s)?"
                             r"(?P<place>[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?(?:\s(?:County|Parish|Prefecture|District|"
                             r"Province))?)(?!\s(?:and|or)\s[A-Z]|[\w'-]|\s(?:city|town|port|village|capital|coast|"
                             r"region|province|state|county)\sof\b)")  # (not "in the Libyan city of Derna")
# (Not one of a pair: "the earthquakes in Turkey and Syria" restrict a figure to neither.)


# Particles inside a place's name: "Rio Grande do Sul", "Democratic Republic of the Congo", "Isle of Man".
_PARTICLES = re.compile(r"\b[A-Z][a-z]+ (?:of the|of|do|da|dos|das|de|del|della|di|du|la|le|al|el) (?=[A-Z][a-z])")


def join_particles(text: str) -> str:
    """`text` with the particles inside names joined by "_" (offsets kept), so that place patterns, which run
    over capitalised words, take the whole name."""
    # (the capitalised word before keeps its own letters; only the particle's spaces are joined)
    return _PARTICLES.sub(lambda m: re.sub(r"^(\w+) ", r"\1_", m.group(0)).replace(" ", "_"), text)


def no_place(name: str) -> bool:
    """Capitalised words that name no place: a month, a day, a storm, a sentence's article ("In September,")."""
    return not name or name.split()[0].split("-")[0] in _NOT_PLACES


def places_named(text: str) -> list[str]:
    """The places `text` names with "in" ("a rally in Hamburg on Friday"), in order; not months or days."""
    return [m.group("place").replace("_", " ") for m in _IN_NAMED_PLACE.finditer(join_particles(text))
            if not no_place(m.group("place"))]  # (nor "the October-December quarter")


_PARTICIPLE = re.compile(r"\s*(?:killing|injuring|leaving|wounding)\b")


def _words_within(text: str, limit: int) -> str:
    """The first `limit` characters of `text`, and the rest of the word the limit falls in: a name cut in two
    ("in Ja") is no place."""
    return text[:limit] + re.match(r"[\w'-]*", text[limit:]).group(0)


def _event_place(short: str, segments: list[str], after: str) -> re.Match | None:
    if re.match(r"\s*(?:which|that|who)\b", short) and len(segments) > 1:
        short = segments[-2] + short
    elif _PARTICIPLE.match(short) and len(segments) > 1:
        # "a bridge collapsed in the town of Morbi, in Gujarat state, killing more than 130": the event's place
        short = ",".join(segments[-3:-1]) + short
    own_after = _words_within(re.split(r"[,;:]|\s(?:while|but|whereas|and)\s", after)[0], 60)
    return _IN_NAMED_PLACE.search(short) or _IN_NAMED_PLACE.search(own_after)


# A soft scope ("~seoul"): a place the figure may be restricted to, which claim alignment settles per story.
SOFT = "~"
NATIONAL = "*"  # an explicitly national figure: never inherits a city's scope from a neighbour


def _scope(after: str, before: str = "") -> str:
    """The place a figure is restricted to (names with particles whole: "in Rio Grande do Sul")."""
    return _place_scope(join_particles(after), join_particles(before)).replace("_", " ")


def _place_scope(after: str, before: str = "") -> str:
    """The place a figure is restricted to: "in Paris", "in the capital", "the Paris march drew ...",
    "in Paris, where police put the crowd at ...", "In Buncombe County, ... at least 30", "died in the
    county"; NATIONAL for "nationwide" or a whole country."""
    across = _ACROSS_NAMED.search(_words_within(re.split(r"[,;]", after)[0], 50)) or _ACROSS_NAMED.match(before.lstrip())
    # (within the figure's clause: "1.4 million people had taken part in about 100 demonstrations across the
    # country" is the nation's count)
    if _NATIONWIDE.search(re.split(r"[,;]", after)[0][:90]) or _NATIONWIDE.match(before.lstrip()) or \
            _ACROSS_REGION.search(_words_within(re.split(r"[,;]", after)[0], 60)) or \
            (across and (is_country(across.group("place")) or is_state(across.group("place")))):
        return NATIONAL
    if _CAPITAL_AFTER.match(after):
        return "capital"
    clause = _clause_before(before)
    if _THE_COUNTRY_AFTER.match(after) or _THE_COUNTRY_BEFORE.search(clause):
        country = _last_country(before)
        return f"country:{country}" if country else ""
    short = re.split(r",|\b(?:while|whereas|but)\b", clause)[-1]
    found = (_PLACE_AFTER.search(after) or _PLACE_BEFORE.search(clause) or _PLACE_WHERE.search(clause)
             or _PLACE_IN_CLAUSE.search(short) or _PLACE_LEAD.match(before) or _AREA_SUBJECT.match(before))
    place = found.group("place").strip() if found else ""
    place = re.sub(r"^[A-Z][\w-]*['’]s\s+(?=[A-Z])", "", place)  # "in Odisha's Balasore district": Balasore
    place = re.sub(r"['’]s$", "", place)  # "in Poland's election": in Poland
    if not place:
        local = _LOCAL_AFTER.match(after)
        if local:
            # "in the town of Morbi" names the place; a bare "in the county" is the county named before.
            return local.group("name") or local.group("unit").lower()
        found = _event_place(short, re.split(r",", clause), after)
        place = found.group("place").strip() if found else ""
        if not place or place.split()[0].split("-")[0] in _NOT_PLACES:
            return ""
        if is_country(place):
            # "a flight went down in western Kazakhstan, killing 38": an event told in a participle clause is
            # placed as above; a figure's own clause ("550 pilgrims had died ... in Saudi Arabia") is not.
            return f"country:{place}" if _PARTICIPLE.match(short) else ""
        if re.search(r"\s(?:County|Parish|Prefecture|District|Province)$", place):
            # "five people were killed at a retirement community in St Lucie County": a local government's
            # area names a local count, not where the whole event happened
            return place
        return SOFT + place  # weak evidence: cluster keeps it only where it names another story's place
    if place.split()[0].split("-")[0] in _NOT_PLACES:  # (also "July-to-September")
        return ""
    if is_country(place):
        # A country restricts a figure only in a story about several ("troops in Japan" vs "in South Korea");
        # the story's own country is its default scope. Claim alignment decides which is which.
        return f"country:{place}"
    return place


def _last_country(text: str) -> str:
    """The country named last in `text` ("Turkey's disaster agency said ..." -> "Turkey"), or ""."""
    for match in reversed(list(_CAPITALISED.finditer(text))):
        words = match.group(0).removesuffix("'s").split()
        for i in range(len(words)):  # "Turkey's", "In Syria", "South Korea"
            if is_country(" ".join(words[i:])):
                return " ".join(words[i:])
    return ""


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    import pycountry

    names = {"russia", "britain", "uk", "united states", "america", "us", "u.s.", "iran", "syria", "vietnam",
             "south korea", "north korea", "laos", "bolivia", "venezuela", "tanzania", "moldova", "taiwan",
             "the country", "the nation",
             # names in news use that pycountry lists under another name
             "turkey", "czech republic", "ivory coast", "burma", "swaziland", "macedonia", "holland",
             "the netherlands", "cape verde", "east timor", "palestine", "gaza", "the west bank", "kosovo",
             "drc", "dr congo", "democratic republic of congo", "democratic republic of the congo", "uae", "usa"}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                names.add(getattr(c, attr).lower())
    return frozenset(names)


@lru_cache(maxsize=1)
def _state_names() -> frozenset[str]:
    import pycountry

    return frozenset(s.name.lower() for s in pycountry.subdivisions if s.type in ("State", "Province"))


def is_state(place: str) -> bool:
    """A state or province ("Texas", "Ontario"): "across Texas" is the whole of it, not one of its places."""
    return place.lower() in _state_names()


def is_country(place: str) -> bool:
    return place.lower().removeprefix("the ").strip() in _country_names()
