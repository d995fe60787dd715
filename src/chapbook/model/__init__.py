"""Stage 2, the model: frozen records of plain data, the only thing templates and writers see."""
