"""discrepancy: find numbers that disagree across news sources.

The pipeline, one module per stage: ingest -> extract -> cluster -> compare -> report (store at the edge).
"""

__version__ = "0.1.0"
