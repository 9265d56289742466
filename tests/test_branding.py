"""House style: logo, colour, font and cover page; files read safely; the same look in HTML and PDF."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from tests.helpers import MINIMAL
from typer.testing import CliRunner

from policygen.build import render_outputs
from policygen.cli import app
from policygen.errors import QuestionnaireError
from policygen.options import BuildOptions
from policygen.questionnaire import load
from policygen.questionnaire.colour import AA_TEXT, lowest_contrast
from policygen.render.branding import MAX_LOGO_BYTES, read_branding, sanitise_svg

NOTO_SERIF = Path("examples/northwind-trading/NotoSerif-Regular.woff2")
SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
 width="40" height="20" onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(https://evil.example/x.css);</style>
  <foreignObject><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs>
  <rect width="40" height="20" fill="url(#g)" onclick="steal()"/>
  <rect width="4" height="2" fill="url(https://evil.example/p.svg#x)"/>
  <image href="https://evil.example/tracker.png" width="1" height="1"/>
  <use xlink:href="https://evil.example/sprite.svg#a"/>
  <use href="#g"/>
  <a href="javascript:alert(3)"><text x="1" y="15">Logo</text></a>
  <text x="1" y="15" font-size="12">Zorg<tspan fill="#fff">groep</tspan> BV</text>
</svg>"""
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def branded(write_yaml: Callable[..., Path], tmp_path: Path) -> Callable[..., Path]:
    """A questionnaire with the given ``branding`` section, its files written beside it."""

    def write(branding: dict[str, object], files: dict[str, bytes] | None = None) -> Path:
        for name, data in (files or {}).items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_bytes(data)
        return write_yaml(MINIMAL + yaml.safe_dump({"branding": branding}))

    return write


def refusal(path: Path) -> str:
    with pytest.raises(QuestionnaireError) as raised:
        read_branding(load(path))
    return str(raised.value)


def test_logo_and_colour_reach_the_html_as_data_url_and_accent(
    branded: Callable[..., Path],
) -> None:
    path = branded(
        {"logo": "brand/logo.svg", "logo_alt": "Logo Voorbeeld", "colour": "#00594F"},
        {"brand/logo.svg": SVG},
    )
    files, _ = render_outputs(load(path), BuildOptions(formats=("html",)))
    for html in (data.decode() for data in files.values()):
        assert re.search(
            r'<img class="logo" src="data:image/svg\+xml;base64,[^"]+" alt="Logo Voorbeeld">', html
        )
        assert ":root { --accent: #00594f; }" in html
        assert "brand/logo.svg" not in html


def test_without_logo_alt_the_logo_is_named_after_the_organisation(
    branded: Callable[..., Path],
) -> None:
    style = read_branding(load(branded({"logo": "logo.png"}, {"logo.png": PNG})))
    assert style.logo is not None and style.logo.startswith("data:image/png;base64,")
    assert style.logo_alt == "Logo Voorbeeld BV"


def test_svg_keeps_drawing_and_loses_script_events_and_outside_references() -> None:
    clean = sanitise_svg(SVG, "logo.svg").decode()
    for gone in ("script", "alert", "onload", "onclick", "foreignObject", "@import", "evil",
                 "javascript", "<style", "<image", "<a "):  # fmt: skip
        assert gone not in clean, gone
    assert 'fill="url(#g)"' in clean and 'href="#g"' in clean
    assert "Zorg<tspan" in clean and "groep</tspan> BV" in clean


@pytest.mark.parametrize(
    "svg",
    [
        b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        b"<html><body>not an svg</body></html>",
        b"<svg",
    ],
    ids=["entities", "not-svg", "broken"],
)
def test_an_svg_that_is_not_plain_svg_is_refused(branded: Callable[..., Path], svg: bytes) -> None:
    message = refusal(branded({"logo": "logo.svg"}, {"logo.svg": svg}))
    assert re.search(r"policy\.yaml:\d+:\d+: branding\.logo: 'logo\.svg' is not", message)


@pytest.mark.parametrize(
    ("written", "files", "expected"),
    [
        ("../logo.png", {}, "leaves the questionnaire's folder"),
        ("/etc/logo.png", {}, "is an absolute path"),
        ("missing.png", {}, "file not found: 'missing.png'"),
        ("big.png", {"big.png": PNG + bytes(MAX_LOGO_BYTES)}, "a logo file may be at most 1 MiB"),
        ("fake.png", {"fake.png": b"GIF89a"}, "'fake.png' is not a PNG image"),
        ("logo.gif", {"logo.gif": b"GIF89a"}, "give the logo as a PNG, JPEG or SVG file"),
    ],
)
def test_logo_path_and_file_errors_name_file_line_and_field(
    branded: Callable[..., Path], written: str, files: dict[str, bytes], expected: str
) -> None:
    message = refusal(branded({"logo": written}, files))
    assert re.search(r"policy\.yaml:\d+:\d+: branding\.logo: ", message), message
    assert expected in message


def test_a_logo_link_out_of_the_folder_is_refused(
    branded: Callable[..., Path], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "logo.png"
    outside.write_bytes(PNG)
    (tmp_path / "logo.png").symlink_to(outside)
    assert "a link that leaves its folder" in refusal(branded({"logo": "logo.png"}))


def test_a_colour_below_aa_is_refused_with_the_nearest_shade_that_passes(
    branded: Callable[..., Path],
) -> None:
    with pytest.raises(QuestionnaireError) as raised:
        load(branded({"colour": "#FF0000"}))
    message = str(raised.value)
    assert re.search(
        r"policy\.yaml:\d+:\d+: branding\.colour: '#FF0000' has a contrast of 4\.0:1", message
    )
    suggested = re.findall(r"'(#[0-9a-f]{6})'", message)[-1]
    assert lowest_contrast(suggested) >= AA_TEXT
    assert load(branded({"colour": suggested})).questionnaire.branding.colour == suggested


def test_a_font_file_is_embedded_and_used_for_the_whole_page(
    branded: Callable[..., Path],
) -> None:
    path = branded({"font": "fonts/house.woff2"}, {"fonts/house.woff2": NOTO_SERIF.read_bytes()})
    css = read_branding(load(path)).css()
    assert 'src: url("data:font/woff2;base64,' in css and 'format("woff2")' in css
    assert "html { font-family: policygen-house-font," in css


@pytest.mark.parametrize(
    ("font", "files", "expected"),
    [
        ("house.ttf", {"house.ttf": b"not a font at all"}, "'house.ttf' is not a font file"),
        ("house.woff2", {"house.woff2": b"wOF2" + bytes(60)}, "'house.woff2' is not a font file"),
        ("No Such Family Sans", {}, "no font family 'No Such Family Sans' is installed here"),
        ("../x.ttf", {}, "leaves the questionnaire's folder"),
        ("fonts/{evil}.css", {}, "is neither a font file"),
    ],
)
def test_a_font_weasyprint_cannot_use_is_an_error_naming_it(
    branded: Callable[..., Path], font: str, files: dict[str, bytes], expected: str
) -> None:
    if "Family" in font and not Path("/usr/bin/fc-list").exists():
        pytest.skip("fc-list is not installed")
    message = refusal(branded({"font": font}, files))
    assert re.search(r"policy\.yaml:\d+:\d+: branding\.font: ", message), message
    assert expected in message


def test_build_writes_nothing_when_a_branding_file_is_refused(
    branded: Callable[..., Path], tmp_path: Path
) -> None:
    path = branded({"logo": "missing.svg"})
    result = CliRunner().invoke(app, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "branding.logo: file not found: 'missing.svg'" in result.output
    assert not list((tmp_path / "out").rglob("*.html"))
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code != 0 and "branding.logo" in result.output


def test_cover_page_marks_the_body_and_chapters_have_none(branded: Callable[..., Path]) -> None:
    path = branded({"cover_page": True})
    files, _ = render_outputs(load(path), BuildOptions(formats=("html",)))
    assert all('<body class="cover-page">' in data.decode() for data in files.values())
    files, _ = render_outputs(load(path), BuildOptions(formats=("html",), as_chapter=True))
    assert not any('<body class="cover-page">' in data.decode() for data in files.values())


def test_the_interview_keeps_a_hand_written_branding(tmp_path: Path) -> None:
    branding = {"logo": "brand/logo.svg", "colour": "#00594f", "cover_page": True}
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"branding": branding}), encoding="utf-8")
    target = tmp_path / "policy.yaml"
    result = CliRunner().invoke(app, ["init", str(target), "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    assert load(target).questionnaire.branding.model_dump(exclude_defaults=True) == branding
    plain = tmp_path / "plain.yaml"
    CliRunner().invoke(app, ["init", "--defaults", str(plain)])
    assert "branding" not in plain.read_text(encoding="utf-8")
