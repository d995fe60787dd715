"""MyST directives: a code fence whose info is `{name}` (```` ```{note} ````), read as the
block it means where chapbook has one.

Admonitions (`note`, `warning`, `tip`, `exercise`, `admonition` with its title...)
become callouts; `math` display maths; `figure` and `image` figures; `code-cell`,
`code-block` and `code` code; a table of contents, an index or raw output mean
nothing on paper and are left out. Any other directive shows its content, with a
warning. Options (`:name: x` lines, or a `---` YAML block) are read for what they
mean here (a name as the id, alt text, a caption's width) and otherwise ignored.
"""

from __future__ import annotations

import re

from chapbook.blocks import Block, callout, code, maths

_DIRECTIVE = re.compile(r"^\{([\w:.-]+)\}\s*(.*)$")
_OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")
ADMONITIONS = {"note", "tip", "warning", "important", "caution", "attention", "danger",
               "error", "hint", "seealso", "admonition", "exercise", "solution", "example",
               "prf:theorem", "prf:definition", "prf:proof", "prf:lemma", "prf:example",
               "margin", "sidebar", "epigraph", "topic", "dropdown"}
CODE = {"code-cell", "code-block", "code", "sourcecode", "literalinclude"}
MARKERS = {"solution-start", "solution-end", "exercise-start", "exercise-end"}  # gated blocks
OTHER = {"math", "amsmath", "figure", "image", "list-table", "csv-table", "table", "glossary",
         "card", "grid", "grid-item", "grid-item-card", "tab-set", "tab-item", "div",
         "container", "rubric", "versionadded", "versionchanged", "deprecated"}
LEFT_OUT = {"toctree", "tableofcontents", "contents", "index", "raw", "glue", "bibliography",
            "only", "include", "meta", "highlight", "footbibliography"}


KNOWN = ADMONITIONS | CODE | OTHER | LEFT_OUT | MARKERS


def directive(node) -> tuple[str, str] | None:
    """(name, argument) when a fence is a MyST directive: a name MyST knows (```` ```{r} ````
    is an R Markdown or Quarto code chunk, not a directive)."""
    m = _DIRECTIVE.match((node.info or "").strip())
    if not m:
        return None
    name = m.group(1).lower()
    return (name, m.group(2).strip()) if name in KNOWN or ":" in name else None


def convert(node, ctx, name: str, argument: str, *, numbered: bool, terms: bool) -> Block | None:
    line = ctx.line(node)
    options, body, body_line = _options(node.content, line + 1)
    if name in CODE:
        language = argument.split()[0] if argument else options.get("language", "")
        return code.Code(body.rstrip("\n"), language, line)
    if name in ("math", "amsmath"):
        return maths.make(body, options.get("label", options.get("name", "")), ctx, line,
                          numbered=numbered)
    if name in ("figure", "image"):
        return _figure(argument, options, body, body_line, ctx, line, numbered=numbered)
    if name in MARKERS:  # what they enclose is read as the prose it is
        return None
    if name in LEFT_OUT:
        ctx.warn(line, f"MyST directive {{{name}}} means nothing on paper or a slide: left out")
        return None
    blocks = ctx.parse_blocks(body, body_line, numbered=numbered, terms=terms)
    if name in ADMONITIONS:
        variant = name.split(":")[-1]
        title = argument if name in ("admonition", "exercise", "solution", "dropdown",
                                     "topic", "sidebar") or argument else ""
        return callout.make(ctx, variant, ctx.typeset(title), blocks,
                            options.get("name", ""), line)
    ctx.warn(line, f"MyST directive {{{name}}} is not supported: its content is shown as it "
             "stands")
    from chapbook.blocks.div import Div

    return Div(name.replace(":", "-"), blocks, options.get("name", ""), line)


def _options(content: str, first_line: int) -> tuple[dict[str, str], str, int]:
    """A directive's options (`:key: value` lines or a `---` YAML block) and its body."""
    lines = content.split("\n")
    options: dict[str, str] = {}
    i = 0
    if lines and lines[0].strip() == "---":
        end = next((k for k in range(1, len(lines)) if lines[k].strip() == "---"), None)
        if end is not None:
            for entry in lines[1:end]:
                key, _, value = entry.partition(":")
                options[key.strip()] = value.strip()
            i = end + 1
    while i < len(lines) and (m := _OPTION.match(lines[i].strip())):
        options[m.group(1)] = m.group(2)
        i += 1
    return options, "\n".join(lines[i:]), first_line + i


def _figure(path: str, options, caption: str, caption_line: int, ctx, line: int, *,
            numbered: bool) -> Block:
    """```{figure} path`, its options and its caption, read as `![alt](path "caption")`."""
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode

    image = Token("image", "img", 0, attrs={"src": path, "title": " ".join(caption.split())})
    image.children = [Token("text", "", 0, content=options.get("alt", ""))]
    if options.get("name"):
        image.attrSet("id", options["name"])
    if options.get("width"):
        image.attrSet("width", options["width"].strip())
    node = SyntaxTreeNode([image], create_root=False)
    from chapbook.blocks import figure

    return figure.from_image(node, ctx, line, numbered=numbered)
