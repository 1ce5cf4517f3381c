from __future__ import annotations

import pytest

from builders import plan_docx, plan_pdf, scanned_pdf
from styrdata.extract import read_document
from styrdata.extract.model import Document
from styrdata.extract.readers.dispatch import ReadError
from styrdata.extract.settings import OcrSettings, PdfSettings, ReaderSettings


def _heads(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind == "heading"]


def test_pdf_headings_paragraphs_lists_and_headers(tmp_path):
    doc = read_document(plan_pdf(tmp_path / "plan.pdf"))
    assert doc.pages == 3 and doc.format == "pdf"
    assert (1, "1 Inledning") in _heads(doc)
    assert (2, "1.1 Mål och uppdrag") in _heads(doc)
    text = doc.text()
    # hyphenated line break joined, å/ä/ö kept
    assert "regionstyrelsens förutsättningar och mål" in text
    # running header and page numbers removed
    assert "Verksamhetsplan 2025" not in text.replace("Verksamhetsplan 2025", "", 0) or all(
        "Region Halland – Regionstyrelsen" not in b.text for b in doc.blocks
    )
    assert not any(b.text.strip() in {"1", "2", "3"} for b in doc.blocks)
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items == ["Minskad klimatpåverkan", "Hälso- och sjukvård i världsklass"]
    assert all(b.page and b.bbox for b in doc.blocks)


def test_pdf_table_continuing_on_next_page_is_stitched(tmp_path):
    doc = read_document(plan_pdf(tmp_path / "plan.pdf"))
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert t.pages == [1, 2]
    assert (t.n_rows, t.n_cols) == (12, 3)  # header once + 11 body rows
    grid = t.grid()
    assert grid[0] == ["Belopp i mnkr", "Budget 2025", "Utfall 2024"]
    assert grid[-1] == ["Verksamhet 11", "-11,5", "-12 000"]
    assert [c.is_header for c in t.cells if c.row == 0] == [True, True, True]
    assert not any(c.is_header for c in t.cells if c.row > 0)


def test_scanned_pdf_is_read_with_tesseract(tmp_path):
    doc = read_document(scanned_pdf(tmp_path / "scan.pdf"))
    assert doc.ocr_pages == [1, 2] and doc.ocr_done and not doc.needs_ocr
    text = doc.text()
    assert "Verksamhetsplan 2024" in text and "Region Halland, Regionstyrelsen" in text
    assert "Driftbudget för regionkontoret." in text
    # word boxes feed the same table logic: the unruled table is a table on both pages
    assert len(doc.tables) == 2
    grid = doc.tables[0].grid()
    assert grid[0] == ["Belopp i mnkr", "Budget 2024", "Budget 2023"]
    assert grid[-1] == ["Nettobudget", "-712", "-692"]
    assert any("read with OCR (Tesseract swe, numbers again with eng)" in w for w in doc.warnings)


def test_scanned_pdf_without_tesseract_fails_with_what_to_install(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf", pages=1)
    settings = ReaderSettings(
        pdf=PdfSettings(ocr=OcrSettings(tesseract_cmd="/nonexistent/tesseract"))
    )
    with pytest.raises(ReadError) as e:
        read_document(path, settings)
    msg = str(e.value)
    assert "scanned PDF (1 of 1 pages" in msg
    assert "apt-get install tesseract-ocr tesseract-ocr-swe" in msg and "\n" not in msg
    # born-digital PDFs are not affected by a missing Tesseract
    plan = read_document(plan_pdf(tmp_path / "plan.pdf"), settings)
    assert plan.blocks and not plan.ocr_pages


def test_scanned_pdf_with_ocr_switched_off_needs_ocr(tmp_path):
    settings = ReaderSettings(pdf=PdfSettings(ocr=OcrSettings(enabled=False)))
    doc = read_document(scanned_pdf(tmp_path / "scan.pdf"), settings)
    assert doc.ocr_pages == [1, 2] and doc.needs_ocr and not doc.ocr_done


def test_docx_body_order_lists_and_merged_cells(tmp_path):
    doc = read_document(plan_docx(tmp_path / "plan.docx"))
    kinds = [b.kind for b in doc.blocks]
    assert kinds.index("table") > kinds.index("list_item")
    assert (1, "1 Inledning") in _heads(doc) and (2, "1.1 Mål") in _heads(doc)
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == [
        "Minskad klimatpåverkan",
        "Stärkt kompetensförsörjning",
    ]
    t = doc.tables[0]
    assert (t.n_rows, t.n_cols) == (3, 3)
    texts = [c.text for c in t.cells]
    assert texts.count("Utfall 2024") == 1 and texts.count("HME") == 1  # merged cells once
    hme = next(c for c in t.cells if c.text == "HME")
    utfall = next(c for c in t.cells if c.text == "Utfall 2024")
    assert hme.row_span == 2 and utfall.col_span == 2
    assert len(t.cells) == 7
    assert all(b.source_index is not None for b in doc.blocks if b.kind != "footnote")


def test_text_reader_markdown_tabs_and_ocr_bullets(tmp_path):
    p = tmp_path / "dump.txt"
    p.write_text(
        "# Verksamhetsplan 2024\n\n## 1 Inledning\n\nUppföljningen utgår från för-\nutsättningar.\n\n"
        "e Stort fokus pa ekonomin\n- Ny vardcentral\n\n"
        "Belopp i mnkr\tBudget 2024\tUtfall 2023\n<b>Summa</b>\t<b>-1 969,4</b>\t-2 950\n",
        encoding="utf-8",
    )
    doc = read_document(p)
    assert _heads(doc)[:2] == [(1, "Verksamhetsplan 2024"), (2, "1 Inledning")]
    assert any(b.text == "Uppföljningen utgår från förutsättningar." for b in doc.blocks)
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == [
        "Stort fokus pa ekonomin",
        "Ny vardcentral",
    ]
    t = doc.tables[0]
    assert t.grid() == [
        ["Belopp i mnkr", "Budget 2024", "Utfall 2023"],
        ["Summa", "-1 969,4", "-2 950"],
    ]
    assert next(b for b in doc.blocks if b.kind == "table").source_index == 11


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_corpus_keeps_swedish_letters(corpus, suffix):
    doc = read_document(corpus / "plain" / f"000_27f8406190a0567d{suffix}")
    text = doc.text()
    for word in ("Örebro län", "Mål, strategier och uppdrag", "Effektmål 1. Länets invånare"):
        assert word in text


def test_page_whose_text_layer_is_mostly_non_words_is_read_with_ocr(tmp_path):
    from builders import GARBLED_PAGE_TEXT, garbled_text_layer_pdf

    doc = read_document(garbled_text_layer_pdf(tmp_path / "garbled.pdf"))
    assert doc.ocr_pages == [1] and doc.ocr_done
    text = doc.text()
    assert "Uhjlrqvw" not in text  # the shifted layer is dropped ...
    assert "invånarna i länet har en god hälsa" in text  # ... for what the page shows
    assert "delårsrapporten" in text and len(text) > 0.9 * len(" ".join(GARBLED_PAGE_TEXT))


def test_page_with_a_good_hidden_text_layer_is_not_ocrd(tmp_path):
    from builders import GARBLED_PAGE_TEXT, garbled_text_layer_pdf

    doc = read_document(garbled_text_layer_pdf(tmp_path / "ok.pdf", garbled=False))
    assert doc.ocr_pages == [] and not doc.ocr_done
    assert GARBLED_PAGE_TEXT[1] in doc.text()


def test_footnotes_of_a_scanned_page_are_told_from_its_text(tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    from builders import _FONTS

    body, small = (ImageFont.truetype(_FONTS["Regular"], n) for n in (42, 32))
    img = Image.new("L", (2480, 3508), 255)
    d = ImageDraw.Draw(img)
    lines = [
        "Utifrån regionstyrelsens roll ska regionstyrelsen följa upp att samtliga",
        "verksamheter får ett fullgott stöd för sin kompetensförsörjning och för",
        "ett systematiskt arbetsmiljöarbete, och att arbetet redovisas varje år.",
    ] * 4
    for k, line in enumerate(lines):
        d.text((250, 300 + 64 * k), line, font=body, fill=0)
    d.text((250, 3000), "1 Nära vård, Sveriges Kommuner och Regioner", font=small, fill=0)
    d.text((250, 3050), "2 Se vidare avsnitt 1.1 ovan.", font=small, fill=0)
    pdf = tmp_path / "notes.pdf"
    img.save(pdf, resolution=300)
    doc = read_document(str(pdf))
    notes = [b.text for b in doc.blocks if b.kind == "footnote"]
    assert len(notes) == 1 and "Nära vård" in notes[0] and "Se vidare" in notes[0]
    assert not any(b.kind == "footnote" and "regionstyrelsen" in b.text for b in doc.blocks)
