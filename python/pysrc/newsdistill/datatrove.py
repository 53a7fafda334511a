"""A datatrove pipeline step: strips each document's HTML to its article and marks
copies of one story.

    from datatrove.executor import LocalPipelineExecutor
    from newsdistill.datatrove import NewsdistillStep

    LocalPipelineExecutor(pipeline=[reader, NewsdistillStep(), writer]).run()

Each document's ``text`` (HTML, or plain text with ``format="text"``) becomes the
article's text; ``metadata`` gains ``title``, ``byline``, ``date``, ``source``,
``lang`` and ``copy_of`` (the id of the first document of the same story this task
saw, or ``None``). With ``drop_copies=True`` copies are dropped instead. A document
with no article text is dropped and counted (``no_article``). Each task keeps its
own ``Deduper``: copies are found within a task's documents.
"""

from typing import Optional

from . import Deduper, NewsdistillError

try:  # datatrove is optional: the step exists only when it is installed.
    from datatrove.pipeline.base import PipelineStep
except ImportError:  # pragma: no cover - exercised when datatrove is absent
    PipelineStep = None


if PipelineStep is not None:

    class NewsdistillStep(PipelineStep):
        """Strip with newsdistill, and mark (or drop) copies of one story."""

        name = "newsdistill"
        type = "🔪 - EXTRAC"

        def __init__(self, format: str = "html", drop_copies: bool = False):
            super().__init__()
            self.format = format
            self.drop_copies = drop_copies

        def run(self, data, rank: int = 0, world_size: int = 1):
            deduper = Deduper()
            for doc in data:
                self.stat_update("documents")
                url: Optional[str] = doc.metadata.get("url")
                try:
                    article, copy_of = deduper.add(str(doc.id), doc.text, format=self.format, url=url)
                except NewsdistillError:
                    self.stat_update("no_article")
                    continue
                if copy_of is not None:
                    self.stat_update("copies")
                    if self.drop_copies:
                        continue
                doc.text = article["text"]
                for key in ("title", "byline", "date", "source", "lang"):
                    doc.metadata[key] = article[key]
                doc.metadata["copy_of"] = copy_of
                yield doc
