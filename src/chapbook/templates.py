"""Jinja2 environments for the booklet and the deck.

Template lookup is an ordered list of folders, MkDocs-style: a lecture's own
`templates/<kind>/` folder first, then the bundled `templates/<kind>/`, so a
file of the same name in the lecture overrides the default one. Autoescape is on
for every template (they all produce HTML; `select_autoescape` would only look
at the `.j2` suffix) and undefined names are errors.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from chapbook.errors import TemplateError


def bundled_templates() -> Path:
    """The templates shipped with chapbook (`CHAPBOOK_TEMPLATES` overrides it)."""
    override = os.environ.get("CHAPBOOK_TEMPLATES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "templates"


def template_dirs(kind: str, lecture_root: Path | None = None) -> list[Path]:
    dirs = []
    if lecture_root is not None and (lecture_root / "templates" / kind).is_dir():
        dirs.append(lecture_root / "templates" / kind)
    dirs.append(bundled_templates() / kind)
    return dirs


def make_environment(dirs: list[Path]) -> jinja2.Environment:
    """A sandboxed environment: a lecture's own template may shape output, never run code
    (no dunder attributes, no mutating the model), and every value is escaped."""
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def render(env: jinja2.Environment, name: str, **context) -> str:
    """Render `name`, turning any Jinja2 failure into a TemplateError naming template and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template error: {exc.message}", exc.filename or name,
                            exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        path, line = _template_frame(exc)
        raise TemplateError(f"template {exc.name!r} not found in "
                            f"{', '.join(str(d) for d in env.loader.searchpath)}",
                            path or name, line) from None
    except jinja2.exceptions.SecurityError as exc:
        path, line = _template_frame(exc)
        raise TemplateError(f"template error: not allowed in a template: {exc}", path or name,
                            line) from None
    except UnicodeDecodeError:
        raise TemplateError("a template is not UTF-8 text; save it as UTF-8", name) from None
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(exc)
        raise TemplateError(f"template error: {exc}", path or name, line) from None
    except TemplateError:
        raise
    except Exception as exc:  # a filter or test raising inside a user's template
        path, line = _template_frame(exc)
        if path is None:
            raise
        raise TemplateError(f"template error: {type(exc).__name__}: {exc}", path, line) from None


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a traceback, if any."""
    tb, found = exc.__traceback__, (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".html", ".css")) and os.path.exists(name):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found
