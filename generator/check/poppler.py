"""What the checker and the previews share about poppler-utils, the PDF reader they run."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

POPPLER_HINT = "install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils)"

#: poppler builds an lcms2 colour transform from a PDF/A's output intent for every page it
#: reads (≈ 0.1 s a page here: 98 % of pdftotext's time on our PDFs, by callgrind), to show
#: sRGB colours in sRGB. Given a copy in which the catalog key is renamed — to a name of the
#: same length, so every offset in the file stays right — it reads the same text and draws
#: the same pixels (tested), without that cost.
_OUTPUT_INTENTS, _IGNORED_KEY = b"/OutputIntents", b"/OutputIntentX"


@contextlib.contextmanager
def without_output_intent(path: Path) -> Iterator[Path]:
    """`path`, or a copy of it under the same name whose output intent poppler ignores.

    Raises OSError when `path` cannot be read."""
    data = Path(path).read_bytes()
    if _OUTPUT_INTENTS not in data:
        yield Path(path)
        return
    with tempfile.TemporaryDirectory(prefix="notice-pdf-") as tmp:
        copy = Path(tmp) / Path(path).name  # pdftohtml writes the name into its links
        copy.write_bytes(data.replace(_OUTPUT_INTENTS, _IGNORED_KEY))
        yield copy
