"""Reading news articles into proposed facts (`rollcall.extraction/1`), in plain Python.

No Django import: the extractor is tested and benchmarked alone, and the registry (matching the
people found, storing the source, the review queue) is added by the layers above it.
"""

from rollcall.extraction.document import Document
from rollcall.extraction.extract import extract
from rollcall.extraction.reading import ReadError, read_document

SCHEMA = "rollcall.extraction/1"

__all__ = ["SCHEMA", "Document", "ReadError", "extract", "read_document"]
