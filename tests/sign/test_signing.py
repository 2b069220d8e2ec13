"""Signature-ready PDFs and signing, for real: a field over ô 7c found in the PDF, the
Phụ lục VI sidecar, PAdES signatures with a PKCS#12 file and a SoftHSM2 token (B-B, and
B-T against a local time-stamp authority), checked by pyHanko's validator and `notice
verify`, which fails on a changed byte or a change appended after signing."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from generator import api
from generator.cli import main
from generator.sign.appearance import PT_PER_MM, plan_layout
from generator.sign.field import FIELD_NAME, find_signature_gap

from ..support.images import write_signature_images
from ..support.readback import NOTICES, ROOT

ISSUED = "quang-ngai-07-tb-ubnd-2024"
SIGNER = "Nguyễn Văn Hùng"
PASSWORD = "mật khẩu 1"
PIN = "123456"
SOFTHSM_LIBS = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)
# Footer table: Nơi nhận column 75 mm from the left margin (30 mm); text area ends at 195 mm.
COLUMN_MM = (30 + 75, 210 - 15)


def _certificate(subject: str, issuer_key, key, issuer=None, *, ca=False, tsa=False):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.timezone.utc)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.COMMON_NAME, subject),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.subject if issuer is not None else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if tsa:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    return builder.sign(issuer_key, hashes.SHA256())


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> SimpleNamespace:
    """A test CA, a signer (PKCS#12 file, and key + certificate for a token), a TSA, and
    the blue signature and red seal images."""
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    folder = tmp_path_factory.mktemp("pki")
    ca_key, key, tsa_key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(3)
    )
    ca = _certificate("Test CA chữ ký số", ca_key, ca_key, ca=True)
    cert = _certificate(SIGNER, ca_key, key, ca)
    tsa = _certificate("Test TSA", ca_key, tsa_key, ca, tsa=True)
    files = SimpleNamespace(folder=folder, ca=ca, ca_key=ca_key, tsa=tsa, tsa_key=tsa_key)
    files.ca_pem = folder / "ca.pem"
    files.ca_pem.write_bytes(ca.public_bytes(ser.Encoding.PEM))
    files.p12 = folder / "signer.p12"
    files.p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", key, cert, [ca], ser.BestAvailableEncryption(PASSWORD.encode())
        )
    )
    files.key_pem = folder / "key.pem"
    files.key_pem.write_bytes(
        key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption())
    )
    files.cert_der = folder / "cert.der"
    files.cert_der.write_bytes(cert.public_bytes(ser.Encoding.DER))
    files.signature, files.seal = write_signature_images(folder)
    return files


@pytest.fixture(scope="module")
def ready(tmp_path_factory) -> dict[str, Path]:
    """An issued notice rendered with --sign-field: its PDF and the two sidecars."""
    out = tmp_path_factory.mktemp("ready")
    report = api.render([NOTICES / f"{ISSUED}.yaml"], out, ("pdf",), check="none", sign_field=True)
    assert report.ok, [(r.source, r.problems, r.error) for r in report.failed]
    return {p.name.split(".", 1)[1]: p for p in report.results[0].outputs}


def _copy(ready: dict[str, Path], folder: Path) -> Path:
    for path in ready.values():
        shutil.copy(path, folder / path.name)
    return folder / ready["pdf"].name


def _cli(*args: str | Path, env: dict[str, str] | None = None) -> SimpleNamespace:
    result = CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
    return SimpleNamespace(code=result.exit_code, out=result.output)


def _validate(pdf: Path, roots: list) -> object:
    """pyHanko's own validator, against the test CA."""
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    trust = [x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in roots]
    with open(pdf, "rb") as fh:
        (signature,) = PdfFileReader(fh).embedded_signatures
        context = ValidationContext(trust_roots=trust, allow_fetching=False)
        return validate_pdf_signature(signature, signer_validation_context=context)


def _lines(pdf: Path, page: int) -> dict[str, dict]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        words = doc.pages[page].extract_words()
    lines: dict[str, dict] = {}
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        key = next(
            (
                k
                for k, v in lines.items()
                if abs(v["top"] - w["top"]) < 2 and w["x0"] > 280 and v["x0"] > 280
            ),
            None,
        )
        if key is None:
            lines[w["text"]] = dict(w)
        else:
            line = lines.pop(key)
            line.update(text=f"{key} {w['text']}", x1=w["x1"])
            lines[line["text"]] = line
    return lines


# -- the field and the sidecars -------------------------------------------------------------


def test_the_field_sits_in_the_gap(ready) -> None:
    """The empty field spans the signer column, from the last position line's bottom to
    the name's top (R-E-SIGNER); the sidecar says the same, and so does the PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    side = json.loads(ready["sigfield.json"].read_text("utf-8"))
    assert side["field"] == FIELD_NAME and side["signer"] == SIGNER
    x0, y0, x1, y1 = side["rect"]
    height = side["page_size"][1]
    lines = _lines(ready["pdf"], side["page"] - 1)
    name, position = lines[SIGNER], lines["PHÓ CHỦ TỊCH"]
    assert y1 == pytest.approx(height - position["bottom"], abs=0.5)
    assert y0 == pytest.approx(height - name["top"], abs=0.5)
    assert (y1 - y0) / PT_PER_MM == pytest.approx(28, abs=1.5)  # R-KY-CK: the 28 mm gap
    assert COLUMN_MM[0] * PT_PER_MM - 2 <= x0 < name["x0"] < name["x1"] < x1
    assert x1 <= COLUMN_MM[1] * PT_PER_MM + 1
    with open(ready["pdf"], "rb") as fh:
        reader = PdfFileReader(fh)
        ((field_name, value, ref),) = list(enumerate_sig_fields(reader))
        assert (field_name, value) == (FIELD_NAME, None)
        assert [float(v) for v in ref.get_object()["/Rect"]] == pytest.approx(side["rect"])
        assert int(reader.root["/Pages"]["/Count"]) == 2
    assert ready["pdf"].read_bytes().count(b"%%EOF") == 2  # an incremental update


def test_the_gap_is_found_without_the_name(ready) -> None:
    """Without the signer's name, the lowest line of the right column is taken as it."""
    gap = find_signature_gap(ready["pdf"])
    assert [round(v, 1) for v in gap.rect] == [
        round(v, 1) for v in json.loads(ready["sigfield.json"].read_text())["rect"]
    ]


def test_the_metadata_sidecar_has_the_phu_luc_vi_fields(ready) -> None:
    """`<stem>.meta.json`: TypeName … To, as an e-office system imports them."""
    meta = json.loads(ready["meta.json"].read_text("utf-8"))
    assert meta == {
        "TypeName": "Thông báo",
        "CodeNumber": "07",
        "CodeNotation": "TB-UBND",
        "IssuedDate": "2024-01-05",
        "OrganId": None,
        "OrganName": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "Subject": meta["Subject"],
        "Language": "vi",
        "PageAmount": 2,
        "SignerInfo": {"Position": "PHÓ CHỦ TỊCH", "FullName": SIGNER},
        "To": meta["To"],
        "IssuedAmount": 40,
    }
    assert meta["Subject"].startswith("Kết luận của Phó Chủ tịch UBND tỉnh Nguyễn Văn Hùng")
    assert meta["To"][0] == {"OrganId": None, "OrganName": "CT, các PCT UBND tỉnh"}


def test_the_pdf_stays_pdf_a_consistent(ready) -> None:
    """After the update the XMP still says PDF/A-2b and agrees with /Info on the producer."""
    import re

    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(ready["pdf"], "rb") as fh:
        reader = PdfFileReader(fh)
        xmp = reader.root["/Metadata"].get_object().data.decode("utf-8")
        producer = reader.trailer["/Info"]["/Producer"]
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert re.search(r'pdf:Producer="([^"]*)"', xmp).group(1) == producer


def test_the_appearance_follows_r_e_signer_and_r_e_org() -> None:
    """The signature is centred in the gap; the seal, 40 mm across, covers its left third."""
    gap = (300.0, 500.0, 550.0, 581.0)
    layout = plan_layout(gap, (600, 240), 40)
    wx0, wy0 = layout.widget[:2]
    sx, sy, sw, sh = layout.signature
    assert wx0 + sx + sw / 2 == pytest.approx((gap[0] + gap[2]) / 2)
    ex, ey, d, _ = layout.seal
    assert d == pytest.approx(40 * PT_PER_MM)
    assert ex + d == pytest.approx(sx + sw / 3)
    assert ey + d / 2 == pytest.approx(sy + sh / 2)
    assert layout.widget[0] <= gap[0] and layout.widget[3] >= gap[3]


# -- signing and verifying ----------------------------------------------------------------


def test_sign_with_a_pkcs12_file_then_verify(ready, pki, tmp_path: Path) -> None:
    """`notice sign --pkcs12` signs into the field with both images; pyHanko's validator
    and `notice verify --trust` find it intact, valid and trusted."""
    pdf = _copy(ready, tmp_path)
    run = _cli(
        "sign",
        pdf,
        "--pkcs12",
        pki.p12,
        "--signature-image",
        pki.signature,
        "--seal-image",
        pki.seal,
        env={"NOTICE_PKCS12_PASSWORD": PASSWORD},
    )
    assert run.code == 0, run.out
    signed = tmp_path / f"{ISSUED}.signed.pdf"
    status = _validate(signed, [pki.ca])
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.coverage.name == "ENTIRE_FILE" and status.modification_level.name == "NONE"
    assert status.signing_cert.subject.native["common_name"] == SIGNER
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(signed), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Ký số bởi: {SIGNER}" in text and "+07:00" in text
    images = subprocess.run(
        ["pdfimages", "-list", "-f", "2", "-l", "2", str(signed)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert images.count(" smask ") == 2  # the signature and the seal, on transparency
    manifest = json.loads((tmp_path / "signing-manifest.json").read_text("utf-8"))
    (entry,) = manifest["documents"]
    assert entry["signed"]["sha256"] == hashlib.sha256(signed.read_bytes()).hexdigest()
    check = _cli("verify", signed, "--trust", pki.ca_pem)
    assert check.code == 0, check.out
    assert f"signed by {SIGNER}" in check.out and "trusted: yes" in check.out
    assert "changed after signing: NONE" in check.out


def test_a_wrong_password_is_an_error(ready, pki, tmp_path: Path) -> None:
    """A wrong PKCS#12 password: exit 1, nothing written."""
    pdf = _copy(ready, tmp_path)
    run = _cli("sign", pdf, "--pkcs12", pki.p12, env={"NOTICE_PKCS12_PASSWORD": "sai"})
    assert run.code == 1 and "wrong password" in run.out
    assert not (tmp_path / f"{ISSUED}.signed.pdf").exists()


def test_a_changed_byte_fails_verify(ready, pki, tmp_path: Path) -> None:
    """One byte of the signed content changed: `notice verify` reports it, exit 1."""
    pdf = _copy(ready, tmp_path)
    assert (
        _cli("sign", pdf, "--pkcs12", pki.p12, env={"NOTICE_PKCS12_PASSWORD": PASSWORD}).code == 0
    )
    signed = tmp_path / f"{ISSUED}.signed.pdf"
    data = bytearray(signed.read_bytes())
    at = data.index(b"stream", 1000) + 40  # inside the first revision's content
    data[at] ^= 0x01
    signed.write_bytes(bytes(data))
    check = _cli("verify", signed, "--trust", pki.ca_pem)
    assert check.code == 1 and "INVALID" in check.out
    assert "intact: NO" in check.out and "the signed bytes were changed" in check.out


def test_a_change_after_signing_fails_verify(ready, pki, tmp_path: Path) -> None:
    """Content appended after the signature (a new incremental update): still intact, but
    `notice verify` reports the change and fails."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    pdf = _copy(ready, tmp_path)
    assert (
        _cli("sign", pdf, "--pkcs12", pki.p12, env={"NOTICE_PKCS12_PASSWORD": PASSWORD}).code == 0
    )
    signed = tmp_path / f"{ISSUED}.signed.pdf"
    writer = IncrementalPdfFileWriter(io.BytesIO(signed.read_bytes()))
    patch = generic.StreamObject(stream_data=b"1 1 1 rg 100 100 200 50 re f")
    writer.add_stream_to_page(0, writer.add_object(patch))
    out = io.BytesIO()
    writer.write(out)
    signed.write_bytes(out.getvalue())
    check = _cli("verify", signed, "--trust", pki.ca_pem)
    assert check.code == 1 and "intact: yes" in check.out
    assert "the document was changed after signing (OTHER)" in check.out


def test_sign_without_a_field_creates_it_over_the_gap(rendered, pki, tmp_path: Path) -> None:
    """A PDF rendered without --sign-field gets its field over the gap when signed."""
    pdf = tmp_path / f"{ISSUED}.pdf"
    shutil.copy(rendered[ISSUED]["pdf"], pdf)
    gap = find_signature_gap(pdf, SIGNER)
    assert (
        _cli(
            "sign",
            pdf,
            "--pkcs12",
            pki.p12,
            "--seal-image",
            pki.seal,
            env={"NOTICE_PKCS12_PASSWORD": PASSWORD},
        ).code
        == 0
    )
    status = _validate(tmp_path / f"{ISSUED}.signed.pdf", [pki.ca])
    assert status.bottom_line
    with open(tmp_path / f"{ISSUED}.signed.pdf", "rb") as fh:
        from pyhanko.pdf_utils.reader import PdfFileReader

        rect = [float(v) for v in PdfFileReader(fh).root["/AcroForm"]["/Fields"][0]["/Rect"]]
    assert rect[0] < gap.x0 and rect[1] <= gap.y0 and rect[2] >= gap.x1 - 0.01
    assert rect[3] >= gap.y1  # the widget holds the gap and the seal of real size


def test_the_manifest_lists_what_is_to_be_signed(ready, tmp_path: Path) -> None:
    """`notice sign --manifest-only`: SHA-256, number, trích yếu and signer of each PDF."""
    pdf = _copy(ready, tmp_path)
    run = _cli("sign", pdf, "--manifest-only")
    assert run.code == 0, run.out
    (entry,) = json.loads((tmp_path / "signing-manifest.json").read_text())["documents"]
    assert entry["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert (entry["number"], entry["issued_date"], entry["signer"]) == (
        "07/TB-UBND",
        "2024-01-05",
        SIGNER,
    )
    assert entry["subject"].startswith("Kết luận") and "signed" not in entry
    assert not (tmp_path / f"{ISSUED}.signed.pdf").exists()


def test_an_unsigned_pdf_is_invalid(ready) -> None:
    """A PDF without a signature does not pass `notice verify`."""
    check = _cli("verify", ready["pdf"])
    assert check.code == 1 and "no signature" in check.out


# -- a time-stamp authority (PAdES B-T) --------------------------------------------------------


@pytest.fixture
def tsa_url(pki) -> str:
    """A local RFC 3161 time-stamp authority (pyHanko's test stamper behind HTTP)."""
    from asn1crypto import keys, tsp, x509
    from cryptography.hazmat.primitives import serialization as ser
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    def der(cert):
        return x509.Certificate.load(cert.public_bytes(ser.Encoding.DER))

    key = keys.PrivateKeyInfo.load(
        pki.tsa_key.private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8, ser.NoEncryption())
    )
    stamper = DummyTimeStamper(der(pki.tsa), key, certs_to_embed=[der(pki.ca)])

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_sign_with_a_time_stamp(ready, pki, tsa_url, tmp_path: Path) -> None:
    """--tsa URL: PAdES B-T; the verified signature carries the authority's time."""
    pdf = _copy(ready, tmp_path)
    run = _cli(
        "sign", pdf, "--pkcs12", pki.p12, "--tsa", tsa_url, env={"NOTICE_PKCS12_PASSWORD": PASSWORD}
    )
    assert run.code == 0, run.out
    status = _validate(tmp_path / f"{ISSUED}.signed.pdf", [pki.ca])
    assert status.timestamp_validity is not None and status.timestamp_validity.trusted
    check = _cli("verify", tmp_path / f"{ISSUED}.signed.pdf", "--trust", pki.ca_pem)
    assert check.code == 0 and "time stamp: " in check.out


# -- a PKCS#11 token (SoftHSM2) -------------------------------------------------------------


@pytest.fixture(scope="module")
def token(pki, tmp_path_factory) -> dict[str, str]:
    """A SoftHSM2 token holding the signer's key and certificate; the environment to use it."""
    library = next((lib for lib in SOFTHSM_LIBS if Path(lib).is_file()), None)
    assert library and shutil.which("softhsm2-util") and shutil.which("pkcs11-tool"), (
        "softhsm2 and opensc are not installed: run `make setup`"
    )
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n"
        "log.level = ERROR\n"
    )
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}

    def run(*args: str | Path) -> None:
        subprocess.run([str(a) for a in args], env=env, check=True, capture_output=True)

    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        "notice-test",
        "--pin",
        PIN,
        "--so-pin",
        "87654321",
    )
    run(
        "softhsm2-util",
        "--import",
        pki.key_pem,
        "--token",
        "notice-test",
        "--label",
        "ky-so",
        "--id",
        "01",
        "--pin",
        PIN,
    )
    run(
        "pkcs11-tool",
        "--module",
        library,
        "--token-label",
        "notice-test",
        "--login",
        "--pin",
        PIN,
        "--write-object",
        pki.cert_der,
        "--type",
        "cert",
        "--id",
        "01",
        "--label",
        "ky-so",
    )
    return {"library": library, "SOFTHSM2_CONF": str(conf)}


def _notice(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sign_with_a_softhsm_token_then_verify(ready, pki, token, tmp_path: Path) -> None:
    """`notice sign --pkcs11-lib` with the PIN from NOTICE_PKCS11_PIN; the one token and
    its one key are found without labels; the signature validates."""
    pdf = _copy(ready, tmp_path)
    env = {"SOFTHSM2_CONF": token["SOFTHSM2_CONF"], "NOTICE_PKCS11_PIN": PIN}
    run = _notice(
        "sign",
        pdf,
        "--pkcs11-lib",
        token["library"],
        "--signature-image",
        pki.signature,
        "--seal-image",
        pki.seal,
        "--seal-mm",
        "42",
        env=env,
    )
    assert run.returncode == 0, run.stderr
    status = _validate(tmp_path / f"{ISSUED}.signed.pdf", [pki.ca])
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.signing_cert.subject.native["common_name"] == SIGNER
    check = _notice("verify", tmp_path / f"{ISSUED}.signed.pdf", "--trust", pki.ca_pem, env={})
    assert check.returncode == 0 and "trusted: yes" in check.stdout


def test_a_wrong_pin_is_an_error(ready, token, tmp_path: Path) -> None:
    """A wrong PIN: exit 1 with the token named, nothing written."""
    pdf = _copy(ready, tmp_path)
    env = {"SOFTHSM2_CONF": token["SOFTHSM2_CONF"], "NOTICE_PKCS11_PIN": "000000"}
    run = _notice(
        "sign", pdf, "--pkcs11-lib", token["library"], "--token-label", "notice-test", env=env
    )
    assert run.returncode == 1 and "cannot open token 'notice-test'" in run.stderr
    assert not (tmp_path / f"{ISSUED}.signed.pdf").exists()
