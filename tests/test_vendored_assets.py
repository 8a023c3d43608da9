"""Vendored web assets: present, versioned, licensed, and loading nothing remote."""

from __future__ import annotations

import re

import pytest

from commandcenter.config import RESOURCES

WEB = RESOURCES / "web"
VERSIONS = {"leaflet": "1.9.4", "leaflet.markercluster": "1.5.3"}
FILES = {
    "leaflet": ["leaflet.js", "leaflet.css", "images/marker-icon.png", "LICENSE"],
    "leaflet.markercluster": [
        "leaflet.markercluster.js",
        "MarkerCluster.css",
        "MarkerCluster.Default.css",
        "LICENSE",
    ],
}
REMOTE = re.compile(r"url\(\s*['\"]?(https?:)?//", re.IGNORECASE)


@pytest.mark.parametrize("package", list(FILES))
def test_package_is_complete_and_licensed(package: str) -> None:
    for name in FILES[package]:
        assert (WEB / package / name).is_file(), f"{package}/{name} missing"
    licence = (WEB / package / "LICENSE").read_text(encoding="utf-8")
    assert "Permission" in licence or "Redistribution" in licence
    assert VERSIONS[package] in (WEB / "README.md").read_text(encoding="utf-8")


def test_leaflet_version_matches_the_record() -> None:
    header = (WEB / "leaflet" / "leaflet.js").read_text(encoding="utf-8")[:200]
    assert f"Leaflet {VERSIONS['leaflet']}" in header


@pytest.mark.parametrize("css", sorted(WEB.rglob("*.css")), ids=lambda p: p.name)
def test_stylesheets_fetch_nothing_remote(css: object) -> None:
    text = css.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert not REMOTE.search(text)
    for target in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
        if not target.startswith(("data:", "#")):  # inline data, IE VML behaviour
            assert (css.parent / target).is_file(), target  # type: ignore[attr-defined]
