"""Sources: YAML read safely with line and column marks, the pydantic `Notice` model, the
JSON Schema and the scaffolds of `notice new`. Errors are `SourceError` ("file:line:col: field").

May import: `generator.profile`, `generator.errors`, `generator.files`."""
