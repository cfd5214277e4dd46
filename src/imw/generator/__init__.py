"""Simulator of the IMW source system: writes monthly deliveries as the spec describes.

`build_truth` draws the complete history of the programme (applications, premiums,
organisations, providers, coaching, settlements, mails) once; `write_deliveries` cuts it
into the monthly snapshot and delta files of ``shared/spec/source-extracts.md``.
"""

from imw.generator.truth import build_truth
from imw.generator.writer import write_deliveries

__all__ = ["build_truth", "write_deliveries"]
