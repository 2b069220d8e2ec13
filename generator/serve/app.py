"""The editor as a Flask application: the list of notices, the editing page (the form made
from the source schema beside the live preview), saving, new notices, downloads.

Safe by default: every request that changes something carries the page's CSRF token; the
Host header must name the loopback address the server is bound to (no DNS rebinding); file
names go through `SourceFolder`; every value is escaped by Jinja's autoescape; a strict
Content-Security-Policy allows only the package's own script and style; an error is a page
in Vietnamese, never a traceback.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, abort, redirect, render_template, request, send_file, url_for
from werkzeug.exceptions import HTTPException

from ..errors import NoticeError, SourceError
from ..source.scaffold import KINDS, create_source
from ..source.schema import notice_schema
from . import annotate
from .folder import OutsideFolderError, SourceFolder
from .form import FormData, apply_edit, build_form, parse_form
from .preview import Previewer, validate_data
from .shapes import ShapeReader
from .sourcefile import SaveConflictError, read_source, save_source

log = logging.getLogger(__name__)
Translate = Callable[[str], str]
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
_TOKEN = re.compile(r"[0-9a-f]{32}")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HTTP_MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    403: "Yêu cầu bị từ chối: trang đã cũ hoặc không đến từ trình soạn thảo. Hãy tải lại trang.",
    404: "Không tìm thấy: chỉ các tệp nguồn .yaml trong thư mục đang mở mới được đọc.",
    405: "Phương thức không được phép.",
    409: "Xung đột khi lưu.",
    413: "Dữ liệu gửi lên quá lớn.",
    422: "Tệp nguồn còn lỗi.",
    500: "Lỗi nội bộ của chương trình; chi tiết ở cửa sổ dòng lệnh.",
}


def create_app(
    folder: Path, previewer: Previewer, translate: Translate = str, *, csrf_token: str = ""
) -> Flask:
    """The editor over `folder`; `translate` puts the library's messages in the user's
    language (the command line passes its catalogue)."""
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=4_000_000,
        CSRF_TOKEN=csrf_token or secrets.token_urlsafe(32),
        ALLOWED_HOSTS=set(),
        PROPAGATE_EXCEPTIONS=False,
    )
    schema = notice_schema()
    state = _State(SourceFolder(folder), previewer, ShapeReader(schema).shape(schema), translate)
    _guards(app)
    _pages(app, state)
    _editing(app, state)
    _files(app, state)
    return app


class _State:
    def __init__(self, folder: SourceFolder, previewer: Previewer, shape, translate) -> None:
        self.folder, self.previewer, self.shape, self.tr = folder, previewer, shape, translate

    def path(self, name: str, *, new: bool = False) -> Path:
        try:
            return self.folder.path_of(name, new=new)
        except OutsideFolderError:
            abort(404)

    def form_data(self, original: Any) -> dict[str, Any]:
        form = FormData(request.form.to_dict(flat=False))
        return parse_form(self.shape, form, original)

    def original(self, path: Path) -> dict[str, Any]:
        try:
            return read_source(path).data
        except SourceError:
            return {}


def _guards(app: Flask) -> None:
    @app.before_request
    def _check_request() -> None:
        allowed = app.config["ALLOWED_HOSTS"]
        if allowed and request.host not in allowed:
            abort(400)
        if request.method in _SAFE_METHODS:
            return
        sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token") or ""
        if not hmac.compare_digest(sent.encode(), app.config["CSRF_TOKEN"].encode()):
            abort(403)

    @app.after_request
    def _headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        return _error_page(exc.code or 500, HTTP_MESSAGES.get(exc.code or 500, exc.name))

    @app.errorhandler(Exception)
    def _crash(exc: Exception):
        log.exception("internal error")
        return _error_page(500, HTTP_MESSAGES[500])

    @app.context_processor
    def _csrf() -> dict[str, str]:
        return {"csrf_token": app.config["CSRF_TOKEN"]}


def _error_page(code: int, message: str, details: list[str] | None = None):
    template = "error_fragment.html" if request.headers.get("HX-Request") else "error.html"
    response = app_response(render_template(template, code=code, message=message,
                                            details=details or []), code)  # fmt: skip
    if request.headers.get("HX-Request"):
        response.headers["HX-Retarget"] = "#status"
        response.headers["HX-Reswap"] = "innerHTML"
    return response


def app_response(body: str, code: int):
    from flask import make_response

    return make_response(body, code)


def _pages(app: Flask, state: _State) -> None:
    @app.get("/")
    def index():
        return render_template("index.html", entries=state.folder.entries(),
                               folder=state.folder.root, kinds=KINDS)  # fmt: skip

    @app.post("/new")
    def new():
        name = request.form.get("name", "").strip()
        if name and not name.endswith((".yaml", ".yml")):
            name += ".yaml"
        base_name = request.form.get("from", "")
        kind = request.form.get("kind") or None
        try:
            path = state.folder.path_of(name, new=True)
            base = state.folder.path_of(base_name) if base_name else None
            create_source(path, None if base else kind, base=base)
        except (OutsideFolderError, NoticeError) as exc:
            details = [str(p) for p in getattr(exc, "problems", [])]
            return _error_page(400, state.tr(str(exc).splitlines()[0]), details)
        return redirect(url_for("edit", name=path.name), code=303)

    @app.get("/edit/<name>")
    def edit(name: str):
        path = state.path(name)
        try:
            source = read_source(path)
        except SourceError as exc:
            details = [f"{p.line}:{p.column}: {state.tr(p.message)}" for p in exc.problems]
            return _error_page(422, "Tệp nguồn không đọc được; hãy sửa bằng trình soạn thảo văn "
                                    "bản rồi mở lại.", details)  # fmt: skip
        _, problems = validate_data(source.data, path)
        root = build_form(state.shape, source.data, annotate.printed_labels(source.data))
        general = annotate.attach(root, problems, [], state.tr)
        return render_template("edit.html", name=name, root=root, general=general,
                               base_sha=source.sha)  # fmt: skip


def _editing(app: Flask, state: _State) -> None:
    @app.post("/edit/<name>/fields")
    def fields(name: str):
        path = state.path(name)
        data = state.form_data(state.original(path))
        op = request.form.get("op", "")
        if op:
            data = apply_edit(state.shape, data, op)
        _, problems = validate_data(data, path)
        root = build_form(state.shape, data, annotate.printed_labels(data))
        general = annotate.attach(root, problems, [], state.tr)
        # the new fields ask for a preview as they load (in the form's request queue)
        return render_template("fields.html", root=root, general=general, name=name,
                               refresh=True)  # fmt: skip

    @app.post("/edit/<name>/preview")
    def preview(name: str):
        path = state.path(name)
        data = state.form_data(state.original(path))
        generation = state.previewer.next_generation(name)
        result = state.previewer.preview(name, data, path, generation)
        if result.stale:
            return "", 204
        root = build_form(state.shape, data, annotate.printed_labels(data))
        general = annotate.attach(root, result.problems, result.findings, state.tr)
        error = state.tr(result.error) if result.error else None
        response = app_response(render_template("preview.html", root=root, general=general,
                                                result=result, error=error), 200)  # fmt: skip
        if not result.pages and error is None:  # not valid yet: keep the last good pages
            response.headers["HX-Reswap"] = "none"
        return response

    @app.post("/edit/<name>/save")
    def save(name: str):
        path = state.path(name)
        data = state.form_data(state.original(path))
        try:
            saved = save_source(path, data, request.form.get("_base", ""))
        except SaveConflictError as exc:
            return _error_page(409, state.tr(str(exc)))
        except OSError as exc:  # a read-only folder, a full disk: the old file is untouched
            return _error_page(500, state.tr(f"cannot write {name}: {exc.strerror}"))
        _, problems = validate_data(data, path)
        root = build_form(state.shape, data, annotate.printed_labels(data))
        general = annotate.attach(root, problems, [], state.tr)
        return render_template("saved.html", root=root, general=general, name=name,
                               sha=saved.sha, problems=problems)  # fmt: skip


def _files(app: Flask, state: _State) -> None:
    @app.get("/download/<name>.<fmt>")
    def download(name: str, fmt: str):
        if fmt not in ("docx", "pdf"):
            abort(404)
        path = state.path(name)
        source = read_source(path)
        notice, problems = validate_data(source.data, path)
        if notice is None:
            details = [f"{p.field}: {state.tr(p.message)}" for p in problems]
            return _error_page(422, "Tệp nguồn còn lỗi; hãy sửa trước khi tải về.", details)
        work = Path(tempfile.mkdtemp(prefix="download-", dir=state.previewer.workdir))
        try:
            outputs = state.previewer.render(notice, path, work, pdf=fmt == "pdf")
        except NoticeError as exc:
            shutil.rmtree(work, ignore_errors=True)
            return _error_page(500, state.tr(str(exc)))
        response = send_file(outputs[fmt], as_attachment=True, download_name=f"{path.stem}.{fmt}")
        response.call_on_close(lambda: shutil.rmtree(work, ignore_errors=True))
        return response

    @app.get("/pages/<token>/<int:number>.png")
    def page(token: str, number: int):
        image = state.previewer.page(token, number) if _TOKEN.fullmatch(token) else None
        if image is None or not image.is_file():
            abort(404)
        return send_file(image, mimetype="image/png", max_age=3600)
