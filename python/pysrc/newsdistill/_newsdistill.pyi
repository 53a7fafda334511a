from os import PathLike
from typing import Optional, Sequence, TypedDict, Union

Path = Union[str, "PathLike[str]"]

class Article(TypedDict):
    id: str
    title: Optional[str]
    byline: Optional[str]
    date: Optional[str]
    source: Optional[str]
    lang: Optional[str]
    text: str

class Story(TypedDict):
    id: str
    members: list[str]
    title: Optional[str]
    text: str
    byline: Optional[str]
    date: Optional[str]
    source: Optional[str]
    provenance: list[str]

class NewsdistillError(Exception): ...

def strip(
    page: Union[str, bytes], format: str = "html", url: Optional[str] = None, id: str = "page"
) -> Article: ...
def strip_files(
    paths: Sequence[Path], threads: Optional[int] = None, skipped: Optional[list[str]] = None
) -> list[Article]: ...
def dedup(
    paths: Sequence[Path], threads: Optional[int] = None, skipped: Optional[list[str]] = None
) -> list[Story]: ...

class Deduper:
    def __init__(self) -> None: ...
    def insert(
        self, id: str, page: Union[str, bytes], format: str = "html", url: Optional[str] = None
    ) -> Optional[str]: ...
    def add(
        self, id: str, page: Union[str, bytes], format: str = "html", url: Optional[str] = None
    ) -> tuple[Article, Optional[str]]: ...
    def __len__(self) -> int: ...
