"""docs/syntax.md stays true: every ```markdown example in it is read as a lecture, and the
warnings it documents (the ```warnings block after the example) are exactly the ones
chapbook gives; an example without a warnings block must give none.

Reading only (parse and the model's checks, as `chapbook check` runs them before
rendering): no PDF, no deck. A fragment without front matter is read under
`title: Example`, and lines are counted from the example's first line, as the page says.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from chapbook.check import lint_lecture
from chapbook.read import parse_lecture

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "syntax.md"
PICTURE = ROOT / "tests" / "fixtures" / "full" / "figures" / "kaart.png"
PICTURES = ("map.png", "left.png", "right.png")  # what the examples show, all one picture
CSV = "country,date\nFrance,1924-10-28\nItaly,1924-02-07\nBelgium,1935-07-12\n"
HEADER = "---\ntitle: Example\n---\n\n"
_FENCE = re.compile(r"^(`{3,})(\S*)\s*$")
_WARNING = re.compile(r"^lecture\.md(?::(\d+))?: warning: (.*)$")


@dataclass(frozen=True)
class Example:
    heading: str
    line: int  # of the example's first line in the page
    source: str
    warnings: tuple[str, ...]  # as the page writes them


def examples(text: str) -> list[Example]:
    """The page's ```markdown blocks, each with the ```warnings block right after it."""
    lines = text.split("\n")
    blocks: list[tuple[str, int, str, str]] = []  # (info, first line, body, heading)
    heading, i = "", 0
    while i < len(lines):
        if lines[i].startswith("## "):
            heading = lines[i][3:].strip()
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        end = next(k for k in range(i + 1, len(lines))
                   if lines[k].strip() and set(lines[k].strip()) == {"`"}
                   and len(lines[k].strip()) >= len(m.group(1)))
        blocks.append((m.group(2), i + 2, "\n".join(lines[i + 1:end]), heading))
        i = end + 1
    found: list[Example] = []
    for n, (info, first, body, head) in enumerate(blocks):
        if info == "warnings":
            assert n and blocks[n - 1][0] == "markdown", \
                f"docs/syntax.md:{first}: a warnings block must follow a markdown example"
            continue
        if info != "markdown":
            continue
        after = blocks[n + 1] if n + 1 < len(blocks) else None
        between = lines[first - 1 + body.count("\n") + 2:after[1] - 2] if after else []
        warned = after is not None and after[0] == "warnings" and not any(
            line.strip() for line in between)
        found.append(Example(head, first, body, tuple(after[2].split("\n")) if warned else ()))
    return found


EXAMPLES = examples(PAGE.read_text(encoding="utf-8"))


def test_the_page_has_its_examples():
    """Every section of the page that writes Markdown shows it, and many warn."""
    assert len(EXAMPLES) >= 25
    assert sum(1 for e in EXAMPLES if e.warnings) >= 12
    for line in (w for e in EXAMPLES for w in e.warnings):
        assert _WARNING.match(line), f"not a warning as chapbook prints one: {line!r}"


def read_example(example: Example, folder: Path) -> list[str]:
    """The warnings reading gives, written as the page writes them."""
    folder.mkdir()
    (folder / "figures").mkdir()
    for name in PICTURES:
        shutil.copyfile(PICTURE, folder / "figures" / name)
    (folder / "data").mkdir()
    (folder / "data" / "recognitions.csv").write_text(CSV, encoding="utf-8")
    whole = example.source.lstrip().startswith(("---", "%", "<!--"))
    offset = 0 if whole else HEADER.count("\n")
    (folder / "lecture.md").write_text(example.source if whole else HEADER + example.source,
                                       encoding="utf-8")
    lecture = parse_lecture(folder)
    out = []
    for finding in (*lecture.findings, *lint_lecture(lecture)):
        where = f"lecture.md:{finding.line - offset}" if finding.line else "lecture.md"
        out.append(f"{where}: warning: {finding.message}")
    return out


@pytest.mark.parametrize("example", EXAMPLES,
                         ids=[f"{e.heading or 'top'}@{e.line}" for e in EXAMPLES])
def test_example_reads_with_the_documented_warnings(example: Example, tmp_path: Path):
    got = read_example(example, tmp_path / "lecture")
    assert sorted(got) == sorted(example.warnings), (
        f"docs/syntax.md:{example.line}: the example ({example.heading}) warns differently "
        "from what the page says")


def test_an_example_that_breaks_is_caught(tmp_path: Path):
    """The check can fail: a documented warning that is not given, and one given but not
    documented, both differ."""
    quiet = Example("x", 1, "Plain text.", ("lecture.md:1: warning: invented",))
    assert read_example(quiet, tmp_path / "a") != list(quiet.warnings)
    noisy = Example("x", 1, "::: {.nonsense}\nText.\n:::", ())
    assert read_example(noisy, tmp_path / "b") == [
        "lecture.md:1: warning: `::: {.nonsense}` has no meaning for chapbook: its content "
        "is shown as it stands"]


PLAN_PAGE = ROOT / "docs" / "slide-plan.md"


def test_slide_plan_example_reads_as_documented():
    """docs/slide-plan.md's example slide (its ```html block) reads as the ```python block
    after it says."""
    from chapbook.plan import schema
    from chapbook.plan.reader import read_plan

    text = PLAN_PAGE.read_text(encoding="utf-8")
    html = re.search(r"```html\n(<section.*?</section>)\n```", text, re.S).group(1)
    python = re.search(r"reads as\n\n```python\n(.*?)\n```", text, re.S).group(1)
    names = {n: getattr(schema, n) for n in ("PlanSlide", "TextBody", "Para", "Run")}
    assert read_plan(html).slides == (eval(python, names),)  # the page is ours
