"""The plain typed records that flow between the pipeline stages.

ingest -> Article -> extract -> Mention -> cluster -> Story, Claim -> compare -> Conflict -> report.
Records are frozen: a stage returns new records rather than mutating the ones it was given, so any stage
can be mapped over partitions without shared state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

CHANGES = ("=", "~", ">", "<", ">=", "<=", "up", "down")
KINDS = ("misreport", "disputed", "evolving")
STATUSES = ("new", "ongoing", "resolved")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, text already extracted from whatever format it came in."""

    id: str
    source: str
    url: str
    title: str
    published: datetime  # timezone-aware
    text: str
    content_hash: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One quantity stated in an article, with what it measures, who said it and as of when."""

    article_id: str
    start: int  # character offsets into Article.text: text[start:end] == surface
    end: int
    surface: str
    sentence: str
    sentence_start: int  # offset of `sentence` in Article.text
    value: float  # in the base unit of `unit`
    low: float  # the interval the wording allows (hedges, rounding, ranges)
    high: float
    unit: str  # normalised unit: "count", "USD", "m", "m2", "degC", "percent", ...
    dimension: str  # "count", "currency", "length", "area", "temperature", "percent", ...
    change: str  # one of CHANGES
    referent: str  # what is counted or measured, in the article's words
    referent_key: str  # normalised: killed != injured, troops == soldiers
    attribution: str  # who gave the figure, in the article's words ("" if unattributed)
    attribution_key: str
    as_of: date
    source: str = ""  # the article's outlet, carried along so compare can count independent outlets
    as_of_stated: bool = False  # as_of comes from the text ("on Sunday"), not from the publication date


@dataclass(frozen=True, slots=True)
class Story:
    """Articles from one or more outlets about the same event."""

    id: str
    article_ids: tuple[str, ...]
    label: str
    copies: tuple[tuple[str, ...], ...] = ()  # groups of articles that are copies of one wire text


@dataclass(frozen=True, slots=True)
class Claim:
    """Mentions inside one story that speak of the same quantity."""

    id: str
    story_id: str
    referent_key: str
    dimension: str
    unit: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """A claim whose figures disagree, with the kind of disagreement and how much it matters."""

    id: str  # stable: same claim and same sides give the same id across runs
    claim: Claim
    kind: str  # one of KINDS
    severity: float  # in [0, 1]
    groups: tuple[tuple[Mention, ...], ...]  # mentions that agree with each other, one tuple per side
    status: str = "new"
    verdict: str | None = None

    @property
    def mentions(self) -> tuple[Mention, ...]:
        return tuple(m for g in self.groups for m in g)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input item the run could not use, with the reason logged for it."""

    item: str
    reason: str


@dataclass(frozen=True)
class RunResult:
    """Everything one run produced; the report and the store are written from it."""

    articles: tuple[Article, ...]
    mentions: tuple[Mention, ...]
    stories: tuple[Story, ...]
    claims: tuple[Claim, ...]
    conflicts: tuple[Conflict, ...]
    generated_at: datetime
    skipped: tuple[Skipped, ...] = field(default=())
