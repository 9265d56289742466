"""Contrast of a house colour (WCAG 2): headings, links and table headers are text in that colour.

The colour stands on white and on the light tint behind the contents and the table headers, so it
must reach the AA level for text (4.5:1) on both; a colour that does not is refused with the
nearest shade of the same hue that does, so the organisation keeps its colour, only darker.
"""

from __future__ import annotations

WHITE = "#ffffff"
TINT = "#eef2f7"
"""The page design's ``--tint`` (templates/assets/style.css)."""
AA_TEXT = 4.5


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def lowest_contrast(colour: str) -> float:
    """The colour's contrast on the lighter of the backgrounds it stands on."""
    return min(contrast(colour, WHITE), contrast(colour, TINT))


def nearest_passing(colour: str) -> str:
    """The same hue made darker, step by step, until it reaches ``AA_TEXT`` on every background."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(100, -1, -1):
        shade = "#" + "".join(f"{round(c * step / 100):02x}" for c in (red, green, blue))
        if lowest_contrast(shade) >= AA_TEXT:
            return shade
    return "#000000"
