"""Video wall benchmark: 16 live sub-stream tiles (640x360, 25 fps) for 30 s,
beside decoding the same 16 streams with PyAV and nothing else. Prints JSON.

    xvfb-run -a -s "-screen 0 1920x1080x24" python bench/videowall.py [--seconds 30]

The camera simulator runs in a process of its own and is not counted. The wall,
the decode-only reader and a decode-and-scale reader (decoding plus converting
each frame to a tile's size: the least any CPU display path must do) run one
after the other in child processes, so each one's CPU time (all its threads,
from /proc) is its own. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

TILES = 16
WARM_UP_S = 3.0


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all threads (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _xvfb_pid() -> int | None:
    """The X server this run draws on, whose CPU is part of showing frames."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "Xvfb":
                    return int(entry.name)
            except OSError:
                continue
    return None


def wall(port: int, seconds: float) -> dict[str, Any]:
    """In this process: the wall with 16 tiles, measured once all are live."""
    from PySide6.QtCore import QEventLoop, QTimer

    from commandcenter.camsim.process import CamsimProcess
    from commandcenter.views.kernel.stall_meter import StallMeter
    from commandcenter.views.shell.app import application, wait_until
    from commandcenter.views.video.video_tile import TileState
    from commandcenter.views.video.video_wall import VideoWall

    sim = CamsimProcess.attach(port)
    with application("zh_CN") as (_app, runner):
        view = VideoWall(max_decoders=TILES)
        view.set_cameras(sim.generic_cameras(TILES))
        view.resize(1920, 1050)
        view.show()
        view.set_layout("16")
        view.show_cameras([f"SIM{n:03d}" for n in range(1, TILES + 1)])
        started = time.monotonic()
        wait_until(lambda: all(t.state is TileState.LIVE for t in view.tiles), 60)
        live_s = time.monotonic() - started
        wait_until(lambda: time.monotonic() - started > live_s + WARM_UP_S, 10)

        xvfb = _xvfb_pid()
        sent_before = sim.frames_sent()
        shown_before = [t.frames for t in view.tiles]
        cpu_before = _cpu_seconds(os.getpid())
        xvfb_before = _cpu_seconds(xvfb) if xvfb else 0.0
        meter = StallMeter()
        meter.start()
        began = time.monotonic()
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()  # the wall runs as in the app: no polling, no sleeps
        elapsed = time.monotonic() - began
        meter.stop()
        cpu = _cpu_seconds(os.getpid()) - cpu_before
        xvfb_cpu = (_cpu_seconds(xvfb) - xvfb_before) if xvfb else None
        sent_after = sim.frames_sent()
        shown = [t.frames - b for t, b in zip(view.tiles, shown_before, strict=True)]
        sent = [
            sent_after.get(f"SIM{n:03d}/sub", 0) - sent_before.get(f"SIM{n:03d}/sub", 0)
            for n in range(1, TILES + 1)
        ]
        reconnects = sum(t.state is not TileState.LIVE for t in view.tiles)
        view.stop()
        runner.shutdown()
    ratios = [s / max(1, n) for s, n in zip(shown, sent, strict=True)]
    return {
        "tiles": TILES,
        "seconds": round(elapsed, 1),
        "all_live_s": round(live_s, 2),
        "frames_sent": sum(sent),
        "frames_shown": sum(shown),
        "frames_shown_ratio": round(sum(shown) / max(1, sum(sent)), 3),
        "frames_shown_ratio_worst_tile": round(min(ratios), 3),
        "tiles_not_live_at_end": reconnects,
        "wall_cpu_pct": round(100 * cpu / elapsed, 1),
        "xvfb_cpu_pct": None
        if xvfb_cpu is None
        else round(100 * xvfb_cpu / elapsed, 1),
        "gui_stall_p99_ms": round(meter.percentile_ms(0.99), 1),
        "gui_stall_max_ms": round(meter.longest_ms, 1),
    }


TILE_PICTURE = (436, 246)  # a 16:9 picture in one tile of layout 16 at 1920x1050


def decode_only(port: int, seconds: float, scale: bool = False) -> dict[str, Any]:
    """In this process: PyAV decodes the same 16 streams, nothing shown. With
    `scale`, each frame is also converted to BGRA at a 4x4 tile's picture size
    (libswscale, fast bilinear): the least any CPU display path must do."""
    import av

    stop = threading.Event()
    counts = [0] * TILES

    def read(index: int) -> None:
        url = f"http://127.0.0.1:{port}/SIM{index + 1:03d}/sub.ts"
        with av.open(url, options={"probesize": "8192"}) as container:
            for frame in container.decode(video=0):
                if scale:
                    width, height = TILE_PICTURE
                    frame.reformat(
                        width=width,
                        height=height,
                        format="bgra",
                        interpolation="FAST_BILINEAR",
                    )
                counts[index] += 1
                if stop.is_set():
                    return

    threads = [threading.Thread(target=read, args=(i,)) for i in range(TILES)]
    for thread in threads:
        thread.start()
    time.sleep(WARM_UP_S)
    before = list(counts)
    cpu_before = _cpu_seconds(os.getpid())
    began = time.monotonic()
    time.sleep(seconds)
    elapsed = time.monotonic() - began
    cpu = _cpu_seconds(os.getpid()) - cpu_before
    decoded = sum(counts) - sum(before)
    stop.set()
    for thread in threads:
        thread.join(10)
    key = "decode_and_scale" if scale else "decode_only"
    return {
        f"{key}_cpu_pct": round(100 * cpu / elapsed, 1),
        f"{key}_frames": decoded,
    }


def _child(mode: str, port: int, seconds: float) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, __file__, f"--{mode}", str(port), "--seconds", str(seconds)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--wall", type=int, metavar="PORT", help=argparse.SUPPRESS)
    for mode in ("--decode-only", "--decode-and-scale"):
        parser.add_argument(mode, type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.wall:
        print(json.dumps(wall(args.wall, args.seconds)))
        return
    if args.decode_only:
        print(json.dumps(decode_only(args.decode_only, args.seconds)))
        return
    if args.decode_and_scale:
        print(json.dumps(decode_only(args.decode_and_scale, args.seconds, scale=True)))
        return

    from commandcenter.camsim.process import CamsimProcess

    with CamsimProcess.generic(TILES) as sim:
        result: dict[str, Any] = {"benchmark": "videowall", "cpu_count": os.cpu_count()}
        result.update(_child("wall", sim.port, args.seconds))
        result.update(_child("decode-only", sim.port, args.seconds))
        result.update(_child("decode-and-scale", sim.port, args.seconds))
    floor = max(0.1, result["decode_only_cpu_pct"])
    result["wall_vs_decode_only_cpu"] = round(result["wall_cpu_pct"] / floor, 2)
    result["decode_and_scale_vs_decode_only_cpu"] = round(
        result["decode_and_scale_cpu_pct"] / floor, 2
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
