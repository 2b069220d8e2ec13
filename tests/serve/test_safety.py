"""`notice serve` refuses what it must: paths outside the served folder, changes without the
page's CSRF token, a foreign Host; it escapes what it shows, answers errors with a page and
no traceback, and stops cleanly on SIGTERM and Ctrl-C with its LibreOffice."""

from __future__ import annotations

import http.client
import re
import shutil
import signal
import time
import urllib.parse
from pathlib import Path

import pytest

from ..support.editor import children, process_group, running_editor
from ..support.readback import ROOT

DATA = ROOT / "tests" / "data" / "serve"
PASSWD = "root:x:0:0"


def request(url: str, method: str, target: str, body: str = "", headers=None):
    """A raw HTTP request (the target sent as written, `..` and all)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.putrequest(method, target, skip_host="Host" in (headers or {}))
        for name, value in {"Content-Length": str(len(body.encode())), **(headers or {})}.items():
            connection.putheader(name, value)
        if body:
            connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.endheaders(body.encode() if body else None)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("served")
    shutil.copy(DATA / "commented.yaml", folder / "commented.yaml")
    hostile = (DATA / "hand-written.yaml").read_text("utf-8").replace(
        "subject: Kết luận", 'subject: "<script>alert(1)</script> & {{ x }} Kết luận', 1
    ).replace("chuyển đổi số\n", 'chuyển đổi số"\n', 1)
    (folder / "hostile.yaml").write_text(hostile, "utf-8")
    return folder


@pytest.fixture(scope="module")
def editor(folder):
    with running_editor(folder) as editor:
        yield editor


def token(editor) -> str:
    status, page = request(editor.url, "GET", "/")
    assert status == 200
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


@pytest.mark.parametrize(
    "target",
    [
        "/../../etc/passwd",
        "/edit/../../etc/passwd",
        "/edit/..%2F..%2Fetc%2Fpasswd",
        "/edit/%2Fetc%2Fpasswd",
        "/download/..%2F..%2Fetc%2Fpasswd.pdf",
        "/download/commented.yaml%2F..%2F..%2F..%2Fetc%2Fpasswd.docx",
        "/static/../../../../etc/passwd",
        "/static/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/pages/..%2F..%2Fetc/1.png",
    ],
)
def test_nothing_outside_the_folder_is_read(editor, target):
    """`../../etc/passwd` in any route: refused, and the file is not in the answer."""
    status, body = request(editor.url, "GET", target)
    assert status in (400, 404)
    assert PASSWD not in body
    assert "Traceback" not in body


def test_new_from_outside_the_folder_is_refused(editor, folder):
    """`new` copying from, or writing to, a path outside the folder is refused."""
    csrf = token(editor)
    for form in ({"name": "x.yaml", "from": "../../etc/passwd"},
                 {"name": "../../tmp/evil.yaml", "kind": "TB-VP"},
                 {"name": "/tmp/evil.yaml", "kind": "TB-VP"}):  # fmt: skip
        body = urllib.parse.urlencode({**form, "csrf_token": csrf})
        status, page = request(editor.url, "POST", "/new", body)
        assert status == 400, form
        assert PASSWD not in page
    assert sorted(p.name for p in folder.iterdir()) == ["commented.yaml", "hostile.yaml"]


@pytest.mark.parametrize("sent", [None, "", "not-the-token"], ids=["none", "empty", "wrong"])
def test_a_change_without_the_csrf_token_is_refused(editor, folder, sent):
    """Saving or creating without the page's token: 403, nothing written."""
    before = (folder / "commented.yaml").read_bytes()
    headers = {} if sent is None else {"X-CSRF-Token": sent}
    form = urllib.parse.urlencode({"place": "Huế", "@agency": "1"})
    status, page = request(editor.url, "POST", "/edit/commented.yaml/save", form, headers)
    assert status == 403 and "từ chối" in page
    status, _ = request(editor.url, "POST", "/new", "name=y.yaml&kind=TB-VP", headers)
    assert status == 403
    assert (folder / "commented.yaml").read_bytes() == before
    assert not (folder / "y.yaml").exists()


def test_the_token_is_accepted(editor):
    """The same preview request with the token is answered (the refusals are the token's)."""
    form = urllib.parse.urlencode({"place": "Huế"})
    headers = {"X-CSRF-Token": token(editor)}
    status, page = request(editor.url, "POST", "/edit/commented.yaml/fields", form, headers)
    assert status == 200 and 'name="place"' in page


def test_a_foreign_host_is_refused(editor):
    """A page of another site resolving its name to 127.0.0.1 (DNS rebinding) gets 400."""
    port = urllib.parse.urlsplit(editor.url).port
    status, _ = request(editor.url, "GET", "/", headers={"Host": f"evil.example:{port}"})
    assert status == 400


def test_what_a_source_says_is_escaped(editor):
    """`<script>` in a source is shown as text; the page allows only its own script."""
    status, page = request(editor.url, "GET", "/edit/hostile.yaml")
    assert status == 200
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ x }}" in page
    status, listing = request(editor.url, "GET", "/")
    assert "<script>alert" not in listing and "&lt;script&gt;alert(1)" in listing


def test_errors_are_pages_without_a_traceback(editor):
    """A missing notice, a wrong method: a Vietnamese page, no traceback."""
    status, page = request(editor.url, "GET", "/edit/missing.yaml")
    assert status == 404 and "Không tìm thấy" in page and "Traceback" not in page
    status, page = request(editor.url, "PUT", "/edit/commented.yaml/save")
    assert status in (403, 405) and "Traceback" not in page


def _gone(pids: list[int], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() and _alive(pid) for pid in pids):
            return True
        time.sleep(0.2)
    return False


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_stops_cleanly_with_its_libreoffice(tmp_path, signum):
    """After a preview (LibreOffice running), SIGTERM or Ctrl-C: exit 0, "stopped" printed,
    unoserver and LibreOffice gone."""
    shutil.copy(DATA / "commented.yaml", tmp_path / "commented.yaml")
    with running_editor(tmp_path) as editor:
        status, _ = request(editor.url, "GET", "/download/commented.yaml.pdf")
        assert status == 200  # converted by the warm LibreOffice
        office = children(editor.proc.pid)
        assert office, "no unoserver child"
        group = [pid for leader in office for pid in process_group(leader)]
        assert len(group) >= 2  # unoserver and its soffice
        assert editor.stop(signum) == 0
        assert "stopped" in "\n".join(editor.printed())
    assert _gone(group)


def test_port_given_and_port_taken(tmp_path):
    """`--port N` listens on 127.0.0.1:N; a port already taken is a clear error, exit 1."""
    import socket
    import subprocess

    from ..support.editor import NOTICE

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with running_editor(tmp_path, "--port", str(port)) as editor:
        assert editor.url == f"http://127.0.0.1:{port}/"
        run = subprocess.run([NOTICE, "serve", str(tmp_path), "--no-browser", "--port", str(port)],
                             capture_output=True, text=True, timeout=120)  # fmt: skip
        assert run.returncode == 1
        assert f"cannot listen on 127.0.0.1:{port}" in run.stderr
        assert "Traceback" not in run.stderr + run.stdout


def test_new_from_an_earlier_notice_is_notice_new_from(editor, folder):
    """«Tạo thông báo mới» from an earlier notice writes what `notice new --from` writes."""
    import subprocess

    from ..support.editor import NOTICE

    body = urllib.parse.urlencode({"name": "tiep-theo", "from": "commented.yaml",
                                   "csrf_token": token(editor)})  # fmt: skip
    status, _ = request(editor.url, "POST", "/new", body)
    assert status == 303
    made = folder / "tiep-theo.yaml"
    run = subprocess.run([NOTICE, "new", str(folder / "by-cli.yaml"), "--from",
                          str(folder / "commented.yaml")], capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stderr
    try:
        assert made.read_text("utf-8") == (folder / "by-cli.yaml").read_text("utf-8")
        status, _ = request(editor.url, "POST", "/new", body)  # the name is taken now
        assert status == 400
    finally:
        made.unlink()
        (folder / "by-cli.yaml").unlink()


def _mentioning(text: str) -> list[int]:
    """Live processes whose command line mentions `text`."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    out.append(int(entry.name))
            except OSError:
                continue
    return [pid for pid in out if _alive(pid)]


def test_a_stop_as_soon_as_it_listens_leaves_no_libreoffice(tmp_path):
    """SIGTERM right after the address is printed, while LibreOffice may still be starting:
    exit 0, and no unoserver or soffice of this editor is left (none started, or killed)."""
    folder, scratch = tmp_path / "notices", tmp_path / "tmp"
    folder.mkdir()
    scratch.mkdir()
    with running_editor(folder, env={"TMPDIR": str(scratch)}) as editor:
        assert editor.stop() == 0
    assert _gone(_mentioning(str(scratch)))
    assert _mentioning(str(scratch)) == []
    assert list(scratch.iterdir()) == []
