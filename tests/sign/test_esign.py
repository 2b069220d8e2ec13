"""Electronic issuance in NĐ 30's order (Điều 13.7, Điều 15.3, Phụ lục I §II.7–8), for real:
an electronic draft rendered by LibreOffice, the leader's certification signature from a
PKCS#12 file, the văn thư's step with the organisation's key on a SoftHSM2 token (number and
date filled, the seal), `notice verify` and pyHanko's own validator on the result, against a
test PKI of two roots (one with an intermediate CA); then each kind of tampering."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from generator import api
from generator.cli import main
from generator.sign import formfields
from generator.sign.electronic import DATE_FIELD, LEADER_FIELD, NUMBER_FIELD, ORG_FIELD

from ..support.images import write_signature_images
from ..support.readback import NOTICES, ROOT
from .test_signing import SOFTHSM_LIBS, _certificate

DRAFT = "bac-giang-tb-ubnd-2020-du-thao"
SIGNER = "Bùi Huy Khánh"
ORG = "UBND tỉnh Bắc Giang"
PASSWORD = "mật khẩu 2"
PIN = "246810"
DATE = "2020-05-20"
NUMBER_LINE = "Số: 01/TB-UBND"
DATE_LINE = "Bắc Giang, ngày 20 tháng 5 năm 2020"  # R-DATE-1: day padded, May not


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> SimpleNamespace:
    """Two trees, as in Vietnam: a "chuyên dùng" root with an intermediate CA that issued
    the leader's certificate (a PKCS#12 file with the intermediate), and a public root that
    issued the organisation's (a PKCS#12 file, and key + certificate for a token)."""
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    folder = tmp_path_factory.mktemp("pki")
    keys = [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(5)]
    gov_root = _certificate("Test Root CA chuyên dùng Chính phủ", keys[0], keys[0], ca=True)
    gov_sub = _certificate("Test CA cấp 2", keys[0], keys[1], gov_root, ca=True)
    leader = _certificate(SIGNER, keys[1], keys[2], gov_sub)
    public_root = _certificate("Test Root CA công cộng", keys[3], keys[3], ca=True)
    org = _certificate(ORG, keys[3], keys[4], public_root)
    p = SimpleNamespace(folder=folder, gov_root=gov_root, public_root=public_root)
    p.gov_pem, p.public_pem = folder / "gov.pem", folder / "public.der"
    p.gov_pem.write_bytes(gov_root.public_bytes(ser.Encoding.PEM))
    p.public_pem.write_bytes(public_root.public_bytes(ser.Encoding.DER))
    secret = ser.BestAvailableEncryption(PASSWORD.encode())
    p.leader_p12, p.org_p12 = folder / "leader.p12", folder / "org.p12"
    p.leader_p12.write_bytes(
        pkcs12.serialize_key_and_certificates(b"leader", keys[2], leader, [gov_sub], secret)
    )
    p.org_p12.write_bytes(
        pkcs12.serialize_key_and_certificates(b"org", keys[4], org, [public_root], secret)
    )
    p.org_key = folder / "org-key.pem"
    p.org_key.write_bytes(
        keys[4].private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption())
    )
    p.org_cert = folder / "org-cert.der"
    p.org_cert.write_bytes(org.public_bytes(ser.Encoding.DER))
    p.signature, p.seal = write_signature_images(folder)
    return p


@pytest.fixture(scope="module")
def token(pki, tmp_path_factory) -> dict[str, str]:
    """A SoftHSM2 token holding the organisation's key and certificate."""
    library = next((lib for lib in SOFTHSM_LIBS if Path(lib).is_file()), None)
    assert library and shutil.which("softhsm2-util") and shutil.which("pkcs11-tool"), (
        "softhsm2 and opensc are not installed: run `make setup`"
    )
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nlog.level = ERROR\n")
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}

    def run(*args: str | Path) -> None:
        subprocess.run([str(a) for a in args], env=env, check=True, capture_output=True)

    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        "van-thu",
        "--pin",
        PIN,
        "--so-pin",
        "13572468",
    )
    run(
        "softhsm2-util",
        "--import",
        pki.org_key,
        "--token",
        "van-thu",
        "--label",
        "con-dau",
        "--id",
        "02",
        "--pin",
        PIN,
    )
    run(
        "pkcs11-tool",
        "--module",
        library,
        "--token-label",
        "van-thu",
        "--login",
        "--pin",
        PIN,
        "--write-object",
        pki.org_cert,
        "--type",
        "cert",
        "--id",
        "02",
        "--label",
        "con-dau",
    )
    return {"library": library, "SOFTHSM2_CONF": str(conf)}


def _cli(*args: str | Path, env: dict[str, str] | None = None) -> SimpleNamespace:
    result = CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
    return SimpleNamespace(code=result.exit_code, out=result.output)


def _notice(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    full = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", **env}
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _source(folder: Path, name: str = DRAFT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.yaml"
    shutil.copy(NOTICES / f"{DRAFT}.yaml", source)
    return source


def _leader_sign(pdf: Path, pki) -> Path:
    run = _cli(
        "sign",
        pdf,
        "--pkcs12",
        pki.leader_p12,
        "--signature-image",
        pki.signature,
        env={"NOTICE_PKCS12_PASSWORD": PASSWORD},
    )
    assert run.code == 0, run.out
    return pdf.with_name(pdf.name.replace(".pdf", ".signed.pdf"))


def _issue_p12(source: Path, signed: Path, pki, *extra: str | Path) -> SimpleNamespace:
    return _cli(
        "issue",
        source,
        "--date",
        DATE,
        "--signed-pdf",
        signed,
        "--pkcs12",
        pki.org_p12,
        "--seal-image",
        pki.seal,
        *extra,
        env={"NOTICE_PKCS12_PASSWORD": PASSWORD},
    )


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> dict[str, Path]:
    """`notice draft` of the Bắc Giang draft: {"source", "pdf", "sigfield.json", …}."""
    folder = tmp_path_factory.mktemp("drafted")
    source = _source(folder / "src")
    run = _cli("draft", source, "-o", folder / "out")
    assert run.code == 0, run.out
    files = {p.name.split(".", 1)[1]: p for p in (folder / "out").iterdir()}
    return {"source": source, **files}


@pytest.fixture(scope="module")
def signed(drafted, pki, tmp_path_factory) -> Path:
    """The draft signed by the leader (PKCS#12): `<stem>.signed.pdf`."""
    folder = tmp_path_factory.mktemp("signed")
    pdf = folder / drafted["pdf"].name
    shutil.copy(drafted["pdf"], pdf)
    return _leader_sign(pdf, pki)


@pytest.fixture(scope="module")
def issued(signed, pki, token, tmp_path_factory) -> SimpleNamespace:
    """The văn thư's step with the organisation's key on the SoftHSM2 token."""
    folder = tmp_path_factory.mktemp("issued")
    source = _source(folder)
    pdf = folder / signed.name
    shutil.copy(signed, pdf)
    run = _notice(
        "issue",
        source,
        "--date",
        DATE,
        "--signed-pdf",
        pdf,
        "--pkcs11-lib",
        token["library"],
        "--seal-image",
        pki.seal,
        "--seal-mm",
        "38",
        env={"SOFTHSM2_CONF": token["SOFTHSM2_CONF"], "NOTICE_PKCS11_PIN": PIN},
    )
    assert run.returncode == 0, run.stderr
    return SimpleNamespace(
        folder=folder, source=source, pdf=folder / f"{DRAFT}.issued.pdf", signed=pdf, out=run.stdout
    )


def _validate_all(pdf: Path, roots: list) -> dict[str, object]:
    """pyHanko's own validator on every signature, against `roots`: {field: status}."""
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    trust = [x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in roots]
    with open(pdf, "rb") as fh:
        reader = PdfFileReader(fh)
        return {
            s.field_name: validate_pdf_signature(
                s,
                signer_validation_context=ValidationContext(
                    trust_roots=trust, allow_fetching=False
                ),
            )
            for s in reader.embedded_signatures
        }


def _field_rect(pdf: Path, name: str) -> tuple[float, ...]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(pdf, "rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        for field in reader.root["/AcroForm"]["/Fields"]:
            field = field.get_object()
            if field["/T"] == name:
                widget = field["/Kids"][0].get_object() if "/Kids" in field else field
                return tuple(float(v) for v in widget["/Rect"])
    raise AssertionError(f"no field {name}")


def _text_in(pdf: Path, rect: tuple[float, ...], page: int = 1) -> str:
    """pdftotext of the area `rect` (PDF points, origin lower left) of a page."""
    height = 841.89
    x0, y0, x1, y1 = rect
    out = subprocess.run(
        [
            "pdftotext",
            "-f",
            str(page),
            "-l",
            str(page),
            "-x",
            str(int(x0)),
            "-y",
            str(int(height - y1)),
            "-W",
            str(int(x1 - x0) + 1),
            "-H",
            str(int(y1 - y0) + 1),
            str(pdf),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(out.split())


def _verify(pdf: Path, pki, *roots: Path) -> SimpleNamespace:
    trust = [a for r in (roots or (pki.gov_pem, pki.public_pem)) for a in ("--trust", r)]
    return _cli("verify", pdf, *trust)


# -- the draft ---------------------------------------------------------------------------------


def test_the_draft_has_blank_fields_where_the_lines_print(drafted, rendered) -> None:
    """The draft's page 1 prints no `Số:` and no date line; two empty text fields sit where
    the printed draft has them (centre and baseline, R-KH-FMT, R-DATE-FMT), and the two
    signature fields are there, empty, the leader's over the gap (R-E-SIGNER)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    data = drafted["pdf"].read_bytes()
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(drafted["pdf"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Số:" not in text and "ngày" not in text.split("THÔNG BÁO")[0]
    number, date = formfields.find_header_lines(rendered[DRAFT]["pdf"].read_bytes(), "Bắc Giang")
    assert (number.size, number.italic, date.size, date.italic) == (13, False, 14, True)
    for name, slot in ((NUMBER_FIELD, number), (DATE_FIELD, date)):
        x0, y0, x1, y1 = _field_rect(drafted["pdf"], name)
        assert (x0 + x1) / 2 == pytest.approx(slot.centre, abs=0.05)
        assert y0 + formfields.DESCENT * slot.size == pytest.approx(slot.baseline, abs=0.05)
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    assert {n: v for n, (v, _) in formfields.text_fields(reader).items()} == {
        NUMBER_FIELD: None,
        DATE_FIELD: None,
    }
    sig_fields = {name: value for name, value, _ in enumerate_sig_fields(reader)}
    assert sig_fields == {LEADER_FIELD: None, ORG_FIELD: None}
    side = json.loads(drafted["sigfield.json"].read_text("utf-8"))
    assert _field_rect(drafted["pdf"], LEADER_FIELD) == pytest.approx(side["rect"])
    assert data.count(b"%%EOF") == 2  # LibreOffice's PDF/A, then one incremental update


def test_a_numbered_source_gets_no_electronic_draft(tmp_path: Path) -> None:
    """An issued source cannot become an electronic draft: exit 1, nothing written."""
    source = tmp_path / "x.yaml"
    shutil.copy(NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml", source)
    run = _cli("draft", source, "-o", tmp_path / "out")
    assert run.code == 1 and "has a number already" in run.out
    assert not (tmp_path / "out" / "x.pdf").exists()


def test_the_leader_signs_as_certification_with_form_filling(signed, pki) -> None:
    """`notice sign` on an electronic draft: a certification signature (DocMDP 2) whose
    field locks every field but the number, the date and the organisation's signature."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    status = _validate_all(signed, [pki.gov_root])[LEADER_FIELD]
    assert status.bottom_line and status.modification_level.name == "NONE"
    with open(signed, "rb") as fh:
        (embedded,) = PdfFileReader(fh).embedded_signatures
        assert embedded.docmdp_level.name == "FILL_FORMS"
        assert embedded.fieldmdp.action.name == "EXCLUDE"
        assert sorted(embedded.fieldmdp.fields) == sorted([NUMBER_FIELD, DATE_FIELD, ORG_FIELD])


def test_the_leader_does_not_put_the_seal(drafted, pki, tmp_path: Path) -> None:
    """The seal comes with the organisation's signature: --seal-image on a draft fails."""
    pdf = tmp_path / drafted["pdf"].name
    shutil.copy(drafted["pdf"], pdf)
    run = _cli(
        "sign",
        pdf,
        "--pkcs12",
        pki.leader_p12,
        "--seal-image",
        pki.seal,
        env={"NOTICE_PKCS12_PASSWORD": PASSWORD},
    )
    assert run.code == 1 and "without --seal-image" in run.out


# -- the whole flow ---------------------------------------------------------------------------


def test_the_whole_flow_verifies(issued, pki, tmp_path: Path) -> None:
    """Draft → leader (PKCS#12) → văn thư (SoftHSM2): `notice verify` exit 0 with both
    signatures, the leader's followed by exactly the permitted changes; the number and the
    date read by pdftotext at their places, where the unsigned render prints them."""
    run = _verify(issued.pdf, pki)
    assert run.code == 0, run.out
    assert f"{LEADER_FIELD} (leader): signed by {SIGNER}" in run.out
    assert f"{ORG_FIELD} (organisation): signed by {ORG}" in run.out
    assert run.out.count("trusted: yes") == 2
    assert "certification: only form filling and signing permitted after it" in run.out
    assert f"fields changed after it: {ORG_FIELD}, {DATE_FIELD}, {NUMBER_FIELD} (permitted)" in (
        run.out
    )
    assert _text_in(issued.pdf, _field_rect(issued.pdf, NUMBER_FIELD)) == NUMBER_LINE
    assert _text_in(issued.pdf, _field_rect(issued.pdf, DATE_FIELD)) == DATE_LINE
    # as the unsigned render of the issued source prints them: same centre and baseline
    report = api.render([issued.source], tmp_path, ("pdf",), check="none")
    number, date = formfields.find_header_lines(
        report.results[0].outputs[0].read_bytes(), "Bắc Giang"
    )
    words = _bbox_words(issued.pdf)
    for line, slot in ((NUMBER_LINE, number), (DATE_LINE, date)):
        x0, x1, bottom = words[line]
        assert (x0 + x1) / 2 == pytest.approx(slot.centre, abs=0.5)
        assert x1 - x0 == pytest.approx(_printed_width(report.results[0].outputs[0], line), abs=0.5)


def _bbox_words(pdf: Path) -> dict[str, tuple[float, float, float]]:
    import re

    html = subprocess.run(
        ["pdftotext", "-l", "1", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = re.findall(
        r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', html
    )
    return {text: (float(a), float(b), float(c)) for a, b, c, text in found}


def _printed_width(pdf: Path, line: str) -> float:
    for _, chars in formfields.header_rows(pdf.read_bytes()):
        for run in formfields._runs(chars):
            if formfields._fold("".join(c["text"] for c in run)) == line:
                return run[-1]["x1"] - run[0]["x0"]
    raise AssertionError(f"{line!r} not printed in {pdf}")


def test_pyhanko_agrees(issued, pki) -> None:
    """pyHanko's validator, independently of our code: both signatures intact, valid and
    trusted (two roots); the leader's certification permits what followed it."""
    statuses = _validate_all(issued.pdf, [pki.gov_root, pki.public_root])
    leader, org = statuses[LEADER_FIELD], statuses[ORG_FIELD]
    assert leader.bottom_line and org.bottom_line
    assert leader.modification_level.name == "FORM_FILLING" and leader.docmdp_ok
    assert leader.diff_result.changed_form_fields == {NUMBER_FIELD, DATE_FIELD, ORG_FIELD}
    assert org.coverage.name == "ENTIRE_FILE" and org.modification_level.name == "NONE"
    assert leader.signing_cert.subject.native["common_name"] == SIGNER
    assert org.signing_cert.subject.native["common_name"] == ORG


def test_the_register_records_both_signers(issued) -> None:
    """The number went into the source (comments kept) and the register: the issued row and
    the signed PDF with its SHA-256 and both certificates."""
    text = issued.source.read_text("utf-8")
    assert "number: 1" in text and f"date: {DATE}" in text
    assert text.count("#") == (NOTICES / f"{DRAFT}.yaml").read_text("utf-8").count("#")
    with sqlite3.connect(issued.folder / "register.sqlite") as db:
        ((number, symbol),) = db.execute("SELECT number, symbol FROM issued").fetchall()
        rows = db.execute(
            "SELECT pdf, pdf_sha256, signer, organisation, attachments, "
            "signer_certificate_sha256 FROM signed"
        ).fetchall()
    assert (number, symbol) == (1, "TB-UBND")
    ((pdf, sha, signer, org, attachments, cert),) = rows
    assert pdf == issued.pdf.name
    assert sha == hashlib.sha256(issued.pdf.read_bytes()).hexdigest()
    assert (signer, org, attachments, len(cert)) == (SIGNER, ORG, "[]", 64)
    assert issued.signed.exists()  # the leader-signed file stays as it was


def test_trust_needs_every_root(issued, pki) -> None:
    """With only the government root the organisation's certificate is not trusted."""
    run = _verify(issued.pdf, pki, pki.gov_pem)
    assert run.code == 1 and "trusted: NO" in run.out
    assert "does not chain to a trusted root" in run.out


# -- tampering ----------------------------------------------------------------------------------


def _update(data: bytes, change) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _edit_a_word(writer) -> None:
    """Change one glyph of the first text string on page 1 (a word edited)."""
    import re

    from pyhanko.pdf_utils import generic

    page = writer.root["/Pages"]["/Kids"][0].get_object()
    contents = page.raw_get("/Contents")
    stream = contents.get_object()[0] if isinstance(contents.get_object(), list) else contents
    stream_obj = stream.get_object()
    data = stream_obj.data
    match = re.search(rb"<([0-9A-Fa-f]{4})", data)
    assert match is not None
    glyph = int(match.group(1), 16) ^ 1
    stream_obj.strip_filters()
    stream_obj._data = stream_obj._encoded_data = (
        data[: match.start(1)] + b"%04X" % glyph + data[match.end(1) :]
    )
    stream_obj["/Length"] = generic.NumberObject(len(stream_obj._data))
    writer.mark_update(stream)


def _add_page(writer) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PageObject

    contents = writer.add_object(generic.StreamObject(stream_data=b"BT ET"))
    writer.insert_page(PageObject(contents=contents, media_box=[0, 0, 595, 842]))


def _renumber(writer) -> None:
    from pyhanko.pdf_utils import generic

    _, ref = formfields.text_fields(writer)[NUMBER_FIELD]
    field = ref.get_object()
    field["/V"] = generic.TextStringObject("Số: 02/TB-UBND")
    writer.mark_update(ref)


def _unsign_leader(writer) -> None:
    from pyhanko.sign.fields import enumerate_sig_fields

    ((_, _, ref),) = [f for f in enumerate_sig_fields(writer) if f[0] == LEADER_FIELD]
    field = ref.get_object()
    del field["/V"]
    writer.mark_update(ref)


@pytest.mark.parametrize(
    ("change", "who", "why"),
    [
        (_edit_a_word, LEADER_FIELD, "changed after signing (OTHER)"),
        (_add_page, LEADER_FIELD, "changed after signing (OTHER)"),
        (_renumber, ORG_FIELD, "changed after signing"),
        (_unsign_leader, None, "the leader's signature (ChuKyNguoiCoThamQuyen) is missing"),
    ],
    ids=[
        "a-word-edited-after-the-seal",
        "a-page-added",
        "number-changed-after-the-seal",
        "leader-signature-removed",
    ],
)
def test_tampering_after_the_seal_fails(issued, pki, tmp_path: Path, change, who, why) -> None:
    """Each change after both signatures: `notice verify` exit 1, naming it; pyHanko's
    validator fails the organisation's signature too (it allows no change after it)."""
    pdf = tmp_path / "tampered.pdf"
    pdf.write_bytes(_update(issued.pdf.read_bytes(), change))
    run = _verify(pdf, pki)
    assert run.code == 1 and "INVALID" in run.out, run.out
    assert why in run.out
    if who is not None:
        block = run.out.split(f"  {who}")[1].split("\n  Chu")[0]
        assert "problem:" in block, run.out
    statuses = _validate_all(pdf, [pki.gov_root, pki.public_root])
    assert not statuses[ORG_FIELD].bottom_line
    if who == LEADER_FIELD:
        assert not statuses[LEADER_FIELD].bottom_line


def test_a_word_edited_between_the_signatures_fails(signed, pki, tmp_path: Path) -> None:
    """Text edited after the leader's signature: the văn thư's step refuses the file (exit 1,
    source and register untouched); sealed anyway with our library, `notice verify` and
    pyHanko both fail the leader's signature while the organisation's holds."""
    from generator.sign.sealing import OrgOptions, seal_pdf
    from generator.sign.signing import _image, load_pkcs12

    tampered = tmp_path / f"{DRAFT}.signed.pdf"
    tampered.write_bytes(_update(signed.read_bytes(), _edit_a_word))
    source = _source(tmp_path / "src")
    before = source.read_bytes()
    run = _issue_p12(source, tampered, pki)
    assert run.code == 1 and "the leader's signature does not hold" in run.out
    assert source.read_bytes() == before and not (tmp_path / f"{DRAFT}.issued.pdf").exists()
    with sqlite3.connect(tmp_path / "src" / "register.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM issued").fetchone() == (0,)
    org = load_pkcs12(pki.org_p12, PASSWORD)
    sealed = tmp_path / "sealed.pdf"
    sealed.write_bytes(
        seal_pdf(
            tampered.read_bytes(),
            NUMBER_LINE,
            DATE_LINE,
            org,
            OrgOptions(pki.seal),
            _image(pki.seal),
        )
    )
    check = _verify(sealed, pki)
    assert check.code == 1 and "changed after signing (OTHER)" in check.out
    statuses = _validate_all(sealed, [pki.gov_root, pki.public_root])
    assert not statuses[LEADER_FIELD].bottom_line and statuses[ORG_FIELD].bottom_line


def test_an_unsigned_draft_is_refused(drafted, pki, tmp_path: Path) -> None:
    """The văn thư's step needs the leader's signature first."""
    source = _source(tmp_path)
    pdf = tmp_path / drafted["pdf"].name
    shutil.copy(drafted["pdf"], pdf)
    run = _issue_p12(source, pdf, pki)
    assert run.code == 1 and "exactly the leader's signature" in run.out
    assert "number:" not in source.read_text("utf-8").split("place:")[1].split("\n")[0]


# -- attachments, batches, crashes -------------------------------------------------------------


def test_an_attachment_gets_the_organisation_signature(signed, pki, rendered, tmp_path) -> None:
    """R-E-ATT: the attachment in its own file, signed by the organisation: no image, at the
    top right of page 1 the number and ký hiệu and the signing time (ISO 8601, +07:00) in
    Liberation Serif 10 pt; the register lists it with its SHA-256."""
    import re

    source = _source(tmp_path)
    pdf = tmp_path / signed.name
    shutil.copy(signed, pdf)
    attachment = tmp_path / "phu-luc.pdf"
    shutil.copy(rendered["quang-ngai-1730-tb-vp-2020"]["pdf"], attachment)
    run = _issue_p12(source, pdf, pki, "--attachment", attachment)
    assert run.code == 0, run.out
    out = tmp_path / "phu-luc.issued.pdf"
    (status,) = _validate_all(out, [pki.public_root]).values()
    assert status.bottom_line and status.signing_cert.subject.native["common_name"] == ORG
    text = _text_in(out, (595.28 - 250, 841.89 - 60, 595.28, 841.89))
    assert re.fullmatch(r"01/TB-UBND \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", text), text
    fonts = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert "LiberationSerif" in fonts
    images = subprocess.run(
        ["pdfimages", "-list", "-f", "1", "-l", "1", str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert len(images.strip().splitlines()) == 2  # the header lines: no image on page 1
    with sqlite3.connect(tmp_path / "register.sqlite") as db:
        (listed,) = db.execute("SELECT attachments FROM signed").fetchone()
    assert json.loads(listed) == [
        {"file": out.name, "sha256": hashlib.sha256(out.read_bytes()).hexdigest()}
    ]


def test_a_folder_is_issued_in_file_order(drafted, pki, tmp_path: Path) -> None:
    """Batch: three sources and their leader-signed drafts in one folder; the one whose PDF
    is missing fails untouched, the others get 01 and 02 in file order."""
    folder = tmp_path / "so"
    names = ["a-first", "b-missing", "c-third"]
    for name in names:
        _source(folder, name)
        if name != "b-missing":
            shutil.copy(drafted["pdf"], folder / f"{name}.pdf")
            _leader_sign(folder / f"{name}.pdf", pki)
    missing = (folder / "b-missing.yaml").read_bytes()
    run = _cli(
        "issue",
        folder,
        "--date",
        DATE,
        "--signed-pdf",
        folder,
        "--pkcs12",
        pki.org_p12,
        "--seal-image",
        pki.seal,
        env={"NOTICE_PKCS12_PASSWORD": PASSWORD},
    )
    assert run.code == 1, run.out
    assert "a-first.yaml: số 01/TB-UBND" in run.out and "c-third.yaml: số 02/TB-UBND" in run.out
    assert "no leader-signed PDF for b-missing.yaml" in run.out
    assert (folder / "b-missing.yaml").read_bytes() == missing
    for name, number in (("a-first", "01"), ("c-third", "02")):
        pdf = folder / f"{name}.issued.pdf"
        assert _text_in(pdf, _field_rect(pdf, NUMBER_FIELD)) == f"Số: {number}/TB-UBND"
        assert _verify(pdf, pki).code == 0


def test_a_killed_issuer_leaves_nothing_half_done(signed, pki, tmp_path: Path) -> None:
    """SIGKILL after the issued PDF is written but before the source is: the next run drops
    the number, removes that PDF, and gives the same number again."""
    source = _source(tmp_path)
    pdf = tmp_path / signed.name
    shutil.copy(signed, pdf)
    issued = tmp_path / f"{DRAFT}.issued.pdf"
    _kill_at(source, pdf, pki, "before-source-write", tmp_path / "paused")
    assert issued.exists()  # written, the source not yet
    assert "number:" not in source.read_text("utf-8").split("place:")[1].split("\n")[0]
    run = _issue_p12(source, pdf, pki)
    assert run.code == 0, run.out
    assert "dropped 01/TB-UBND" in run.out and "số 01/TB-UBND" in run.out
    assert _verify(issued, pki).code == 0
    with sqlite3.connect(tmp_path / "register.sqlite") as db:
        assert db.execute("SELECT number FROM signed").fetchall() == [(1,)]
        (sha,) = db.execute("SELECT pdf_sha256 FROM signed").fetchone()
    assert sha == hashlib.sha256(issued.read_bytes()).hexdigest()


def test_the_electronic_step_needs_the_seal(signed, pki, tmp_path: Path) -> None:
    """--signed-pdf without --seal-image is a usage error (exit 2); nothing issued."""
    source = _source(tmp_path)
    run = _cli(
        "issue",
        source,
        "--signed-pdf",
        signed,
        "--pkcs12",
        pki.org_p12,
        env={"NOTICE_PKCS12_PASSWORD": PASSWORD},
    )
    assert run.code == 2 and "--seal-image" in run.out
    assert not (tmp_path / "register.sqlite").exists()


def test_a_killed_issuer_after_the_source_write_is_recorded(signed, pki, tmp_path) -> None:
    """SIGKILL after the source got its number, before the commit: the next run records the
    number and the signed PDF (with its SHA-256) and refuses to issue the source again."""
    source = _source(tmp_path)
    pdf = tmp_path / signed.name
    shutil.copy(signed, pdf)
    _kill_at(source, pdf, pki, "after-source-write", tmp_path / "paused")
    issued = tmp_path / f"{DRAFT}.issued.pdf"
    assert "number: 1" in source.read_text("utf-8") and issued.exists()
    run = _issue_p12(source, pdf, pki)
    assert run.code == 1 and "recorded 01/TB-UBND" in run.out and "already issued" in run.out
    with sqlite3.connect(tmp_path / "register.sqlite") as db:
        assert db.execute("SELECT number FROM issued").fetchall() == [(1,)]
        (sha,) = db.execute("SELECT pdf_sha256 FROM signed").fetchone()
    assert sha == hashlib.sha256(issued.read_bytes()).hexdigest()
    assert _verify(issued, pki).code == 0


def _kill_at(source: Path, pdf: Path, pki, point: str, flag: Path) -> None:
    """Run the văn thư's step in a process, SIGKILL it when it reports reaching `point`."""
    args = [
        sys.executable,
        "-m",
        "tests.support.crash",
        point,
        str(flag),
        str(source),
        DATE,
        str(pdf),
        str(pki.org_p12),
        str(pki.seal),
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NOTICE_PKCS12_PASSWORD": PASSWORD}
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while not flag.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the issuer never reached its pause"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stdout.close()
        proc.stderr.close()


def test_the_signed_pdf_must_be_the_sources_notice(signed, pki, tmp_path: Path) -> None:
    """A leader-signed PDF of another notice is refused: the trích yếu is compared."""
    source = _source(tmp_path)
    text = source.read_text("utf-8")
    other = text.replace("subject: >-\n  Kết luận", "subject: >-\n  Thông báo khác về", 1)
    assert other != text
    source.write_text(other, "utf-8")
    pdf = tmp_path / signed.name
    shutil.copy(signed, pdf)
    run = _issue_p12(source, pdf, pki)
    assert run.code == 1 and "is not the notice of this source" in run.out
    assert not (tmp_path / f"{DRAFT}.issued.pdf").exists()


def test_errors_are_in_vietnamese_by_default(drafted, pki, tmp_path: Path) -> None:
    """With a Vietnamese locale the văn thư reads the refusal in Vietnamese."""
    source = _source(tmp_path)
    pdf = tmp_path / drafted["pdf"].name
    shutil.copy(drafted["pdf"], pdf)
    run = _cli(
        "--lang",
        "vi",
        "issue",
        source,
        "--signed-pdf",
        pdf,
        "--pkcs12",
        pki.org_p12,
        "--seal-image",
        pki.seal,
        env={"NOTICE_PKCS12_PASSWORD": PASSWORD},
    )
    assert run.code == 1
    assert "phải có đúng chữ ký số của người có thẩm quyền (ChuKyNguoiCoThamQuyen)" in run.out


def test_verify_of_a_tampered_file_prints_no_traceback(issued, pki, tmp_path: Path) -> None:
    """The real command on a tampered file: the verdict, no traceback from pyHanko's log."""
    pdf = tmp_path / "tampered.pdf"
    pdf.write_bytes(_update(issued.pdf.read_bytes(), _edit_a_word))
    run = _notice("verify", pdf, "--trust", pki.gov_pem, "--trust", pki.public_pem, env={})
    assert run.returncode == 1 and "INVALID" in run.stdout
    assert "Traceback" not in run.stderr + run.stdout and run.stderr == ""


def test_a_leader_signed_draft_is_not_issued_yet(signed, pki) -> None:
    """`notice verify` on the leader-signed draft: the leader's signature holds, the
    document is not issued yet (exit 1)."""
    run = _verify(signed, pki)
    assert run.code == 1 and "intact: yes; valid: yes; trusted: yes" in run.out
    assert "not issued yet: the organisation's signature (ChuKyCoQuan) is missing" in run.out


def test_the_issued_pdf_passes_the_nd30_checker(issued) -> None:
    """`notice check` reads the filled lines from the page as it would from a rendered
    notice: no R-KH-FMT or R-DATE-FMT finding, exit 0."""
    run = _cli("check", issued.pdf, "--format", "json")
    assert run.code == 0, run.out
    assert "R-KH-FMT" not in run.out and "R-DATE-FMT" not in run.out and "R-DATE-1" not in run.out


def test_the_checker_sees_the_blank_number_of_a_draft(drafted) -> None:
    """On the electronic draft the `Số:` line is a blank field: R-KH-FMT is reported."""
    run = _cli("check", drafted["pdf"])
    assert run.code == 1 and "R-KH-FMT" in run.out


def test_the_seal_covers_the_left_third_of_the_signature(issued, drafted) -> None:
    """R-E-ORG on the issued PDF: the seal 38 mm across (`--seal-mm 38`), its right edge at
    a third of the leader's signature image and centred on it; both images on transparency."""
    from generator.sign.appearance import PT_PER_MM, plan_layout

    gap = json.loads(drafted["sigfield.json"].read_text("utf-8"))["rect"]
    leader = plan_layout(tuple(gap), (600, 240), None)
    sx, sy, sw, sh = leader.signature
    sx, sy = sx + leader.widget[0], sy + leader.widget[1]
    x0, y0, x1, y1 = _field_rect(issued.pdf, ORG_FIELD)
    d = 38 * PT_PER_MM
    assert x1 == pytest.approx(sx + sw / 3, abs=0.05)
    assert (y0 + y1) / 2 == pytest.approx(sy + sh / 2, abs=0.05)
    page = json.loads(drafted["sigfield.json"].read_text("utf-8"))["page"]
    images = subprocess.run(
        ["pdfimages", "-list", "-f", str(page), "-l", str(page), str(issued.pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert images.count(" smask ") == 2  # the signature and the seal
    sizes = _image_placements(issued.pdf, page)
    # pdfimages rounds the ppi to a whole number: about 0.5 % here
    assert any(abs(w - d) < 1.0 and abs(h - d) < 1.0 for w, h in sizes), sizes


def _image_placements(pdf: Path, page: int) -> list[tuple[float, float]]:
    """The drawn size (points) of every image on a page: pixels / ppi, from pdfimages."""
    rows = subprocess.run(
        ["pdfimages", "-list", "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    sizes = []
    for row in rows:
        cols = row.split()
        if cols[2] != "image":
            continue
        width, height, x_ppi, y_ppi = int(cols[3]), int(cols[4]), float(cols[12]), float(cols[13])
        sizes.append((width / x_ppi * 72, height / y_ppi * 72))
    return sizes
