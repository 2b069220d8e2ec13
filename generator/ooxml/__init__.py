"""WordprocessingML shared by the writer and the reader of DOCX: namespaces, the on/off flag
(ST_OnOff), run-font resolution through styles and defaults, Word's default cell margin, and
the text metrics of Times New Roman.

May import: `generator.errors`. Imported by `render` and `check`, which never import each other."""
