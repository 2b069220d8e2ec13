"""Rendering: a pure `Notice` → context step, the compiled docxtpl template rendered through one
strict sandboxed Jinja environment to DOCX (written atomically), and the "DỰ THẢO" watermark.

May import: `generator.source`, `generator.profile`, `generator.ooxml`, `generator.files`,
`generator.errors`. Never `convert`, `check`, `sign`, `register`, `build`, `cli`."""
