"""Swahili is told from Turkish and the other Latin-script languages by its function words.

Every text here is written for these tests.
"""

from __future__ import annotations

import pytest

from compare.ingest.language import detect_language


@pytest.mark.parametrize(("lang", "text"), [
    ("sw", "Rais amekutana na Waziri Mkuu wa Kenya katika Ikulu ya Dodoma leo, na viongozi hao wamejadili "
           "biashara ya kahawa kati ya nchi hizo mbili pamoja na ujenzi wa reli."),
    ("sw", "Serikali imesema kuwa mradi huo utakamilika mwakani, kwa mujibu wa taarifa ya wizara ya uchukuzi."),
    ("tr", "Cumhurbaşkanı, Kenya Başbakanı ile bir araya geldi ve iki ülke arasındaki ticaret ilişkilerini "
           "görüştü."),
    ("en", "The president met the Kenyan prime minister in Dodoma and the two discussed the coffee trade."),
])
def test_swahili_and_its_neighbours(lang: str, text: str) -> None:
    assert detect_language(text) == lang
