"""The batch build: plan → DOCX → PDF → check → sign-field → manifest (`pipeline.py`), the
results it reports (`results.py`), what runs in worker processes (`workers.py`), and
`watch`/`preview`. May import every stage below it (render, convert, check, sign) and
source, profile, files, errors; never `cli` or `api`."""
