"""The foreign templates of tools/make_test_templates.py, made once for the tests that
build decks on them, with their sidecars (what each layout is for, where the
decorations are)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "make_test_templates.py"
NAMES = ("band", "named", "classic43")


def tool():
    """The script as a module (tools/ is no package); registered first, as dataclasses need."""
    if "make_test_templates" not in sys.modules:
        spec = importlib.util.spec_from_file_location("make_test_templates", TOOL)
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_test_templates"] = module
        spec.loader.exec_module(module)
    return sys.modules["make_test_templates"]


def make_templates(out: Path) -> dict[str, Path]:
    """name -> template, made with LibreOffice when it is installed."""
    tool().make_all(out, use_soffice=shutil.which("soffice") is not None)
    return {name: out / f"{name}.pptx" for name in NAMES}


def sidecar(template: Path) -> dict:
    return json.loads(template.with_suffix(".json").read_text(encoding="utf-8"))
