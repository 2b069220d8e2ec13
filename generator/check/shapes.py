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


_VML_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "px": 0.75}


def _vml_x(point: str) -> float:
    """The x of a VML point such as `12pt,0` or `1in,0`, in points (bare numbers are px)."""
    x = point.split(",")[0].strip()
    unit = next((u for u in _VML_UNITS if x.endswith(u)), "")
    try:
        return float(x[: len(x) - len(unit)] or 0) * _VML_UNITS.get(unit, 0.75)
    except ValueError:  # a formula or a unit we do not know: no length
        return 0.0
