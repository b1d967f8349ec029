"""The shared base every stage may import: the data model (``models``), errors
(``errors``), rule-file loading (``rulefiles``), atomic writes (``atomic``),
escaping of untrusted text (``escape``) and line normalisation (``textnorm``).

Nothing here imports a pipeline stage.  Import the modules themselves
(``from compare.core.models import Document``); this package re-exports nothing.
"""
