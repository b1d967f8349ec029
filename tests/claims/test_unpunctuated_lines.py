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


def test_a_dotted_abbreviation_of_a_caseless_script_does_not_end_the_sentence() -> None:
    # "12 ม.ค. 70" (12 January 2570, Thai month abbreviation) and "พ.ศ."
    from compare.claims.lines import sentence_spans

    for line in ("เมื่อวันที่ 12 ม.ค. 70 ที่ผ่านมา รัฐมนตรีได้พบหารือกับเอกอัครราชทูต",
                 "โครงการนี้เริ่มในปี พ.ศ. 2570 ตามแผนของรัฐบาล"):
        assert [line[a:b] for a, b in sentence_spans(line, "th")] == [line]
    # scripts with case keep their rules: "U.S." stays, a new capitalised sentence splits
    line = "The U.S. envoy spoke. A second round follows."
    assert [line[a:b].strip() for a, b in sentence_spans(line, "en")] == [
        "The U.S. envoy spoke.", "A second round follows."]


@given(st.text(alphabet="กขคงจฉชซ", min_size=1, max_size=3), st.integers(1, 31))
def test_thai_initials_keep_one_sentence(initials: str, day: int) -> None:
    abbreviation = ".".join(initials) + "."
    line = f"รัฐมนตรีเดินทางถึงเมื่อวันที่ {day} {abbreviation} และได้หารือกับนายกรัฐมนตรี"
    assert len(sentence_spans_of(line)) == 1


def sentence_spans_of(line: str) -> list[tuple[int, int]]:
    from compare.claims.lines import sentence_spans

    return sentence_spans(line, "th")
