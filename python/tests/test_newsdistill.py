"""The Python package: the same results as the `distill` program, errors as
exceptions, the GIL released while Rust works."""

import json
import os
import pathlib
import subprocess
import threading
import time

import pytest

import newsdistill

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DISTILL = ROOT / "target" / "release" / "examples" / "distill"

STORY = (
    "Le conseil municipal a voté hier soir le budget de la ville pour l'année prochaine, "
    "après un long débat sur les investissements dans les écoles et les transports publics "
    "de la région, qui devront être rénovés avant la fin de la décennie."
)
PAGE = (
    "<html><body><nav><a href='/'>Accueil</a> <a href='/sport'>Sport</a></nav>"
    f"<article><h1>Le budget voté</h1><p>{STORY}</p></article></body></html>"
)


def test_strip_gives_the_fields_of_a_strip_line():
    a = newsdistill.strip(PAGE, url="https://ville.example/budget")
    assert set(a) == {"id", "title", "byline", "date", "source", "lang", "text"}
    assert a["title"] == "Le budget voté"
    assert a["text"] == STORY
    assert a["lang"] == "fr"
    assert "Accueil" not in a["text"]


def test_text_dumps_and_bytes_decoded_like_files():
    a = newsdistill.strip(f"Le budget voté\n\n{STORY}\n", format="text", id="dump")
    assert a["id"] == "dump" and STORY in a["text"]
    raw = (CORPUS / "ar_windows1256.html").read_bytes()
    b = newsdistill.strip(raw)
    assert any("\u0600" <= ch <= "\u06ff" for ch in b["text"])
    assert "\ufffd" not in b["text"]


def test_errors_become_exceptions_with_the_message():
    with pytest.raises(newsdistill.NewsdistillError, match="no article text"):
        newsdistill.strip("<html><body><nav>menu</nav></body></html>")
    with pytest.raises(TypeError):
        newsdistill.strip(42)
    with pytest.raises(ValueError, match="format"):
        newsdistill.strip(PAGE, format="pdf")
    with pytest.raises(newsdistill.NewsdistillError, match="threads"):
        newsdistill.dedup([str(CORPUS)], threads=0)


def test_files_give_the_lines_of_distill_and_skips_are_reported():
    skipped = []
    articles = newsdistill.strip_files([CORPUS, CORPUS / "missing.html"], skipped=skipped)
    assert len(articles) == 9
    assert len(skipped) == 1 and "missing.html" in skipped[0]
    stories = newsdistill.dedup([str(CORPUS)], threads=2)
    assert len(stories) == 8
    pair = [s for s in stories if len(s["members"]) == 2]
    assert pair[0]["members"] == ["000_c484fc3f2e4a3e1b", "001_136f296ef6bc9d42"]
    assert len(pair[0]["provenance"]) == pair[0]["text"].count("\n\n") + 1


@pytest.mark.skipif(not DISTILL.exists(), reason="distill example not built")
def test_same_bytes_as_the_program():
    for mode, call in (("strip", newsdistill.strip_files), ("dedup", newsdistill.dedup)):
        out = subprocess.run(
            [str(DISTILL), mode, "-q", str(CORPUS)], capture_output=True, check=True
        ).stdout.decode()
        lines = [json.loads(line) for line in out.splitlines()]
        got = call([str(CORPUS)])
        if mode == "strip":
            # The program leaves out an unknown language; the dict always has it.
            got = [{k: v for k, v in a.items() if k != "lang" or v is not None} for a in got]
        assert got == lines, mode


def test_deduper_names_the_story_a_page_copies():
    d = newsdistill.Deduper()
    first = (CORPUS / "001_136f296ef6bc9d42.txt").read_text()
    copy = (CORPUS / "000_c484fc3f2e4a3e1b.txt").read_text()
    assert d.insert("001", first, format="text") is None
    article, copy_of = d.add("000", copy, format="text")
    assert copy_of == "001" and article["id"] == "000"
    assert len(d) == 2
    with pytest.raises(newsdistill.NewsdistillError):
        d.insert("empty", "", format="text")


def longest_stall(call):
    """Runs `call` in a thread while this one spins; returns the longest time this
    thread went without running and the call's duration (seconds)."""
    entered, finished = threading.Event(), threading.Event()

    def work():
        entered.set()
        call()
        finished.set()

    t = threading.Thread(target=work)
    t.start()
    entered.wait()
    start = last = time.perf_counter()
    stall = 0.0
    while not finished.is_set():
        now = time.perf_counter()
        stall = max(stall, now - last)
        last = now
    t.join()
    return stall, time.perf_counter() - start


def test_the_gil_is_released_while_rust_works():
    # A page that takes Rust a while. Held, the GIL would stop this thread for
    # the whole call; released, this thread runs throughout.
    big = "<html><body>" + f"<p>{STORY}</p>" * 120000 + "</body></html>"
    stall, took = longest_stall(lambda: newsdistill.strip(big))
    assert took > 0.1, took
    assert stall < took / 2, (stall, took)
    # The same measure tells a call that holds the GIL (json's C decoder).
    held = json.dumps([STORY] * 1000000)
    stall, took = longest_stall(lambda: json.loads(held))
    assert stall > took / 2, (stall, took)


def test_datatrove_step():
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from newsdistill.datatrove import NewsdistillStep

    docs = [
        Document(text=PAGE, id="a", metadata={"url": "https://ville.example/a"}),
        Document(text=PAGE.replace("Accueil", "Home"), id="b", metadata={}),
        Document(text="<html><body></body></html>", id="c", metadata={}),
    ]
    out = list(NewsdistillStep().run(iter(docs)))
    assert [d.id for d in out] == ["a", "b"]
    assert out[0].text == STORY and out[0].metadata["title"] == "Le budget voté"
    assert out[0].metadata["copy_of"] is None and out[1].metadata["copy_of"] == "a"
    kept = list(NewsdistillStep(drop_copies=True).run(iter(docs)))
    assert [d.id for d in kept] == ["a"]
