"""Evaluation: score runs against gold labels (fixtures) and extraction against NewsQuant."""
