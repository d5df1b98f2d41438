"""discrepancy: find numbers that disagree across news sources.

The pipeline, one module per stage: ingest -> extract -> cluster -> compare -> report, with the store,
the nightly job (nightly, incremental, history, lock), the engines (workers, engine) and the fact-checkers'
review around it.
"""

__version__ = "0.2.0"
