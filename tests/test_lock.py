"""requirements.txt, what `make setup` installs, holds every package pyproject.toml asks for."""

from __future__ import annotations

import re
from importlib import metadata

import tomllib
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from .support.readback import ROOT

LOCK = ROOT / "requirements.txt"
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def _pins() -> dict[str, Version]:
    """The pinned version of every locked package that applies to this interpreter."""
    pins = {}
    for line in LOCK.read_text("utf-8").splitlines():
        match = PIN.match(line)
        if match and (match[3] is None or Marker(match[3]).evaluate()):
            pins[canonicalize_name(match[1].split("[")[0])] = Version(match[2])
    return pins


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in ("test", "build"):
        wanted += project["optional-dependencies"][extra]
    return [Requirement(r) for r in wanted]


def test_every_requirement_is_locked_within_its_range():
    """A package added to pyproject.toml without `make lock` fails here, not on a user's
    machine; so does a range that the locked version falls outside of."""
    pins = _pins()
    for req in _requirements():
        if req.marker and not req.marker.evaluate({"extra": ""}):
            continue  # e.g. docx2pdf, Windows and macOS only
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in requirements.txt: run `make lock`"
        assert req.specifier.contains(pins[name], prereleases=True), (req, pins[name])


def test_what_is_installed_is_what_is_locked():
    """`make setup` installed the locked versions, not whatever was newest that day."""
    for name, version in _pins().items():
        if name == "uv":  # make lock's own tool
            continue
        assert Version(metadata.version(name)) == version, name
