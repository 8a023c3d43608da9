"""The wheel carries everything the application reads at run time, so an install
without the source tree works (README, "Installing without the source tree")."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

INSIDE = (
    "commandcenter/resources/reference/categories.csv",
    "commandcenter/resources/reference/departments.csv",
    "commandcenter/resources/reference/calendar.json",
    "commandcenter/resources/geo/xuhui-district-R1278188.geojson",
    "commandcenter/resources/geo/README.md",
    "commandcenter/resources/demo/case_mix.csv",
    "commandcenter/resources/translations/commandcenter_zh_CN.qm",
    "commandcenter/resources/web/leaflet/leaflet.js",
    "commandcenter/resources/web/leaflet/LICENSE",
    "commandcenter/resources/web/map/cc_map.js",
    "commandcenter/resources/sounds/urgent.wav",
    "commandcenter/resources/wall/lcd-3x3.json",
    "commandcenter/db/migrations/env.py",
    "commandcenter/db/migrations/script.py.mako",
    "commandcenter/db/migrations/versions/0003_report_hour_rollup.py",
    "commandcenter/db/migrations/frozen/rollup_v1.py",
)


@pytest.mark.slow
def test_the_wheel_holds_the_resources(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("commandcenter-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in INSIDE if name not in names]
    assert not missing, missing
    shipped = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "commandcenter" / "resources").rglob("*")
        if path.is_file()
    }
    assert shipped <= names, sorted(shipped - names)[:10]
    assert not [name for name in names if name.startswith(("tests/", "bench/"))]
