"""Engines: where the parallel stages run — this machine's process pool (`local`) or a Dask cluster (`dask`).

An engine decides where work runs, never what it computes: both map the same pure functions
(`workers.extract_batch` per partition of articles, `compare.compare_claim` per claim) and hand results back
in input order, so a run gives the same answers on either.

- extract: partitions of articles, results yielded in input order with a bounded number in flight, so the
  nightly job still commits batch by batch and memory stays flat.
- compare: claims grouped by story, whole stories per task, conflicts ranked on the client exactly as
  `compare.compare_claims` ranks them.
- cluster (stories) and claim alignment run on the client for both engines: each fits one TF-IDF vocabulary
  over the whole window (document frequencies, `max_df` and `max_features` are properties of the window),
  so partitions fitting their own would give different stories; and both are a small fraction of the run
  (see benchmarks/engine_scale.py).
- The store and the report writer stay on the client: the engine only ever sees records.
"""

from __future__ import annotations

import logging
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import metadata
from typing import TYPE_CHECKING, Any, Protocol

from .cluster import local_blocks
from .compare import compare_claim, compare_claims, rank_conflicts
from .config import CompareConfig, Config, ExtractConfig
from .records import Article, Claim, Conflict
from .workers import Batch, extract_batch, extract_in_batches, worker_count

if TYPE_CHECKING:  # dask is an optional extra: imported only when the dask engine starts
    from distributed import Client

log = logging.getLogger(__name__)

PARTITION_SIZE = 100  # articles per extraction task: big enough to hide a task's overhead (~ms)
WORKER_WAIT_SECONDS = 60.0  # a scheduler with no worker would otherwise hang the run forever


class EngineError(RuntimeError):
    """The engine could not start, or a task failed on it: the run fails (exit code 1 via the CLI)."""


class Engine(Protocol):
    """Where extraction and comparison run; results are identical whichever engine runs them."""

    name: str

    def extract_batches(self, articles: Sequence[Article], config: ExtractConfig,
                        batch_size: int | None = None) -> Iterator[Batch]:
        """Extraction results per partition of `articles`, in input order."""
        ...

    def compare(self, claims: Sequence[Claim], config: CompareConfig,
                copy_of: Mapping[str, str] | None = None) -> list[Conflict]:
        """All conflicts among `claims`, ranked as `compare.compare_claims` ranks them."""
        ...

    def map_blocks(self, fn: Callable[..., Any], matrix: Any, times: Any, specs: Sequence[tuple[int, int, int]],
                   *args: float) -> list[Any]:
        """`[fn(matrix, times, *spec, *args) for spec in specs]`, in order: story clustering's similarity
        blocks (see cluster.block_pairs)."""
        ...


class LocalEngine:
    """This machine: extraction on the fork process pool of `workers.py`, compare in this process."""

    name = "local"

    def __init__(self, workers: int = 0, partition_size: int = PARTITION_SIZE) -> None:
        self.workers = workers
        self.partition_size = partition_size

    def extract_batches(self, articles: Sequence[Article], config: ExtractConfig,
                        batch_size: int | None = None) -> Iterator[Batch]:
        return extract_in_batches(articles, config, self.workers, batch_size or self.partition_size)

    def compare(self, claims: Sequence[Claim], config: CompareConfig,
                copy_of: Mapping[str, str] | None = None) -> list[Conflict]:
        # Comparing is microseconds per claim: shipping claims to other processes would cost more.
        return compare_claims(claims, config, copy_of)

    def map_blocks(self, fn: Callable[..., Any], matrix: Any, times: Any, specs: Sequence[tuple[int, int, int]],
                   *args: float) -> list[Any]:
        return local_blocks(fn, matrix, times, specs, *args)


def _compare_part(indexed: Sequence[tuple[int, Claim]], config: CompareConfig,
                  copy_of: Mapping[str, str]) -> list[tuple[int, Conflict]]:
    """Conflicts of one partition of whole stories, each with its claim's position in the run (a task)."""
    found = []
    for index, claim in indexed:
        conflict = compare_claim(claim, config, copy_of)
        if conflict is not None:
            found.append((index, conflict))
    return found


def story_partitions(claims: Sequence[Claim], parts: int) -> list[list[tuple[int, Claim]]]:
    """Claims grouped by story (in order of first appearance) and cut into at most `parts` partitions of
    whole stories with about equal numbers of mentions; each claim keeps its input position. Deterministic."""
    by_story: dict[str, list[tuple[int, Claim]]] = {}
    for index, claim in enumerate(claims):
        by_story.setdefault(claim.story_id, []).append((index, claim))
    total = sum(len(c.mentions) for c in claims)
    target = max(1, -(-total // max(1, parts)))  # ceiling: never more than `parts` partitions
    partitions: list[list[tuple[int, Claim]]] = [[]]
    size = 0
    for story in by_story.values():
        if size >= target:
            partitions.append([])
            size = 0
        partitions[-1].extend(story)
        size += sum(len(c.mentions) for _, c in story)
    return [p for p in partitions if p]


class DaskEngine:
    """A dask.distributed cluster: extraction per partition of articles, compare per partition of stories.

    `extract` is the per-partition function (the pure `workers.extract_batch`; tests pass one that kills
    its worker to prove Dask's retry). A worker that dies mid-task has its tasks rescheduled by Dask on
    another worker (up to `distributed.scheduler.allowed-failures` times); any task that fails is a failed
    run, never a silently missing partition.
    """

    name = "dask"

    def __init__(self, client: Client, partition_size: int = PARTITION_SIZE,
                 extract: Callable[[Sequence[Article], ExtractConfig], Batch] = extract_batch) -> None:
        self.client = client
        self.partition_size = partition_size
        self._extract = extract

    def _slots(self) -> int:
        """Tasks to keep in flight: two per worker thread keeps every worker busy while results travel."""
        threads = sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values())
        return max(4, 2 * threads)

    def extract_batches(self, articles: Sequence[Article], config: ExtractConfig,
                        batch_size: int | None = None) -> Iterator[Batch]:
        size = batch_size or self.partition_size
        batches = [list(articles[i:i + size]) for i in range(0, len(articles), size)]
        run = uuid.uuid4().hex[:8]
        pending: deque[tuple[int, Any]] = deque()
        it = iter(enumerate(batches))

        def submit_next() -> None:
            nxt = next(it, None)
            if nxt is not None:
                i, batch = nxt
                # pure=False with an explicit key: no hashing of the articles, and a readable dashboard.
                pending.append((i, self.client.submit(self._extract, batch, config, key=f"extract-{run}-{i}",
                                                      pure=False)))

        slots = self._slots()
        try:
            for _ in range(slots):
                submit_next()
            while pending:
                i, future = pending.popleft()
                batch = _result(future, f"extraction of articles {batches[i][0].id}..{batches[i][-1].id}")
                del future  # released: the worker may drop the partition's result
                submit_next()
                yield batch
        finally:  # a failure, or a caller that stopped early: nothing keeps running on the cluster
            if pending:
                self.client.cancel([f for _, f in pending])

    def compare(self, claims: Sequence[Claim], config: CompareConfig,
                copy_of: Mapping[str, str] | None = None) -> list[Conflict]:
        copy_of = copy_of or {}
        run = uuid.uuid4().hex[:8]
        futures = []
        for n, part in enumerate(story_partitions(claims, self._slots())):
            articles = {m.article_id for _, c in part for m in c.mentions}
            copies = {a: first for a, first in copy_of.items() if a in articles}  # ship only what it reads
            futures.append(self.client.submit(_compare_part, part, config, copies, key=f"compare-{run}-{n}",
                                              pure=False))
        found: list[tuple[int, Conflict]] = []
        try:
            for future in futures:
                found.extend(_result(future, "comparison of a partition of stories"))
        finally:
            self.client.cancel(futures)
        found.sort(key=lambda pair: pair[0])  # claims' input order, as compare_claims sees them
        return rank_conflicts([c for _, c in found])


    def map_blocks(self, fn: Callable[..., Any], matrix: Any, times: Any, specs: Sequence[tuple[int, int, int]],
                   *args: float) -> list[Any]:
        """The blocks as tasks: the window's TF-IDF matrix (one vocabulary, fitted on the client) is sent to
        the workers once, each task multiplies one block of rows by the window before it."""
        if len(specs) <= 1:  # one block: shipping the matrix costs more than the product
            return local_blocks(fn, matrix, times, specs, *args)
        run = uuid.uuid4().hex[:8]
        shared_matrix, shared_times = self.client.scatter([matrix, times], broadcast=True)
        futures = [self.client.submit(fn, shared_matrix, shared_times, *spec, *args, key=f"similar-{run}-{n}",
                                      pure=False) for n, spec in enumerate(specs)]
        try:
            return [_result(f, f"similarity of articles {spec[0]}..{spec[1]}") for f, spec in zip(futures, specs)]
        finally:
            self.client.cancel(futures)


def _result(future: Any, what: str) -> Any:
    """The task's result; a failed task (an exception, or workers that kept dying) becomes an EngineError
    that names the work, chained to the original error."""
    try:
        return future.result()
    except Exception as exc:
        raise EngineError(f"dask task {future.key} ({what}) failed: {type(exc).__name__}: {exc}") from exc


def _installed_version() -> str:
    """discrepancy's version where this runs (a dask worker, via client.run)."""
    return metadata.version("discrepancy")


def _check_workers(client: Client, address: str) -> None:
    """Fail early and clearly when the cluster cannot run our tasks: no workers, or workers without the same
    version of discrepancy (tasks name its functions; a worker must import them)."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError as exc:
        raise EngineError(f"no dask worker joined the scheduler {address} within "
                          f"{WORKER_WAIT_SECONDS:.0f}s (start one with: dask worker {address})") from exc
    mine = _installed_version()
    try:
        versions = client.run(_installed_version)
    except Exception as exc:
        raise EngineError(f"cannot run discrepancy on the dask workers of {address} ({type(exc).__name__}: "
                          f"{exc}); install discrepancy {mine} on every worker") from exc
    wrong = {w: v for w, v in versions.items() if v != mine}
    if wrong:
        raise EngineError(f"dask workers run another version of discrepancy than this client ({mine}): "
                          + ", ".join(f"{w} has {v}" for w, v in sorted(wrong.items())))


@contextmanager
def open_engine(config: Config) -> Iterator[Engine]:
    """The engine `config.engine` asks for, started and, on exit, shut down (a LocalCluster it started is
    closed; an existing cluster given by address is only disconnected from)."""
    settings = config.engine
    if settings.kind == "local":
        yield LocalEngine(config.extract.workers)
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineError("the dask engine needs dask.distributed: pip install 'discrepancy[dask]'") from exc
    if settings.scheduler:
        try:
            client = Client(settings.scheduler, set_as_default=False)
        except OSError as exc:
            raise EngineError(f"cannot reach the dask scheduler {settings.scheduler}: {exc}") from exc
        with client:
            _check_workers(client, settings.scheduler)
            yield DaskEngine(client)
        return
    # One thread per worker process: extraction is pure Python and holds the GIL, so only processes add
    # throughput. No dashboard: a nightly job needs no web server, nor a port that may be taken.
    with LocalCluster(n_workers=worker_count(settings.n_workers), threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster, set_as_default=False) as client:
        yield DaskEngine(client)
