"""chapbook: one lecture source, a print-ready PDF booklet and an editable PowerPoint deck."""

__version__ = "0.1.0"

# Before any of chapbook's dataclasses is made: their methods' code comes from the cache.
from chapbook import dataclass_code as _dataclass_code

_dataclass_code.compiled_once()
