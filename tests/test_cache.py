"""chapbook's cache: WeasyPrint's C declarations and the templates, compiled once and kept."""

from __future__ import annotations

import os
import subprocess
import sys

import cffi
import pytest
from conftest import FIXTURES

from chapbook import cache
from chapbook.weasy_import import _compiled, _declarations_cached

DECLARED = "int abs(int); typedef struct { int x, y; } point;"


@pytest.fixture
def cached(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CHAPBOOK_CACHE_DIR", str(folder))
    monkeypatch.delenv("CHAPBOOK_NO_CACHE", raising=False)
    return folder


def _declared():
    with _declarations_cached():
        ffi = cffi.FFI()
    ffi.cdef(DECLARED)
    return ffi


def test_declarations_parsed_first_then_loaded_compiled(cached):
    first = _declared()
    assert first.dlopen(None).abs(-3) == 3
    assert not first.cached
    assert next(p.name for p in cached.iterdir()).startswith("weasyprint-declarations-")

    again = _declared()
    assert again.dlopen(None).abs(-4) == 4
    assert again.cached
    point = again.new("point *", {"x": 1, "y": 2})
    assert (point.x, point.y, again.sizeof("point")) == (1, 2, 8)
    assert again.NULL == first.NULL


def test_other_declarations_are_not_served_the_cached_ones(cached):
    _declared().dlopen(None)
    with _declarations_cached():
        other = cffi.FFI()
    other.cdef("int labs(int);")
    assert other.dlopen(None).labs(-5) == 5
    assert not other.cached
    assert len(list(cached.iterdir())) == 2


def test_nothing_is_declared_after_the_compiled_declarations_are_used(cached):
    _declared().dlopen(None)
    again = _declared()
    again.dlopen(None)
    with pytest.raises(RuntimeError, match="CHAPBOOK_NO_CACHE"):
        again.cdef("int labs(int);")


def test_without_a_cache_cffi_parses_the_declarations(cached, monkeypatch):
    monkeypatch.setenv("CHAPBOOK_NO_CACHE", "1")
    ffi = _declared()
    assert ffi.dlopen(None).abs(-3) == 3
    assert not ffi.cached
    assert not cached.exists()
    ffi.cdef("int labs(int);")  # cffi's own FFI takes more declarations
    assert ffi.dlopen(None).labs(-6) == 6


@pytest.mark.parametrize("text", [
    "import os\nos.system('touch ran')\n",
    "ffi = _cffi_backend.FFI(__import__('os').system('touch ran'))\n",
    "ffi = _cffi_backend.FFI('m', _types=b'\\x00' * 3, _version=0)\n",
    "not python (\n",
])
def test_a_cached_file_is_data_never_run(tmp_path, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    assert _compiled(text) is None
    assert not (tmp_path / "ran").exists()


def test_a_file_others_may_write_is_not_read(cached):
    cache.write("kept", b"text")
    assert cache.read("kept") == b"text"
    os.chmod(cached / "kept", 0o666)
    assert cache.read("kept") is None
    os.chmod(cached / "kept", 0o600)
    os.chmod(cached, 0o777)
    assert cache.folder() is None
    assert cache.read("kept") is None


def test_a_cache_that_cannot_be_made_is_no_cache(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("CHAPBOOK_CACHE_DIR", str(tmp_path / "file" / "cache"))
    assert cache.folder() is None
    cache.write("kept", b"text")  # silently not kept
    assert cache.read("kept") is None


def _booklet(tmp_path, name: str, **env) -> bytes:
    out = tmp_path / name
    subprocess.run([sys.executable, "-m", "chapbook", "build", str(FIXTURES / "minimal"),
                    "--format", "pdf", "--out", str(out), "-q"], check=True,
                   env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **env})
    return next(out.glob("*.pdf")).read_bytes()


@pytest.mark.slow
def test_a_booklet_is_the_same_with_the_compiled_declarations(tmp_path):
    folder = str(tmp_path / "cache")
    first = _booklet(tmp_path, "parsed", CHAPBOOK_CACHE_DIR=folder)  # and kept
    assert any(p.name.startswith("weasyprint-") for p in (tmp_path / "cache").iterdir())
    loaded = _booklet(tmp_path, "loaded", CHAPBOOK_CACHE_DIR=folder)
    parsed = _booklet(tmp_path, "none", CHAPBOOK_NO_CACHE="1")
    assert first == loaded == parsed


def _environment(folder, **settings):
    from chapbook.templates import CompiledTemplates, make_environment

    env = make_environment([folder])
    env.bytecode_cache = CompiledTemplates()  # as in a process of its own
    for name, value in settings.items():
        setattr(env, name, value)
    return env


def _compiles(env, monkeypatch) -> list[str]:
    compiled: list[str] = []
    compile_ = env.compile

    def counted(source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_(source, name, filename, *args, **kwargs)

    monkeypatch.setattr(env, "compile", counted)
    return compiled


def test_a_template_compiled_once_is_loaded_by_the_next_process(cached, tmp_path,
                                                                monkeypatch):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.j2").write_text("{% if x %}\n  <p>{{ x }}</p>\n{% endif %}\n")
    first = _environment(folder)
    compiled = _compiles(first, monkeypatch)
    text = first.get_template("page.j2").render(x="<b>")
    assert compiled == ["page.j2"]

    second = _environment(folder)
    compiled = _compiles(second, monkeypatch)
    assert second.get_template("page.j2").render(x="<b>") == text == "  <p>&lt;b&gt;</p>\n"
    assert compiled == []

    (folder / "page.j2").write_text("<i>{{ x }}</i>\n")  # changed: compiled again
    third = _environment(folder)
    compiled = _compiles(third, monkeypatch)
    assert third.get_template("page.j2").render(x="y") == "<i>y</i>\n"
    assert compiled == ["page.j2"]

    other = _environment(folder, trim_blocks=False)  # other settings: other code
    compiled = _compiles(other, monkeypatch)
    other.get_template("page.j2")
    assert compiled == ["page.j2"]


def test_a_damaged_compiled_template_is_compiled_again(cached, tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.j2").write_text("<p>{{ x }}</p>\n")
    _environment(folder).get_template("page.j2")
    for kept in cached.glob("template-*"):
        kept.write_bytes(kept.read_bytes()[:-20])
    env = _environment(folder)
    compiled = _compiles(env, monkeypatch)
    assert env.get_template("page.j2").render(x=1) == "<p>1</p>\n"
    assert compiled == ["page.j2"]


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("CHAPBOOK_NO_CACHE", raising=False)
    monkeypatch.delenv("CHAPBOOK_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the spec says
    assert cache.folder() == tmp_path / "home" / ".cache" / "chapbook"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.folder() == tmp_path / "xdg" / "chapbook"
    assert oct(cache.folder().stat().st_mode & 0o777) == "0o700"
    monkeypatch.setenv("CHAPBOOK_CACHE_DIR", str(tmp_path / "own"))
    assert cache.folder() == tmp_path / "own"
    monkeypatch.setenv("CHAPBOOK_NO_CACHE", "1")
    assert cache.folder() is None


def test_the_cache_drops_what_was_used_longest_ago_beyond_its_size(cached, monkeypatch):
    monkeypatch.setattr(cache, "MAX_BYTES", 1000)
    for n in range(3):
        cache.write(f"kept-{n}", bytes(300))
        os.utime(cached / f"kept-{n}", ns=(n * 10**9, n * 10**9))  # written in this order
    assert cache.read("kept-0") == bytes(300)  # used again: now the most recent
    cache.write("kept-3", bytes(300))
    assert sorted(p.name for p in cached.iterdir()) == ["kept-0", "kept-3"]


def test_a_font_cut_once_is_taken_from_the_cache_by_the_next_process(cached, monkeypatch):
    from chapbook.slides import assets
    from chapbook.templates import bundled_font

    font = str(bundled_font("deck", "Carlito-Regular.ttf"))
    cut: list[str] = []
    subset = assets._subset

    def counted(data, chars, family):
        cut.append(chars)
        return subset(data, chars, family)

    monkeypatch.setattr(assets, "_subset", counted)
    assets.subset_woff.cache_clear()
    first = assets.subset_woff(font, "abc", "chapbook Sans")
    assets.subset_woff.cache_clear()  # as in a process of its own
    assert assets.subset_woff(font, "abc", "chapbook Sans") == first
    assert cut == ["abc"]
    assert assets.subset_woff(font, "abcd", "chapbook Sans") != first
    assert cut == ["abc", "abcd"]
    assets.subset_woff.cache_clear()


def test_hyphenation_patterns_parsed_once_are_loaded_by_the_next_process(cached,
                                                                         monkeypatch):
    import pyphen

    from chapbook.weasy_import import _KeptPatterns, import_weasyprint

    import_weasyprint()
    assert pyphen.HyphDict is _KeptPatterns  # what pyphen makes its dictionaries with
    path = pyphen.LANGUAGES["en_US"]
    parsed: list[object] = []

    class Counted(_KeptPatterns.parsed):
        def __init__(self, p):
            parsed.append(p)
            super().__init__(p)

    monkeypatch.setattr(_KeptPatterns, "parsed", Counted)
    monkeypatch.setattr(pyphen, "hdcache", {})
    first = pyphen.Pyphen(filename=path)
    monkeypatch.setattr(pyphen, "hdcache", {})  # as in a process of its own
    again = pyphen.Pyphen(filename=path)
    assert len(parsed) == 1
    assert again.hd.patterns == first.hd.patterns and again.hd.maxlen == first.hd.maxlen
    words = "hyphenation typesetting recognition establishment"
    assert again.inserted(words) == first.inserted(words)
    assert [again.positions(w) for w in words.split()] == \
        [first.positions(w) for w in words.split()]

    for kept in cached.glob("hyphenation-*"):  # damaged: parsed again
        kept.write_bytes(kept.read_bytes()[:100])
    monkeypatch.setattr(pyphen, "hdcache", {})
    pyphen.Pyphen(filename=path)
    assert len(parsed) == 2


def test_patterns_with_nonstandard_hyphenation_are_parsed_every_time(cached, monkeypatch):
    import pyphen

    from chapbook.weasy_import import import_weasyprint

    import_weasyprint()
    monkeypatch.setattr(pyphen, "hdcache", {})
    hungarian = pyphen.Pyphen(lang="hu_HU")
    assert not list(cached.glob("hyphenation-*"))
    assert hungarian.inserted("asszonnyal") == "asz-szony-nyal"
