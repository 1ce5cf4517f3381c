"""Colours of status symbols named as Swedish follow-ups name them: grön, gul, röd.

A traffic light's green, yellow and red vary from one template to the next (#2e9e48,
#00b050, #92d050 are all "grön"), so a colour is named by its hue; a colour with too little
saturation (grey, black, white) names no status.
"""

from __future__ import annotations

import colorsys

# hue ranges in degrees → name
_HUES = (
    (0, 20, "röd"),
    (20, 40, "orange"),
    (40, 70, "gul"),
    (70, 170, "grön"),
    (170, 260, "blå"),
    (260, 330, "lila"),
    (330, 361, "röd"),
)


def colour_name(hexa: str) -> str | None:
    """``"#2e9e48"`` → ``"grön"``; None for a grey or an unreadable colour."""
    try:
        r, g, b = (int(hexa.lstrip("#")[k : k + 2], 16) / 255 for k in (0, 2, 4))
    except ValueError:
        return None
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    if s < 0.25 or v < 0.2:
        return None
    deg = h * 360
    return next(name for lo, hi, name in _HUES if lo <= deg < hi)


__all__ = ["colour_name"]
