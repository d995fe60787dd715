"""chapbook: one lecture source, a print-ready PDF booklet and an editable PowerPoint deck."""

__version__ = "0.1.0"
