"""A synthetic multi-outlet news corpus of any size, for timing the nightly job at scale.

    python -m benchmarks.synthetic OUT_DIR --articles 20000 [--days 7] [--seed 1]

Shaped like the real 2017 stream measured in `benchmarks.real_stream` (mean ≈ 3,700 characters and ≈ 26
sentences per article, ≈ 12 numerals): events of several types (quakes, fires, storms, protests, budgets,
earnings, crashes, elections) in many places, each covered by 2–9 of 60 outlets over one to three days,
with the figures mostly agreeing (hedged, rounded, in other units or scale words), sometimes misprinted,
disputed between sources or rising over time, among background sentences that carry dates, ages and
scores as real copy does. One JSONL file per day, in the input corpus contract. Deterministic per seed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

PLACES = [
    "Aleppo", "Antalya", "Arequipa", "Bahia", "Balochistan", "Bicol", "Canterbury", "Cebu", "Chiapas", "Coquimbo",
    "Crete", "Davao", "Gujarat", "Hokkaido", "Hualien", "Jalisco", "Kerala", "Khuzestan", "Kyushu", "Lombok",
    "Luzon", "Marrakesh", "Mindanao", "Nepalgunj", "Oaxaca", "Odisha", "Punjab", "Quetta", "Sichuan", "Sindh",
    "Sulawesi", "Sumatra", "Tabriz", "Valparaiso", "Van", "Yunnan", "Assam", "Bihar", "Queensland", "Oregon",
    "Alberta", "Andalusia", "Calabria", "Sardinia", "Galicia", "Bavaria", "Silesia", "Moravia", "Transylvania",
    "Anatolia", "Kurdistan", "Darfur", "Kordofan", "Tigray", "Amhara", "Oromia", "Kivu", "Katanga", "Sahel",
]
OUTLETS = [f"{a} {b}" for a in ("Harbor", "Northern", "Capital", "Coastal", "Evening", "Morning", "Daily",
                                "Metro", "Valley", "Frontier")
           for b in ("Tribune", "Ledger", "Courier", "Herald", "Post", "Wire")]
SOURCES = ["officials", "the interior ministry", "police", "the regional governor", "the health ministry",
           "the fire service", "the civil defence agency", "the United Nations", "the Red Cross",
           "local authorities", "the national disaster agency", "the company", "the finance minister"]
FILLER = (
    "Residents described scenes of confusion as emergency crews moved through the {area} district. "
    "The {org} said it was coordinating with neighbouring provinces and asked people to avoid travel. "
    "Television footage showed damaged roads, stranded vehicles and volunteers handing out water. "
    "Analysts said the response would be watched closely ahead of the {year} elections. "
    "A spokesperson for the {org} declined to comment further on Tuesday. "
    "Schools in {place} remained closed while inspectors assessed the buildings. "
    "The mayor, 54, told reporters that the city had prepared for such an event since {year}. "
    "Shares in regional insurers fell in early trading before recovering by the afternoon. "
    "Aid groups warned that supplies could run short within days if access routes stayed blocked. "
    "The team won 3-1 on Sunday, though the match was overshadowed by the news from {place}. "
    "Opposition lawmakers called for an inquiry into how warnings had been communicated. "
    "Meteorologists expect conditions to improve by the weekend, according to the latest bulletin. "
    "Photographs shared online showed long queues outside the main hospital in {place}. "
    "The government has faced criticism over spending on infrastructure in the region. "
    "Officials urged residents to follow only verified announcements on official channels. "
    "Neighbouring countries offered assistance, and a first shipment was expected on Thursday. "
    "The last comparable event in the area, in {year}, prompted changes to the building code. "
    "Engineers from the national university joined the assessment teams at 7:30 a.m. local time. "
    "Community leaders organised shelters in sports halls and places of worship. "
    "Markets in the provincial capital reopened, though many stalls stayed shuttered. "
    "{person}, who runs a bakery on {street}, said the night had been the longest of her life. "
    "Her brother {person2}, 31, spent six hours helping neighbours clear debris near {street}. "
    "The {org2} set up a hotline, and more than a dozen volunteers answered calls overnight. "
    "{person2} said his family had lived on {street} for three generations. "
    "On March 3, the council had approved a plan to reinforce the bridge over the {river}. "
    "Traffic on the {river} crossing was diverted through {street} for most of the day. "
    "{person} added that she would rebuild, but only once the inspectors had finished. "
    "The {org2} published a statement thanking the first responders by name. "
    "Flights to {place} were delayed by up to two hours as airlines adjusted their schedules. "
    "In a post on social media, {person3}, a local councillor, urged calm and patience. "
    "{person3} said the district's emergency plan, last revised in {year}, had held up. "
    "Reporters counted dozens of trucks waiting at the checkpoint on the road to {place}. "
    "The {org2} said a full review would be published within 30 days. "
    "Economists at {org3} said the disruption could weigh on growth in the second quarter. "
    "A hospital official, speaking on condition of anonymity, described the wards as stretched. "
    "Church bells rang across {place} at noon in memory of those who had lost their lives or homes. "
    "Insurance assessors began visiting properties along {street}, starting with the oldest buildings. "
    "The regional parliament postponed its session so that members could return to their constituencies. "
    "{person3} said that questions about preparedness would have to wait until the emergency was over. "
    "Relief flights carrying tents, blankets and medicine landed at the airport serving {place}. "
    "Volunteers from the {org2} distributed hot meals from a converted school kitchen near the {river}. "
    "The national weather office kept its warning for the region in place for a further day. "
    "Local newspapers printed special editions with lists of open shelters, pharmacies and petrol stations. "
    "About 300 soldiers were deployed to help with the clean-up, the defence ministry said. "
    "A 40-kilometre stretch of the coastal highway near {place} was closed to traffic. "
    "The {org2} has 1,200 staff in the region and said it would send 150 more. "
    "In {year}, a similar event left 2,400 families without shelter for months. "
    "The hotline received 5,000 calls in its first 12 hours, {person3} said. "
    "Power was restored to 80% of the district by 6 p.m. on Wednesday. "
    "The government released an emergency fund of $25 million on October 14. "
    "Temperatures are expected to fall to 4 degrees overnight, forecasters said. "
    "Some 60 schools have been turned into temporary shelters. "
    "The airport handled 35 relief flights on Tuesday, twice the usual number of cargo flights. "
    "Rescuers worked through the night in shifts of 8 hours, {person2} said. "
    "The {river} rose by 2 metres in 24 hours before the water began to recede. "
)
_SYLLABLES = ["ka", "ro", "mi", "ta", "ne", "shi", "lo", "va", "zu", "pe", "dra", "gon", "bel", "tor", "fi",
              "an", "es", "ul", "qui", "mar", "sen", "dov", "ril", "ya", "hen", "bo", "tas", "ki", "lum", "or"]


_FUNCTION = ["the", "a", "of", "in", "to", "and", "on", "for", "with", "as", "by", "at", "from", "that", "was",
             "were", "said", "had", "has", "would", "could", "after", "before", "while", "their", "its", "new"]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _prose(rng: random.Random, general: list[str], cum_weights: list[float], topic: list[str], n: int) -> list[str]:
    """`n` sentences of background copy: common words drawn Zipf-like from `general`, mixed with the story's
    own `topic` words, the way unrelated stories share everyday vocabulary but not their subject."""
    sentences = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(12, 22)):
            roll = rng.random()
            if roll < 0.35:
                words.append(rng.choice(_FUNCTION))
            elif roll < 0.55:
                words.append(rng.choice(topic))
            else:
                words.append(rng.choices(general, cum_weights=cum_weights)[0])
        sentences.append(" ".join(words).capitalize() + ".")
    return sentences


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize() + rng.choice(["", "i", "a", "o"])
EVENTS = {
    "quake": [("killed", "people were killed in the earthquake"), ("injured", "people were injured"),
              ("homes", "homes were damaged or destroyed"), ("magnitude", None)],
    "fire": [("acres", "acres have burned"), ("homes", "structures were destroyed"),
             ("evacuated", "residents were ordered to evacuate")],
    "storm": [("killed", "people died in the storm"), ("without power", "customers were without power"),
              ("rain", "of rain fell")],
    "protest": [("protesters", "people marched through the city centre"), ("arrested", "people were arrested")],
    "budget": [("budget", "will be spent on the programme"), ("jobs", "jobs will be created")],
    "earnings": [("revenue", "in quarterly revenue"), ("profit", "in net profit")],
    "crash": [("killed", "passengers were killed in the crash"), ("injured", "passengers were injured")],
}
NOUN = {"quake": "earthquake", "fire": "wildfire", "storm": "storm", "protest": "protest",
        "budget": "budget", "earnings": "results", "crash": "train crash"}


def _figure(rng: random.Random, slot: str) -> float:
    scale = {"killed": (5, 3000), "injured": (20, 9000), "homes": (100, 40000), "acres": (1000, 400000),
             "evacuated": (500, 60000), "without power": (10000, 900000), "protesters": (2000, 800000),
             "arrested": (10, 600), "budget": (1e8, 9e10), "jobs": (500, 40000), "revenue": (1e8, 6e10),
             "profit": (1e7, 9e9)}.get(slot, (10, 1000))
    return float(rng.randint(int(scale[0]), int(scale[1])))


def _wording(rng: random.Random, value: float, slot: str) -> str:
    """The figure as an outlet might print it: exact, hedged, rounded, or with a scale word."""
    if slot in ("budget", "revenue", "profit"):
        if value >= 1e9:
            return f"${value / 1e9:.1f} billion" if rng.random() < 0.6 else f"${value / 1e9:.1f}bn"
        return f"${value / 1e6:.0f} million"
    if slot == "rain":
        return f"{rng.randint(50, 400)} millimetres"
    if slot == "acres" and rng.random() < 0.3:
        return f"{value * 0.404686:,.0f} hectares"
    hedge = rng.choice(["", "", "about ", "more than ", "nearly ", "at least "])
    if value >= 1_000_000 and rng.random() < 0.5:
        return f"{hedge}{value / 1e6:.1f} million"
    if hedge and value > 100:
        value = round(value, -2)
    return f"{hedge}{value:,.0f}"


def _sentence(rng: random.Random, slot: str, words: str | None, printed: str, source: str, place: str) -> str:
    if slot == "magnitude":
        return f"The {printed[:1]}.{rng.randint(0, 9)}-magnitude quake struck near {place}, {source} said."
    verb = rng.choice(["said", "said on Monday", "reported", "told reporters", "said in a statement"])
    if rng.random() < 0.5:
        return f"{printed[0].upper()}{printed[1:]} {words}, {source} {verb}."
    return f"According to {source}, {printed} {words} in {place}."


def _story(rng: random.Random, index: int, start: date, days: int) -> dict:
    kind = rng.choice(list(EVENTS))
    place = rng.choice(PLACES)
    first_day = start + timedelta(days=rng.randrange(days))
    figures = {slot: _figure(rng, slot) for slot, _ in EVENTS[kind]}
    # Names of its own (people, streets, a river, organisations) make one story's vocabulary, as in real copy.
    names = {"person": f"{_name(rng)} {_name(rng, 3)}", "person2": f"{_name(rng)} {_name(rng, 3)}",
             "person3": f"{_name(rng)} {_name(rng, 3)}", "street": f"{_name(rng, 3)} Street",
             "river": f"{_name(rng)} river", "org2": f"{_name(rng, 3)} Foundation",
             "org3": f"{_name(rng, 2)} Capital"}
    # Each story draws on its own share of the background copy, as different events are written differently.
    background = rng.sample(range(FILLER.count(". ")), k=24)
    return {"kind": kind, "place": place, "day": first_day, "figures": figures, "index": index,
            "background": background, "topic": _vocabulary(rng, 60),
            "outlets": rng.sample(OUTLETS, rng.randint(2, 9)), "source": rng.choice(SOURCES),
            "rival": rng.choice(SOURCES), "area": rng.choice(PLACES), "names": names}


def _article(rng: random.Random, story: dict, outlet: str, n: int, end: date, general: list[str],
             weights: list[float]) -> dict:
    day = min(story["day"] + timedelta(days=rng.choice([0, 0, 0, 1, 1, 2])), end)
    growth = 1.0 + 0.25 * (day - story["day"]).days if story["kind"] in ("quake", "storm", "crash") else 1.0
    place, kind = story["place"], story["kind"]
    sentences = [f"A {NOUN[kind]} hit {place} this week, and the full extent of the damage is still emerging."]
    for slot, words in EVENTS[kind]:
        value = story["figures"][slot] * (growth if slot in ("killed", "injured") else 1.0)
        roll = rng.random()
        source = story["source"]
        if roll < 0.03:  # a misprint: a slipped digit or scale word
            value *= rng.choice([10.0, 0.1])
        elif roll < 0.08:  # another source's count
            value *= rng.uniform(1.6, 3.0)
            source = story["rival"]
        sentences.append(_sentence(rng, slot, words, _wording(rng, value, slot), source, place))
    org = story["source"].removeprefix("the ")
    pool = FILLER.format(area=story["area"], org=org, place=place, year=rng.choice([2011, 2015, 2019, 2021]),
                         **story["names"]).split(". ")
    filler = [pool[i] for i in story["background"] if rng.random() < 0.8]
    filler += _prose(rng, general, weights, story["topic"], rng.randint(8, 16))
    rng.shuffle(filler)
    body = sentences[:1]
    for i, extra in enumerate(filler):
        body.append(extra.rstrip(".") + ".")
        if i % 4 == 1 and len(sentences) > 1:
            body.append(sentences.pop(1))
    body.extend(sentences[1:])
    published = datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc) + timedelta(
        hours=rng.randint(5, 22), minutes=rng.randint(0, 59))
    slug = f"{kind}-{place.lower()}-{story['index']}"
    host = outlet.lower().replace(" ", "-")
    return {"id": f"syn-{story['index']}-{n}", "source": outlet, "url": f"https://{host}.example/{slug}/{n}",
            "published": published.isoformat(), "title": f"{NOUN[kind].capitalize()} in {place}: latest figures",
            "text": " ".join(body)}


def generate(n_articles: int, end: date, days: int = 7, seed: int = 1) -> list[dict]:
    """`n_articles` articles published over the `days` days ending on `end`."""
    rng = random.Random(seed)
    general = _vocabulary(rng, 6000)
    weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(general))))  # Zipf
    start = end - timedelta(days=days - 1)
    articles: list[dict] = []
    index = 0
    while len(articles) < n_articles:
        story = _story(rng, index, start, days)
        for n, outlet in enumerate(story["outlets"]):
            articles.append(_article(rng, story, outlet, n, end, general, weights))
            if len(articles) == n_articles:
                break
        index += 1
    return articles


def write_corpus(out_dir: Path, n_articles: int, end: date, days: int = 7, seed: int = 1) -> list[Path]:
    """The corpus as one JSONL file per publication day in `out_dir`; returns the files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    by_day: dict[str, list[dict]] = {}
    for article in generate(n_articles, end, days, seed):
        by_day.setdefault(article["published"][:10], []).append(article)
    paths = []
    for day, items in sorted(by_day.items()):
        path = out_dir / f"{day}.jsonl"
        path.write_text("".join(json.dumps(a) + "\n" for a in items), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--end", type=date.fromisoformat, default=date(2024, 11, 20))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    paths = write_corpus(args.out_dir, args.articles, args.end, args.days, args.seed)
    print(f"wrote {args.articles} articles in {len(paths)} files to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
