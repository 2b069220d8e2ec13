"""The visible digital signature of a notice, as NĐ 30/2020 Phụ lục I §II.7.d and §II.8
describe it, drawn into the signature field's appearance:

* the signer's signature image (blue PNG, transparent), centred in the gap between the
  position lines and the name (R-E-SIGNER);
* the organisation's seal image (red PNG, transparent) at its real size (`--seal-mm`,
  default 40 mm), over the left third of the signature image (R-E-ORG);
* two short lines, signer and signing time (Vietnam time, UTC+07:00), in Liberation Serif,
  the metric twin of Times New Roman, embedded as a subset so the PDF stays PDF/A-friendly.

The field's rectangle grows from the gap to the union of the gap and the seal, since a
seal of real size is taller than the 28 mm gap (on paper it overlaps the lines too).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.content import ResourceType
from pyhanko.pdf_utils.font import FontEngineFactory
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.images import pil_image
from pyhanko.stamp.text import TextStamp, TextStampStyle

from ..errors import SigningError

PT_PER_MM = 72 / 25.4
TEXT_PT = 7
TEXT_LEADING = 9  # pyHanko lays text out in whole points
STAMP_TEXT = "Ký số bởi: %(who)s\nThời gian: %(when)s"
#: Fonts for the signature text, first found wins: Liberation Serif (fonts-liberation2,
#: metric twin of Times New Roman, R-FONT), then Times New Roman itself.
FONT_FILES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "C:/Windows/Fonts/times.ttf",
    "/System/Library/Fonts/Supplemental/Times New Roman.ttf",
    "/Library/Fonts/Times New Roman.ttf",
)

#: Characters the signature text may need: Latin, Vietnamese letters and tone marks.
VIETNAMESE_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x300, 0x36F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20AB, 0x20AB),
)

Box = tuple[float, float, float, float]  # x, y, width, height


@dataclass(frozen=True)
class Layout:
    """Where the parts go. `widget` is in page space (x0, y0, x1, y1); the boxes are
    relative to the widget's lower-left corner."""

    widget: tuple[float, float, float, float]
    signature: Box | None
    seal: Box | None
    text_right: float  # the text's right edge
    text_bottom: float


def plan_layout(
    gap: tuple[float, float, float, float],
    signature_size: tuple[int, int] | None,
    seal_mm: float | None,
) -> Layout:
    """Lay out the appearance over the gap (x0, y0, x1, y1 in page space)."""
    gx0, gy0, gx1, gy1 = gap
    gw, gh = gx1 - gx0, gy1 - gy0
    text_h = 2 * TEXT_LEADING + 3
    # R-E-SIGNER: the signature centred in the gap (above the two text lines)
    area_w, area_h = 0.6 * gw, max(gh - text_h - 4, gh * 0.5)
    if signature_size:
        scale = min(area_w / signature_size[0], area_h / signature_size[1])
        sw, sh = signature_size[0] * scale, signature_size[1] * scale
    else:
        sw, sh = area_w, area_h
    sx, sy = gx0 + (gw - sw) / 2, gy0 + text_h + (gh - text_h - sh) / 2
    signature = (sx, sy, sw, sh) if signature_size else None
    seal = None
    if seal_mm:
        # R-E-ORG: real size, over about the left third of the signature image
        d = seal_mm * PT_PER_MM
        seal = (sx + sw / 3 - d, sy + sh / 2 - d / 2, d, d)
    boxes = [(gx0, gy0, gw, gh), *(b for b in (signature, seal) if b)]
    wx0, wy0 = round(min(b[0] for b in boxes), 2), round(min(b[1] for b in boxes), 2)
    wx1 = round(max(b[0] + b[2] for b in boxes), 2)
    wy1 = round(max(b[1] + b[3] for b in boxes), 2)

    def local(box: Box | None) -> Box | None:
        return None if box is None else (box[0] - wx0, box[1] - wy0, box[2], box[3])

    return Layout(
        widget=(wx0, wy0, wx1, wy1),
        signature=local(signature),
        seal=local(seal),
        text_right=gx1 - wx0 - 2,
        text_bottom=gy0 - wy0 + 2,
    )


def find_font() -> Path:
    """A TrueType serif for the signature text; SigningError when none is installed."""
    for name in FONT_FILES:
        if Path(name).is_file():
            return Path(name)
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", "Liberation Serif:style=Regular"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found.lower().endswith((".ttf", ".otf")) and Path(found).is_file():
            return Path(found)
    raise SigningError(
        "no font for the signature text: install fonts-liberation2 (Liberation Serif)"
    )


@dataclass(frozen=True, eq=False)
class NoticeStampStyle(TextStampStyle):
    """The appearance style: images at the planned places, then the text, then the seal."""

    layout: Layout | None = None
    signature_image: Any = None  # PIL.Image.Image
    seal_image: Any = None

    def create_stamp(self, writer: Any, box: Any, text_params: dict) -> NoticeStamp:
        return NoticeStamp(writer=writer, style=self, box=box, text_params=text_params)


class NoticeStamp(TextStamp):
    """Draws a `NoticeStampStyle` (pyHanko calls it with the widget's box)."""

    style: NoticeStampStyle

    def _image(self, name: str, image: Any, box: Box) -> bytes:
        self.set_resource(ResourceType.XOBJECT, pdf_name(name), pil_image(image, self.writer))
        x, y, w, h = box
        return b"q %g 0 0 %g %g %g cm %s Do Q" % (w, h, x, y, name.encode())

    def _render_inner_content(self) -> list[bytes]:
        layout = self.style.layout
        assert layout is not None
        commands = [b"q"]
        if self.style.signature_image is not None and layout.signature:
            commands.append(self._image("/ChuKy", self.style.signature_image, layout.signature))
        text, (width, _height) = self._inner_layout_natural_size()
        x = max(0.0, layout.text_right - width)
        commands += [b"q 1 0 0 1 %g %g cm" % (x, layout.text_bottom), *text, b"Q"]
        if self.style.seal_image is not None and layout.seal:
            commands.append(self._image("/Dau", self.style.seal_image, layout.seal))
        commands.append(b"Q")
        return commands


@lru_cache(maxsize=2)
def _font_1000(path: Path) -> bytes:
    """The font rescaled to 1000 units per em. pyHanko 0.38 writes a TrueType font's /W
    widths in the font's own units, which PDF reads as 1/1000 em: Liberation Serif (2048
    units) would be set twice too wide."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(path)
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["*"]
    options.drop_tables += ["FFTM"]  # FontForge's time stamps, which fontTools cannot subset
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for a, b in VIETNAMESE_RANGES for c in range(a, b + 1)])
    subsetter.subset(font)  # Latin and Vietnamese only: scaling the whole font takes > 1 s
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


class SerifFont(FontEngineFactory):
    """Embeds (a subset of) the serif font from memory, at 1000 units per em."""

    def __init__(self, path: Path, font_size: int) -> None:
        self.path, self.font_size = Path(path), font_size

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        data = io.BytesIO(_font_1000(self.path))
        return GlyphAccumulator(
            writer=writer,
            font_handle=data,
            font_size=self.font_size,
            bcp47_lang_code="vi",
            obj_stream=obj_stream,
        )


def stamp_style(
    layout: Layout, signature_image: Any = None, seal_image: Any = None
) -> NoticeStampStyle:
    """The style pyHanko draws the widget with (text in the embedded serif font)."""
    from pyhanko.pdf_utils.text import TextBoxStyle

    font = SerifFont(find_font(), TEXT_PT)
    return NoticeStampStyle(
        border_width=0,
        background=None,
        stamp_text=STAMP_TEXT,
        text_box_style=TextBoxStyle(
            font=font, font_size=TEXT_PT, leading=TEXT_LEADING, border_width=0, text_color=(0, 0, 0)
        ),
        layout=layout,
        signature_image=signature_image,
        seal_image=seal_image,
    )
