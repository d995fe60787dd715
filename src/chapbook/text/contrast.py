"""WCAG 2 contrast between two colours, for checking themes (text needs 4.5:1)."""

from __future__ import annotations

AA_NORMAL_TEXT = 4.5


def relative_luminance(hex_color: str) -> float:
    """Relative luminance of an `RRGGBB` colour, as WCAG 2 defines it."""

    def channel(c: int) -> float:
        s = c / 255.0
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    hex_color = hex_color.lstrip("#")
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """From 1 (no contrast) to 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
