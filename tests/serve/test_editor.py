"""`notice serve` in a real browser (Debian's Chromium through Playwright): a notice made
from the form validates and renders exactly like the same notice written by hand; an edited
commented source keeps every comment; the preview follows the form."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.source.loader import load_source

from ..support.editor import NOTICE, chromium, running_editor
from ..support.readback import NOTICES, ROOT

DATA = ROOT / "tests" / "data" / "serve"
#: Bounds for what the page shows after a change: a conversion on a busy shared machine.
WAIT_MS = 90_000
#: Set to write the README's screenshot (docs/img/serve-editor.png) instead of a temporary one.
SCREENSHOT = os.environ.get("NOTICE_SCREENSHOT")

#: What test_new_notice_from_the_form types, field by field (hand-written.yaml says the same);
#: the paths are those of the data, turned into the form's by `form_path` (a field the schema
#: lets be one line or several is a list in the form: `subject` is `subject[0]`).
TYPED = {
    "agency.name[1]": "TỈNH BẮC GIANG",
    "place": "Bắc Giang",
    "date": "2024-05-20",
    "subject": "Kết luận của Phó Chủ tịch UBND tỉnh về chuyển đổi số",
    "meeting.date": "2024-05-15",
    "meeting.chair.name": "Lê Ánh Dương",
    "meeting.chair.position": "Phó Chủ tịch UBND tỉnh",
    "meeting.title": "buổi làm việc với Sở Thông tin và Truyền thông về chuyển đổi số",
    "meeting.attendees[0]": "lãnh đạo các sở, ngành",
    "meeting.heard[0]": "báo cáo của Sở Thông tin và Truyền thông",
    "conclusions[0].heading": "Nhiệm vụ trọng tâm",
    "conclusions[0].paragraphs[0].text":
        "Các sở, ngành tập trung triển khai Đề án chuyển đổi số của tỉnh.",
    "conclusions[0].children[0].paragraphs[0].text":
        "Sở Thông tin và Truyền thông chủ trì, hướng dẫn các đơn vị thực hiện.",
    "closing.text": "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện.",
    "recipients[0].name": "Các sở, ngành thuộc UBND tỉnh",
    "archive.units[0]": "KGVX",
    "signer.authority[0]": "KT. CHỦ TỊCH",
    "signer.position": "PHÓ CHỦ TỊCH",
    "signer.name": "Lê Ánh Dương",
}  # fmt: skip
FINAL_SUBJECT = "Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc về chuyển đổi số"


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


def form_path(path: str) -> str:
    """The name of the form input for the data path `path` under the current schema."""
    from generator.serve.form import join, loc_of
    from generator.serve.shapes import ShapeReader
    from generator.source.schema import notice_schema

    schema = notice_schema()
    shape, out, steps = ShapeReader(schema).shape(schema), "", list(loc_of(path))
    while True:
        while shape.kind == "array" and not (steps and isinstance(steps[0], int)):
            out, shape = f"{out}[0]", shape.items  # one line of a one-or-several field
        if not steps:
            return out
        step = steps.pop(0)
        if isinstance(step, int):
            out, shape = f"{out}[{step}]", shape.items
        else:
            out, shape = join(out, step), shape.prop(step)


def field(page, path: str):
    return page.locator(f'[name="{form_path(path)}"]')


def errors_of(page, path: str):
    return page.locator(f'[data-error-for="{form_path(path)}"]')


def preview_image(page) -> tuple[str, bytes]:
    """The first page image of the preview: its address and its PNG bytes."""
    image = page.locator("#preview img.page").first
    src = image.get_attribute("src")
    response = page.request.get(urljoin(page.url, src))
    assert response.ok and response.headers["content-type"] == "image/png"
    return src, response.body()


def render_docx(source: Path, out: Path) -> bytes:
    run = subprocess.run([NOTICE, "render", str(source), "-o", str(out), "--format", "docx"],
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return (out / f"{source.stem}.docx").read_bytes()


def test_new_notice_from_the_form(page, tmp_path: Path):
    """Create, see a field error beside its field, fix it, see the preview change, save:
    the file passes `notice validate` and renders the same DOCX as a hand-written one."""
    from playwright.sync_api import expect

    folder = tmp_path / "notices"
    folder.mkdir()
    with running_editor(folder) as editor:
        page.goto(editor.url)
        page.fill('form.new [name="name"]', "chuyen-doi-so")
        page.select_option('form.new [name="kind"]', "TB-UBND")
        page.click('form.new button[type="submit"]')
        page.wait_for_url(re.compile(r"/edit/chuyen-doi-so\.yaml$"))
        expect(errors_of(page, "place")).to_contain_text("không được để trống", timeout=WAIT_MS)
        for path, value in TYPED.items():
            field(page, path).fill(value)
        field(page, "number").fill("7a")  # a typed number with a stray letter
        expect(errors_of(page, "number")).to_contain_text("phải là số nguyên", timeout=WAIT_MS)
        expect(errors_of(page, "place")).to_be_empty(timeout=WAIT_MS)
        field(page, "number").fill("7")
        expect(errors_of(page, "number")).to_be_empty(timeout=WAIT_MS)
        expect(page.locator("#preview img.page").first).to_be_visible(timeout=WAIT_MS)
        first_src, first_png = preview_image(page)
        field(page, "subject").fill(FINAL_SUBJECT)
        expect(page.locator("#preview img.page").first).not_to_have_attribute(
            "src", first_src, timeout=WAIT_MS
        )
        assert preview_image(page)[1] != first_png
        page.click("#save")
        expect(page.locator("#status .saved")).to_contain_text("Đã lưu", timeout=WAIT_MS)
        downloaded = page.request.get(urljoin(page.url, "/download/chuyen-doi-so.yaml.docx"))
        assert downloaded.ok
        if SCREENSHOT:  # for the README: a field error beside its field, the last good preview
            field(page, "number").fill("07a")
            expect(errors_of(page, "number")).not_to_be_empty(timeout=WAIT_MS)
            page.locator('[name="kind"]').scroll_into_view_if_needed()
            page.mouse.wheel(0, 420)  # the number and its message in view
            page.wait_for_timeout(500)  # (a picture only: the scroll settles)
            page.screenshot(path=SCREENSHOT)
    saved = folder / "chuyen-doi-so.yaml"
    run = subprocess.run([NOTICE, "validate", str(saved)], capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    hand = tmp_path / "hand" / "chuyen-doi-so.yaml"
    hand.parent.mkdir()
    shutil.copy(DATA / "hand-written.yaml", hand)
    assert load_source(saved).data == load_source(hand).data
    rendered = render_docx(saved, tmp_path / "out-form")
    assert rendered == render_docx(hand, tmp_path / "out-hand")
    assert downloaded.body() == rendered  # Tải DOCX gives what `notice render` writes
    text = saved.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")  # the skeleton's comments
    assert "\n# Địa danh" in text


def comments(text: str) -> list[str]:
    """Every comment of a YAML text, in order (whole-line and end-of-line)."""
    return [m.group(0).strip() for m in re.finditer(r"(?m)(?:^|\s)#.*$", text)]


@pytest.mark.parametrize(
    "source", [DATA / "commented.yaml", NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"],
    ids=["commented", "quang-ngai-07"],
)  # fmt: skip
def test_editing_keeps_every_comment(page, tmp_path: Path, source: Path):
    """Change the signer, add a recipient, save: every comment is still there, in order,
    the keys keep their order, and only the changed lines differ."""
    from playwright.sync_api import expect

    folder = tmp_path / "notices"
    folder.mkdir()
    path = folder / source.name
    shutil.copy(source, path)
    before = path.read_text("utf-8")
    count = len(load_source(path).data["recipients"])
    with running_editor(folder) as editor:
        page.goto(editor.url)
        row = page.locator(f'tr[data-name="{source.name}"]')
        number = load_source(source).data["number"]
        expect(row).to_contain_text(f"{number:02d}/TB-", timeout=WAIT_MS)
        expect(row).to_contain_text("Hợp lệ")
        page.click(f'a.edit-link[href$="/{source.name}"]')
        field(page, "signer.name").fill("Nguyễn Văn An")
        page.click('button[data-op="add:recipients"]')
        new = field(page, f"recipients[{count}].name")
        expect(new).to_be_visible(timeout=WAIT_MS)
        new.fill("Sở Nội vụ")
        page.click("#save")
        expect(page.locator("#status .saved")).to_contain_text("Đã lưu", timeout=WAIT_MS)
    after = path.read_text("utf-8")
    assert comments(after) == comments(before)
    data_before, data_after = load_source(source).data, load_source(path).data
    assert list(data_after) == list(data_before)
    assert data_after["signer"]["name"] == "Nguyễn Văn An"
    assert data_after["recipients"] == [*data_before["recipients"], "Sở Nội vụ"]
    removed = set(before.splitlines()) - set(after.splitlines())
    assert len(removed) == 1 and "name:" in removed.pop()
    run = subprocess.run([NOTICE, "validate", str(path)], capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
