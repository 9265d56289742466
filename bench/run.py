"""`make bench`: policygen against pandoc on the same Markdown, on this machine, in one run.

For 10 and 50 generated questionnaires (two documents each) it times, with the same parallelism:
policygen to Markdown+HTML, to all three formats, a no-op rebuild; pandoc on policygen's own
Markdown, one process per file through ``xargs -P``, to standalone HTML and to PDF with
``--pdf-engine=weasyprint``. It prints a Markdown table (wall time, time per document, peak
memory) and the ratios the targets are set in, so results from different machines compare.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.generate import generate

VENV_BIN = Path(sys.executable).parent
POLICYGEN = str(VENV_BIN / "policygen")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Run:
    """One timed command."""

    label: str
    seconds: float
    documents: int
    cpu_seconds: float
    """User plus system time of the command and every process it waited for (``wait4``)."""
    largest_process_mb: float
    """The largest single process's peak RSS (``wait4`` rusage)."""
    all_processes_mb: float
    """The peak sum of RSS over the whole process tree (sampled every 0.2 s)."""

    @property
    def per_document_ms(self) -> float:
        return self.seconds * 1000 / self.documents


def _tree_rss(root: int) -> int:
    """Bytes of RSS of ``root`` and all its descendants, right now."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:  # noqa: PTH123 (hot loop)
                    fields = stat.read().rsplit(b")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:  # noqa: PTH123 (hot loop)
                total += int(statm.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            continue
    return total


def measure(
    label: str, command: list[str], documents: int, env: dict[str, str], output: Path | None = None
) -> Run:
    """Run ``command`` to completion (standard output into ``output``); wall time and memory;
    fail loudly if it fails."""
    with tempfile.TemporaryFile() as errors, open(output or os.devnull, "wb") as stdout:  # noqa: PTH123
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=errors, env=env)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.2):
                peak = max(peak, _tree_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(
                f"{label} failed ({process.returncode}):\n{errors.read().decode()[-3000:]}"
            )
    cpu = usage.ru_utime + usage.ru_stime
    return Run(label, seconds, documents, cpu, usage.ru_maxrss / 1024, peak / 2**20)


def pandoc_command(folder: Path, jobs: int, to: str) -> list[str]:
    """One pandoc process per Markdown file, ``jobs`` at a time."""
    extra = "--pdf-engine=weasyprint" if to == "pdf" else ""
    script = (
        f"find {folder} -name '*.md' -print0 | xargs -0 -P {jobs} -I@ "
        f"pandoc @ --standalone --metadata pagetitle=policy {extra} -o @.{to}"
    )
    return ["sh", "-c", script]


def startup_seconds(command: list[str], repeats: int = 9) -> float:
    """Median wall time of a short command."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _noop(build: list[str], out: Path, documents: int, env: dict[str, str]) -> Run:
    """The rebuild right after a full build; it must skip every questionnaire. If it did not,
    something changed the templates meanwhile (the tree is shared): measure once more."""
    summary = out.parent / "noop.json"
    for _ in range(2):
        run = measure(
            "policygen no-op rebuild", [*build, "--json", "-o", str(out)], documents, env, summary
        )
        built = json.loads(summary.read_text(encoding="utf-8"))["counts"]["built"]
        if built == 0:
            return run
        print(
            f"the no-op rebuild built {built} questionnaires (templates changed?); again",
            file=sys.stderr,
        )
    raise SystemExit("the no-op rebuild keeps building: are the templates being edited?")


def bench_size(count: int, jobs: int, work: Path, env: dict[str, str]) -> dict[str, Run]:
    """Every measurement for ``count`` questionnaires."""
    sources = work / f"in-{count}"
    generate(count, sources)
    documents = 2 * count
    build = [POLICYGEN, "build", str(sources), "--quiet", "--jobs", str(jobs)]
    runs = {
        "md_html": measure(
            "policygen md+html",
            [*build, "-f", "md,html", "-o", str(work / f"a-{count}")],
            documents,
            env,
        ),
        "all": measure(
            "policygen md+html+pdf", [*build, "-o", str(work / f"b-{count}")], documents, env
        ),
        "noop": _noop(build, work / f"b-{count}", documents, env),
    }
    markdown = work / f"pandoc-{count}"
    for path in sorted((work / f"a-{count}").rglob("*.md")):
        target = markdown / f"{path.parent.name}-{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    assert len(list(markdown.glob("*.md"))) == documents
    runs["pandoc_html"] = measure(
        "pandoc html (xargs -P)", pandoc_command(markdown, jobs, "html"), documents, env
    )
    runs["pandoc_pdf"] = measure(
        "pandoc pdf, weasyprint (xargs -P)", pandoc_command(markdown, jobs, "pdf"), documents, env
    )
    return runs


def _machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split(
        "\n"
    )[0]
    weasyprint = subprocess.run(
        [str(VENV_BIN / "weasyprint"), "--version"], capture_output=True, text=True
    )
    return (
        f"{model}, {os.cpu_count()} CPUs, {memory:.0f} GiB; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {weasyprint.stdout.strip()}; {pandoc}"
    )


TARGET_SIZE = 50
"""The targets are set for 50 questionnaires; other sizes are shown for the trend."""


def _verdict(size: int | None, ratio: float, target: float, strictly: bool = False) -> str:
    if size not in (None, TARGET_SIZE):
        return "(trend)"
    return "met" if (ratio < target if strictly else ratio <= target) else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10,50", help="questionnaire counts, comma-separated")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folder and print its path"
    )
    arguments = parser.parse_args()
    for tool in ("pandoc", "find", "xargs"):
        if shutil.which(tool) is None:
            raise SystemExit(f"make bench needs {tool} on PATH (Debian: apt-get install {tool})")

    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        "SOURCE_DATE_EPOCH": "1767225600",
    }
    env.pop("CI", None)
    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="policygen-bench-"))
    results = {}
    try:
        for size in (int(part) for part in arguments.sizes.split(",")):
            print(
                f"benchmarking {size} questionnaires with {arguments.jobs} jobs...",
                file=sys.stderr,
                flush=True,
            )
            results[size] = bench_size(size, arguments.jobs, work, env)
        help_seconds = startup_seconds([POLICYGEN, "--help"])
        typer_seconds = startup_seconds([sys.executable, "-c", "import typer"])
    finally:
        if arguments.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()

    print(f"Machine: {_machine()}")
    print(
        f"Load average (1, 5, 15 min): before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
        f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}; --jobs {arguments.jobs}"
    )
    print()
    print(
        "| questionnaires (documents) | run | wall s | per document ms | CPU s | peak MB, largest process | peak MB, all processes |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for size, runs in results.items():
        for run in runs.values():
            print(
                f"| {size} ({run.documents}) | {run.label} | {run.seconds:.2f} | {run.per_document_ms:.0f} | {run.cpu_seconds:.1f} "
                f"| {run.largest_process_mb:.0f} | {run.all_processes_mb:.0f} |"
            )
    print()
    print("| ratio (wall time) | questionnaires | value | target | | same ratio in CPU time |")
    print("|---|---:|---:|---:|---|---:|")
    for size, runs in results.items():
        rows = [
            (
                "policygen all formats / pandoc PDF",
                runs["all"],
                runs["pandoc_pdf"],
                1 / 3,
                "≤ 0.33",
            ),
            (
                "policygen md+html / pandoc HTML",
                runs["md_html"],
                runs["pandoc_html"],
                0.5,
                "≤ 0.50",
            ),
            ("no-op rebuild / full build", runs["noop"], runs["all"], 0.05, "< 0.05"),
        ]
        for label, run, reference, target, shown in rows:
            ratio = run.seconds / reference.seconds
            verdict = _verdict(size, ratio, target, strictly=shown.startswith("<"))
            cpu = run.cpu_seconds / reference.cpu_seconds
            print(f"| {label} | {size} | {ratio:.3f} | {shown} | {verdict} | {cpu:.3f} |")
    startup = help_seconds / typer_seconds
    print(
        f"| `policygen --help` / `python -c 'import typer'` ({help_seconds * 1000:.0f} / "
        f"{typer_seconds * 1000:.0f} ms) | | {startup:.2f} | ≤ 2 | {_verdict(None, startup, 2)} | |"
    )


if __name__ == "__main__":
    main()
