"""Shared test set-up: the helper modules beside this file (``eval_helpers``,
``report_fixtures``) are importable from the test folders below it."""

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
