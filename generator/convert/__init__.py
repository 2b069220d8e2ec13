"""DOCX → PDF: one `Converter` interface (`base.py`) and one module per backend (the warm
LibreOffice pool, unoserver instances, Microsoft Word).

May import: `generator.files`, `generator.errors`. Never `render`, `check` or anything above."""
