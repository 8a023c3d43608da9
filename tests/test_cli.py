"""The command line: every command, JSON output, one-line errors, exit codes."""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from commandcenter.cli import build_parser, main

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli')}/cli.sqlite3"
    assert main(["demo-data", "--db", url, "--small", "--seed", "3"]) == 0
    return url


def _commands() -> list[list[str]]:
    """Every command and every action under a command group, from the parser."""
    found: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        groups = [
            action
            for action in parser._actions  # argparse keeps its subcommands here
            if isinstance(action, argparse._SubParsersAction)
        ]
        if not groups:
            found.append(path)
        for group in groups:
            for name, child in group.choices.items():
                walk(child, [*path, name])

    walk(build_parser(), [])
    return found


def test_help_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "commandcenter.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    commands = {path[0] for path in _commands()}
    assert len(commands) >= 14
    for command in commands:
        assert command in result.stdout
    assert "Log file:" in result.stdout


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_explains_itself(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as leaving:
        main([*command, "--help"])
    assert leaving.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: commandcenter {' '.join(command)}")
    if command[0] not in ("camsim", "wall-token"):
        assert "--db URL" in out or (command[0] == "doctor" and "--db" in out)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["--version"])
    assert leaving.value.code == 0
    assert capsys.readouterr().out.startswith("commandcenter ")


def test_cases_list_open_json(
    demo_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["cases", "list", "--db", demo_url, "--status", "open", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows, "the demo has open cases"
    assert {r["state"] for r in rows} <= {
        "reported",
        "registered",
        "dispatched",
        "in_progress",
        "handled",
        "suspended",
    }
    assert all(len(r["grid_code"]) == 15 for r in rows)


def test_cases_list_filters(demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    main(
        [
            "cases",
            "list",
            "--db",
            demo_url,
            "--status",
            "all",
            "--street",
            "310104003",
            "--json",
        ]
    )
    rows = json.loads(capsys.readouterr().out)
    assert rows
    assert {r["street_name"] for r in rows} == {"天平路街道"}


def test_audit_verify_ok_then_tampered(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["audit", "verify", "--db", demo_url]) == 0
    assert "hash chain intact" in capsys.readouterr().out
    copy = tmp_path / "tampered.sqlite3"
    with (
        sqlite3.connect(demo_url.removeprefix("sqlite:///")) as source,
        sqlite3.connect(copy) as target,
    ):
        source.backup(target)  # a WAL database is more than its main file
        target.execute("UPDATE events SET kind = 'case.void' WHERE id = 100")
    assert main(["audit", "verify", "--db", f"sqlite:///{copy}"]) == 1
    assert "TAMPERED: event 100" in capsys.readouterr().out


def test_errors_are_one_line_and_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.geojson"
    broken.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"code": "12", "name": "坏"}, "geometry": null}]}',
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path}/empty.sqlite3"
    assert main(["import", "grids", str(broken), "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "feature #0" in err
    assert main(["cases", "list", "--db", url, "--status", "nonsense"]) == 2
    assert main(["cases", "list", "--db", "postgresql://nobody@127.0.0.1:9/none"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert all(line.startswith("commandcenter: ") for line in err)


def test_db_upgrade(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path}/new.sqlite3"
    assert main(["db", "upgrade", "--db", url]) == 0
    capsys.readouterr()
    assert main(["cases", "list", "--db", url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_environment_variable_names_the_database(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMMANDCENTER_DB", demo_url)
    capsys.readouterr()
    assert main(["cases", "list", "--limit", "3", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3


def test_cameras_export_then_import_refuses_known_codes(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cameras.csv"
    assert main(["cameras", "export", "--db", demo_url, "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "code,name,lon,lat,group,main_url,sub_url,enabled"
    assert len(lines) > 60
    capsys.readouterr()
    assert main(["cameras", "import", "--db", demo_url, str(out)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("commandcenter: nothing imported: row 2 (")
    assert "already used" in error
    assert error.count("\n") == 1
    renamed = tmp_path / "new.csv"
    renamed.write_text(
        "\n".join([lines[0], *(f"N{line}" for line in lines[1:3])]) + "\n",
        encoding="utf-8",
    )
    assert main(["cameras", "import", "--db", demo_url, str(renamed)]) == 0
    assert "imported 2 cameras" in capsys.readouterr().out
    assert main(["cameras", "export", "--db", demo_url, "--format", "geojson"]) == 0
    collection = json.loads(capsys.readouterr().out)
    assert len(collection["features"]) == len(lines) - 1 + 2


def test_retention_shows_sets_and_purges(
    demo_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["retention", "--db", demo_url]) == 0
    assert "kept 180 days" in capsys.readouterr().out
    assert main(["retention", "--db", demo_url, "--days", "1", "--purge"]) == 0
    first = capsys.readouterr().out.splitlines()
    assert first[0] == "  purging what is older than 1 days"  # what it is doing
    assert first[-1].startswith("purged: ")
    assert "(1 days)" in first[-1]
    assert main(["retention", "--db", demo_url, "--purge"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("purged: 0 reporter contacts and 0 ")


def test_report_writes_json_and_xlsx(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["report", "--db", demo_url, "--period", "week", "--format", "json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["period"]["kind"] == "week"
    assert data["headline"]["reported"] > 0
    out = tmp_path / "month.xlsx"
    args = ["report", "--db", demo_url, "--period", "month", "--out", str(out)]
    assert main([*args, "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == f"wrote {out}"
    assert out.stat().st_size > 1000
    with pytest.raises(SystemExit) as refused:
        main(["report", "--db", demo_url, "--date", "2026-13-01"])
    assert refused.value.code == 2
    assert "not a date (YYYY-MM-DD)" in capsys.readouterr().err
