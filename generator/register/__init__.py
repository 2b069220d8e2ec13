"""The number register (SQLite) and what is made from it: issuing a draft (next number, written
back, rendered), the Sổ đăng ký văn bản đi, and the follow-up tasks export.

May import: `generator.build` and every stage below it. Never `cli` or `api`."""
