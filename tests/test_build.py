"""The batch build as a library: inputs, incremental skips, check mode, failures, order, time bound."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from tests.helpers import MINIMAL, snapshot

from policygen import batch as batch_module
from policygen.batch import BatchListener, build_batch
from policygen.build import (
    LEFTOVER_AGE_SECONDS,
    build_file,
    planned_outputs,
    render_file,
    write_files,
)
from policygen.decide import BatchOptions, DocumentReport, Status
from policygen.errors import QuestionnaireError
from policygen.inputs import expand_inputs
from policygen.manifest import MANIFEST_NAME, read_manifest
from policygen.options import BuildOptions

MD_HTML = BuildOptions(formats=("md", "html"))
OUT_OF_DATE = "out of date"
SERIAL = BatchOptions(jobs=1)
PARALLEL = BatchOptions(jobs=2)


def questionnaire(folder: Path, name: str, organisation: str = "Voorbeeld BV") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(MINIMAL.replace("Voorbeeld BV", organisation), encoding="utf-8")
    return path


def statuses(reports: list[DocumentReport]) -> list[Status]:
    return [report.status for report in reports]


# --- Inputs ---------------------------------------------------------------------------------


def test_folders_expand_to_their_questionnaires_sorted_without_hidden_files(tmp_path: Path) -> None:
    b = questionnaire(tmp_path / "in", "b.yaml")
    a = questionnaire(tmp_path / "in", "a.yml")
    questionnaire(tmp_path / "in", ".pre-commit-config.yaml")
    (tmp_path / "in" / "notes.txt").write_text("not a questionnaire", encoding="utf-8")
    assert expand_inputs([tmp_path / "in"]) == [a, b]


def test_globs_are_expanded_and_duplicates_built_once(tmp_path: Path) -> None:
    a = questionnaire(tmp_path, "a.yaml")
    b = questionnaire(tmp_path, "b.yaml")
    assert expand_inputs([b, tmp_path / "*.yaml", tmp_path]) == [b, a]


@pytest.mark.parametrize("make", ["empty folder", "pattern"])
def test_inputs_that_name_nothing_are_errors(tmp_path: Path, make: str) -> None:
    (tmp_path / "empty").mkdir()
    item = tmp_path / "empty" if make == "empty folder" else tmp_path / "*.yml"
    with pytest.raises(QuestionnaireError, match=r"no questionnaires|matches no file"):
        expand_inputs([item])


# --- Incremental builds -----------------------------------------------------------------------


def test_unchanged_questionnaire_is_skipped_until_something_it_depends_on_changes(
    tmp_path: Path,
) -> None:
    source = questionnaire(tmp_path, "policy.yaml")
    out = tmp_path / "out"
    assert statuses(build_batch([source], out, MD_HTML, SERIAL)) == [Status.BUILT]
    folder = out / "policy"
    manifest = read_manifest(folder)
    assert manifest is not None and sorted(manifest.outputs) == sorted(
        p.name for p in folder.iterdir() if p.name != MANIFEST_NAME
    )
    before = {p: p.stat().st_mtime_ns for p in folder.iterdir()}

    skipped = build_batch([source], out, MD_HTML, SERIAL)
    assert statuses(skipped) == [Status.SKIPPED]
    assert sorted(skipped[0].outputs) == sorted(
        p for p in folder.iterdir() if p.name != MANIFEST_NAME
    )
    assert {p: p.stat().st_mtime_ns for p in folder.iterdir()} == before, "a skip writes nothing"

    assert statuses(build_batch([source], out, MD_HTML, BatchOptions(jobs=1, force=True))) == [
        Status.BUILT
    ]
    # Other formats are another build; an output edited or deleted by hand is rebuilt.
    assert statuses(build_batch([source], out, BuildOptions(formats=("md",)), SERIAL)) == [
        Status.BUILT
    ]
    assert statuses(build_batch([source], out, BuildOptions(formats=("md",)), SERIAL)) == [
        Status.SKIPPED
    ]
    markdown = next(folder.glob("socialemediabeleid-*.md"))
    markdown.write_text("edited by hand\n", encoding="utf-8")
    assert statuses(build_batch([source], out, BuildOptions(formats=("md",)), SERIAL)) == [
        Status.BUILT
    ]
    assert markdown.read_text(encoding="utf-8") != "edited by hand\n"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Voorbeeld BV", "Ander BV"), encoding="utf-8"
    )
    assert statuses(build_batch([source], out, BuildOptions(formats=("md",)), SERIAL)) == [
        Status.BUILT
    ]
    assert "Ander BV" in markdown.read_text(encoding="utf-8")


def edit(source: Path, old: str, new: str) -> None:
    source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def outputs_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name != MANIFEST_NAME}


def test_a_build_of_some_formats_keeps_the_files_of_the_others(tmp_path: Path) -> None:
    source = questionnaire(tmp_path, "policy.yaml")
    out = tmp_path / "out"
    build_batch([source], out, MD_HTML, SERIAL)
    everything = snapshot(out / "policy")
    [report] = build_batch(
        [source], out, BuildOptions(formats=("md",)), BatchOptions(jobs=1, force=True)
    )
    assert report.status is Status.BUILT and len(report.outputs) == 2
    assert snapshot(out / "policy").keys() == everything.keys()
    assert all(
        snapshot(out / "policy")[n] == everything[n] for n in everything if "manifest" not in n
    )
    # The earlier full build is still on record: it is up to date again, without rendering.
    assert statuses(build_batch([source], out, MD_HTML, SERIAL)) == [Status.SKIPPED]


@pytest.mark.parametrize(
    ("old", "new", "before", "after"),
    [
        pytest.param('"1.0"', '"2.0"', "-v1.0.", "-v2.0.", id="version"),
        pytest.param(
            "  version:",
            "  title: Online gedrag\n  version:",
            "socialemediabeleid-v1.0",
            "online-gedrag-v1.0",
            id="title",
        ),
    ],
)
def test_a_new_version_or_title_keeps_the_old_files_until_clean(
    tmp_path: Path, old: str, new: str, before: str, after: str
) -> None:
    source = questionnaire(tmp_path, "policy.yaml")
    out, folder = tmp_path / "out", tmp_path / "out" / "policy"
    build_batch([source], out, MD_HTML, SERIAL)
    first = outputs_in(folder)
    assert any(before in name for name in first)
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    edit(source, old, new)
    [report] = build_batch([source], out, MD_HTML, SERIAL)
    assert report.status is Status.BUILT and not report.removed
    assert first < outputs_in(folder), "the old version's files stay"
    assert any(after in name for name in outputs_in(folder))

    [cleaned] = build_batch([source], out, MD_HTML, BatchOptions(jobs=1, clean=True))
    assert cleaned.status is Status.SKIPPED
    assert {p.name for p in cleaned.removed} == {
        n for n in first if n not in {p.name for p in report.outputs}
    }
    assert outputs_in(folder) == {p.name for p in report.outputs} | {"notes.txt"}
    assert set(read_manifest(folder).outputs) == {p.name for p in report.outputs}  # type: ignore[union-attr]


def test_clean_removes_only_listed_files_as_policygen_wrote_them(tmp_path: Path) -> None:
    source = questionnaire(tmp_path, "policy.yaml")
    out, folder = tmp_path / "out", tmp_path / "out" / "policy"
    build_batch([source], out, MD_HTML, SERIAL)
    old_md = next(folder.glob("socialemediabeleid-*.md"))
    old_html = next(folder.glob("socialemediabeleid-*.html"))
    old_html.write_text("edited by hand", encoding="utf-8")
    (folder / "socialemediabeleid-v0.9.md").write_text("an older record", encoding="utf-8")
    edit(source, '"1.0"', '"2.0"')
    [report] = build_batch([source], out, MD_HTML, BatchOptions(jobs=1, clean=True))
    assert report.status is Status.BUILT
    assert old_md in report.removed and not old_md.exists()
    assert old_html.read_text(encoding="utf-8") == "edited by hand"
    assert any("changed since policygen wrote it" in str(w) for w in report.warnings)
    assert (folder / "socialemediabeleid-v0.9.md").exists(), "not in the manifest: never removed"


def test_build_file_writes_a_manifest_the_batch_trusts(tmp_path: Path) -> None:
    source = questionnaire(tmp_path, "policy.yaml")
    result = build_file(source, tmp_path / "out", MD_HTML)
    assert len(result.outputs) == 4
    assert statuses(build_batch([source], tmp_path / "out", MD_HTML, SERIAL)) == [Status.SKIPPED]


def test_strict_fails_a_skipped_questionnaire_whose_last_build_had_warnings(tmp_path: Path) -> None:
    source = tmp_path / "policy.yaml"
    source.write_text(MINIMAL + "monitoring:\n  monitors_public_posts: true\n", encoding="utf-8")
    out = tmp_path / "out"
    [first] = build_batch([source], out, MD_HTML, SERIAL)
    assert first.status is Status.BUILT and first.warnings
    [again] = build_batch([source], out, BuildOptions(formats=("md", "html"), strict=True), SERIAL)
    assert again.status is Status.FAILED
    assert again.error is not None and "--strict" in again.error
    assert [str(w) for w in again.warnings] == [str(w) for w in first.warnings]


# --- Check mode -------------------------------------------------------------------------------


def test_check_compares_with_disk_and_writes_nothing(tmp_path: Path) -> None:
    source = questionnaire(tmp_path, "policy.yaml")
    out = tmp_path / "out"
    missing = build_batch([source], out, MD_HTML, BatchOptions(jobs=1, check=True))
    assert statuses(missing) == [Status.STALE]
    assert {stale.reason for stale in missing[0].stale} == {"missing"}
    assert not out.exists(), "--check must not write"

    build_batch([source], out, MD_HTML, SERIAL)
    assert statuses(build_batch([source], out, MD_HTML, BatchOptions(jobs=1, check=True))) == [
        Status.CURRENT
    ]

    before = snapshot(out)
    source.write_text(
        source.read_text(encoding="utf-8").replace("Voorbeeld BV", "Ander BV"), encoding="utf-8"
    )
    [stale] = build_batch([source], out, MD_HTML, BatchOptions(jobs=1, check=True))
    assert stale.status is Status.STALE
    assert {s.path.name for s in stale.stale} == {p.name for p in (out / "policy").glob("*.*")} - {
        MANIFEST_NAME
    }
    assert {s.reason for s in stale.stale} == {OUT_OF_DATE}
    assert snapshot(out) == before


def test_check_decides_from_the_manifest_without_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = questionnaire(tmp_path, "policy.yaml")
    clause = tmp_path / "eigen.md"
    clause.write_text("## Eigen regels\n\nWij doen het zo.\n", encoding="utf-8")
    source.write_text(
        MINIMAL + "customisation:\n  add:\n    - {file: eigen.md, after: crisis-and-escalation}\n",
        encoding="utf-8",
    )
    out, folder = tmp_path / "out", tmp_path / "out" / "policy"
    build_batch([source], out, MD_HTML, SERIAL)

    def no_rendering(source: Path, options: BuildOptions) -> None:
        raise AssertionError("--check rendered")

    monkeypatch.setattr(batch_module, "render_file", no_rendering)
    check = BatchOptions(jobs=1, check=True)
    assert statuses(build_batch([source], out, MD_HTML, check)) == [Status.CURRENT]
    clause.write_text("## Eigen regels\n\nWij doen het anders.\n", encoding="utf-8")
    [edited] = build_batch([source], out, MD_HTML, check)
    assert edited.status is Status.STALE, "a clause file is an input too"
    assert {s.path.name for s in edited.stale} == outputs_in(folder)
    markdown = next(folder.glob("socialemediabeleid-*.md"))
    clause.write_text("## Eigen regels\n\nWij doen het zo.\n", encoding="utf-8")
    markdown.write_text("edited by hand", encoding="utf-8")
    [hand] = build_batch([source], out, MD_HTML, check)
    assert [(s.path, s.reason) for s in hand.stale] == [(markdown, "differs")]

    (folder / MANIFEST_NAME).unlink()
    monkeypatch.undo()
    [rendered] = build_batch([source], out, MD_HTML, check)
    assert rendered.notes and "rendered the documents to compare" in rendered.notes[0]
    assert [(s.path, s.reason) for s in rendered.stale] == [(markdown, "differs")]


# --- Batches: failures, order, time bound -----------------------------------------------------


def test_one_bad_questionnaire_fails_alone_and_keeps_its_old_outputs(tmp_path: Path) -> None:
    sources = [
        questionnaire(tmp_path / "in", f"{name}.yaml", name)
        for name in ("alpha", "bravo", "charlie")
    ]
    out = tmp_path / "out"
    assert statuses(build_batch(sources, out, MD_HTML, PARALLEL)) == [Status.BUILT] * 3
    before = snapshot(out / "bravo")
    sources[1].write_text("policygen: 1\nlanguage: xx\n", encoding="utf-8")

    reports = build_batch(sources, out, MD_HTML, BatchOptions(jobs=2, force=True))
    assert statuses(reports) == [Status.BUILT, Status.FAILED, Status.BUILT]
    assert reports[1].error is not None and f"{sources[1]}:2:" in reports[1].error
    assert snapshot(out / "bravo") == before
    assert not list(out.rglob("*.tmp"))


class Recorder(BatchListener):
    def __init__(self) -> None:
        self.started: int | None = None
        self.advanced = 0
        self.documents: list[Path] = []

    def start(self, total: int) -> None:
        self.started = total

    def advance(self) -> None:
        self.advanced += 1

    def document(self, report: DocumentReport) -> None:
        self.documents.append(report.source)


def test_reports_follow_the_inputs_not_the_order_workers_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ["zulu", "alpha", "mike", "bravo"]
    sources = [questionnaire(tmp_path / "in", f"{name}.yaml", name) for name in names]
    build_batch(sources[2:], tmp_path / "out", MD_HTML, SERIAL)  # these two will be skipped
    real_render = render_file

    def first_is_slowest(
        source: Path, options: BuildOptions, kinds: object = None, loaded: object = None
    ) -> tuple[dict[str, bytes], list[object]]:
        if source.stem == "zulu":
            time.sleep(0.5)
        return real_render(source, options, kinds, loaded)  # type: ignore[arg-type, return-value]

    monkeypatch.setattr(batch_module, "render_file", first_is_slowest)  # forked workers inherit it
    recorder = Recorder()
    reports = build_batch(sources, tmp_path / "out", MD_HTML, PARALLEL, recorder)
    assert [r.source for r in reports] == sources
    assert recorder.documents == sources
    assert recorder.started == 4 and recorder.advanced == 4
    assert statuses(reports) == [Status.BUILT, Status.BUILT, Status.SKIPPED, Status.SKIPPED]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_questionnaire_over_the_time_bound_fails_and_the_others_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    sources = [
        questionnaire(tmp_path / "in", f"{name}.yaml", name) for name in ("fast", "stuck", "next")
    ]
    real_render = render_file

    def hangs_on_stuck(
        source: Path, options: BuildOptions, kinds: object = None, loaded: object = None
    ) -> tuple[dict[str, bytes], list[object]]:
        if source.stem == "stuck":
            while True:  # a layout that never ends
                time.sleep(0.01)
        return real_render(source, options, kinds, loaded)  # type: ignore[arg-type, return-value]

    monkeypatch.setattr(batch_module, "render_file", hangs_on_stuck)
    started = time.perf_counter()
    # 3 s: far above a real document's render even on a loaded CI machine, so only "stuck" fails.
    reports = build_batch(sources, tmp_path / "out", MD_HTML, BatchOptions(jobs=jobs, timeout=3))
    assert time.perf_counter() - started < 20
    assert statuses(reports) == [Status.BUILT, Status.FAILED, Status.BUILT]
    assert reports[1].error is not None and "stopped after 3 s" in reports[1].error
    assert not (tmp_path / "out" / "stuck").exists()


def test_a_worker_that_dies_costs_only_its_own_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ("alpha", "crash", "charlie", "delta")
    sources = [questionnaire(tmp_path / "in", f"{name}.yaml", name) for name in names]
    real_render = render_file

    def killed_on_crash(
        source: Path, options: BuildOptions, kinds: object = None, loaded: object = None
    ) -> tuple[dict[str, bytes], list[object]]:
        if source.stem == "crash":
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        return real_render(source, options, kinds, loaded)  # type: ignore[arg-type, return-value]

    monkeypatch.setattr(batch_module, "render_file", killed_on_crash)
    reports = build_batch(sources, tmp_path / "out", MD_HTML, PARALLEL)
    assert statuses(reports) == [Status.BUILT, Status.FAILED, Status.BUILT, Status.BUILT]
    assert reports[1].error is not None and "worker process stopped" in reports[1].error


def test_a_document_stuck_where_the_alarm_cannot_reach_is_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [
        questionnaire(tmp_path / "in", f"{name}.yaml", name)
        for name in ("alpha", "stuck", "charlie")
    ]
    real_render = render_file

    def stuck_in_c(
        source: Path, options: BuildOptions, kinds: object = None, loaded: object = None
    ) -> tuple[dict[str, bytes], list[object]]:
        if source.stem == "stuck":
            signal.pthread_sigmask(
                signal.SIG_BLOCK, {signal.SIGALRM}
            )  # like C code that never returns
            while True:
                time.sleep(0.05)
        return real_render(source, options, kinds, loaded)  # type: ignore[arg-type, return-value]

    monkeypatch.setattr(batch_module, "render_file", stuck_in_c)
    started = time.perf_counter()
    reports = build_batch(sources, tmp_path / "out", MD_HTML, BatchOptions(jobs=2, timeout=3))
    assert time.perf_counter() - started < 30
    assert statuses(reports) == [Status.BUILT, Status.FAILED, Status.BUILT]
    assert reports[1].error is not None and "worker process was killed" in reports[1].error


def test_write_files_keeps_a_file_whose_name_extends_another(tmp_path: Path) -> None:
    """Clearing `.policy.yaml.*.tmp` leftovers must not delete the new `.policy.yaml.bak.*.tmp`."""
    leftover(tmp_path / ".policy.yaml.old.tmp")
    written = write_files(tmp_path, {"policy.yaml.bak": b"old", "policy.yaml": b"new"})
    assert [p.read_bytes() for p in written] == [b"old", b"new"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_check_reports_an_invalid_questionnaire_without_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "policy.yaml"
    source.write_text(
        MINIMAL + "customisation:\n  replace:\n    summary: missing.md\n", encoding="utf-8"
    )

    def no_rendering(source: Path, options: BuildOptions) -> None:
        raise AssertionError("--check rendered")

    monkeypatch.setattr(batch_module, "render_file", no_rendering)
    [report] = build_batch([source], tmp_path / "out", MD_HTML, BatchOptions(jobs=1, check=True))
    assert report.status is Status.FAILED
    assert report.error is not None and "file not found: 'missing.md'" in report.error


def leftover(path: Path) -> Path:
    """A temporary file as a build killed long ago left it."""
    path.write_bytes(b"left by a killed build")
    old = time.time() - LEFTOVER_AGE_SECONDS - 60
    os.utime(path, (old, old))
    return path


def test_another_builds_temporary_in_flight_is_kept(tmp_path: Path) -> None:
    in_flight = tmp_path / ".policy.md.a1b2c3.tmp"
    in_flight.write_bytes(b"being written by a concurrent build")
    write_files(tmp_path, {"policy.md": b"new"})
    assert in_flight.exists()


def test_two_concurrent_builds_into_one_folder_never_break_each_other(tmp_path: Path) -> None:
    sources = [questionnaire(tmp_path / "in", f"{name}.yaml", name) for name in ("alpha", "bravo")]
    out = tmp_path / "out"
    failures: list[str] = []

    def build_again_and_again() -> None:
        for _ in range(15):
            reports = build_batch(sources, out, MD_HTML, BatchOptions(jobs=1, force=True))
            failures.extend(r.error for r in reports if r.error is not None)

    builds = [threading.Thread(target=build_again_and_again) for _ in range(2)]
    for thread in builds:
        thread.start()
    for thread in builds:
        thread.join()
    assert failures == []
    assert not list(out.rglob("*.tmp"))


@pytest.mark.parametrize("form", [False, True], ids=["two-documents", "with-acknowledgement-form"])
def test_check_names_exactly_the_files_a_build_makes(tmp_path: Path, form: bool) -> None:
    source = questionnaire(tmp_path, "policy.yaml")
    if form:
        source.write_text(
            MINIMAL + "introduction:\n  acknowledgement_required: true\n", encoding="utf-8"
        )
    files, _ = render_file(source, MD_HTML)
    assert sorted(planned_outputs(source, MD_HTML)) == sorted(files)
    assert len(files) == (6 if form else 4)
