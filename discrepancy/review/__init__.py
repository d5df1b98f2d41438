"""Review: fact-checkers' verdicts on flagged conflicts, kept in the store, served, exported and learnt from.

`verdicts` (the model and its append-only history), `conflicts` (the store's conflicts as the review sees
them), `export` (CSV, JSON, ClaimReview), `rerank` (learn from verdicts), `server` (the local web app) and
`commands` (the `serve` and `review` CLI commands). Nothing here is imported by the pipeline itself.
"""

from .verdicts import DISMISSING, VERDICTS, dismissed_ids, latest_verdicts, record_verdict, verdict_history

__all__ = ["DISMISSING", "VERDICTS", "dismissed_ids", "latest_verdicts", "record_verdict", "verdict_history"]
