"""Text dumps in UTF-16, Windows-1252 or Latin-1 are read as what they are, a guess says so,
and a binary file named .txt fails with one line (issue 17, item 4)."""

from __future__ import annotations

import codecs

import pytest

from styrdata import api
from styrdata.extract import ReadError, read_document
from styrdata.extract.readers.encoding import decode

TEXT = (
    "# Verksamhetsplan 2025\n\n"
    "Region Halland – Regionstyrelsen\n\n"
    "Målet är en hållbar kompetensförsörjning och ökad tillgänglighet för äldre.\n"
)


def _blocks(path):
    doc = read_document(path)
    return [(b.kind, b.text) for b in doc.blocks], doc.warnings


@pytest.fixture
def reference(tmp_path):
    p = tmp_path / "utf8.txt"
    p.write_text(TEXT, encoding="utf-8")
    blocks, warnings = _blocks(p)
    assert warnings == [] and any("hållbar kompetensförsörjning" in t for _, t in blocks)
    return blocks


@pytest.mark.parametrize(
    "name, data",
    [
        ("utf8-bom.txt", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
        ("utf16le-bom.txt", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
        ("utf16be-bom.txt", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
        ("utf16-crlf.txt", TEXT.replace("\n", "\r\n").encode("utf-16")),  # Notepad's "Unicode"
    ],
)
def test_byte_order_mark_decides_without_a_warning(tmp_path, reference, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    blocks, warnings = _blocks(p)
    assert blocks == reference
    assert warnings == []


@pytest.mark.parametrize(
    "name, data, said",
    [
        ("cp1252.txt", TEXT.replace("–", "—").encode("cp1252"), "Windows-1252"),
        ("latin1.txt", TEXT.replace("–", "-").encode("latin-1") + b"\x90", "Latin-1"),
        ("utf16le-nobom.txt", TEXT.encode("utf-16-le"), "UTF-16-LE without a byte order mark"),
    ],
)
def test_a_guessed_encoding_reads_the_letters_and_warns(tmp_path, name, data, said):
    p = tmp_path / name
    p.write_bytes(data)
    blocks, warnings = _blocks(p)
    text = " ".join(t for _, t in blocks)
    assert "hållbar kompetensförsörjning" in text and "äldre" in text
    assert "Ã" not in text and "\ufffd" not in text.replace("\x90", "")
    assert len(warnings) == 1 and said in warnings[0] and "guessed" in warnings[0]


def test_mostly_utf8_with_a_broken_byte_stays_utf8_and_warns():
    text, warning = decode(TEXT.encode("utf-8") + b"\nslut \xe5r\n")
    assert "hållbar kompetensförsörjning" in text  # not read as cp1252 mojibake
    assert warning == "1 byte sequence(s) not valid UTF-8 replaced by �"


@pytest.mark.parametrize(
    "data, message",
    [
        (bytes(range(256)) * 40, "not a text file: binary content (it holds NUL bytes)"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08binary " * 200, "not a text file: binary content"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not a text file: the file is a PDF"),
        (b"PK\x03\x04" + b"\x14\x00" * 30, "not a text file: the file is a zip archive (DOCX?)"),
    ],
)
def test_binary_content_fails_with_one_line(tmp_path, data, message):
    p = tmp_path / "dump.txt"
    p.write_bytes(data)
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert str(e.value).startswith(message) and "\n" not in str(e.value)


def test_ingest_stores_latin1_text_with_the_warning_and_fails_binary(tmp_path):
    (tmp_path / "plan.txt").write_bytes(TEXT.encode("cp1252", errors="replace"))
    (tmp_path / "trasig.txt").write_bytes(bytes(range(256)) * 10)
    db = tmp_path / "w.duckdb"
    report = api.ingest([tmp_path], db=db)
    by = {f.path.rsplit("/", 1)[1]: f for f in report.files}
    assert by["plan.txt"].status == "ok"
    assert any("Windows-1252" in w for w in by["plan.txt"].warnings)
    assert by["trasig.txt"].status == "failed"
    assert by["trasig.txt"].error == "not a text file: binary content (it holds NUL bytes)"
    text = api.sql("SELECT string_agg(text, ' ') AS t FROM blocks", db).t[0]
    assert "hållbar kompetensförsörjning" in text
