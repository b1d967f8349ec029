"""Evaluation: gold files, metrics, baselines and the ``eval`` command.

Sits above the pipeline (it runs it); nothing in the pipeline imports it.
"""

from compare.evaluation.evaluate import run_eval

__all__ = ["run_eval"]
