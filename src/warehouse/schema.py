"""Schema and migrations. Base tables live in schema ``store``; analysts use the stable views
in ``main`` (documented in docs/schema.md). Each migration runs once, in order."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE SCHEMA IF NOT EXISTS store;
        CREATE TABLE store.documents (
            document_id VARCHAR PRIMARY KEY,
            source_path VARCHAR NOT NULL,
            sha256 VARCHAR,
            format VARCHAR,
            pages INTEGER,
            region_code VARCHAR,
            region_name VARCHAR,
            organ VARCHAR,
            doc_type VARCHAR,
            year INTEGER,
            end_year INTEGER,
            title VARCHAR,
            status VARCHAR NOT NULL CHECK (status IN ('ok', 'failed', 'needs_ocr')),
            error VARCHAR,
            warnings VARCHAR[],
            ocr_pages INTEGER[],
            ingested_at TIMESTAMP NOT NULL
        );
        CREATE TABLE store.blocks (
            document_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            page INTEGER,
            source_index INTEGER,
            kind VARCHAR NOT NULL,
            level INTEGER,
            text VARCHAR,
            font_size DOUBLE,
            bold BOOLEAN,
            x0 DOUBLE, top DOUBLE, x1 DOUBLE, bottom DOUBLE,
            table_id VARCHAR,
            PRIMARY KEY (document_id, seq)
        );
        CREATE TABLE store.tables (
            table_id VARCHAR PRIMARY KEY,
            document_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            page INTEGER,
            last_page INTEGER,
            source_index INTEGER,
            n_rows INTEGER NOT NULL,
            n_cols INTEGER NOT NULL,
            title VARCHAR
        );
        CREATE TABLE store.table_cells (
            table_id VARCHAR NOT NULL,
            "row" INTEGER NOT NULL,
            col INTEGER NOT NULL,
            text VARCHAR,
            is_header BOOLEAN NOT NULL,
            row_span INTEGER NOT NULL,
            col_span INTEGER NOT NULL,
            bold BOOLEAN,
            PRIMARY KEY (table_id, "row", col)
        );
        -- Reserved for the domain extractors (goals/indicators, budget, risks issues).
        CREATE TABLE store.goals (
            goal_id VARCHAR PRIMARY KEY, document_id VARCHAR NOT NULL, parent_goal_id VARCHAR,
            kind VARCHAR, number VARCHAR, title VARCHAR, source_term VARCHAR, page INTEGER,
            source_index INTEGER, source_text VARCHAR
        );
        CREATE TABLE store.indicators (
            indicator_id VARCHAR PRIMARY KEY, document_id VARCHAR NOT NULL, goal_id VARCHAR,
            text VARCHAR, kind VARCHAR, unit VARCHAR, direction VARCHAR, concept VARCHAR,
            page INTEGER, source_index INTEGER, source_text VARCHAR
        );
        CREATE TABLE store.indicator_values (
            indicator_id VARCHAR NOT NULL, document_id VARCHAR NOT NULL, value_type VARCHAR,
            year INTEGER, value_num DOUBLE, value_low DOUBLE, value_high DOUBLE, value_text VARCHAR,
            operator VARCHAR, unit VARCHAR, organisation VARCHAR, status_raw VARCHAR, status VARCHAR
        );
        CREATE TABLE store.budget_lines (
            document_id VARCHAR NOT NULL, table_id VARCHAR, table_kind VARCHAR, label VARCHAR,
            parent_label VARCHAR, is_total BOOLEAN, measure VARCHAR, year INTEGER,
            amount_mnkr DOUBLE, amount_raw VARCHAR, unit_raw VARCHAR, page INTEGER,
            "row" INTEGER, col INTEGER
        );
        CREATE TABLE store.risks (
            risk_id VARCHAR PRIMARY KEY, document_id VARCHAR NOT NULL, area VARCHAR, risk VARCHAR,
            probability INTEGER, consequence INTEGER, risk_value INTEGER, scale_max INTEGER,
            status VARCHAR, page INTEGER, source_index INTEGER, source_text VARCHAR
        );
        CREATE TABLE store.risk_actions (
            risk_id VARCHAR NOT NULL, document_id VARCHAR NOT NULL, seq INTEGER, action VARCHAR,
            scope VARCHAR, status VARCHAR, comment VARCHAR
        );
        """,
    ),
    (
        2,
        """
        ALTER TABLE store.risk_actions ADD COLUMN effect VARCHAR;
        ALTER TABLE store.risk_actions ADD COLUMN page INTEGER;
        """,
    ),
    (
        3,
        """
        ALTER TABLE store.budget_lines ADD COLUMN title VARCHAR;
        ALTER TABLE store.budget_lines ADD COLUMN column_header VARCHAR;
        ALTER TABLE store.budget_lines ADD COLUMN parts_sum DOUBLE;
        ALTER TABLE store.budget_lines ADD COLUMN parts_n INTEGER;
        ALTER TABLE store.budget_lines ADD COLUMN flag VARCHAR;
        ALTER TABLE store.budget_lines ADD COLUMN source_index INTEGER;
        ALTER TABLE store.budget_lines ADD COLUMN source_text VARCHAR;
        """,
    ),
    (
        4,
        """
        CREATE TABLE store.table_kinds (
            table_id VARCHAR PRIMARY KEY, document_id VARCHAR NOT NULL,
            table_kind VARCHAR NOT NULL
        );
        """,
    ),
    (
        5,
        """
        ALTER TABLE store.indicator_values ADD COLUMN flag VARCHAR;
        ALTER TABLE store.documents ADD COLUMN extractor_version INTEGER;
        ALTER TABLE store.goals ADD COLUMN title_display VARCHAR;
        ALTER TABLE store.indicators ADD COLUMN text_display VARCHAR;
        CREATE TABLE store.goal_status_summary (
            document_id VARCHAR NOT NULL, goal_kind VARCHAR, label VARCHAR, total INTEGER,
            status VARCHAR, status_raw VARCHAR, count INTEGER, page INTEGER,
            source_index INTEGER, source_text VARCHAR
        );
        """,
    ),
    (
        6,
        """
        ALTER TABLE store.documents ADD COLUMN org_kind VARCHAR;
        ALTER TABLE store.documents ADD COLUMN org_code VARCHAR;
        ALTER TABLE store.documents ADD COLUMN org_name VARCHAR;
        ALTER TABLE store.documents ADD COLUMN doc_type_raw VARCHAR;
        ALTER TABLE store.budget_lines ADD COLUMN period VARCHAR;
        ALTER TABLE store.indicator_values ADD COLUMN period VARCHAR;
        ALTER TABLE store.goals ADD COLUMN status_raw VARCHAR;
        ALTER TABLE store.goals ADD COLUMN status VARCHAR;
        ALTER TABLE store.indicators ADD COLUMN kolada_kpi VARCHAR;
        """,
    ),
    (
        # Where a block's text came from: the text layer, OCR of a scanned page, or OCR of
        # a picture on a page with a text layer (with the picture's box on the page).
        8,
        """
        ALTER TABLE store.blocks ADD COLUMN source VARCHAR;
        ALTER TABLE store.blocks ADD COLUMN picture_x0 DOUBLE;
        ALTER TABLE store.blocks ADD COLUMN picture_top DOUBLE;
        ALTER TABLE store.blocks ADD COLUMN picture_x1 DOUBLE;
        ALTER TABLE store.blocks ADD COLUMN picture_bottom DOUBLE;
        """,
    ),
    (
        10,
        """
        -- A failed re-read of a file keeps its last good version: the attempt is recorded here.
        ALTER TABLE store.documents ADD COLUMN last_error VARCHAR;
        ALTER TABLE store.documents ADD COLUMN last_failed_at TIMESTAMP;
        ALTER TABLE store.documents ADD COLUMN last_failed_sha256 VARCHAR;
        """,
    ),
    (
        # Whose amount a budget line is: NULL for the document's own organisation,
        # "koncernen" for a column of the koncern's (sammanställd redovisning) figures.
        11,
        """
        ALTER TABLE store.budget_lines ADD COLUMN subject VARCHAR;
        """,
    ),
]

# Analyst views: stable names and columns, recreated on every open.
VIEWS = {
    "documents": """
        SELECT d.document_id, d.source_path, d.sha256, d.format, d.pages, d.org_kind,
               d.org_code, d.org_name,
               CASE WHEN d.org_kind = 'region' THEN '00' || d.org_code
                    WHEN d.org_kind = 'kommun' THEN d.org_code END AS kolada_id,
               d.region_code, d.region_name, d.organ, d.doc_type, d.doc_type_raw, d.year,
               d.end_year, d.title, d.status, d.error, d.warnings, d.ocr_pages, d.ingested_at,
               d.extractor_version,
               d.last_error, d.last_failed_at, d.last_failed_sha256
        FROM store.documents d""",
    # One edition of each document: the same plan ingested as PDF, DOCX, text dump and scan
    # counts once. Preferred: a born-digital PDF (page numbers), then DOCX, then a text dump,
    # then a scan read with OCR.
    "primary_documents": """
        SELECT * EXCLUDE (edition_rank) FROM (
            SELECT d.*, row_number() OVER (
                PARTITION BY d.org_name, d.region_code, d.organ, d.doc_type, d.year, d.end_year
                ORDER BY CASE WHEN d.format = 'pdf' AND coalesce(len(d.ocr_pages), 0) = 0 THEN 1
                              WHEN d.format = 'docx' THEN 2 WHEN d.format = 'text' THEN 3
                              ELSE 4 END, d.source_path) AS edition_rank
            FROM documents d WHERE d.status = 'ok')
        WHERE edition_rank = 1""",
    "blocks": """
        SELECT document_id, seq, page, source_index, kind, level, text, font_size, bold,
               x0, top, x1, bottom, table_id, source, picture_x0, picture_top, picture_x1,
               picture_bottom
        FROM store.blocks""",
    "tables": """
        SELECT t.table_id, t.document_id, t.seq, t.page, t.last_page, t.source_index, t.n_rows,
               t.n_cols, t.title, k.table_kind
        FROM store.tables t LEFT JOIN store.table_kinds k USING (table_id)""",
    "table_cells": """
        SELECT table_id, "row", col, text, is_header, row_span, col_span, bold
        FROM store.table_cells""",
    "goals": "SELECT * FROM store.goals",
    "indicators": "SELECT * FROM store.indicators",
    "indicator_values": "SELECT * FROM store.indicator_values",
    "goal_status_summary": "SELECT * FROM store.goal_status_summary",
    "budget_lines": """
        SELECT document_id, table_id, table_kind, title, label, parent_label, is_total, measure,
               year, period, subject, amount_mnkr, amount_raw, unit_raw, column_header, flag, page,
               "row", col, source_index, source_text
        FROM store.budget_lines""",
    # Totals whose parts do not add up beyond rounding: each part may be off by half a unit
    # of its last printed digit, so the tolerance grows with the number of parts.
    "budget_checks": """
        SELECT b.document_id, d.region_name, d.organ, d.year AS document_year, b.table_kind,
               b.title, b.label, b.measure, b.year, b.amount_mnkr AS total_mnkr,
               b.parts_sum AS parts_sum_mnkr, b.parts_n,
               round(b.amount_mnkr - b.parts_sum, 3) AS difference_mnkr, b.page, b.source_text
        FROM store.budget_lines b JOIN store.documents d USING (document_id)
        WHERE b.is_total AND b.parts_sum IS NOT NULL AND b.amount_mnkr IS NOT NULL
          AND abs(b.amount_mnkr - b.parts_sum)
              > greatest(0.05, 0.5 * b.parts_n * CASE WHEN b.unit_raw = 'tkr' THEN 0.001 ELSE
                    CASE WHEN regexp_matches(b.amount_raw, '[,.][0-9]') THEN 0.1 ELSE 1 END END)""",
    "risks": "SELECT * FROM store.risks",
    "risk_actions": "SELECT * FROM store.risk_actions",
}

# Tables holding rows of one document, deleted together when it is replaced.
DOCUMENT_TABLES = (
    "store.table_cells",  # via table_id
    "store.tables",
    "store.table_kinds",
    "store.blocks",
    "store.goals",
    "store.indicators",
    "store.indicator_values",
    "store.goal_status_summary",
    "store.budget_lines",
    "store.risks",
    "store.risk_actions",
    "store.documents",
)

SCHEMA_VERSION = max(v for v, _ in MIGRATIONS)
