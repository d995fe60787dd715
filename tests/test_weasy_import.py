"""WeasyPrint imported quickly: fontTools' subsetter and instancer, and the stylesheets of
options chapbook does not set, wait until used."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from conftest import FIXTURES


def _python(code: str) -> str:
    """Run `code` in a fresh interpreter (nothing imported yet); what it prints."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=True,
                          capture_output=True, text=True, env=os.environ)
    return done.stdout.strip()


def test_importing_weasyprint_leaves_the_subsetter_and_instancer_unimported():
    printed = _python("""
        import sys
        import chapbook.weasy
        print(sorted(n for n in ("fontTools.subset", "fontTools.varLib",
                                 "fontTools.varLib.instancer") if n in sys.modules))
    """)
    assert printed == "[]"


def test_the_stand_ins_become_the_real_modules_when_used():
    printed = _python("""
        import sys
        import chapbook.weasy
        from weasyprint.pdf import fonts
        import fontTools.varLib.instancer as instancer  # a plain import: the real module
        instancer.instantiateVariableFont = lambda *args, **kwargs: ("real", args, kwargs)
        print(fonts.instantiateVariableFont(1, static=True))
        options = fonts.subset.Options  # the first use imports fontTools.subset
        import fontTools.subset
        print(options is fontTools.subset.Options, type(sys.modules["fontTools.subset"]))
    """)
    assert printed.splitlines() == ["('real', (1,), {'static': True})",
                                    "True <class 'module'>"]


def test_the_option_stylesheets_are_parsed_when_first_used():
    """Presentational hints and forms are WeasyPrint options chapbook never sets: their
    stylesheets stand in, unparsed, until a document asks for them, and then apply."""
    printed = _python("""
        import chapbook.weasy
        import weasyprint.html as html
        from weasyprint import CSS, HTML
        from weasyprint.css import get_all_computed_styles
        later = (html.PH_STYLESHEET, html.UA_FORM_STYLESHEET)
        print([sheet._sheet for sheet in later], type(html.UA_STYLESHEET) is CSS, html.CSS is CSS)
        for options in ({}, {"presentational_hints": True, "forms": True}):
            document = HTML(string='<p align="right">x</p><input value="y">')
            style = get_all_computed_styles(document, **options)
            root = document.wrapper_element.etree_element
            print(style(root.find(".//p"))["text_align_all"],
                  style(root.find(".//input"))["appearance"])
        print([type(sheet._sheet) is CSS for sheet in later])
    """)
    assert printed.splitlines() == ["[None, None] True True", "start none", "right auto",
                                    "[True, True]"]


@pytest.mark.slow
def test_a_booklet_is_written_with_fonttools_where_harfbuzz_cannot_cut_fonts(tmp_path):
    """Without HarfBuzz's subsetter, WeasyPrint cuts the fonts down with fontTools: the
    deferred subsetter is imported then, and the fonts are still cut and embedded."""
    from pypdf import PdfReader

    out = tmp_path / "out"
    printed = _python(f"""
        import logging
        import sys
        import chapbook.weasy
        from weasyprint.pdf import fonts
        fonts.harfbuzz_subset = None
        logging.getLogger("weasyprint").disabled = True  # its advice to install HarfBuzz
        from chapbook.build import build
        build({str(FIXTURES / "minimal")!r}, {str(out)!r}, ("pdf",), workers=1)
        print(type(sys.modules.get("fontTools.subset")).__name__)
    """)
    assert printed == "module"  # imported, and the real one
    reader = PdfReader(next(out.glob("*.pdf")))
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                embedded.add(str(descriptor["/FontName"]))
    assert embedded and all("+" in name for name in embedded)  # subset fonts: ABCDEF+Name
