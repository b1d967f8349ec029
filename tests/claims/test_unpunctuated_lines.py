"""Lines of scripts without sentence punctuation (Thai, Lao): a paragraph long enough
is a statement, also before the first punctuated line; short lines stay furniture.

Every text here is written for these tests.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compare.claims.lines import UNPUNCTUATED_MIN_WORDS, line_kind
from compare.core.textnorm import word_count

TITLE = "ลาวและไทยตกลงสร้างสะพานข้ามแม่น้ำโขงแห่งใหม่"
PARAGRAPH = "รัฐมนตรีว่าการกระทรวงคมนาคมของทั้งสองประเทศได้พบหารือกันที่เวียงจันทน์ และตกลงจะเริ่มก่อสร้างสะพานในปีหน้า"
LAO = "ລັດຖະມົນຕີທັງສອງໄດ້ພົບປະກັນຢູ່ນະຄອນຫຼວງວຽງຈັນ ແລະ ຕົກລົງຮ່ວມມືກັນໃນການກໍ່ສ້າງຂົວແຫ່ງໃໝ່"


def test_a_thai_paragraph_is_a_statement_before_any_full_stop() -> None:
    assert word_count(PARAGRAPH) >= UNPUNCTUATED_MIN_WORDS
    assert line_kind(PARAGRAPH, TITLE, seen_title=True, seen_body=False) == "body"
    assert line_kind(LAO, TITLE, seen_title=True, seen_body=False) == "body"


def test_short_thai_lines_stay_furniture() -> None:
    assert line_kind("โดย กองบรรณาธิการ", TITLE, seen_title=True, seen_body=False) == "skip"
    assert line_kind("ข่าวที่เกี่ยวข้อง", TITLE, seen_title=True, seen_body=False) == "skip"


def test_an_unpunctuated_latin_line_is_no_statement_before_the_body() -> None:
    line = "Home News World Business Sport Culture Opinion Video Podcasts Weather Travel Contact Us"
    assert line_kind(line, "Ministers agree on a bridge", seen_title=True, seen_body=False) == "skip"


@given(st.integers(1, 30))
def test_length_decides_for_thai(n: int) -> None:
    line = " ".join(["ประชุม"] * n)
    kind = line_kind(line, TITLE, seen_title=True, seen_body=False)
    assert (kind == "body") == (word_count(line) >= UNPUNCTUATED_MIN_WORDS)


def test_thai_menus_and_date_lines_stay_furniture_after_the_body() -> None:
    menu = "หน้าแรก | ข่าวการเมืองต่างประเทศ | เศรษฐกิจและการค้า | ติดต่อกองบรรณาธิการ"
    assert line_kind(menu, TITLE, seen_title=True, seen_body=False) == "skip"
    assert line_kind("วันพฤหัสบดีที่ 12 มีนาคม 2574", TITLE, seen_title=True, seen_body=True) == "skip"
