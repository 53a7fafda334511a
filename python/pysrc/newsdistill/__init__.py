"""newsdistill: strip news pages to their articles and collapse copies of one story.

The work is done in Rust (the `newsdistill` crate) with the GIL released:

- ``strip(page, format="html", url=None, id="page")`` -> dict with the keys of a
  ``distill strip`` line: ``id``, ``title``, ``byline``, ``date``, ``source``,
  ``lang``, ``text`` (paragraphs joined by a blank line). ``page`` is ``str`` or
  ``bytes`` (bytes are decoded as ``distill`` decodes files: BOM, ``<meta>``
  charset, detection); ``format="text"`` for plain-text dumps.
- ``strip_files(paths, threads=None, skipped=None)`` -> list of those dicts for
  every document of the files and directories given (``.html``, ``.txt``,
  ``.jsonl``, ``.warc``, optionally ``.gz``), as ``distill strip`` writes them.
- ``dedup(paths, threads=None, skipped=None)`` -> list of dicts, the lines of
  ``distill dedup``: ``id``, ``members``, ``title``, ``text``, ``byline``,
  ``date``, ``source``, ``provenance``.
- ``Deduper()``: ``insert(id, page, format="html", url=None)`` returns ``None``
  for a new story or the id of the story the page copies; ``add(...)`` returns
  ``(article, copy_of)``, the page stripped once.

Documents that cannot be used are not errors of a call over files: pass a list
as ``skipped`` and each reason (naming the path, line or id) is appended to it.
A page ``strip`` or ``insert`` cannot use raises ``NewsdistillError`` with the
reason; a wrong argument raises ``TypeError`` or ``ValueError``.
"""

from ._newsdistill import Deduper, NewsdistillError, dedup, strip, strip_files

__all__ = ["Deduper", "NewsdistillError", "dedup", "strip", "strip_files"]
