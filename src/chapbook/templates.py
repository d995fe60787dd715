"""Jinja2 environments for the booklet and the deck, sandboxed.

Template lookup is an ordered list of folders, MkDocs-style: a lecture's own
`templates/<kind>/` folder first, then the bundled `templates/<kind>/`, so a
file of the same name in the lecture overrides the default one. Autoescape is on
for every template (they all produce HTML; `select_autoescape` would only look
at the `.j2` suffix) and undefined names are errors.

A lecture's own template is untrusted code, so the environment is a sandbox
with a policy of its own on top of Jinja2's: templates see plain data (text,
numbers, dates, frozen model records and the pure functions we hand them), never
a path, a file, a module or a class; operators that would build huge values are
refused; the output and the memory a rendering may take are bounded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import types
from pathlib import Path, PurePath

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from chapbook import cache
from chapbook.errors import TemplateError
from chapbook.limits import memory_budget, stage

MAX_OUTPUT_CHARS = 64 * 2**20  # a 400-page booklet is about 3 MB of HTML
MAX_VALUE_LENGTH = 2**22  # characters or items one operator may build
MAX_POWER_BITS = 4096
TEMPLATE_MEMORY_MB = 768
# Values a template may hold; frozen dataclasses of these (the model) are plain data too.
PLAIN_TYPES = (str, int, float, bool, type(None), tuple, list, dict, dt.date, Markup,
               jinja2.runtime.Undefined)
REFUSED_TYPES = (PurePath, io.IOBase, types.ModuleType, os.DirEntry)


def bundled_templates() -> Path:
    """The templates shipped with chapbook (`CHAPBOOK_TEMPLATES` overrides it)."""
    override = os.environ.get("CHAPBOOK_TEMPLATES")
    if override:
        return Path(override)
    return _BUNDLED


_BUNDLED = Path(__file__).resolve().parents[2] / "templates"


def bundled_font(kind: str, name: str = "") -> Path:
    """A font shipped with the `kind` templates (booklet, deck), or their font folder.

    Always the bundled file, never a lecture's: text is measured with metrics chapbook
    knows, and only fonts whose licence allows embedding are embedded."""
    folder = bundled_templates() / kind / "fonts"
    return folder / name if name else folder


def template_dirs(kind: str, lecture_root: Path | None = None) -> list[Path]:
    """The lecture's own `templates/<kind>/` (when it has one), then the bundled folder."""
    dirs = []
    own = lecture_root / "templates" / kind if lecture_root is not None else None
    if own is not None and own.is_dir():
        if not own.resolve().is_relative_to(lecture_root.resolve()):
            raise TemplateError("points outside the lecture folder (to "
                                f"{own.resolve()})", own)
        dirs.append(own)
    dirs.append(bundled_templates() / kind)
    return dirs


def find_file(dirs: list[Path], name: str) -> Path:
    """The first `name` in the ordered folders; one that points outside its folder is refused."""
    for folder in dirs:
        candidate = folder / name
        if candidate.is_file():
            if not candidate.resolve().is_relative_to(folder.resolve()):
                raise TemplateError(f"points outside its folder {folder} (to "
                                    f"{candidate.resolve()})", candidate)
            return candidate
    raise TemplateError(f"{name} not found in {', '.join(str(d) for d in dirs)}")


class FolderLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that serves only regular files really inside its folders:
    a symlink in a lecture's template folder that points elsewhere is refused."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        folder = next((Path(d) for d in self.searchpath
                       if Path(filename).is_relative_to(d)), None)
        if folder is not None and not real.is_relative_to(folder.resolve()):
            raise TemplateError(f"template {template!r} points outside its folder "
                                f"{folder} (to {real})", filename)
        return source, filename, uptodate


def is_plain(value: object) -> bool:
    """Data a template may see: text, numbers, dates, containers and frozen records."""
    if isinstance(value, PLAIN_TYPES):
        return True
    params = getattr(type(value), "__dataclass_params__", None)
    return dataclasses.is_dataclass(value) and params is not None and params.frozen


class SafeEnvironment(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, refusing paths, files, modules and classes outright.

    Whether an attribute may be read depends only on its name and the types of the
    object, the value and (for a method) its owner, so each answer is kept for the
    environment's life (at most `DECIDED` of them): a deck plan of 500 slides asks 15,000
    times, and deciding anew each time was a third of rendering its template."""

    intercepted_binops = frozenset({"*", "**", "+"})
    DECIDED = 4096  # answers kept: a template names few attributes, the `attr` filter any

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._decided: dict[tuple, bool] = {}

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        owner = getattr(value, "__self__", None)  # a method: of what?
        key = (type(obj), attr, type(value), type(owner))
        safe = self._decided.get(key)
        if safe is None:
            safe = self._decide(obj, attr, value, owner)
            if len(self._decided) < self.DECIDED:
                self._decided[key] = safe
        return safe

    def _decide(self, obj, attr: str, value, owner) -> bool:
        if any(isinstance(x, (*REFUSED_TYPES, type)) for x in (obj, value, owner)):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj) -> bool:
        owner = getattr(obj, "__self__", None)
        if isinstance(obj, REFUSED_TYPES) or isinstance(owner, REFUSED_TYPES):
            return False
        return super().is_safe_callable(obj)

    def call_binop(self, context, operator_name: str, left, right):
        _check_size(operator_name, left, right)
        return super().call_binop(context, operator_name, left, right)


def _check_size(op: str, left, right) -> None:
    """Refuse `'x' * 10**9`, doubling strings in a loop, `9 ** 10**9`, before they are built."""
    sized = (str, list, tuple)
    if op == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, sized) and isinstance(n, int) and len(seq) * n > MAX_VALUE_LENGTH:
                raise SecurityError(f"a value of {len(seq) * n:,} items is too large for a "
                                    "template")
    elif op == "+":
        if isinstance(left, sized) and isinstance(right, sized) and \
                len(left) + len(right) > MAX_VALUE_LENGTH:
            raise SecurityError("a value of more than 4 million characters is too large for "
                                "a template")
    elif op == "**" and isinstance(left, int) and isinstance(right, int) and \
            abs(left) > 1 and right * max(abs(left), 2).bit_length() > MAX_POWER_BITS:
        raise SecurityError("a number that large is not allowed in a template")


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once, not once per environment and run: a build makes several
    environments, a watching process one per rebuild, all configured alike
    (`make_environment`), and every process of a build would compile the same
    templates again (a tenth of a second for the booklet's). Kept in this process and
    in chapbook's cache (`chapbook.cache`), found by the environment's settings, the
    template's name and file, and used only while its source is unchanged (Jinja2
    compares the source's checksum)."""

    def __init__(self) -> None:
        self.compiled: dict[str, tuple[str | None, types.CodeType]] = {}

    def load_bytecode(self, bucket) -> None:
        found = self.compiled.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]
            return
        kept = cache.read(_kept_name(bucket))
        if kept is not None:
            try:
                bucket.bytecode_from_string(kept)  # none if Python's or the source changed
            except Exception:  # a damaged file: compiled again
                bucket.reset()
            if bucket.code is not None:
                self.compiled[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket) -> None:  # Jinja2 just compiled the template
        if bucket.code is not None:
            self.compiled[bucket.key] = (bucket.checksum, bucket.code)
            cache.write(_kept_name(bucket), bucket.bytecode_to_string())


def _kept_name(bucket) -> str:
    """The cached file of a template compiled by an environment with these settings."""
    env = bucket.environment
    return cache.name(
        "template", ".jinja", type(env).__qualname__, jinja2.__version__, env.autoescape,
        env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence,
        env.block_start_string, env.variable_start_string, env.comment_start_string,
        env.line_statement_prefix, env.line_comment_prefix, env.is_async,
        sorted(env.extensions), getattr(env.finalize, "__qualname__", None), bucket.key)


_COMPILED = CompiledTemplates()


def make_environment(dirs: list[Path]) -> jinja2.Environment:
    """A sandboxed environment: a lecture's own template may shape output, never run code
    (no dunder attributes, no mutating the model), and every value is escaped."""
    env = SafeEnvironment(
        loader=FolderLoader([str(d) for d in dirs]),
        bytecode_cache=_COMPILED,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.pop("lipsum", None)  # random text of any length: nothing a lecture needs
    return env


def render(env: jinja2.Environment, name: str, **context) -> str:
    """Render `name`, turning any Jinja2 failure into a TemplateError naming template and line."""
    try:
        with memory_budget(TEMPLATE_MEMORY_MB), stage("rendering the templates"):
            return _bounded(env.get_template(name).generate(**context))
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
    except MemoryError as exc:
        path, line = _template_frame(exc)
        raise TemplateError(f"the template needed more than {TEMPLATE_MEMORY_MB} MB of memory "
                            "and was stopped; look for loops or repeated text that grow "
                            "without end", path or name, line) from None
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


def _bounded(chunks) -> str:
    """Join the rendered chunks, stopping at MAX_OUTPUT_CHARS."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise SecurityError(f"the template wrote more than {MAX_OUTPUT_CHARS // 2**20} "
                                "million characters")
        out.append(chunk)
    return "".join(out)


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in a traceback, if any."""
    tb, found = exc.__traceback__, (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".html", ".css")) and os.path.exists(name):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found

