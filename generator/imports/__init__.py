"""`notice import`: an existing notice (a DOCX made by Word, LibreOffice or this tool, or plain
text, one paragraph per line) becomes a commented YAML source.

The parts are found by role and place with the checker's component finder
(`check.components.find_parts`); typed numbering becomes the numbering styles and the item
tree; what cannot be placed is kept (a verbatim paragraph, or a comment with its text) and
reported. May import check, source, profile and below; nothing but the CLI imports it.
"""
