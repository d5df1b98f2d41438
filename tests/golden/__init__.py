"""Golden files for the report's structure test (see regenerate.py)."""
