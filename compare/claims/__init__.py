"""Stage 4, claims: split a document into claims with quotes, attribution and type.

Imports only :mod:`compare.core` and the stages before it.
"""

from compare.claims.extract import extract_claims

__all__ = ["extract_claims"]
