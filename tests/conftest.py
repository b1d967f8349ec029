"""Shared test set-up: the helper modules beside this file (``eval_helpers``,
``report_fixtures``, ``bench_helpers``) are importable from the test folders below it."""

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

# The on-disk embedding cache (compare/align/embedcache.py) stays out of the user's
# cache directory during tests, and a test that turns it on (``run`` does) leaves it
# off for the next one: tests swap in fake encoders whose vectors must not be stored.
os.environ["OUTLET_COMPARE_CACHE_DIR"] = "off"


@pytest.fixture(autouse=True)
def _no_embedding_disk_cache() -> Iterator[None]:
    from compare.align import embedcache

    embedcache.configure(None)
    yield
    embedcache.configure(None)
