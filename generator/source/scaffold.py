"""Skeletons of new sources: the commented YAML that `notice new` writes.

A skeleton explains every field in Vietnamese comments, with examples from the
seed notices, and leaves each value a person must write as `""`. An unfilled
skeleton therefore fails `notice validate` with one `must not be empty` (or
`not a date`) line per field still to fill, and passes once they are filled.
Optional fields are shown commented out, ready to be uncommented.

`--from` copies the blocks that stay the same from one notice to the next
(agency, place, recipients, archive, signer) out of an earlier, valid source.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ScaffoldError
from ..profile import issuers
from ..profile.doctypes import SOURCE_KINDS, kind_of, needs_parent
from .examples import EXAMPLES, for_level
from .loader import load_source
from .models import parse_notice

KINDS = SOURCE_KINDS
#: Where `notice schema -o` is expected to write the schema in a repository of notices.
SCHEMA_FILE = Path("schema") / "notice.schema.json"
#: The blocks `--from` copies from an earlier notice, in the order they are written.
COPIED_BLOCKS = ("agency", "place", "recipients", "archive", "signer")


@dataclass(frozen=True)
class NewSource:
    """A skeleton written by `create_source`, and where its editor schema line points."""

    path: Path
    kind: str
    schema_ref: str
    #: The schema file the reference points at, when it is a local path.
    schema_path: Path | None

    @property
    def schema_missing(self) -> bool:
        return self.schema_path is not None and not self.schema_path.is_file()


def _header(kind: str) -> str:
    return f"""\
# Thông báo kết luận {kind}: khung do `notice new` tạo ra.
# Cách điền: thay mọi "" bằng nội dung; dòng bắt đầu bằng # là lời giải thích (bỏ dấu # để dùng
# một trường không bắt buộc). Kiểm tra bằng `notice validate <tệp>`: mỗi trường còn trống được
# báo một dòng tệp:dòng:cột. Khóa viết tiếng Anh, nội dung viết tiếng Việt; số thứ tự các mục,
# ký hiệu, dấu câu ở Nơi nhận và dấu ./. cuối văn bản do chương trình tạo, không gõ vào.
# Nội dung có «: » hoặc kết thúc bằng «:» thì đặt trong ngoặc kép: "Đánh giá chung:".
"""


#: The `name:` a skeleton of each level starts from: the fixed lines written, the rest "".


def _blocks(kind: str, level_key: str | None = None) -> dict[str, tuple[str, str]]:
    """The skeleton of one kind (and level) as `{key: (comment, yaml)}`, in file order."""
    level = issuers.level_of(level_key) if level_key else issuers.implied_level(kind, [])
    # a kind added to the registry without examples borrows those of a kind with its header
    ex = (
        for_level(level)
        if kind == "TB" and level
        else EXAMPLES.get(kind)
        or next(e for k, e in EXAMPLES.items() if needs_parent(k) == needs_parent(kind))
    )
    has_parent = needs_parent(kind)
    if has_parent is None and level is not None:
        has_parent = level.parent == issuers.PARENT_REQUIRED
    parent_line = '  parent: ""\n' if has_parent else ""
    parent_help = (
        f"#   parent: cơ quan chủ quản trực tiếp, viết hoa (R-CQ-CQ); ví dụ: {ex.parent}\n"
        if has_parent
        else f"#   parent: không ghi, vì {kind if kind != 'TB' else 'cơ quan này'} không có dòng "
        "cơ quan chủ quản (R-CQ-BH)\n"
    )
    level_line = f"  level: {level.key}\n" if level_key else ""
    abbreviation_line = (
        '  abbreviation: ""\n' if kind == "TB" and level and level.abbreviation is None else ""
    )
    levels = "".join(f"#     {k}: {v.label}\n" for k, v in issuers.LEVELS.items())
    kinds = " hoặc ".join(f"{k} ({kind_of(k).description})" for k in KINDS)
    example_id = level.example.organ_id if level else "000.00.00.H19"
    place_rule = level.place_rule if level else issuers.PLACE_RULES[issuers.PLACE_PROVINCE]
    return {
        "kind": (
            f"# Loại thông báo: {kinds};\n# quyết định mẫu DOCX và ký hiệu ({', '.join(KINDS)}).\n",
            f"kind: {kind}\n"
            "# template: mau-rieng.docx  # mẫu DOCX riêng, đường dẫn tính từ thư mục tệp này\n",
        ),
        "agency": (
            "# Cơ quan ban hành (ô số 2):\n"
            "#   level: cấp, loại cơ quan (bắt buộc với kind: TB; `notice new --issuer …`):\n"
            f"{levels}"
            f"{parent_help}"
            "#   name: tên cơ quan ban hành, viết hoa: một dòng, hoặc danh sách các dòng\n"
            "#     ví dụ: SỞ TÀI CHÍNH; [ỦY BAN NHÂN DÂN, XÃ TÂN TRIỀU] (R-CQ-BH)\n"
            "#   abbreviation: chữ viết tắt tên cơ quan trong ký hiệu, không kèm «TB-»:\n"
            "#     STC → Số: 15/TB-STC; mặc định VP, UBND, VPCP theo kind hoặc level (R-KH-1)\n"
            "#   unit: (không bắt buộc) đơn vị soạn thảo sau ký hiệu, nơi cơ quan dùng: VP →\n"
            "#     TB-STC-VP\n"
            "#   organ_id: (không bắt buộc) mã định danh của cơ quan khi trao đổi văn bản điện\n"
            f"#     tử (OrganId); ví dụ: {example_id}\n",
            f"agency:\n{level_line}{parent_line}  name: {ex.name_yaml}\n{abbreviation_line}"
            f"  # organ_id: {example_id}\n",
        ),
        "place": (
            f"# Địa danh (NĐ 30, Phụ lục I): {place_rule}; ví dụ: {ex.place}\n",
            'place: ""\n',
        ),
        "number": (
            "# Số văn bản: để trống khi còn là dự thảo, văn thư điền khi ban hành (R-SO-0);\n"
            f"# ví dụ: {ex.number}\n"
            "# Ngày ban hành YYYY-MM-DD; dự thảo có thể ghi YYYY-MM (R-DATE-1);\n"
            f"# ví dụ: {ex.date}\n",
            'number:\ndate: ""\n',
        ),
        "subject": (
            f"# Trích yếu nội dung (R-TY); ví dụ: {ex.subject}\n",
            'subject: ""\n',
        ),
        "addressees": (
            "# (không bắt buộc) Kính gửi (ô 9a): một nơi, hoặc danh sách; khi có, Nơi nhận\n"
            "# ghi «Như trên» (R-NN-1). Căn cứ (R-ND-CC): các đoạn «Căn cứ …», in nghiêng,\n"
            "# dấu «;» và «.» cuối dòng do chương trình thêm.\n",
            "# addressees: Công ty cổ phần …\n# bases:\n#   - Căn cứ Luật …\n",
        ),
        "meeting": (
            "# Cuộc họp được kết luận; các đoạn mở đầu được soạn tự động từ đây:\n"
            f"#   date: ngày họp YYYY-MM-DD; ví dụ: {ex.meeting_date}\n"
            "#   chair: người chủ trì cuộc họp\n"
            f"#     name: họ và tên; ví dụ: {ex.chair}\n"
            f"#     position: chức vụ; ví dụ: {ex.position}\n"
            "#     address: cách gọi: `title` → «Phó Chủ tịch UBND tỉnh Lê Ánh Dương»,\n"
            "#       `comrade` → «đồng chí Lê Quốc Đạt, Phó Chánh Văn phòng»\n"
            "#   action: việc người chủ trì làm: chủ trì, dự và chỉ đạo, tổ chức, …\n"
            f"#   title: cuộc họp là gì, viết thường; ví dụ: {ex.title}\n"
            "#   called: tên gọi ngắn dùng về sau: cuộc họp, Hội nghị, buổi làm việc\n"
            "#   attendance: (không bắt buộc) cụm từ trước thành phần: «Tham dự <called> có»\n"
            f"#   attendees: thành phần tham dự, mỗi dòng một; ví dụ: {ex.attendee}\n"
            f"#   heard: các báo cáo, ý kiến đã nghe, mỗi dòng một; ví dụ: {ex.heard}\n"
            "#   refer_as: (không bắt buộc) cách gọi người chủ trì trong «…, <refer_as> kết luận»\n"
            "#   single_paragraph: true để viết phần mở đầu thành một đoạn thay vì hai\n"
            "#   (không bắt buộc) time_of_day: Chiều → «Chiều ngày …»; date_style: long →\n"
            "#     «ngày 18 tháng 12 năm 2020»; when: cụm thời gian viết sẵn («Trong các ngày\n"
            "#     08 và 09 tháng 11 năm 2025»); venue: «tại trụ sở UBND tỉnh»;\n"
            '#     chair: also: chức danh thứ hai sau tên; also_separator: ", " hoặc " - ";\n'
            '#     chair.name có thể bỏ; attendance_separator: "." hoặc ",";\n'
            '#     attendees_separator: và, "," hoặc ";"; heard_separator: cũng vậy; concludes:\n'
            "#     «thống nhất kết luận như sau:»; phrasing: mẫu câu từng đoạn với chỗ trống\n"
            "#     {when}, {chair}, {action}, {title}, {called}, {attendees}, {heard}, …\n"
            "# Nếu phần mở đầu khác hẳn, thay cả khối meeting bằng các đoạn viết sẵn:\n"
            "#   opening:\n"
            f'#     - "Ngày {ex.meeting_day}, …"\n'
            '#     - "Sau khi nghe …, … kết luận như sau:"\n',
            "meeting:\n"
            '  date: ""\n'
            "  chair:\n"
            '    name: ""\n'
            '    position: ""\n'
            f"    address: {ex.address}\n"
            f"  action: {ex.action}\n"
            '  title: ""\n'
            f"  called: {ex.called}\n"
            "  # attendance: Dự buổi làm việc có\n"
            "  attendees:\n"
            '    - ""\n'
            "  heard:\n"
            '    - ""\n'
            "  # refer_as: Phó Chủ tịch UBND tỉnh\n"
            "  # single_paragraph: true\n",
        ),
        "numbering": (
            "# Kiểu đánh số từng cấp của phần kết luận, từ ngoài vào trong (R-ND-PMK):\n"
            "#   roman (I.), decimal (1.), nested (1.1.), letter (a), b), …), dash (-), plus (+),\n"
            "#   paren ((1)), roman-paren ((i)), ordinal (Thứ nhất,), none (không đánh số)\n"
            "# Chữ đậm, nghiêng: markup: true, rồi **đậm**, *nghiêng* (\\* là dấu *)\n"
            "# markup: true\n",
            f"numbering: {ex.numbering}\n",
        ),
        "conclusions": (
            "# Nội dung kết luận: danh sách các mục; số thứ tự do chương trình đánh, không gõ.\n"
            "# Mỗi mục có heading (tiêu đề) và/hoặc paragraphs (các đoạn), children (mục con);\n"
            "# một nhiệm vụ ghi thêm assignee (đơn vị thực hiện) và deadline (thời hạn,\n"
            "# YYYY-MM-DD) để `notice tasks` lập danh sách theo dõi. after: các đoạn in sau\n"
            "# các mục con; numbered: false cho một mục (đoạn) không đánh số, không tính thứ tự.\n"
            "# Nhiều đơn vị, có vai trò: assignee: [{unit: Sở Tài chính, role: chủ trì},\n"
            "#   {unit: Sở Y tế, role: phối hợp}] (role: chủ trì hoặc phối hợp).\n"
            "# Đoạn có chú thích:\n"
            "#   - text: Thống nhất với Báo cáo của Sở …\n"
            "#     footnotes: [{after: Báo cáo của Sở …, text: Báo cáo số 88/BC-SKHCN ngày …}]\n"
            "# Ví dụ:\n"
            f'#   - heading: "{ex.heading}"\n'
            "#     paragraphs:\n"
            f'#       - "{ex.paragraph}"\n',
            "conclusions:\n"
            '  - heading: ""\n'
            "    paragraphs:\n"
            '      - ""\n'
            "    children:\n"
            "      - paragraphs:\n"
            '          - ""\n'
            f"        # assignee: {ex.assignee}\n"
            f"        # deadline: {ex.deadline}\n",
        ),
        "closing": (
            "# Câu kết thúc, một đoạn hoặc danh sách các đoạn; chương trình tự thêm dấu ./.\n"
            f"# (R-ND-END). Ví dụ: {ex.closing}\n",
            'closing: ""\n',
        ),
        "recipients": (
            "# Nơi nhận, mỗi dòng một nơi (R-NN-LIST); dấu «;» cuối dòng do chương trình thêm.\n"
            '# Có ghi chú trong ngoặc: - {name: "CT, PCT UBND tỉnh", remark: báo cáo}\n'
            f"# Ví dụ: {ex.recipient}\n",
            'recipients:\n  - ""\n',
        ),
        "archive": (
            "# Dòng «Lưu:» (R-NN-LUU, R-NN-12):\n"
            "#   «- Lưu: VT, <units>(<copies>).<drafter>(<issued_copies>).»\n"
            f"#   units: đơn vị soạn thảo, một hoặc danh sách; ví dụ: {ex.units}\n"
            "#   copies: (không bắt buộc) số bản lưu; drafter: (không bắt buộc) chữ viết tắt tên\n"
            f"#   người soạn thảo, ví dụ: {ex.drafter}; issued_copies: số bản phát hành\n"
            '#   Như văn thư ghi: copies: "2b" hoặc "02"; copies_space: true → «QHĐP (2b)»;\n'
            '#   drafter_separator: ". " → «(03). Hg.»; spelling: as-written giữ nguyên chữ\n',
            'archive:\n  units: ""\n  # copies: 2\n  # drafter: Cường\n  # issued_copies: 40\n',
        ),
        "signer": (
            "# Người ký (ô số 7):\n"
            "#   authority: các dòng thẩm quyền TM./KT./TL./TUQ./Q., từ trên xuống (R-KY-*);\n"
            f"#     ví dụ: {ex.authority}\n"
            "#     bỏ dòng authority khi người đứng đầu ký trực tiếp\n"
            f"#   position: chức vụ người ký, viết hoa; ví dụ: {ex.signer_position}\n"
            f"#   name: họ và tên người ký; ví dụ: {ex.signer_name}\n",
            'signer:\n  authority: [""]\n  position: ""\n  name: ""\n',
        ),
        "appendices": (
            "# (không bắt buộc) Phụ lục sau chữ ký, mỗi phụ lục một trang (R-PL):\n"
            "#   title: tên phụ lục (in hoa); note: dòng «(Kèm theo …)» viết sẵn, mặc định\n"
            "#   «Kèm theo Thông báo số … ngày …»; paragraphs: nội dung\n",
            '# appendices:\n#   - title: Danh mục từ viết tắt\n#     paragraphs: ["…"]\n',
        ),
    }


class _BlockDumper(yaml.SafeDumper):
    """Indents sequences under their key, the way the notices in notices/ are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _dump_block(key: str, value: Any) -> str:
    return yaml.dump(
        {key: value},
        Dumper=_BlockDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )


def skeleton_text(
    kind: str, schema_ref: str, base: dict[str, Any] | None = None, level: str | None = None
) -> str:
    """The skeleton of `kind` (of an issuing body of `level`); with `base` (an earlier
    source's data), its copied blocks."""
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    if level is not None and level not in issuers.LEVELS:
        raise ScaffoldError(f"unknown issuer {level!r}: use one of {', '.join(issuers.LEVELS)}")
    if kind == "TB" and level is None and base is None:
        raise ScaffoldError(f"a TB names its issuer: --issuer {'|'.join(issuers.LEVELS)}")
    parts = [f"# yaml-language-server: $schema={schema_ref}\n", _header(kind)]
    for key, (comment, body) in _blocks(kind, level).items():
        if base is not None and key in COPIED_BLOCKS:
            if key in base:
                body = _dump_block(key, base[key])
            elif key == "archive":
                body = "archive: {}\n"
        parts.append(f"\n{comment}{body}")
    return "".join(parts)


def schema_ref_for(target: Path, cwd: Path | None = None) -> tuple[str, Path]:
    """The editor's `$schema` reference from `target`, and the schema file it points at.

    The nearest `schema/notice.schema.json` in the target's folder or above it; if there is
    none, the one `notice schema -o schema/notice.schema.json` would write in `cwd`.
    """
    folder = Path(target).resolve().parent
    schema = next(
        (d / SCHEMA_FILE for d in (folder, *folder.parents) if (d / SCHEMA_FILE).is_file()),
        Path(cwd or Path.cwd()).resolve() / SCHEMA_FILE,
    )
    try:
        return Path(os.path.relpath(schema, folder)).as_posix(), schema
    except ValueError:  # another drive on Windows: no relative path exists
        return schema.as_uri(), schema


def create_source(
    path: Path,
    kind: str | None = None,
    *,
    base: Path | None = None,
    schema_ref: str | None = None,
    level: str | None = None,
) -> NewSource:
    """Write a skeleton to `path`, which must not exist yet.

    `level` names the issuing body's level (`so`, `ubnd-xa`, …; kind TB unless given).
    `kind` defaults to the kind of `base`; `base` must be a valid source, whose agency,
    place, recipients, archive and signer are copied. `schema_ref` overrides the editor's
    schema line (a path or URL); by default it is `schema_ref_for(path)`.
    """
    path = Path(path)
    data = None
    if base is not None:
        source = load_source(base)
        earlier = parse_notice(source)
        if kind is not None and kind != earlier.kind:
            raise ScaffoldError(
                f"{base} is a {earlier.kind}: its agency and signer do not fit a {kind}; "
                "leave out --kind or copy from a notice of the same kind"
            )
        kind, data = earlier.kind, source.data
        level = level or earlier.agency.level
    if kind is None and level is not None:
        kind = "TB"
    if kind is None:
        raise ScaffoldError(
            f"give the kind of the notice ({' or '.join(KINDS)}), or a notice to copy"
        )
    schema_path: Path | None = None
    if schema_ref is None:
        schema_ref, schema_path = schema_ref_for(path)
    text = skeleton_text(kind, schema_ref, data, level)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; choose another name") from None
    return NewSource(path, kind, schema_ref, schema_path)
