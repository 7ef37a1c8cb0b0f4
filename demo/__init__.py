"""Demo data: the committed demo documents and the catalogue that ``seed_demo`` loads.

``documents/`` holds real DOC, RTF, TIFF, GIF and JPEG files generated once by
``make_documents.py`` (LibreOffice and Pillow); ``seed_demo`` lodges them without needing
LibreOffice.
"""

from pathlib import Path

DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"
