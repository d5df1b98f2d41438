"""Store: the embedded SQLite database a run is recorded in (articles, mentions, stories, conflicts, runs).

An edge of the pipeline. One transaction per saved run, WAL journal, a schema version in `user_version` with
forward migrations, so any SQLite tool can open the file and a crash mid-save leaves the last good state.
Verdicts get their table now so later reviews attach to stable conflict ids.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .records import RunResult

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

    def save_run(self, result: RunResult, snapshot: dict[str, Any]) -> int:
        """Record one run in a single transaction; articles and mentions are upserted (saving the same
        articles again adds nothing), stories and conflicts are kept per run. Returns the run id."""
        with self._transaction() as db:
            cur = db.execute(
                "INSERT INTO runs (generated_at, counts, skipped) VALUES (?, ?, ?)",
                (result.generated_at.isoformat(), json.dumps(snapshot["counts"]),
                 json.dumps([[s.item, s.reason] for s in result.skipped])),
            )
            run_id = int(cur.lastrowid)
            db.executemany(
                "INSERT INTO articles (id, source, url, title, published, text, content_hash, first_seen_run) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET source=excluded.source, "
                "url=excluded.url, title=excluded.title, published=excluded.published, text=excluded.text, "
                "content_hash=excluded.content_hash",
                [(a.id, a.source, a.url, a.title, a.published.isoformat(), a.text, a.content_hash, run_id)
                 for a in result.articles],
            )
            db.executemany(
                'INSERT OR REPLACE INTO mentions (article_id, start, "end", surface, value, low, high, unit, '
                "dimension, change, referent, referent_key, attribution, attribution_key, as_of) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(m.article_id, m.start, m.end, m.surface, m.value, m.low, m.high, m.unit, m.dimension, m.change,
                  m.referent, m.referent_key, m.attribution, m.attribution_key, m.as_of.isoformat())
                 for m in result.mentions],
            )
            db.executemany(
                "INSERT INTO stories (run_id, id, label, articles) VALUES (?, ?, ?, ?)",
                [(run_id, s.id, s.label, json.dumps(list(s.article_ids))) for s in result.stories],
            )
            db.executemany(
                "INSERT INTO conflicts (run_id, id, story, referent_key, dimension, unit, kind, severity, status, "
                "mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(run_id, c["id"], c["story"], conflict.claim.referent_key, c["dimension"], c["unit"], c["kind"],
                  c["severity"], c["status"], json.dumps(c["mentions"], ensure_ascii=False))
                 for c, conflict in zip(snapshot["conflicts"], result.conflicts)],
            )
        return run_id

    def count(self, table: str) -> int:
        if table not in ("articles", "mentions", "runs", "stories", "conflicts", "verdicts"):
            raise ValueError(f"no table {table!r}")
        return int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def conflict_runs(self, conflict_id: str) -> list[int]:
        """The runs a conflict was raised in, oldest first: the history later statuses are computed from."""
        rows = self._db.execute("SELECT run_id FROM conflicts WHERE id = ? ORDER BY run_id", (conflict_id,))
        return [int(r[0]) for r in rows]

    def latest_conflict_ids(self) -> set[str]:
        """Conflict ids raised by the most recent recorded run (empty for a new store)."""
        row = self._db.execute("SELECT MAX(id) FROM runs").fetchone()
        if row[0] is None:
            return set()
        return {r[0] for r in self._db.execute("SELECT id FROM conflicts WHERE run_id = ?", (row[0],))}

    def run_history(self, limit: int = 30) -> list[dict[str, Any]]:
        """The last `limit` runs, oldest first: when, and how many conflicts of each kind they raised."""
        runs = self._db.execute("SELECT id, generated_at FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        history = []
        for run_id, generated_at in reversed(runs):
            kinds = dict(self._db.execute(
                "SELECT kind, COUNT(*) FROM conflicts WHERE run_id = ? GROUP BY kind", (run_id,)).fetchall())
            history.append({"run": run_id, "generated_at": generated_at, "kinds": kinds,
                            "conflicts": sum(kinds.values())})
        return history
