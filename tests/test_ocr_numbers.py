"""The second reading of numbers on OCR'd pages (styrdata.extract.ocr.numbers): pure functions over
word boxes, plus one real Tesseract run on an image the test draws."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrdata.extract.ocr.numbers import (
    Word,
    is_clean_number,
    merge,
    repair,
    segments,
    split_gaps,
    split_run,
)
from styrdata.extract.ocr.stack import stack, unstack

LINE = ("block_1", "par_1", "line_1")


def w(text: str, left: int, width: int | None = None, line=LINE, chars=()) -> Word:
    return Word(text, left, 100, width or 18 * len(text), 30, line, 90.0, chars)


def texts(words: list[Word]) -> list[str]:
    return [x.text for x in words]


def test_percent_the_swedish_model_cannot_read_comes_from_the_second_reading():
    first = [w("Frisktalet", 0, 160), w("69", 200, 36), w("246", 246, 40), w("69", 300, 36)]
    first.append(w("4", 346, 28))
    second = [w("69", 200, 36), w("%", 248, 28), w("69", 300, 36), w("%", 346, 28)]
    assert texts(merge(first, second)) == ["Frisktalet", "69", "%", "69", "%"]


def test_values_run_together_keep_the_spaces_the_first_reading_saw():
    first = [w("ska", 0, 52), w("8", 66, 18), w("2", 96, 27), w("6", 136, 18), w("€", 165, 28)]
    second = split_run(w("8%6%", 60, 128))
    assert texts(second) == ["8%", "6%"]
    out = merge(first, second)
    assert texts(out) == ["ska", "8", "%", "6", "%"]
    assert [x.left for x in out] == [0, 66, 96, 136, 165]


def test_lost_decimal_percent_and_sign_are_restored():
    assert texts(merge([w("11,090", 0, 110)], [w("11,0%", 0, 105)])) == ["11,0%"]
    assert texts(merge([w("=107", 0, 80)], [w("-107", 0, 80)])) == ["-107"]
    assert texts(merge([w("78", 20, 40)], [w(">78", 5, 55)])) == [">78"]


def test_words_and_numbers_that_need_no_help_keep_the_first_reading():
    # å/ä/ö stay: the English model's "Mal" is no number
    assert texts(merge([w("Mål", 0, 60)], [w("Mal", 0, 60)])) == ["Mål"]
    # two clean numbers: no symbol gained, the Swedish reading stands
    assert texts(merge([w("2024", 0, 80)], [w("2021", 0, 80)])) == ["2024"]
    # a second reading that is no clean number never replaces anything
    assert texts(merge([w("=130", 0, 80)], [w("7130x", 0, 80)])) == ["=130"]
    # no overlap, no change
    assert texts(merge([w("12", 0, 36)], [w("12%", 400, 50)])) == ["12"]


def test_minus_read_as_equals_and_a_lone_o_after_numbers_are_repaired():
    words = [w("Staben", 0, 100), w("=69,;5", 120, 90), w("2,2", 240, 50), w("O", 300, 20)]
    assert texts(repair(words)) == ["Staben", "-69,5", "2,2", "0"]
    assert texts(repair([w("—130", 0, 80), w("—-78,0", 100, 110)])) == ["-130", "-78,0"]
    # "O" that is a word, and "=" that is not a lost minus, stay
    assert texts(repair([w("O", 0, 20), w("och", 30, 50)])) == ["O", "och"]
    assert texts(repair([w("4x4", 0, 60), w("=", 70, 15), w("16", 90, 36)])) == [
        "4x4",
        "=",
        "16",
    ]


def test_digits_standing_apart_inside_one_word_are_split():
    zeros = w("000", 100, 100, chars=((100, 118, "0"), (135, 153, "0"), (170, 188, "0")))
    assert texts(split_gaps(zeros)) == ["0", "0", "0"]
    glued = w(
        "386,60",
        0,
        140,
        chars=((0, 18, "3"), (21, 39, "8"), (43, 61, "6"), (65, 70, ","), (74, 92, "6"))
        + ((120, 138, "0"),),
    )
    parts = split_gaps(glued)
    assert texts(parts) == ["386,6", "0"] and parts[1].left == 120
    # ordinary letter and digit spacing is no gap
    tight = w("2024", 0, 80, chars=((0, 18, "2"), (21, 39, "0"), (42, 60, "2"), (63, 80, "4")))
    assert split_gaps(tight) == [tight]
    # nor is the wide side bearing of a "1" (DejaVu's "-512")
    one = w("-512", 0, 90, chars=((0, 10, "-"), (12, 30, "5"), (40, 50, "1"), (60, 78, "2")))
    assert split_gaps(one) == [one]


def test_segments_stack_and_map_back_to_the_page():
    from PIL import Image

    words = [w("Andel", 0, 90), w("69", 200, 36), w("246", 246, 40), w("text", 600, 60)]
    boxes = segments(words)
    assert len(boxes) == 1 and boxes[0][0] < 200 and boxes[0][2] >= 286 and boxes[0][2] < 600
    page = Image.new("L", (800, 300), 255)
    image, placed, gap = stack(page, boxes)
    assert image.height > boxes[0][3] - boxes[0][1]
    y, box = placed[0]
    read = Word("%", gap + (248 - box[0]), y + (100 - box[1]), 28, 30, ("x",), 90.0)
    (back,), _ = unstack([read], {}, placed, gap)
    assert (back.left, back.top) == (248, 100)


_SWEDISH_NUMBER = st.builds(
    lambda sign, n, dec, pct: (
        sign
        + f"{n:,}".replace(",", " ")
        + ("," + str(dec) if dec is not None else "")
        + (pct if pct else "")
    ),
    st.sampled_from(["", "-", "−", ">", "<"]),
    st.integers(0, 10**7),
    st.one_of(st.none(), st.integers(0, 99)),
    st.sampled_from(["", "%"]),
)


@given(_SWEDISH_NUMBER)
def test_every_printed_swedish_number_is_a_clean_number(text):
    assert is_clean_number(text)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö=;|€", min_size=1, max_size=8))
def test_words_without_digits_are_no_clean_number(text):
    assert not is_clean_number(text)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_tesseract_reads_per_cent_and_keeps_swedish_letters(tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    from builders import _FONTS
    from styrdata.extract.ocr.pages import ocr_pages
    from styrdata.extract.settings import OcrSettings

    font = ImageFont.truetype(_FONTS["Regular"], 42)
    img = Image.new("L", (2480, 700), 255)
    d = ImageDraw.Draw(img)
    d.text((150, 150), "Andelen nöjda invånare i länet ska öka. 69 % 69 %", font=font, fill=0)
    d.text((150, 300), "Personalomsättningen ska minska. 11,0% 8,5%", font=font, fill=0)
    d.text((150, 450), "Omställning −130 −78,0", font=font, fill=0)
    pdf = tmp_path / "page.pdf"
    img.save(pdf, resolution=300)

    def read(s: OcrSettings) -> str:
        page = ocr_pages(str(pdf), [1], s)[1]
        return "".join(c["text"] for c in page.chars)

    text = read(OcrSettings(workers=1))
    assert "69%69%" in text and "11,0%8,5%" in text
    assert "nöjda" in text and "invånare" in text and "länet" in text and "öka" in text
    assert "-130" in text or "−130" in text
    # the Swedish model alone has no "%": the second reading is what brings it back
    assert "%" not in read(OcrSettings(workers=1, number_language=""))
