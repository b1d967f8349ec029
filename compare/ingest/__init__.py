"""Stage 1, ingest: read files into sources, clean them into documents, give them ids.

Imports only :mod:`compare.core`.
"""

from compare.ingest.documents import assign_ids, build_document
from compare.ingest.read import read_inputs

__all__ = ["assign_ids", "build_document", "read_inputs"]
