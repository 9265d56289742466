"""`make bench`: policygen against pandoc on the same Markdown, on this machine, in one run.

For 10 and 50 generated questionnaires (two documents each) it times, with the same parallelism:
policygen to Markdown+HTML, to all three formats, a no-op rebuild; pandoc on policygen's own
Markdown, one process per file through ``xargs -P``, to standalone HTML and to PDF with
``--pdf-engine=weasyprint``. Then the edit loop: the largest example alone, all formats, against
pandoc making its two PDFs with ``xargs -P 2``; ``--jobs 1`` against ``--jobs 2`` on 20
questionnaires; and the floor, WeasyPrint's layout of each of the largest example's documents in
a warm process. It prints a Markdown table (wall time, CPU time, time per document, peak
memory), the load average, and the ratios the targets are set in.
"""

from __future__ import annotations

import argparse
import dataclasses
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
    build = [POLICYGEN, "build", str(sources), "--quiet", "--jobs", str(jobs)]
    md_html = measure(
        "policygen md+html",
        [*build, "-f", "md,html", "-o", str(work / f"a-{count}")],
        2 * count,
        env,
    )
    markdown = work / f"pandoc-{count}"
    for path in sorted((work / f"a-{count}").rglob("*.md")):
        target = markdown / f"{path.parent.name}-{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    # Two per questionnaire, and an acknowledgement form where one is asked for.
    documents = len(list(markdown.glob("*.md")))
    assert documents >= 2 * count
    runs = {
        "md_html": dataclasses.replace(md_html, documents=documents),
        "all": measure(
            "policygen md+html+pdf", [*build, "-o", str(work / f"b-{count}")], documents, env
        ),
        "noop": _noop(build, work / f"b-{count}", documents, env),
    }
    runs["pandoc_html"] = measure(
        "pandoc html (xargs -P)", pandoc_command(markdown, jobs, "html"), documents, env
    )
    runs["pandoc_pdf"] = measure(
        "pandoc pdf, weasyprint (xargs -P)", pandoc_command(markdown, jobs, "pdf"), documents, env
    )
    return runs


LARGEST = max(
    sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml")),
    key=lambda p: p.stat().st_size,
)
"""The edit loop's questionnaire: the largest example."""


def bench_single(work: Path, env: dict[str, str]) -> dict[str, Run]:
    """One questionnaire, all formats, default --jobs; pandoc makes the same two PDFs at once."""
    out = work / "single"
    runs = {
        "single": measure(
            "policygen one questionnaire, all formats",
            [POLICYGEN, "build", str(LARGEST), "--quiet", "-o", str(out)],
            2,
            env,
        )
    }
    markdown = work / "single-pandoc"
    markdown.mkdir()
    for path in sorted(out.rglob("*.md")):
        shutil.copyfile(path, markdown / path.name)
    runs["single_pandoc"] = measure(
        "pandoc its two PDFs (xargs -P 2)", pandoc_command(markdown, 2, "pdf"), 2, env
    )
    return runs


def bench_jobs(count: int, work: Path, env: dict[str, str]) -> dict[str, Run]:
    """The same batch, all formats, with one worker and with two."""
    sources = work / f"jobs-in-{count}"
    generate(count, sources)
    return {
        f"jobs{jobs}": measure(
            f"policygen md+html+pdf --jobs {jobs}",
            [
                POLICYGEN,
                "build",
                str(sources),
                "--quiet",
                "--jobs",
                str(jobs),
                "-o",
                str(work / f"jobs-{jobs}"),
            ],
            2 * count,
            env,
        )
        for jobs in (1, 2)
    }


FLOOR = """
import sys, time
from pathlib import Path
from policygen.build import BuildOptions, render_outputs
from policygen.questionnaire import load
from policygen.render.pdf import html_to_pdf, warm_up

warm_up()
files, _ = render_outputs(load(Path(sys.argv[1])), BuildOptions(formats=("html",)))
for name, page in files.items():
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        html_to_pdf(page.decode())
        best = min(best, time.process_time() - start)
    print(f"{name.removesuffix('.html')}\t{best:.2f}")
"""


def layout_floor(env: dict[str, str]) -> dict[str, float]:
    """CPU seconds WeasyPrint takes to lay out and draw each document of the largest example in
    a warm process (the better of two): no build of it can be faster than its longest one."""
    result = subprocess.run(
        [sys.executable, "-c", FLOOR, str(LARGEST)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return {
        name: float(seconds)
        for name, seconds in (line.split("\t") for line in result.stdout.splitlines())
    }


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
"""The batch targets are set for 50 questionnaires; other sizes are shown for the trend."""
JOBS_SIZE = 20
"""``--jobs 1`` against ``--jobs 2`` is measured on this many questionnaires."""


@dataclass(frozen=True)
class Target:
    """One goal: ``run`` against ``reference`` in wall or CPU time, at most (or below) ``limit``."""

    label: str
    size: int | None
    run: Run
    reference: Run
    measure: str
    limit: float
    strictly: bool = False

    def row(self) -> str:
        wall = self.run.seconds / self.reference.seconds
        cpu = self.run.cpu_seconds / self.reference.cpu_seconds
        value = wall if self.measure == "wall" else cpu
        if self.size not in (None, TARGET_SIZE):
            verdict = "(trend)"
        else:
            verdict = (
                "met"
                if (value < self.limit if self.strictly else value <= self.limit)
                else "MISSED"
            )
        shown = f"{self.measure} {'<' if self.strictly else '≤'} {self.limit:g}"
        size = "" if self.size is None else str(self.size)
        return f"| {self.label} | {size} | {wall:.3f} | {cpu:.3f} | {shown} | {verdict} |"


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
    results: dict[int | None, dict[str, Run]] = {}
    try:
        print(f"benchmarking {LARGEST.name} alone...", file=sys.stderr, flush=True)
        results[None] = bench_single(work, env)
        floor = layout_floor(env)
        for size in (int(part) for part in arguments.sizes.split(",")):
            print(
                f"benchmarking {size} questionnaires with {arguments.jobs} jobs...",
                file=sys.stderr,
                flush=True,
            )
            results[size] = bench_size(size, arguments.jobs, work, env)
        print(f"benchmarking --jobs 1 and 2 on {JOBS_SIZE}...", file=sys.stderr, flush=True)
        results[JOBS_SIZE] = {**results.get(JOBS_SIZE, {}), **bench_jobs(JOBS_SIZE, work, env)}
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
            count = LARGEST.name if size is None else f"{size} ({run.documents})"
            print(
                f"| {count} | {run.label} | {run.seconds:.2f} | {run.per_document_ms:.0f} | {run.cpu_seconds:.1f} "
                f"| {run.largest_process_mb:.0f} | {run.all_processes_mb:.0f} |"
            )
    print()
    single = results[None]
    targets = [
        Target(
            "one questionnaire, all formats / pandoc its two PDFs",
            None,
            single["single"],
            single["single_pandoc"],
            "wall",
            0.6,
        ),
    ]
    for size, runs in results.items():
        if "all" in runs:
            targets += [
                Target(
                    "policygen all formats / pandoc PDF",
                    size,
                    runs["all"],
                    runs["pandoc_pdf"],
                    "CPU",
                    0.5,
                ),
                Target(
                    "policygen md+html / pandoc HTML",
                    size,
                    runs["md_html"],
                    runs["pandoc_html"],
                    "wall",
                    0.5,
                ),
                Target(
                    "no-op rebuild / full build",
                    size,
                    runs["noop"],
                    runs["all"],
                    "wall",
                    0.05,
                    strictly=True,
                ),
            ]
    jobs = results[JOBS_SIZE]
    targets.append(
        Target(
            "`--jobs 2` / `--jobs 1` (speed-up ≥ 1.7)",
            None,
            jobs["jobs2"],
            jobs["jobs1"],
            "wall",
            1 / 1.7,
        )
    )
    print("| ratio | questionnaires | wall time | CPU time | target | |")
    print("|---|---:|---:|---:|---|---|")
    for target in targets:
        print(target.row())
    startup = help_seconds / typer_seconds
    verdict = "met" if startup <= 2 else "MISSED"
    print(
        f"| `policygen --help` / `python -c 'import typer'` ({help_seconds * 1000:.0f} / "
        f"{typer_seconds * 1000:.0f} ms) | | {startup:.2f} | | wall ≤ 2 | {verdict} |"
    )
    print()
    print(
        f"Speed-up of --jobs 2 over --jobs 1: {jobs['jobs1'].seconds / jobs['jobs2'].seconds:.2f} (wall)"
    )
    print(
        f"Floor, WeasyPrint layout of {LARGEST.name} in a warm process (CPU s): "
        + ", ".join(f"{name} {seconds:.2f}" for name, seconds in floor.items())
    )


if __name__ == "__main__":
    main()
