"""`notice serve`: a local web editor for the people who do not write YAML. A form made from
the source schema, a live page preview from one warm LibreOffice, saving that keeps the
source's comments and key order, new notices from earlier ones, DOCX/PDF downloads; bound to
loopback, CSRF-protected, never reading or writing outside the served folder.

May import every stage (`source`, `profile`, `render`, `convert`, `check`, `build`), `files`
and `errors`. Never `cli` or `api`; only `cli` imports it."""
