"""The imported notice as a commented YAML source in the project's block style.

Each top-level block is written as `notice new` writes it (sequences indented under their
key, long text folded with `>-`), after a comment saying what to check. The text is read
back before it is returned: what is written loads to exactly the data imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .result import Imported

_ORDER = ("kind", "agency", "place", "number", "date", "subject", "addressees", "bases",
          "opening", "numbering", "markup", "conclusions", "closing", "recipients", "archive",
          "signer", "appendices")  # fmt: skip
#: Blocks written right under the one before them (one component, or its switch).
_TOGETHER = frozenset({"agency", "number", "date", "markup"})
_COMMENTS = {
    "kind": "# Loại thông báo và cơ quan ban hành (ô 1–2), như đọc được ở đầu văn bản.\n",
    "place": "# Địa danh, số và ngày (ô 3–4); dự thảo: number bỏ trống, date YYYY-MM.\n",
    "subject": "# Trích yếu (ô 5b).\n",
    "opening": "# Phần mở đầu, giữ nguyên văn (có thể thay bằng khối meeting: xem notice new).\n",
    "numbering": "# Kiểu đánh số từng cấp, suy ra từ số thứ tự đã gõ (số do chương trình đánh).\n",
    "markup": "# **đậm**, *nghiêng* giữ như trong văn bản gốc.\n",
    "conclusions": "# Nội dung kết luận; số thứ tự đã gõ được bỏ, chương trình tự đánh lại.\n",
    "closing": "# Đoạn kết thúc; dấu ./. do chương trình thêm.\n",
    "recipients": "# Nơi nhận (ô 9b); dấu «- », «;» và dòng «Lưu: VT» do chương trình thêm.\n",
    "signer": "# Người ký (ô 7).\n",
}


class _Dumper(yaml.SafeDumper):
    """Sequences indented under their key; long one-line text folded (`>-`)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = ">" if len(value) > 80 and "\n" not in value and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(key: str, value: Any, folded: bool = True) -> str:
    return yaml.dump({key: value}, Dumper=_Dumper if folded else _PlainDumper,
                     allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=96)  # fmt: skip


class _PlainDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _block(key: str, value: Any) -> str:
    text = _dump(key, value)
    if yaml.safe_load(text) != {key: value}:  # folding changed the text: write it plainly
        text = _dump(key, value, folded=False)
    return text


def source_text(imported: Imported, schema_ref: str | None = None) -> str:
    """The YAML of an imported notice, with its comments."""
    parts = []
    if schema_ref:
        parts.append(f"# yaml-language-server: $schema={schema_ref}\n")
    parts.append(
        f"# Nhập từ {imported.path.name} bằng `notice import`. Kiểm tra lại trước khi dùng:\n"
        "# `notice validate`, rồi `notice render` và so với bản gốc đoạn theo đoạn.\n"
    )
    for guess in imported.guesses:
        parts.append(f"# ĐOÁN (kiểm tra lại): {guess}\n")
    for note in imported.notes:
        parts.append(f"# CẦN ĐIỀN: {note}\n")
    data = imported.data
    for key in _ORDER:
        if key not in data:
            continue
        comment = _COMMENTS.get(key, "")
        gap = "" if key in _TOGETHER else "\n"
        parts.append(f"{gap}{comment}{_block(key, data[key])}")
    if imported.leftovers:
        parts.append("\n# CHƯA ĐẶT ĐƯỢC (giữ nguyên văn, hãy tự đặt vào đúng chỗ hoặc xóa):\n")
        for left in imported.leftovers:
            text = " ".join(left.text.split())
            parts.append(f"#   đoạn {left.paragraph} ({left.why}): {text}\n")
    text = "".join(parts)
    loaded = yaml.safe_load(text)
    assert loaded == {k: data[k] for k in _ORDER if k in data}, "the YAML does not load back"
    return text


def write_source(
    path: Path, out: Path, *, issuer: str | None = None, kind: str | None = None,
    force: bool = False,
) -> Imported:  # fmt: skip
    """Import `path` and write its source to `out` (atomically; an existing `out` is kept
    unless `force`). Returns what was imported, leftovers included."""
    from ..errors import ImportSourceError
    from ..files import write_durably
    from ..source.scaffold import schema_ref_for
    from .importer import import_notice

    out = Path(out)
    if out.resolve() == Path(path).resolve():
        raise ImportSourceError(f"{out}: the source would overwrite the file it is imported from")
    imported = import_notice(path, issuer=issuer, kind=kind)  # the input's problems first
    if out.exists() and not force:
        raise ImportSourceError(f"{out} already exists; choose another name or give --force")
    schema_ref, _ = schema_ref_for(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_durably(out, source_text(imported, schema_ref).encode("utf-8"))
    return imported
