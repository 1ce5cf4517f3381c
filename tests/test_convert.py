from __future__ import annotations

import subprocess

import pytest

from builders import plan_docx
from styrdata.extract import ReadError, read_document
from styrdata.extract.readers import convert as reader_mod


def test_doc_without_libreoffice_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(reader_mod, "libreoffice_binary", lambda: None)
    old = tmp_path / "plan.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    with pytest.raises(ReadError, match=r"needs LibreOffice: install it with 'apt-get install"):
        read_document(old)


@pytest.mark.skipif(
    reader_mod.libreoffice_binary() is None,
    reason="LibreOffice not installed (.ci/run installs it)",
)
def test_odt_is_converted_with_libreoffice(tmp_path):
    src = plan_docx(tmp_path / "plan.docx")
    exe = reader_mod.libreoffice_binary()
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path / "odt"),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    odt = tmp_path / "odt" / "plan.odt"
    doc = read_document(odt)
    assert doc.source_path == str(odt)
    assert any(b.kind == "heading" and b.text == "1 Inledning" for b in doc.blocks)
    t = doc.tables[0]
    assert (t.n_rows, t.n_cols) == (3, 3)
    assert [c.text for c in t.cells].count("HME") == 1
    assert "converted from .odt with LibreOffice" in doc.warnings


def test_odt_that_is_not_a_zip_fails_before_conversion(tmp_path):
    bad = tmp_path / "broken.odt"
    bad.write_bytes(b"this is not an odt")
    with pytest.raises(ReadError, match=r"not a ODT file \(content is unrecognised\)"):
        read_document(bad)
