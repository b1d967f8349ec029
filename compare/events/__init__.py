"""Stages 2-3, events: date each document (publication, event, participants), mark
republished copies, group documents into events.

Imports only :mod:`compare.core` and :mod:`compare.ingest`.
"""

from compare.events.cluster import cluster_documents
from compare.events.dates import date_document
from compare.events.dedup import mark_duplicates

__all__ = ["cluster_documents", "date_document", "mark_duplicates"]
