"""The batch pipeline: plan → DOCX in worker processes → PDF → check → signature field →
`manifest.json`; and built on it, `watch` and `preview`. Typed results in `results.py`.

May import: `render`, `convert`, `check`, `sign`, `source`, `profile`, `ooxml`, `files`, `errors`.
Never `register`, `cli` or `api`."""
