"""The Phụ lục VI sidecar fit for exchange: OrganId from the issuer's mã định danh, and
OrganName as ô 2 is printed, parent first."""

from __future__ import annotations

import pytest

from generator.sign.metadata import notice_metadata
from generator.source.notices import load_notice

from ..support.readback import NOTICES


@pytest.mark.parametrize(
    ("stem", "organ_id", "organ_name", "notation"),
    [
        ("dong-nai-so-tai-chinh-tb-2026", "000.05.00.H19", "UBND TỈNH ĐỒNG NAI SỞ TÀI CHÍNH",
         "TB-STC"),
        ("tan-trieu-ubnd-xa-tb-2025", "000.27.20.H19", "ỦY BAN NHÂN DÂN XÃ TÂN TRIỀU", "TB-UBND"),
        ("quang-ngai-1730-tb-vp-2020", None, "UBND TỈNH QUẢNG NGÃI VĂN PHÒNG", "TB-VP"),
    ],
)  # fmt: skip
def test_organ_id_and_name(stem, organ_id, organ_name, notation):
    """The mã định danh a source gives (null when none) and the body in reading order."""
    meta = notice_metadata(load_notice(NOTICES / f"{stem}.yaml"), 1)
    assert (meta["OrganId"], meta["OrganName"], meta["CodeNotation"]) == (
        organ_id, organ_name, notation,
    )  # fmt: skip
