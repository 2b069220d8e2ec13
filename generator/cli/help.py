"""`--help` in Vietnamese under `notice --lang vi` (or a Vietnamese locale): the help of every
command and option from the catalogue below, and click's own words — `Usage:`, `Options:`,
`Commands:`, "Show this message and exit.", `[default: …]` — in a formatter of our own.

The catalogue is keyed by the English help with its whitespace folded, so a help text that
changes without its translation shows in English, and `tests/cli/test_help.py` fails.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click

#: English help (whitespace folded) → Vietnamese.
HELP_VI = {
    # notice
    "Vietnamese official notices (Thông báo, NĐ 30/2020/NĐ-CP) from YAML sources.":
        "Thông báo hành chính (Thông báo kết luận, NĐ 30/2020/NĐ-CP) từ tệp nguồn YAML.",
    "Show the version and exit.": "Hiện số phiên bản rồi thoát.",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Language of messages; default from the locale (LANG=vi_VN… → vi).":
        "Ngôn ngữ của thông báo; mặc định theo locale (LANG=vi_VN… → vi).",
    # issue
    "Issue drafts: give each the next number of its body, ký hiệu and year and its issue "
    "date, record it in the register, write both into the source, and render it; or, with "
    "--signed-pdf, fill and seal the leader-signed electronic draft (NĐ 30 Điều 13.7).":
        "Ban hành dự thảo: cấp số tiếp theo theo cơ quan, ký hiệu và năm cùng ngày ban hành, "
        "ghi vào sổ, ghi cả hai vào tệp nguồn, rồi kết xuất văn bản; hoặc, với --signed-pdf, "
        "điền số, ngày và đóng dấu vào dự thảo điện tử đã được người có thẩm quyền ký "
        "(NĐ 30 Điều 13.7).",
    # the electronic flow (issue 17)
    "Electronic drafts (NĐ 30 Điều 13.7): PDFs whose `Số:` and date lines are blank fields "
    "for the văn thư, with the leader's and the organisation's signature fields.":
        "Dự thảo văn bản điện tử (NĐ 30 Điều 13.7): tệp PDF có dòng `Số:` và dòng ngày là các "
        "trường trống để văn thư điền, cùng trường chữ ký số của người có thẩm quyền và của "
        "cơ quan.",
    "Folder for the drafts.": "Thư mục ghi các dự thảo.",
    "Electronic issue: the leader-signed draft (one source), or the folder holding "
    "<stem>.signed.pdf of each; filled, sealed with the organisation's key (--pkcs12 or "
    "--pkcs11-lib) into <stem>.issued.pdf beside it. Nothing is rendered.":
        "Ban hành điện tử: dự thảo đã được người có thẩm quyền ký (một tệp nguồn), hoặc thư mục "
        "chứa <tên>.signed.pdf của từng tệp; được điền số, ngày và ký số bằng khóa của cơ quan "
        "(--pkcs12 hoặc --pkcs11-lib) thành <tên>.issued.pdf bên cạnh. Không kết xuất lại.",
    "An attachment in a separate PDF, signed by the organisation (R-E-ATT); repeat.":
        "Một phụ lục/văn bản kèm theo ở tệp PDF riêng, được cơ quan ký số (R-E-ATT); lặp lại "
        "được.",
    "The organisation's key (.p12/.pfx).": "Khóa của cơ quan (.p12/.pfx).",
    "The organisation's token module.": "Thư viện token (PKCS#11) của cơ quan.",
    "The seal, red PNG on transparent (R-E-ORG).":
        "Hình con dấu, PNG màu đỏ nền trong suốt (R-E-ORG).",
    "Time-stamp authority (PAdES B-T).": "Máy chủ cấp dấu thời gian (PAdES B-T).",
    "The register of numbers (SQLite). [default: register.sqlite beside the sources]":
        "Sổ cấp số (SQLite).  [mặc định: register.sqlite cạnh các tệp nguồn]",
    "Issue date. [default: today]": "Ngày ban hành.  [mặc định: hôm nay]",
    "Folder for the issued DOCX and PDF.": "Thư mục cho DOCX và PDF đã ban hành.",
    "What to render once issued.": "Định dạng kết xuất sau khi ban hành.",
    "Render the issued notices into OUT.": "Kết xuất các thông báo đã ban hành vào OUT.",
    # register
    "Record every issued source of FOLDER (number and date) in the register, creating it when "
    "missing: the numbers go on after the highest of each body, ký hiệu and year.":
        "Ghi mọi văn bản đã ban hành trong FOLDER (số và ngày) vào sổ, tạo sổ nếu chưa có: số "
        "tiếp theo nối sau số lớn nhất của mỗi cơ quan, ký hiệu và năm.",
    "Record where an office already is: the last number it gave in YEAR for the body and ký "
    "hiệu of a source, before it used this register.":
        "Ghi số cơ quan đã cấp đến đâu: số cuối cùng đã cấp trong năm YEAR cho cơ quan và ký "
        "hiệu của một tệp nguồn, trước khi dùng sổ này.",
    "A source of the office (draft or issued): its issuing body and ký hiệu.":
        "Một tệp nguồn của cơ quan (dự thảo hoặc đã ban hành): lấy cơ quan ban hành và ký hiệu.",
    "The year.": "Năm.",
    "The last number the office has already given this year (the next is one more).":
        "Số cuối cùng cơ quan đã cấp trong năm (số tiếp theo lớn hơn một).",
    "The register file. [default: register.sqlite beside the sources]":
        "Tệp sổ cấp số.  [mặc định: register.sqlite cạnh các tệp nguồn]",
    "The register of issued numbers (Sổ đăng ký văn bản đi).":
        "Sổ các số đã cấp (Sổ đăng ký văn bản đi).",
    "Write the Sổ đăng ký văn bản đi (NĐ 30/2020, Phụ lục IV) as CSV or XLSX.":
        "Xuất Sổ đăng ký văn bản đi (NĐ 30/2020, Phụ lục IV) ra CSV hoặc XLSX.",
    "The register file.": "Tệp sổ cấp số.",
    "Only this year.": "Chỉ năm này.",
    "Only the issuing body whose name contains this text.":
        "Chỉ cơ quan ban hành có tên chứa đoạn chữ này.",
    "File format.": "Định dạng tệp.",
    "Output file. [default: so-dang-ky-van-ban-di[-YEAR].FORMAT here]":
        "Tệp kết quả.  [mặc định: so-dang-ky-van-ban-di[-NĂM].ĐỊNH-DẠNG tại đây]",
    # sign, verify
    "Sign rendered PDFs (PAdES) into the signature field over ô 7c, with the signature and "
    "seal images; write <stem>.signed.pdf and signing-manifest.json.":
        "Ký số các PDF đã kết xuất (PAdES) vào ô chữ ký trên ô 7c, kèm hình chữ ký và hình "
        "dấu; ghi <tên>.signed.pdf và signing-manifest.json.",
    "Key and certificate file (.p12/.pfx); password from NOTICE_PKCS12_PASSWORD or a prompt.":
        "Tệp khóa và chứng thư số (.p12/.pfx); mật khẩu lấy từ NOTICE_PKCS12_PASSWORD hoặc "
        "được hỏi khi chạy.",
    "PKCS#11 module of a USB token; PIN from NOTICE_PKCS11_PIN or a prompt.":
        "Thư viện PKCS#11 của USB token; mã PIN lấy từ NOTICE_PKCS11_PIN hoặc được hỏi khi "
        "chạy.",
    "The token to use (when the module has several).":
        "Token cần dùng (khi thư viện có nhiều token).",
    "The key to use (its certificate has the same label).":
        "Khóa cần dùng (chứng thư số của nó có cùng nhãn).",
    "Time-stamp authority: PAdES B-T instead of B-B.":
        "Máy chủ cấp dấu thời gian: PAdES B-T thay cho B-B.",
    "The signer's signature, blue PNG on transparent (R-E-SIGNER).":
        "Hình chữ ký của người ký, PNG màu xanh, nền trong suốt (R-E-SIGNER).",
    "The organisation's seal, red PNG on transparent (R-E-ORG).":
        "Hình con dấu của cơ quan, PNG màu đỏ, nền trong suốt (R-E-ORG).",
    "The seal's real diameter in mm.": "Đường kính thật của con dấu, tính bằng mm.",
    "Folder for <stem>.signed.pdf. [default: beside each PDF]":
        "Thư mục cho <tên>.signed.pdf.  [mặc định: cạnh mỗi PDF]",
    "Only write signing-manifest.json (what is to be signed); sign nothing.":
        "Chỉ ghi signing-manifest.json (danh sách văn bản cần ký); không ký.",
    "Where to write the manifest. [default: signing-manifest.json beside the PDFs]":
        "Nơi ghi danh sách.  [mặc định: signing-manifest.json cạnh các PDF]",
    "Check the signatures of PDFs: signer, time, integrity, trust, changes after signing. "
    "Exit 1 when a PDF has no signature or an invalid one.":
        "Kiểm tra chữ ký số của các PDF: người ký, thời điểm, toàn vẹn, tin cậy, thay đổi sau "
        "khi ký. Mã thoát 1 khi một PDF không có chữ ký hoặc chữ ký không hợp lệ.",
    "A trusted root certificate (PEM/DER); repeat for more. Without it only integrity is "
    "checked.":
        "Chứng thư số gốc tin cậy (PEM/DER); lặp lại để thêm. Không có thì chỉ kiểm tra tính "
        "toàn vẹn.",
    # new, schema
    "Write a commented skeleton source to FILE; an existing FILE is never overwritten.":
        "Ghi một tệp nguồn khung có chú thích vào FILE; không bao giờ ghi đè FILE đã có.",
    "The kind of notice.": "Loại thông báo.",
    "The issuing body's level (kind TB): a UBND tỉnh or xã, a Văn phòng UBND, a Sở, a Bộ, the "
    "Văn phòng Chính phủ, or another body.":
        "Cấp, loại cơ quan ban hành (kind TB): UBND tỉnh hoặc xã, Văn phòng UBND, Sở, Bộ, Văn "
        "phòng Chính phủ, hoặc cơ quan khác.",
    "Copy agency, place, recipients, archive and signer from this notice.":
        "Chép cơ quan, địa danh, nơi nhận, lưu và người ký từ thông báo này.",
    "Path or URL for the editor's $schema line (default: the nearest "
    "schema/notice.schema.json).":
        "Đường dẫn hoặc URL cho dòng $schema của trình soạn thảo (mặc định: "
        "schema/notice.schema.json gần nhất).",
    "Print the JSON Schema of the source format (for editors and other tools).":
        "In JSON Schema của định dạng tệp nguồn (cho trình soạn thảo và công cụ khác).",
    "Write the schema to this file instead of printing it.":
        "Ghi schema vào tệp này thay vì in ra.",
    # import
    "Turn FILE (.docx, or text with one paragraph per line) into a commented source.":
        "Chuyển FILE (.docx, hoặc văn bản mỗi đoạn một dòng) thành tệp nguồn có chú thích.",
    "The YAML source to write.": "Tệp nguồn YAML cần ghi.",
    "The issuing body when the text has no header, parent first: "
    "'UBND TỈNH QUẢNG NGÃI / VĂN PHÒNG'.":
        "Cơ quan ban hành khi văn bản không có phần đầu, cơ quan chủ quản trước: "
        "'UBND TỈNH QUẢNG NGÃI / VĂN PHÒNG'.",
    "The kind, when not guessed right.": "Loại thông báo, khi đoán sai.",
    "Overwrite an existing output file.": "Ghi đè tệp kết quả đã có.",
    # watch, preview, tasks
    "Render PATH (a source or a folder), then again whenever a source or its template "
    "changes. Ctrl-C stops.":
        "Kết xuất PATH (một tệp nguồn hoặc một thư mục), rồi kết xuất lại mỗi khi tệp nguồn "
        "hoặc mẫu của nó thay đổi. Ctrl-C để dừng.",
    "Output folder.": "Thư mục kết quả.",
    "What to write.": "Định dạng cần ghi.",
    "Use this DOCX template for every source.": "Dùng mẫu DOCX này cho mọi tệp nguồn.",
    "PDF engine: Word (docx2pdf) on Windows/macOS, LibreOffice elsewhere.":
        "Công cụ tạo PDF: Word (docx2pdf) trên Windows/macOS, LibreOffice ở nơi khác.",
    "Render SOURCE to PDF and write one PNG per page; print their paths.":
        "Kết xuất SOURCE ra PDF và ghi mỗi trang một ảnh PNG; in đường dẫn các ảnh.",
    "Image name: OUT.png gives OUT-1.png, OUT-2.png, … [default: <stem>.png here]":
        "Tên ảnh: OUT.png cho ra OUT-1.png, OUT-2.png, …  [mặc định: <tên>.png tại đây]",
    "Export the tasks of notices (items with an assignee or a deadline) for follow-up.":
        "Xuất các nhiệm vụ trong thông báo (mục có đơn vị thực hiện hoặc thời hạn) để theo dõi.",
    "CSV for Excel (UTF-8 with BOM), or iCalendar with one VTODO per task.":
        "CSV cho Excel (UTF-8 có BOM), hoặc iCalendar mỗi nhiệm vụ một VTODO.",
    "Write to this file instead of standard output.": "Ghi vào tệp này thay vì in ra màn hình.",
    # validate, render, check
    "Check YAML sources; print every problem as file:line:col: field: message, and every "
    "warning (the địa danh rule, bodies the 2025 reform abolished) the same way.":
        "Kiểm tra tệp nguồn YAML; in mọi lỗi dạng tệp:dòng:cột: trường: nội dung, và mọi cảnh "
        "báo (quy tắc địa danh, cơ quan đã bị bỏ khi sắp xếp năm 2025) theo cùng cách.",
    "A warning (địa danh, the 2025 map) fails its source.":
        "Một cảnh báo (địa danh, địa giới năm 2025) làm tệp nguồn không hợp lệ.",
    "Render YAML sources (files or folders) to DOCX and PDF, skipping unchanged ones, and "
    "check what was written against NĐ 30.":
        "Kết xuất tệp nguồn YAML (tệp hoặc thư mục) ra DOCX và PDF, bỏ qua tệp không đổi, "
        "rồi kiểm tra kết quả theo NĐ 30.",
    "Folder for OUT/<stem>.docx, OUT/<stem>.pdf and OUT/manifest.json.":
        "Thư mục cho OUT/<tên>.docx, OUT/<tên>.pdf và OUT/manifest.json.",
    "PDF engine: Word (docx2pdf) on Windows/macOS, LibreOffice elsewhere, or running "
    "unoserver instances (--server).":
        "Công cụ tạo PDF: Word (docx2pdf) trên Windows/macOS, LibreOffice ở nơi khác, hoặc "
        "các máy unoserver đang chạy (--server).",
    "A unoserver instance for --converter unoserver; repeat to spread the work.":
        "Một máy unoserver cho --converter unoserver; lặp lại để chia việc.",
    "Worker processes (DOCX) and LibreOffice instances (PDF); default: one per core.":
        "Số tiến trình (DOCX) và số LibreOffice (PDF); mặc định: mỗi lõi CPU một.",
    "Rebuild every notice, even unchanged ones.":
        "Kết xuất lại mọi thông báo, kể cả thông báo không đổi.",
    "NĐ 30 checker on what is written: the first notice of each template (sample), every "
    "notice (all), or none.":
        "Kiểm tra NĐ 30 trên kết quả: thông báo đầu tiên của mỗi mẫu (sample), mọi thông báo "
        "(all), hoặc không kiểm tra (none).",
    "Keep a notice the NĐ 30 checker finds errors in (by default it fails, exit 1).":
        "Vẫn giữ thông báo mà bộ kiểm tra NĐ 30 thấy có lỗi (mặc định: thất bại, mã thoát 1).",
    "Sign even with a certificate outside its validity or not for signing (each signed PDF "
    "is then listed with a warning).":
        "Vẫn ký bằng chứng thư số đã hết hạn, chưa có hiệu lực hoặc không dùng để ký (mỗi PDF "
        "đã ký khi đó kèm một cảnh báo).",
    "The default: a checker error fails.":
        "Mặc định: một lỗi kiểm tra làm thông báo thất bại.",
    'Mark drafts with a diagonal "DỰ THẢO" on every page.':
        'Đóng dấu chữ "DỰ THẢO" chéo trên mọi trang của dự thảo.',
    "Make PDFs signature-ready: an empty signature field over the signer's gap (ô 7c), "
    "<stem>.sigfield.json and <stem>.meta.json (Phụ lục VI).":
        "Chuẩn bị PDF để ký số: một ô chữ ký trống trên khoảng ký (ô 7c), <tên>.sigfield.json "
        "và <tên>.meta.json (Phụ lục VI).",
    "Check DOCX and PDF notices (files or folders) against NĐ 30; exit 1 on errors.":
        "Kiểm tra thông báo DOCX và PDF (tệp hoặc thư mục) theo NĐ 30; mã thoát 1 khi có lỗi.",
    "Output: one line per finding, or a JSON list.":
        "Kết quả: mỗi lỗi một dòng, hoặc một danh sách JSON.",
    "Fail on warnings too.": "Coi cả cảnh báo là thất bại.",
    "Accept a PDF set in a metric twin of Times New Roman (Liberation Serif on Linux) "
    "without a warning; other fonts are still errors. [env: NOTICE_ACCEPT_TWIN=1]":
        "Chấp nhận PDF dùng phông cùng độ rộng với Times New Roman (Liberation Serif trên "
        "Linux) mà không cảnh báo; phông khác vẫn là lỗi.  [biến môi trường: "
        "NOTICE_ACCEPT_TWIN=1]",
    # serve
    "Edit the sources of FOLDER in a browser: a form with a live page preview. Ctrl-C stops.":
        "Soạn các tệp nguồn của FOLDER trong trình duyệt: biểu mẫu kèm bản xem trước từng "
        "trang. Ctrl-C để dừng.",
    "Port on 127.0.0.1; default: a free one.": "Cổng trên 127.0.0.1; mặc định: một cổng trống.",
    "Do not open the editor in a browser.": "Không tự mở trình soạn thảo trong trình duyệt.",
    # template
    "Work with DOCX templates.": "Làm việc với mẫu DOCX.",
    "Check a DOCX template: its tags, variables, fixed texts and styles, named by paragraph "
    "and style, then NĐ 30 on a sample notice rendered with it; exit 1 on errors.":
        "Kiểm tra một mẫu DOCX: thẻ, biến, chữ cố định và kiểu đoạn, chỉ rõ theo đoạn và kiểu, "
        "rồi kiểm tra NĐ 30 trên một thông báo mẫu kết xuất bằng nó; mã thoát 1 khi có lỗi.",
    "The notices the template is for. [default: either]":
        "Loại thông báo mẫu dùng cho.  [mặc định: cả hai]",
}  # fmt: skip

_SECTIONS_VI = {"Options": "Tùy chọn", "Commands": "Lệnh", "Positional arguments": "Đối số"}
_METAVARS_VI = (("[OPTIONS]", "[TÙY_CHỌN]"), ("COMMAND [ARGS]...", "LỆNH [ĐỐI_SỐ]..."))
_EXTRAS_VI = (("[default: ", "[mặc định: "), ("default: ", "mặc định: "),
              ("[required]", "[bắt buộc]"), ("env var: ", "biến môi trường: "))  # fmt: skip


def fold(text: str) -> str:
    """A help text with its whitespace folded, as the catalogue keys it."""
    return " ".join(text.split())


def vietnamese(text: str | None) -> str | None:
    """The Vietnamese help for `text`, or `text` itself when the catalogue has none."""
    return HELP_VI.get(fold(text), text) if text else text


class VietnameseFormatter(click.HelpFormatter):
    """click's help layout with its own words in Vietnamese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, vi in _METAVARS_VI:
            args = args.replace(english, vi)
        super().write_usage(prog, args, "Cách dùng: " if prefix is None else prefix)

    @contextlib.contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(_SECTIONS_VI.get(name, name)):
            yield

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        out = []
        for term, text in rows:
            for english, vi in _EXTRAS_VI:
                text = text.replace(english, vi)
            out.append((term, text))
        super().write_dl(out, col_max, col_spacing)


def help_lang(ctx: click.Context) -> str:
    """The language of help: `--lang` once parsed (kept in the root's meta), else the
    locale's."""
    from .messages import default_lang

    root = ctx.find_root()
    return root.meta.get("notice.lang") or (root.obj or {}).get("lang") or default_lang()


class LocalizedContext(click.Context):
    """A context whose help and usage come in the language of `help_lang`."""

    def make_formatter(self) -> click.HelpFormatter:
        if help_lang(self) != "vi":
            return super().make_formatter()
        return VietnameseFormatter(width=self.terminal_width, max_width=self.max_content_width)

    def get_help(self) -> str:
        if help_lang(self) != "vi":
            return super().get_help()
        with _in_vietnamese(self):
            return super().get_help()


@contextlib.contextmanager
def _in_vietnamese(ctx: click.Context) -> Iterator[None]:
    """The help texts of the command, its options and its subcommands in Vietnamese while the
    help is formatted (a CLI process formats one help, then exits)."""
    command = ctx.command
    objects = [command, *command.get_params(ctx)]
    if isinstance(command, click.Group):
        objects += [command.get_command(ctx, name) for name in command.list_commands(ctx)]
    saved = [(obj, obj.help) for obj in objects if obj is not None]
    try:
        for obj, text in saved:
            obj.help = vietnamese(text)
        yield
    finally:
        for obj, text in saved:
            obj.help = text


def remember_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """`--lang` callback: keep the language where the help of the group itself finds it
    (`--lang` is eager, so `notice --lang vi --help` sees it)."""
    if value:
        ctx.meta["notice.lang"] = value
    return value


def localize(command: click.Command) -> None:
    """Give `command` and every command below it the localized context."""
    command.context_class = LocalizedContext
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            localize(sub)


def help_texts(command: click.Command, ctx: click.Context | None = None) -> Iterator[str]:
    """Every help text of `command` and the commands below it, for the catalogue test."""
    ctx = ctx or click.Context(command)
    if command.help:
        yield command.help
    for param in command.get_params(ctx):
        if getattr(param, "help", None):
            yield param.help
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from help_texts(sub, click.Context(sub, info_name=name, parent=ctx))
