"""Charts from data: one axis for every output, the booklet's vector drawing."""
