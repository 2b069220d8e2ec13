"""The "DỰ THẢO" mark of a draft: large diagonal text behind every page, added to a rendered
DOCX after `render_docx` (so templates stay free of it and an issued notice is never marked).

The mark is a small EMF picture holding one line of rotated text, anchored behind the text
in every page header. A picture and not a text box: LibreOffice 7.4 drops the rotation of
DOCX text boxes (DrawingML and VML alike) and turns VML WordArt into outlines, but it plays
the EMF's rotated text as real text, so the PDF carries the words "DỰ THẢO" (diagonal; read
with `pdftotext -raw` or any PDF library), in the embedded Times New Roman twin. Word plays
the same EMF through GDI.
"""

from __future__ import annotations

import io
import math
import struct
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import TemplateError
from ..files import write_atomic
from ..ooxml import metrics
from ..ooxml.wordml import W_NS, W
from .document import ZIP_DATE

TEXT = "DỰ THẢO"
#: The look: Times New Roman bold (R-FONT), light grey, rising at 45° from the lower left,
#: centred on the page, behind the text so the draft stays legible.
FONT = "Times New Roman"
SIZE_PT = 110
GREY = (0xC8, 0xC8, 0xC8)
ANGLE_DEG = 45
BOX_MM = 180  # the square picture; the text's diagonal (≈ 180 mm at 110 pt) fits inside

EMU_PER_MM = 36000
UNITS_PER_MM = 10  # EMF logical units of the picture: 0.1 mm
MARK_NAME = "DuThao"  # wp:docPr name: how the mark is found again (and not added twice)
MEDIA = "word/media/notice-du-thao.emf"

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_REL = f"{R_NS}/header"
IMAGE_REL = f"{R_NS}/image"
HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def _record(kind: int, payload: bytes) -> bytes:
    return struct.pack("<II", kind, 8 + len(payload)) + payload


def mark_emf(text: str = TEXT, size_pt: float = SIZE_PT, box_mm: int = BOX_MM) -> bytes:
    """An EMF picture, `box_mm` square, with `text` in bold grey Times New Roman at
    `ANGLE_DEG`, centred (MS-EMF: EMR_HEADER … EMR_EXTTEXTOUTW … EMR_EOF)."""
    side = box_mm * UNITS_PER_MM
    per_pt = 25.4 / 72 * UNITS_PER_MM
    colour = GREY[0] | GREY[1] << 8 | GREY[2] << 16
    font = _logfont(size_pt * per_pt)
    records = [
        _record(18, struct.pack("<I", 1)),  # EMR_SETBKMODE: TRANSPARENT
        _record(24, struct.pack("<I", colour)),  # EMR_SETTEXTCOLOR
        _record(22, struct.pack("<I", 6 | 24)),  # EMR_SETTEXTALIGN: TA_CENTER | TA_BASELINE
        _record(82, struct.pack("<I", 1) + font),  # EMR_EXTCREATEFONTINDIRECTW
        _record(37, struct.pack("<I", 1)),  # EMR_SELECTOBJECT
        _text_out(text, size_pt, per_pt, side),
        _record(40, struct.pack("<I", 1)),  # EMR_DELETEOBJECT
        _record(14, struct.pack("<III", 0, 16, 20)),  # EMR_EOF
    ]
    size = 108 + sum(map(len, records))
    header = (
        struct.pack("<iiii", 0, 0, side - 1, side - 1)  # bounds, logical units
        + struct.pack("<iiii", 0, 0, box_mm * 100, box_mm * 100)  # frame, 0.01 mm
        + struct.pack("<IIIIHHIII", 0x464D4520, 0x10000, size, len(records) + 1, 2, 0, 0, 0, 0)
        + struct.pack("<iiii", 2100, 2970, 210, 297)  # reference device: A4 at 0.1 mm
        + struct.pack("<IIIii", 0, 0, 0, 210000, 297000)
    )
    return _record(1, header) + b"".join(records)


def _logfont(height: float) -> bytes:
    """LOGFONTW of the mark: height < 0 is the em size; escapement and orientation in 0.1°,
    weight 700 (bold), charset 1, quality 4."""
    face = FONT.encode("utf-16-le").ljust(64, b"\0")
    escapement = ANGLE_DEG * 10
    fields = (-round(height), 0, escapement, escapement, 700, 0, 0, 0, 1, 0, 0, 4, 0)
    return struct.pack("<iiiiiBBBBBBBB", *fields) + face


def _text_out(text: str, size_pt: float, per_pt: float, side: int) -> bytes:
    """EMR_EXTTEXTOUTW (GM_COMPATIBLE) of `text` with its own advances, centred in the box."""
    angle = math.radians(ANGLE_DEG)
    # The reference point is on the baseline; move it "down" across the text by about half
    # the cap height so the words sit visually centred in the picture.
    drop = 0.33 * size_pt * per_pt
    ref_x = round(side / 2 + drop * math.sin(angle))
    ref_y = round(side / 2 + drop * math.cos(angle))
    chars = text.encode("utf-16-le")
    padded = chars.ljust((len(chars) + 3) // 4 * 4, b"\0")
    count = len(text)
    advances = [round(metrics.text_width_pt(ch, size_pt, bold=True) * per_pt) for ch in text]
    offset_string = 76  # EMR_EXTTEXTOUTW fixed part (36) + EMRTEXT (40)
    emrtext = struct.pack("<iiIIIiiiiI", ref_x, ref_y, count, offset_string,
                          0, 0, 0, -1, -1, offset_string + len(padded))  # fmt: skip
    return _record(
        84,
        struct.pack("<iiiiIff", 0, 0, side, side, 1, 0.0, 0.0)
        + emrtext
        + padded
        + struct.pack(f"<{count}i", *advances),
    )


def _mark_run(shape_id: int, rel_id: str) -> etree._Element:
    """A run holding the picture, anchored to the page centre, behind the text."""
    side = BOX_MM * EMU_PER_MM
    xml = (
        f'<w:r xmlns:w="{W_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" xmlns:pic="{PIC_NS}" '
        f'xmlns:r="{R_NS}"><w:rPr><w:noProof/></w:rPr><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="1" locked="1" layoutInCell="0" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:align>center</wp:align></wp:positionV>'
        f'<wp:extent cx="{side}" cy="{side}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="{MARK_NAME}" descr="{TEXT}"/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{PIC_NS}"><pic:pic><pic:nvPicPr>'
        f'<pic:cNvPr id="{shape_id}" name="{MARK_NAME}.emf" descr="{TEXT}"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/>'
        '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{side}" cy="{side}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></w:r>"
    )
    return etree.fromstring(xml)


_EMPTY_HEADER = f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p/></w:hdr>'.encode()
_EMPTY_RELS = f'<Relationships xmlns="{REL_NS}"/>'.encode()


def add_watermark(docx: bytes) -> bytes:
    """The DOCX `docx` with the "DỰ THẢO" mark behind every page.

    Every header a section shows gets the mark (default; first page with `titlePg`; even
    pages with `evenAndOddHeaders`), and a header type a section shows but lacks is added,
    empty but for the mark, so no page is left unmarked. Marking twice changes nothing.
    Raises TemplateError when `docx` is not a readable DOCX.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        document = etree.fromstring(parts["word/document.xml"])
        rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
        types = etree.fromstring(parts["[Content_Types].xml"])
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise TemplateError(f"cannot add the draft mark: not a readable DOCX: {exc}") from exc
    headers = _shown_headers(parts, document, rels, types)
    if _mark_headers(parts, headers):
        parts[MEDIA] = mark_emf()
        _override(types, MEDIA, "image/x-emf")
    parts["word/document.xml"] = _xml(document)
    parts["word/_rels/document.xml.rels"] = _xml(rels)
    parts["[Content_Types].xml"] = _xml(types)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _shown_headers(parts: dict[str, bytes], document, rels, types) -> set[str]:
    """The header parts the sections show, adding an empty one for each header type a
    section shows but lacks."""
    targets = {r.get("Id"): r.get("Target") for r in rels if r.get("Type") == HEADER_REL}
    even_odd = b"evenAndOddHeaders" in parts.get("word/settings.xml", b"")
    headers: set[str] = set()
    for sect in document.iter(f"{W}sectPr"):
        shown = {"default", *(["first"] if sect.find(f"{W}titlePg") is not None else [])}
        if even_odd:
            shown.add("even")
        present = set()
        for ref in sect.findall(f"{W}headerReference"):
            present.add(ref.get(f"{W}type"))
            target = targets.get(ref.get(f"{{{R_NS}}}id"))
            if target:
                headers.add(f"word/{target.lstrip('/').removeprefix('word/')}")
        for kind in sorted(shown - present):
            name = next(
                f"word/header{i}.xml" for i in range(1, 999) if f"word/header{i}.xml" not in parts
            )
            parts[name] = _EMPTY_HEADER
            rel_id = _add_rel(rels, HEADER_REL, name.removeprefix("word/"))
            _override(types, name, HEADER_CT)
            ref = etree.Element(f"{W}headerReference")
            ref.set(f"{W}type", kind)
            ref.set(f"{{{R_NS}}}id", rel_id)
            sect.insert(0, ref)  # header references come first in a sectPr
            headers.add(name)
    return headers


def _mark_headers(parts: dict[str, bytes], headers: set[str]) -> bool:
    """Put the mark's picture in each header not marked yet; whether any was."""
    marked = False
    for shape_id, name in enumerate(sorted(headers), start=0x4454):
        root = etree.fromstring(parts[name])
        if any(d.get("name") == MARK_NAME for d in root.iter(f"{{{WP_NS}}}docPr")):
            continue
        rels_name = f"word/_rels/{name.removeprefix('word/')}.rels"
        header_rels = etree.fromstring(parts.get(rels_name, _EMPTY_RELS))
        rel_id = _add_rel(header_rels, IMAGE_REL, f"media/{Path(MEDIA).name}")
        para = root.find(f"{W}p")
        if para is None:
            para = etree.SubElement(root, f"{W}p")
        para.append(_mark_run(shape_id, rel_id))
        parts[name] = _xml(root)
        parts[rels_name] = _xml(header_rels)
        marked = True
    return marked


def watermark_docx(path: Path) -> None:
    """Add the "DỰ THẢO" mark to the DOCX file at `path`, in place (atomic rewrite)."""
    data = add_watermark(Path(path).read_bytes())
    write_atomic(Path(path), lambda tmp: tmp.write_bytes(data))


def has_watermark(docx: bytes) -> bool:
    """True when a header of the DOCX carries the "DỰ THẢO" mark."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return any(
            f'name="{MARK_NAME}"'.encode() in archive.read(name)
            for name in archive.namelist()
            if name.startswith("word/header")
        )


def _add_rel(rels: etree._Element, kind: str, target: str) -> str:
    taken = {r.get("Id") for r in rels}
    rel_id = next(f"rIdDuThao{i}" for i in range(1, 999) if f"rIdDuThao{i}" not in taken)
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id=rel_id, Type=kind, Target=target)
    return rel_id


def _override(types: etree._Element, part: str, content_type: str) -> None:
    if not any(o.get("PartName") == f"/{part}" for o in types):
        etree.SubElement(
            types, f"{{{CT_NS}}}Override", PartName=f"/{part}", ContentType=content_type
        )


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
