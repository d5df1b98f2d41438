"""Store: the embedded SQLite database the pipeline's work is kept in (articles, mentions, runs, stories,
conflicts, verdicts).

An edge of the pipeline. WAL journal, a schema version in `user_version` with forward migrations, one
transaction per batch, so any SQLite tool can open the file and a crash (even SIGKILL) mid-write leaves
the last committed state. Articles are written when ingested (`extracted = 0`) and their mentions are
written in the same transaction that flips the flag, so the nightly job resumes exactly where it stopped.
A run (its snapshot, stories and conflicts) is recorded in one transaction at the end; recording the same
run date again replaces that day's run, so a re-run counts nothing twice.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from .records import Article, Mention, RunResult, Skipped

# Each entry migrates the schema from version i to i + 1; never edit one that has shipped, append instead.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT NOT NULL, title TEXT NOT NULL,
        published TEXT NOT NULL, text TEXT NOT NULL, content_hash TEXT NOT NULL,
        first_seen_run INTEGER NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id), start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        surface TEXT NOT NULL, value REAL NOT NULL, low REAL NOT NULL, high REAL NOT NULL, unit TEXT NOT NULL,
        dimension TEXT NOT NULL, change TEXT NOT NULL, referent TEXT NOT NULL, referent_key TEXT NOT NULL,
        attribution TEXT NOT NULL, attribution_key TEXT NOT NULL, as_of TEXT NOT NULL,
        PRIMARY KEY (article_id, start, "end")
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT, generated_at TEXT NOT NULL, counts TEXT NOT NULL,
        skipped TEXT NOT NULL
    );
    CREATE TABLE stories (
        run_id INTEGER NOT NULL REFERENCES runs(id), id TEXT NOT NULL, label TEXT NOT NULL,
        articles TEXT NOT NULL, PRIMARY KEY (run_id, id)
    );
    CREATE TABLE conflicts (
        run_id INTEGER NOT NULL REFERENCES runs(id), id TEXT NOT NULL, story TEXT NOT NULL,
        referent_key TEXT NOT NULL, dimension TEXT NOT NULL, unit TEXT NOT NULL, kind TEXT NOT NULL,
        severity REAL NOT NULL, status TEXT NOT NULL, mentions TEXT NOT NULL, PRIMARY KEY (run_id, id)
    );
    CREATE INDEX conflicts_id ON conflicts(id);
    CREATE TABLE verdicts (
        id INTEGER PRIMARY KEY AUTOINCREMENT, conflict_id TEXT NOT NULL, verdict TEXT NOT NULL,
        reviewer TEXT NOT NULL, note TEXT NOT NULL, created_at TEXT NOT NULL
    );
    CREATE INDEX verdicts_conflict ON verdicts(conflict_id);
    """,
    # 2: the nightly job. Mentions keep their sentence so a window can be re-clustered from the store alone;
    # mentions saved before that are dropped and their articles re-extracted (the articles themselves stay).
    """
    ALTER TABLE articles ADD COLUMN extracted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN extract_error TEXT;
    ALTER TABLE articles ADD COLUMN revision_of TEXT;
    ALTER TABLE articles ADD COLUMN identity TEXT NOT NULL DEFAULT '';  -- canonical URL, or "id:" + id without one
    ALTER TABLE articles ADD COLUMN ingest_date TEXT NOT NULL DEFAULT '';
    UPDATE articles SET identity = CASE WHEN url != '' THEN url ELSE 'id:' || id END;
    CREATE INDEX articles_identity ON articles(identity);
    CREATE INDEX articles_content_hash ON articles(content_hash);
    CREATE INDEX articles_pending ON articles(extracted);
    DELETE FROM mentions;
    ALTER TABLE mentions ADD COLUMN sentence TEXT NOT NULL DEFAULT '';
    ALTER TABLE mentions ADD COLUMN sentence_start INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE mentions ADD COLUMN as_of_stated INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE runs ADD COLUMN run_date TEXT;
    ALTER TABLE runs ADD COLUMN snapshot TEXT;
    CREATE INDEX runs_run_date ON runs(run_date);
    """,
    # 3: files the nightly job has read to the end, by size and modification time, so a growing folder is
    # not re-read in full every night.
    """
    CREATE TABLE source_files (
        path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, read_on TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(RuntimeError):
    """The database cannot be used (newer schema than this version knows, unreadable file)."""


class Store:
    """A run database at `path` (created and migrated on open)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)  # transactions are explicit
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot use store {self.path}: {exc}") from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query (rows index by column name), for modules that keep their own SQL."""
        cur = self._db.execute(sql, params)
        cur.row_factory = sqlite3.Row
        return cur.fetchall()

    def transaction(self) -> Any:
        """`with store.transaction() as db:` one atomic write (BEGIN IMMEDIATE ... COMMIT, rollback on error)."""
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(f"store {self.path} has schema {version}; this version knows up to {SCHEMA_VERSION}")
        for target in range(version, SCHEMA_VERSION):
            with self._transaction() as db:
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {target + 1}")


    # -- articles and mentions ------------------------------------------------------------------------------

    def known_articles(self) -> KnownArticles:
        """What is stored already, for the nightly job's dedupe: ids, (outlet, text hash) pairs, and the
        stored versions of each identity (canonical URL, or "id:" + id), oldest first."""
        known = KnownArticles(set(), set(), {})
        rows = self._db.execute(
            "SELECT id, source, identity, content_hash FROM articles ORDER BY rowid")
        for article_id, source, identity, digest in rows:
            known.ids.add(article_id)
            known.hashes.add((source, digest))
            known.versions.setdefault(identity, []).append((article_id, digest))
        return known

    def save_articles(self, articles: Sequence[StoredArticle], ingest_date: str) -> int:
        """Insert newly ingested articles, not yet extracted, in one transaction; ids already stored are left
        as they are (an updated text arrives as a new revision id). Returns how many were inserted."""
        with self._transaction() as db:
            before = db.total_changes
            _insert_articles(db, articles, ingest_date, extracted=False)
            return db.total_changes - before

    def pending_articles(self) -> list[Article]:
        """Stored articles whose extraction has not been committed yet (new, or interrupted by a crash)."""
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE extracted = 0 ORDER BY published, id"
        return [_article(row) for row in self._db.execute(sql)]

    def save_extraction(self, article_ids: Sequence[str], mentions: Sequence[Mention],
                        errors: Mapping[str, str]) -> None:
        """One batch's extraction, atomically: its mentions, and the articles marked done (or failed, with the
        reason). Saving a batch again replaces its mentions, so a retried batch never doubles them."""
        with self._transaction() as db:
            db.executemany("DELETE FROM mentions WHERE article_id = ?", [(a,) for a in article_ids])
            _insert_mentions(db, mentions)
            db.executemany("UPDATE articles SET extracted = 1, extract_error = ? WHERE id = ?",
                           [(errors.get(a), a) for a in article_ids])

    def window(self, start: datetime, end: datetime) -> tuple[list[Article], list[Mention]]:
        """Extracted articles published in [start, end] and their mentions: what a nightly run compares."""
        articles = [_article(row) for row in self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE extracted = 1 AND extract_error IS NULL "
            "AND published >= ? AND published <= ? ORDER BY published, id",
            (_utc(start), _utc(end)))]
        source = {a.id: a.source for a in articles}
        mentions = []
        rows = self._db.execute(
            f"SELECT {_MENTION_COLUMNS} FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE a.extracted = 1 AND a.extract_error IS NULL AND a.published >= ? AND a.published <= ? "
            "ORDER BY m.article_id, m.start, m.\"end\"", (_utc(start), _utc(end)))
        for row in rows:
            mentions.append(_mention(row, source[row[0]]))
        return articles, mentions

    # -- source files ---------------------------------------------------------------------------------------

    def unchanged_files(self) -> Callable[[Path], bool]:
        """A test for files read before and not modified since (same size and modification time)."""
        known = {row[0]: (row[1], row[2]) for row in
                 self._db.execute("SELECT path, size, mtime_ns FROM source_files")}

        def unchanged(path: Path) -> bool:
            seen = known.get(str(path))
            return seen is not None and seen == _signature(path)

        return unchanged

    def mark_files_read(self, paths: Sequence[Path], day: str) -> None:
        """Record files whose articles are all stored now (call after saving them)."""
        rows = [(str(p), *_signature(p), day) for p in paths if p.exists()]
        with self._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO source_files (path, size, mtime_ns, read_on) VALUES (?, ?, ?, ?)",
                           rows)

    # -- runs -----------------------------------------------------------------------------------------------

    def record_run(self, snapshot: dict[str, Any], referent_keys: Mapping[str, str], skipped: Sequence[Skipped],
                   run_date: str | None = None) -> int:
        """Record a run (its snapshot, stories and conflicts) in one transaction and return its id. A run for
        a `run_date` already recorded replaces it: a re-run of the same night is not a second night."""
        with self._transaction() as db:
            return _insert_run(db, snapshot, referent_keys, skipped, run_date)

    def save_run(self, result: RunResult, snapshot: dict[str, Any], run_date: str | None = None) -> int:
        """Record a whole `discrepancy run` (articles, mentions and the run) in a single transaction; saving
        the same articles again adds nothing. Returns the run id."""
        with self._transaction() as db:
            stored = [StoredArticle(a, a.url or f"id:{a.id}") for a in result.articles]
            ingest_date = run_date or result.generated_at.date().isoformat()
            _insert_articles(db, stored, ingest_date, extracted=True)
            db.executemany("DELETE FROM mentions WHERE article_id = ?", [(a.id,) for a in result.articles])
            _insert_mentions(db, result.mentions)
            keys = {c.id: c.claim.referent_key for c in result.conflicts}
            return _insert_run(db, snapshot, keys, result.skipped, run_date)

    def previous_run(self, before: str | None = None) -> dict[str, Any] | None:
        """The latest recorded run (with a `run_date` before `before`, when given): id, run_date and its
        snapshot, the base that new/ongoing/resolved statuses are computed against."""
        if before is None:
            row = self._db.execute("SELECT id, run_date, snapshot FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        else:
            row = self._db.execute(
                "SELECT id, run_date, snapshot FROM runs WHERE run_date < ? ORDER BY run_date DESC, id DESC LIMIT 1",
                (before,)).fetchone()
        if row is None:
            return None
        snapshot = json.loads(row[2]) if row[2] else {"conflicts": self._conflicts_of(row[0])}
        return {"id": int(row[0]), "run_date": row[1], "snapshot": snapshot}

    def _conflicts_of(self, run_id: int) -> list[dict[str, Any]]:
        rows = self._db.execute(
            "SELECT id, story, kind, severity, status, dimension, unit, mentions FROM conflicts WHERE run_id = ?",
            (run_id,))
        return [{"id": r[0], "story": r[1], "kind": r[2], "severity": r[3], "status": r[4], "dimension": r[5],
                 "unit": r[6], "mentions": json.loads(r[7])} for r in rows]

    def count(self, table: str) -> int:
        if table not in ("articles", "mentions", "runs", "stories", "conflicts", "verdicts", "source_files"):
            raise ValueError(f"no table {table!r}")
        return int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def conflict_runs(self, conflict_id: str) -> list[int]:
        """The runs a conflict was raised in (not counting the run that saw it resolved), oldest first."""
        rows = self._db.execute(
            "SELECT run_id FROM conflicts WHERE id = ? AND status != 'resolved' ORDER BY run_id", (conflict_id,))
        return [int(r[0]) for r in rows]

    def run_history(self, limit: int = 30) -> list[dict[str, Any]]:
        """The last `limit` runs, oldest first: when, and how many conflicts of each kind they raised
        (resolved ones, carried for one report, are not counted)."""
        runs = self._db.execute(
            "SELECT id, generated_at, run_date FROM runs ORDER BY COALESCE(run_date, generated_at) DESC, id DESC "
            "LIMIT ?", (limit,)).fetchall()
        history = []
        for run_id, generated_at, run_date in reversed(runs):
            kinds = dict(self._db.execute(
                "SELECT kind, COUNT(*) FROM conflicts WHERE run_id = ? AND status != 'resolved' GROUP BY kind",
                (run_id,)).fetchall())
            history.append({"run": run_id, "generated_at": generated_at, "run_date": run_date, "kinds": kinds,
                            "conflicts": sum(kinds.values())})
        return history


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the store keeps it: with its identity (canonical URL, or "id:" + id without one) and the
    id it revises (an updated text published again at the same URL)."""

    article: Article
    identity: str
    revision_of: str | None = None


@dataclass(frozen=True, slots=True)
class KnownArticles:
    ids: set[str]
    hashes: set[tuple[str, str]]
    versions: dict[str, list[tuple[str, str]]]  # identity -> [(article id, content hash)], oldest first


_ARTICLE_COLUMNS = "id, source, url, title, published, text, content_hash"
_MENTION_COLUMNS = ('m.article_id, m.start, m."end", m.surface, m.sentence, m.sentence_start, m.value, m.low, '
                    "m.high, m.unit, m.dimension, m.change, m.referent, m.referent_key, m.attribution, "
                    "m.attribution_key, m.as_of, m.as_of_stated")


def _signature(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return stat.st_size, stat.st_mtime_ns


def _utc(moment: datetime) -> str:
    """Timestamps are stored as UTC ISO strings, so they sort and compare as text."""
    return moment.astimezone(timezone.utc).isoformat()


def _article(row: Sequence[Any]) -> Article:
    return Article(id=row[0], source=row[1], url=row[2], title=row[3], published=datetime.fromisoformat(row[4]),
                   text=row[5], content_hash=row[6])


def _mention(row: Sequence[Any], source: str) -> Mention:
    return Mention(
        article_id=row[0], start=row[1], end=row[2], surface=row[3], sentence=row[4], sentence_start=row[5],
        value=row[6], low=row[7], high=row[8], unit=row[9], dimension=row[10], change=row[11], referent=row[12],
        referent_key=row[13], attribution=row[14], attribution_key=row[15], as_of=date.fromisoformat(row[16]),
        source=source, as_of_stated=bool(row[17]))


def _insert_articles(db: sqlite3.Connection, articles: Sequence[StoredArticle], ingest_date: str,
                     extracted: bool) -> None:
    db.executemany(
        "INSERT INTO articles (id, source, url, title, published, text, content_hash, first_seen_run, extracted, "
        "revision_of, identity, ingest_date) VALUES (?, ?, ?, ?, ?, ?, ?, "
        "(SELECT COALESCE(MAX(id), 0) + 1 FROM runs), ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
        [(s.article.id, s.article.source, s.article.url, s.article.title, _utc(s.article.published), s.article.text,
          s.article.content_hash, int(extracted), s.revision_of, s.identity, ingest_date) for s in articles],
    )


def _insert_mentions(db: sqlite3.Connection, mentions: Sequence[Mention]) -> None:
    db.executemany(
        'INSERT OR REPLACE INTO mentions (article_id, start, "end", surface, sentence, sentence_start, value, low, '
        "high, unit, dimension, change, referent, referent_key, attribution, attribution_key, as_of, as_of_stated) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(m.article_id, m.start, m.end, m.surface, m.sentence, m.sentence_start, m.value, m.low, m.high, m.unit,
          m.dimension, m.change, m.referent, m.referent_key, m.attribution, m.attribution_key, m.as_of.isoformat(),
          int(m.as_of_stated)) for m in mentions],
    )


def _insert_run(db: sqlite3.Connection, snapshot: dict[str, Any], referent_keys: Mapping[str, str],
                skipped: Sequence[Skipped], run_date: str | None) -> int:
    if run_date is not None:
        for (old,) in db.execute("SELECT id FROM runs WHERE run_date = ?", (run_date,)).fetchall():
            db.execute("DELETE FROM stories WHERE run_id = ?", (old,))
            db.execute("DELETE FROM conflicts WHERE run_id = ?", (old,))
            db.execute("DELETE FROM runs WHERE id = ?", (old,))
    cur = db.execute(
        "INSERT INTO runs (generated_at, counts, skipped, run_date, snapshot) VALUES (?, ?, ?, ?, ?)",
        (snapshot["generated_at"], json.dumps(snapshot["counts"]), json.dumps([[s.item, s.reason] for s in skipped]),
         run_date, json.dumps(snapshot, ensure_ascii=False)),
    )
    run_id = int(cur.lastrowid)
    db.executemany(
        "INSERT INTO stories (run_id, id, label, articles) VALUES (?, ?, ?, ?)",
        [(run_id, s["id"], s["label"], json.dumps(s["articles"])) for s in snapshot["stories"]],
    )
    db.executemany(
        "INSERT INTO conflicts (run_id, id, story, referent_key, dimension, unit, kind, severity, status, mentions) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(run_id, c["id"], c["story"], referent_keys.get(c["id"], c.get("referent", "")), c["dimension"], c["unit"],
          c["kind"], c["severity"], c["status"], json.dumps(c["mentions"], ensure_ascii=False))
         for c in snapshot["conflicts"]],
    )
    return run_id
