"""How long maths takes: 100 typical lecture formulas as SVG, PNG and Office Math.

    .venv/bin/python bench/maths_time.py [--runs N]

Every formula is distinct (the renderers cache by formula), so each run is cold but for
the font, loaded once per process; PNG and Office Math reuse the MathML the SVG step parsed,
as a build would. Prints the median of the runs in seconds, wall clock and CPU (the CPU
time is the steadier number on a shared machine).
"""

from __future__ import annotations

import argparse
import statistics
import time

KINDS = [
    r"\frac{a_{k}+b}{c-d}",
    r"\sqrt{x_{k}^2+y^2}",
    r"\sum_{i=1}^{n} i^{k} = S_{k}",
    r"\int_0^\infty e^{-k x^2}\,dx",
    r"\lim_{x\to k} \frac{\sin x}{x}",
    r"\begin{pmatrix} a & k \\ c & d \end{pmatrix}",
    r"\begin{aligned} f_{k}(x) &= x^2 + 2x + 1 \\ &= (x+1)^2 \end{aligned}",
    r"\alpha_{k} + \beta = \gamma",
    r"\hat{x}_{k}, \bar{y}, \vec{v}",
    r"\text{if } x > k \text{ then } y",
    r"\mathbb{R}^{k}, \mathcal{L}, \mathbf{v}",
    r"\left( \frac{a}{b} \right)^{k}",
    r"P(A_{k} \mid B) = \frac{P(B \mid A)\,P(A)}{P(B)}",
    r"\binom{n}{k} = \frac{n!}{k!(n-k)!}",
    r"f_{k}(x) = \begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases}",
    r"E_{k} = mc^2",
    r"\mathrm{Var}(X_{k}) = \mathbb{E}[X^2] - \mathbb{E}[X]^2",
    r"x_{i,j}^{(k)} \leq \infty",
    r"\nabla \cdot \mathbf{E}_{k} = \frac{\rho}{\varepsilon_0}",
    r"\prod_{j=1}^{k} j = k!",
]


def formulas(run: int) -> list[tuple[str, bool]]:
    """100 distinct formulas, a fifth of them inline."""
    out = []
    for index in range(100):
        tex = KINDS[index % len(KINDS)].replace("{k}", f"{{{run * 100 + index}}}")
        out.append((tex, index % 5 == 0))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    from chapbook.maths import tex_to_omml, tex_to_png, tex_to_svg

    tex_to_svg("x", False, 10)  # load the font once
    print(f"import and font: {time.perf_counter() - started:.2f} s")
    timings: dict[str, list[tuple[float, float]]] = {"svg": [], "png (300 dpi)": [], "omml": []}
    for run in range(args.runs):
        batch = formulas(run)
        for label, render in (
            ("svg", lambda t, d: tex_to_svg(t, d, 10.5)),
            ("png (300 dpi)", lambda t, d: tex_to_png(t, d, 28)),
            ("omml", tex_to_omml),
        ):
            started, cpu = time.perf_counter(), time.process_time()
            for tex, display in batch:
                render(tex, display)
            timings[label].append((time.perf_counter() - started, time.process_time() - cpu))
        tex_to_svg.cache_clear()
    for label, times in timings.items():
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        print(f"100 formulas, {label}: {wall:.2f} s ({cpu:.2f} s of CPU)")


if __name__ == "__main__":
    main()
