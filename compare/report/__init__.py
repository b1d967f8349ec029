"""The report layer: report.json, Markdown and HTML pages, and review decisions.

Imports the base and the pipeline stages (for their data), never the pipeline or
evaluation.
"""

from compare.report.output import read_report, write_report
from compare.report.review import export_csv, list_flags, record_decisions, show_flag
from compare.report.reviews import apply_reviews, load_reviews, reviews_path

__all__ = [
    "apply_reviews",
    "export_csv",
    "list_flags",
    "load_reviews",
    "read_report",
    "record_decisions",
    "reviews_path",
    "show_flag",
    "write_report",
]
