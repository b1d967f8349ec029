"""Stages 5-6, alignment and flags: line up the claims of one event's documents and
flag what each document left out, added or changed.

Imports only :mod:`compare.core` and the stages before it.
"""

from compare.align.alignment import align_event
from compare.align.flags import flag_event

__all__ = ["align_event", "flag_event"]
