"""Straight lines drawn in a paragraph (DrawingML or VML shapes), as Word and LibreOffice
draw the rules under the header lines, and their lengths."""

from __future__ import annotations

from collections.abc import Iterator

from .reader import A_NS, Para

WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


V_NS = "urn:schemas-microsoft-com:vml"


MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def line_shapes(para: Para) -> Iterator[int]:
    """The lengths (EMU) of straight lines drawn in a paragraph: DrawingML or VML shapes."""
    for wsp in para.element.iter(f"{{{WPS_NS}}}wsp"):
        drawn = _freeform_length(wsp)
        if drawn is not None:
            yield drawn
            continue
        geom = wsp.find(f".//{{{A_NS}}}prstGeom")
        if geom is not None and geom.get("prst") in ("line", "straightConnector1"):
            holder = wsp
            while holder is not None and holder.tag not in (
                f"{{{WP_NS}}}inline",
                f"{{{WP_NS}}}anchor",
            ):
                holder = holder.getparent()
            extent = holder.find(f"{{{WP_NS}}}extent") if holder is not None else None
            if extent is not None:
                yield int(extent.get("cx", "0"))
    for line in para.element.iter(f"{{{V_NS}}}line"):
        if any(a.tag == f"{{{MC_NS}}}Fallback" for a in line.iterancestors()):
            continue  # the VML copy of a DrawingML shape already counted
        x0, x1 = (_vml_x(line.get(end, "0,0")) for end in ("from", "to"))
        yield int(abs(x1 - x0) * 12700)


def _freeform_length(wsp) -> int | None:
    """The length (EMU) of a freeform shape that is one horizontal stroke (`a:custGeom`, a
    `moveTo` and a `lnTo` at the same height), as PDF-to-Word converters draw rules."""
    paths = wsp.findall(f".//{{{A_NS}}}custGeom/{{{A_NS}}}pathLst/{{{A_NS}}}path")
    ext = wsp.find(f"{{{WPS_NS}}}spPr/{{{A_NS}}}xfrm/{{{A_NS}}}ext")
    if len(paths) != 1 or ext is None:
        return None
    points = [
        (int(pt.get("x", "0")), int(pt.get("y", "0"))) for pt in paths[0].iter(f"{{{A_NS}}}pt")
    ]
    steps = [el.tag.rsplit("}", 1)[-1] for el in paths[0]]
    if steps != ["moveTo", "lnTo"] or len(points) != 2 or points[0][1] != points[1][1]:
        return None
    width = int(paths[0].get("w", "0")) or abs(points[1][0] - points[0][0]) or 1
    return int(int(ext.get("cx", "0")) * abs(points[1][0] - points[0][0]) / width)


_VML_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "px": 0.75}


def _vml_x(point: str) -> float:
    """The x of a VML point such as `12pt,0` or `1in,0`, in points (bare numbers are px)."""
    x = point.split(",")[0].strip()
    unit = next((u for u in _VML_UNITS if x.endswith(u)), "")
    try:
        return float(x[: len(x) - len(unit)] or 0) * _VML_UNITS.get(unit, 0.75)
    except ValueError:  # a formula or a unit we do not know: no length
        return 0.0
