"""WeasyPrint imported in a fraction of its own time; a build that makes a booklet
waits for it.

Three parts of its import are slow and the same on every run:

- finding its native libraries: it tries several spellings of each name, and CPython's
  `find_library` runs `gcc` and `ld` for each that is not this platform's. They are
  looked up in the linker's cache instead (`_libraries_from_ld_cache`).
- reading its C declarations: it declares the Pango, HarfBuzz and fontconfig functions
  it calls with cffi's `cdef`, which parses 500 lines of C with pycparser on every
  import (0.35 s), and each C type a call names (`ffi.new("PangoRectangle *")`) the
  first time it is named (0.1 s more in a booklet's layout). cffi can load the same
  declarations compiled ahead of time instead ("out-of-line ABI mode"): in 5 ms, with
  type names parsed in C. The first import parses them as WeasyPrint does and keeps
  them compiled in chapbook's cache (`chapbook.cache`), keyed by their text and cffi's
  version; later imports load them from there (`_Declarations`). Two getters of Pango's
  that `weasy_lines` reads are declared with them (`_MORE`).
- importing fontTools' subsetter and variable-font instancer (0.1 to 0.2 s), which it
  uses only where HarfBuzz cannot cut a font down, or for a variable font: they are
  imported when first used (`_Deferred`).
- parsing the stylesheets of two options chapbook never sets, HTML's presentational
  hints and PDF forms (30 ms): they are parsed when first used (`_LaterSheet`).

And one part of the first layout: the hyphenation patterns of a language, which pyphen
parses from its dictionary (0.12 s for English) and chapbook keeps in its cache
(`_KeptPatterns`, 6 ms to load).
"""

from __future__ import annotations

import ast
import contextlib
import importlib.abc
import importlib.machinery
import io
import logging
import marshal
import os
import platform
import re
import subprocess
import sys
import tempfile
import types
from importlib.resources import files
from pathlib import Path

from chapbook import cache

log = logging.getLogger("chapbook")

_MODULE = "_chapbook_weasyprint"  # the name cffi gives the compiled declarations
_FFI_CALL = "_cffi_backend.FFI"


def import_weasyprint() -> None:
    """Import WeasyPrint, its libraries found in the linker's cache and its declarations
    read from chapbook's; where the libraries are not all there, import it again with
    its own search (and its advice). Its hyphenation patterns come from the cache too."""
    if "weasyprint" not in sys.modules:
        try:
            with (_libraries_from_ld_cache(), _declarations_cached(), _subsetting_deferred(),
                  _option_sheets_deferred(), contextlib.redirect_stdout(io.StringIO())):
                import weasyprint
        except OSError:
            for name in [m for m in sys.modules if m.partition(".")[0] == "weasyprint"]:
                del sys.modules[name]
            with _declarations_cached():
                import weasyprint  # noqa: F401
    _declare_more()
    import pyphen

    if pyphen.HyphDict is not _KeptPatterns:
        _KeptPatterns.parsed = pyphen.HyphDict
        pyphen.HyphDict = _KeptPatterns


# The modules deferred, each with the functions WeasyPrint imports from it by name.
_DEFERRED = {"fontTools.subset": (), "fontTools.varLib.instancer": ("instantiateVariableFont",)}


@contextlib.contextmanager
def _subsetting_deferred():
    """While WeasyPrint is imported, fontTools' subsetter and instancer are stand-ins
    (`_Deferred`) that import the real module when first used: WeasyPrint uses them to
    cut down a font only where HarfBuzz cannot, or for a variable font's instance, and
    importing them is a third of its own import (0.1 s). Afterwards a plain import
    finds the real modules."""
    placed = [name for name in _DEFERRED if name not in sys.modules]
    for name in placed:
        sys.modules[name] = _Deferred(name, _DEFERRED[name])
    try:
        yield
    finally:
        for name in placed:
            if isinstance(sys.modules.get(name), _Deferred):
                del sys.modules[name]


class _Deferred(types.ModuleType):
    """Stands for the module `name` until an attribute is asked for, then is that module's
    (imported then). Each of `functions` is one already: a name imported from it with
    `from ... import` is taken at once, and calls the real function when called."""

    def __init__(self, name: str, functions: tuple[str, ...] = ()) -> None:
        super().__init__(name)
        for function in functions:
            setattr(self, function, self._later(function))

    def _later(self, attribute: str):
        def call(*args, **kwargs):
            return getattr(self._real(), attribute)(*args, **kwargs)
        return call

    def _real(self):
        import importlib

        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)

    def __getattr__(self, attribute: str):
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(self._real(), attribute)


# The stylesheets of options chapbook never sets: presentational hints, forms.
_OPTION_SHEETS = ("html5_ph.css", "html5_ua_form.css")


@contextlib.contextmanager
def _option_sheets_deferred():
    """While WeasyPrint is imported, the stylesheets its `weasyprint.html` parses for the
    options in `_OPTION_SHEETS` are made `_LaterSheet`s: the module's import is run
    with a `CSS` that defers those two (by their text) and makes the others."""
    finder = _SheetsDeferred()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


class _SheetsDeferred(importlib.abc.MetaPathFinder):
    """Finds `weasyprint.html` as Python would, and runs it with the `CSS` of
    `_option_sheets_deferred`."""

    def find_spec(self, name, path, target=None):
        if name != "weasyprint.html":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module) -> None:
            package = sys.modules["weasyprint"]
            made = package.CSS
            later = {(files("weasyprint.css") / sheet).read_text("utf-8")
                     for sheet in _OPTION_SHEETS}

            def css(*args, **kwargs):
                if kwargs.get("string") in later:
                    return _LaterSheet(lambda: made(*args, **kwargs))
                return made(*args, **kwargs)

            package.CSS = css  # what `from . import CSS` finds
            try:
                run(module)
            finally:
                package.CSS = module.CSS = made

        spec.loader.exec_module = exec_module  # this spec's own loader
        return spec


class _LaterSheet:
    """Stands for a WeasyPrint stylesheet (`CSS`), made when first used."""

    def __init__(self, make) -> None:
        self._make = make
        self._sheet = None

    def __getattr__(self, attribute: str):
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        if self._sheet is None:
            self._sheet = self._make()
        return getattr(self._sheet, attribute)


@contextlib.contextmanager
def _declarations_cached():
    """While WeasyPrint is imported, `cffi.FFI()` makes `_Declarations`."""
    import cffi

    made = cffi.FFI
    cffi.FFI = lambda *args, **kwargs: (_Declarations(made) if not args and not kwargs
                                        else made(*args, **kwargs))
    try:
        yield
    finally:
        cffi.FFI = made


class _Declarations:
    """Stands for a `cffi.FFI()`: keeps what its `cdef`s declare and, when first used
    for anything else, becomes those declarations compiled (from the cache, or compiled
    now and kept there), or, with no cache, cffi's own parse of them. The FFI's methods
    are then this object's own attributes, looked up as fast as on the FFI itself."""

    def __init__(self, make) -> None:
        self._make = make  # cffi.FFI
        self._sources: list[tuple] = []
        self._ffi = None
        self.cached = False  # whether the declarations came from the cache

    def cdef(self, csource: str, override: bool = False, packed: bool = False,
             pack: int | None = None) -> None:
        if self._ffi is None:
            self._sources.append((csource, override, packed, pack))
        elif self.cached:  # compiled declarations take no more
            raise RuntimeError("WeasyPrint declared C functions after using its libraries; "
                               "set CHAPBOOK_NO_CACHE=1 to import it as it does itself")
        else:
            self._ffi.cdef(csource, override=override, packed=packed, pack=pack)

    def __getattr__(self, name: str):  # only for what is not yet an attribute here
        if name.startswith("__") or name in ("_ffi", "_make", "_sources"):
            raise AttributeError(name)
        return getattr(self._bound(), name)

    @property
    def errno(self) -> int:
        return self._bound().errno

    @errno.setter
    def errno(self, value: int) -> None:
        self._bound().errno = value

    def _bound(self):
        if self._ffi is None:
            sources = self._sources + _more_declarations(self._sources)
            name = _file_name(sources)
            compiled = _compiled(cache.read(name))
            if compiled is not None:
                self._ffi, self.cached = compiled, True
            else:
                self._ffi = self._make()
                for csource, override, packed, pack in sources:
                    self._ffi.cdef(csource, override=override, packed=packed, pack=pack)
                _keep(self._ffi, name)
            for name in dir(self._ffi):
                if not name.startswith("_") and name not in ("errno", "cdef"):
                    setattr(self, name, getattr(self._ffi, name))
        return self._ffi


# Pango's getters that chapbook reads and WeasyPrint does not declare (`weasy_lines`).
_MORE = {"pango_layout_get_width": "int pango_layout_get_width (PangoLayout *layout);",
         "pango_layout_get_ellipsize":
             "PangoEllipsizeMode pango_layout_get_ellipsize (PangoLayout *layout);"}


def _more_declarations(sources: list[tuple]) -> list[tuple]:
    """chapbook's own declarations, after those of the FFI that declares Pango's layouts
    (as not yet there)."""
    declared = "".join(csource for csource, *_ in sources)
    if "pango_layout_new" not in declared:
        return []
    more = "\n".join(line for name, line in _MORE.items() if name not in declared)
    return [(more, False, False, None)] if more else []


def _declare_more() -> None:
    """chapbook's own declarations, where WeasyPrint was imported without them (on its
    own, before chapbook: its FFI then takes more)."""
    from weasyprint.text.ffi import ffi, pango

    missing = [line for name, line in _MORE.items() if not hasattr(pango, name)]
    if missing:
        ffi.cdef("\n".join(missing))


def _file_name(sources: list[tuple]) -> str:
    import cffi

    return cache.name("weasyprint-declarations", ".py", cffi.__version__, sys.platform,
                      platform.machine(), sources)


def _compiled(source: bytes | str | None):
    """The FFI that cffi's compiled declarations (`emit_python_code`'s file) make, read
    as data: only literal values are taken from the file, nothing in it is run."""
    if source is None:
        return None
    import _cffi_backend

    try:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == _FFI_CALL:
                args = [ast.literal_eval(arg) for arg in node.args]
                kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in node.keywords}
                return _cffi_backend.FFI(*args, **kwargs)
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError,
            UnicodeDecodeError) as error:
        log.debug("cache: WeasyPrint's declarations not usable: %s", error)
    return None


def _keep(ffi, name: str) -> None:
    """Compile the declarations `ffi` parsed and keep them in the cache as `name`."""
    if cache.folder() is None:
        return
    try:
        ffi.set_source(_MODULE, None)
        with tempfile.TemporaryDirectory() as scratch:
            target = Path(scratch) / f"{_MODULE}.py"
            with contextlib.redirect_stdout(io.StringIO()):  # cffi says what it writes
                ffi.emit_python_code(str(target))
            cache.write(name, target.read_bytes())
    except Exception as error:  # the cache only saves time: WeasyPrint goes on as it is
        log.debug("cache: WeasyPrint's declarations not kept: %s", error)


class _KeptPatterns:
    """Stands for `pyphen.HyphDict` (a language's hyphenation patterns, read from its
    dictionary file): the patterns come from chapbook's cache, keyed by the file's bytes
    and pyphen's version, or are parsed by pyphen and kept. Dictionaries with
    nonstandard hyphenation (data on a pattern's numbers) are parsed every time."""

    parsed: type  # pyphen's own HyphDict

    def __new__(cls, path):
        import pyphen

        name = cache.name("hyphenation", ".marshal", pyphen.__version__,
                          sys.version_info[:2], Path(path).read_bytes())
        patterns = _patterns(cache.read(name))
        if patterns is None:
            made = cls.parsed(path)
            kept = _plain(made.patterns)
            if kept is not None:
                cache.write(name, marshal.dumps(kept))
            return made
        made = object.__new__(cls.parsed)
        made.patterns, made.cache = patterns, {}
        made.maxlen = max(len(key) for key in patterns)
        return made


def _plain(patterns: dict) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """The patterns as plain numbers, or None if a number carries data."""
    if any(getattr(value, "data", None) is not None
           for _, values in patterns.values() for value in values):
        return None
    return {text: (start, tuple(int(v) for v in values))
            for text, (start, values) in patterns.items()}


def _patterns(kept: bytes | None) -> dict | None:
    """Patterns read back from the cache (marshal: data only), checked to be what
    `_plain` makes: text to (start, numbers)."""
    if kept is None:
        return None
    try:
        patterns = marshal.loads(kept)
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(patterns, dict) or not patterns or not all(
            type(text) is str and type(entry) is tuple and len(entry) == 2
            and type(entry[0]) is int and type(entry[1]) is tuple
            and all(type(n) is int for n in entry[1])
            for text, entry in patterns.items()):
        return None
    return patterns


@contextlib.contextmanager
def _libraries_from_ld_cache():
    """`ctypes.util.find_library` answered from one reading of the linker's cache.

    WeasyPrint tries several spellings of each native library's name, and for each
    spelling that is not this platform's, CPython's `find_library` runs `gcc` and `ld`
    before giving up: about twenty processes, a second or more of every build's start.
    The cache (`ldconfig -p`) is where `find_library` looks first, so the names found
    are the same; it is used only where nothing else is searched (no LD_LIBRARY_PATH).
    """
    import ctypes.util

    ldconfig = "/sbin/ldconfig"
    if (not sys.platform.startswith("linux") or os.environ.get("LD_LIBRARY_PATH")
            or not os.path.exists(ldconfig)):
        yield
        return
    try:
        listing = subprocess.run([ldconfig, "-p"], capture_output=True, check=True,
                                 env={"LC_ALL": "C", "LANG": "C"}).stdout
    except (OSError, subprocess.SubprocessError):
        yield
        return
    bits = "64" if sys.maxsize > 2**32 else "32"
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(
        f"{os.uname().machine}-{bits}", "libc6")

    def find_library(name: str) -> str | None:
        found = re.search(os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}"),
                          listing)
        return os.fsdecode(found.group(1)) if found else None

    searched = ctypes.util.find_library
    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = searched
