"""Scale-out through two real unoserver instances on loopback."""

from __future__ import annotations

import time

import pytest

from generator import api
from generator.convert.base import is_pdf
from generator.convert.unoserver import UnoserverConverter
from tests.support.unoservers import free_port, local_servers

from ..build.test_pipeline import _copies


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Two unoserver instances, each with its own LibreOffice; killed with their children."""
    with local_servers(tmp_path_factory.mktemp("unoserver"), 2) as started:
        yield started


def test_work_is_spread_over_both_servers(servers, tmp_path):
    """Six notices through two servers: every PDF whole, both servers used."""
    src = _copies(tmp_path / "src", 6)
    before = [server.conversions() for server in servers]
    converter = UnoserverConverter([server.address for server in servers])
    report = api.render([src], tmp_path / "out", converter=converter)
    assert report.ok, [(r.source, r.error) for r in report.failed]
    assert all(is_pdf(p) for r in report.results for p in r.outputs if p.suffix == ".pdf")
    done = [server.conversions() - b for server, b in zip(servers, before, strict=True)]
    assert sum(done) == 6 and min(done) >= 1, done


def test_a_dead_server_is_dropped_and_its_work_retried(servers, tmp_path):
    """A server that does not answer: its files go to the live one; all are converted."""
    dead = f"127.0.0.1:{free_port()}"
    converter = UnoserverConverter([dead, servers[0].address])
    src = _copies(tmp_path / "src", 4)
    started = time.monotonic()
    report = api.render([src], tmp_path / "out", converter=converter)
    assert report.ok, [(r.source, r.error) for r in report.failed]
    assert time.monotonic() - started < 120  # a bound on a hang (the dead server's timeout)


def test_no_server_left_names_the_servers(tmp_path):
    """Every server dead: each notice fails with a message naming them, nothing half-written."""
    dead = f"127.0.0.1:{free_port()}"
    src = _copies(tmp_path / "src", 2)
    report = api.render([src], tmp_path / "out", converter=UnoserverConverter([dead]))
    assert len(report.failed) == 2
    assert all(f"no unoserver left: {dead}" in r.error for r in report.failed)
    assert list((tmp_path / "out").glob("*.pdf")) == []
