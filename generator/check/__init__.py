"""The NĐ 30 checker: the rule table (`rules.py`), a DOCX reader that resolves formatting as
Word shows it, the component finder, and the DOCX and PDF checks. It reads documents, any
documents: it never imports the renderer.

May import: `generator.profile`, `generator.ooxml`, `generator.files`, `generator.errors`."""
