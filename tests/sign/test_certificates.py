"""Signing with a certificate that may not sign (issue 16): expired, not yet valid, or without
a signing key usage — refused with the reason and the key named, nothing written; signed only
with --accept-certificate, the reason shown; `notice verify` names it rather than the chain,
with no library traceback."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..support.readback import ROOT
from .test_signing import ISSUED, ready  # noqa: F401 (the module's rendered PDF fixture)

PASSWORD = "mật khẩu"
NOW = dt.datetime.now(dt.timezone.utc)


def _cert(name: str, key, issuer_key, issuer=None, *, ca=False, days=(-1, 30), signs=True):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    usage = dict.fromkeys(
        ("content_commitment", "data_encipherment", "key_agreement", "encipher_only",
         "decipher_only"), False,
    )  # fmt: skip
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer is not None else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW + dt.timedelta(days=days[0]))
        .not_valid_after(NOW + dt.timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=signs and not ca, key_encipherment=not signs,
                          key_cert_sign=ca, crl_sign=ca, **usage),
            critical=True,
        )  # fmt: skip
        .sign(issuer_key, hashes.SHA256())
    )


CASES = {
    "expired": ({"days": (-60, -1)}, "the certificate expired on"),
    "not-yet-valid": ({"days": (10, 40)}, "the certificate is not valid yet"),
    "not-for-signing": ({"signs": False}, "key usage does not allow signing (key_encipherment)"),
}


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> dict[str, Path]:
    """A CA (ca.pem) and one PKCS#12 file per case, signed by it."""
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    folder = tmp_path_factory.mktemp("keys")
    ca_key, key = (rsa.generate_private_key(public_exponent=65537, key_size=2048)
                   for _ in range(2))  # fmt: skip
    ca = _cert("Test CA", ca_key, ca_key, ca=True, days=(-400, 400))
    files = {"ca": folder / "ca.pem"}
    files["ca"].write_bytes(ca.public_bytes(ser.Encoding.PEM))
    for case, (options, _) in CASES.items():
        cert = _cert(f"Người ký {case}", key, ca_key, ca, **options)
        files[case] = folder / f"{case}.p12"
        files[case].write_bytes(pkcs12.serialize_key_and_certificates(
            b"k", key, cert, [ca], ser.BestAvailableEncryption(PASSWORD.encode())
        ))  # fmt: skip
    return files


def _notice(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--lang", "en", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "NOTICE_PKCS12_PASSWORD": PASSWORD},
    )  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_a_certificate_that_may_not_sign(ready, keys, tmp_path, case):  # noqa: F811
    """Refused (exit 1, the key and the reason named, nothing signed); with
    --accept-certificate signed with the reason as a warning; verify names the reason."""
    why = CASES[case][1]
    pdf = tmp_path / ready["pdf"].name
    for path in ready.values():
        shutil.copy(path, tmp_path / path.name)
    signed = tmp_path / f"{ISSUED}.signed.pdf"
    refused = _notice("sign", pdf, "--pkcs12", keys[case])
    assert refused.returncode == 1, refused.stderr
    assert str(keys[case]) in refused.stderr and why in refused.stderr, refused.stderr
    assert "--accept-certificate" in refused.stderr and not signed.exists()
    anyway = _notice("sign", pdf, "--pkcs12", keys[case], "--accept-certificate")
    assert anyway.returncode == 0, anyway.stderr
    assert "warning: signed although" in anyway.stderr and why in anyway.stderr
    assert signed.exists()
    for trust in ((), ("--trust", keys["ca"])):
        check = _notice("verify", signed, *trust)
        assert check.returncode == 1, check.stdout
        assert why in check.stdout, check.stdout
        assert "does not chain" not in check.stdout, check.stdout
        assert "Traceback" not in check.stderr and check.stderr == "", check.stderr
