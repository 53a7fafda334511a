//! Python bindings of newsdistill: `strip`, `strip_files`, `dedup` and `Deduper`,
//! each giving what the `distill` program gives, as dicts. The GIL is released
//! while Rust works; a Rust error becomes `newsdistill.NewsdistillError` with the
//! error's message (it names the document); nothing panics across into Python
//! (PyO3 turns a panic into `PanicException`, and the library does not panic on
//! any input it is fuzzed with).

use std::path::PathBuf;
use std::sync::LazyLock;

use newsdistill::{Article, Canonical, Format, Pipeline, RawDoc, Source};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

create_exception!(
    _newsdistill,
    NewsdistillError,
    PyException,
    "A document or input newsdistill could not use; the message names it."
);

/// The default pipeline, shared by every call (it is `Send + Sync`).
static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

fn failed(e: newsdistill::Error) -> PyErr {
    NewsdistillError::new_err(e.to_string())
}

/// A page as Python gives it: text, or bytes decoded as `distill` decodes files.
enum Page {
    Text(String),
    Bytes(Vec<u8>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Page {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if ob.cast::<PyString>().is_ok() {
            return Ok(Page::Text(ob.extract::<String>()?));
        }
        if let Ok(b) = ob.cast::<PyBytes>() {
            return Ok(Page::Bytes(b.as_bytes().to_vec()));
        }
        Err(PyTypeError::new_err("page must be str or bytes"))
    }
}

fn format(name: &str) -> PyResult<Format> {
    match name {
        "html" => Ok(Format::Html),
        "text" => Ok(Format::Text),
        _ => Err(PyValueError::new_err(format!(
            "format must be \"html\" or \"text\", not {name:?}"
        ))),
    }
}

fn raw(id: String, page: Page, format_name: &str, url: Option<String>) -> PyResult<RawDoc> {
    let f = format(format_name)?;
    let doc = match page {
        Page::Text(s) => RawDoc::new(id, f, s),
        Page::Bytes(b) => RawDoc::new(id, f, b),
    };
    Ok(match url {
        Some(u) => doc.with_url(u),
        None => doc,
    })
}

/// A `distill strip` line as a dict.
fn article_dict<'py>(py: Python<'py>, a: &Article) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", &a.id)?;
    d.set_item("title", &a.title)?;
    d.set_item("byline", &a.byline)?;
    d.set_item("date", &a.date)?;
    d.set_item("source", &a.source)?;
    d.set_item("lang", a.lang)?;
    d.set_item("text", a.text())?;
    Ok(d)
}

/// A `distill dedup` line as a dict.
fn story_dict<'py>(py: Python<'py>, c: &Canonical) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", &c.id)?;
    d.set_item("members", &c.members)?;
    d.set_item("title", &c.title)?;
    d.set_item("text", c.text())?;
    d.set_item("byline", &c.byline)?;
    d.set_item("date", &c.date)?;
    d.set_item("source", &c.source)?;
    let provenance: Vec<&str> = c.paragraphs.iter().map(|p| p.from.as_str()).collect();
    d.set_item("provenance", provenance)?;
    Ok(d)
}

/// A pipeline for a call over files: a local pool of `threads`, or the default.
fn pipeline(threads: Option<usize>) -> PyResult<Pipeline> {
    match threads {
        Some(n) => Pipeline::builder().threads(n).build().map_err(failed),
        None => Ok(PIPELINE.clone()),
    }
}

/// Inputs as `distill` takes them: sorted, each once, so the result does not
/// depend on the order they are named in.
fn inputs(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut paths = paths;
    paths.sort();
    paths.dedup();
    paths
}

/// Appends each skip message to `skipped`, when the caller gave a list.
fn report(skipped: Option<&Bound<'_, PyList>>, messages: Vec<String>) -> PyResult<()> {
    if let Some(list) = skipped {
        for m in messages {
            list.append(m)?;
        }
    }
    Ok(())
}

/// Strips one page to its article.
#[pyfunction]
#[pyo3(signature = (page, format = "html", url = None, id = "page"))]
fn strip<'py>(
    py: Python<'py>,
    page: Page,
    format: &str,
    url: Option<String>,
    id: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let doc = raw(id.to_owned(), page, format, url)?;
    let article = py.detach(|| PIPELINE.strip(doc)).map_err(failed)?;
    article_dict(py, &article)
}

/// A call over files: `work` runs on a pipeline of `threads` over the inputs
/// with the GIL released, collecting skip messages; its results become dicts.
fn over_files<'py, T: Send>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    threads: Option<usize>,
    skipped: Option<&Bound<'py, PyList>>,
    work: impl FnOnce(&Pipeline, Source, &mut Vec<String>) -> Vec<T> + Send,
    dict: fn(Python<'py>, &T) -> PyResult<Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let p = pipeline(threads)?;
    let inputs = inputs(paths);
    let (done, skips) = py.detach(|| {
        let mut skips = Vec::new();
        let done = work(&p, Source::new(&inputs), &mut skips);
        (done, skips)
    });
    report(skipped, skips)?;
    let out = PyList::empty(py);
    for x in &done {
        out.append(dict(py, x)?)?;
    }
    Ok(out)
}

/// Strips every document of the files and directories given, as `distill strip`.
#[pyfunction]
#[pyo3(signature = (paths, threads = None, skipped = None))]
fn strip_files<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    threads: Option<usize>,
    skipped: Option<&Bound<'py, PyList>>,
) -> PyResult<Bound<'py, PyList>> {
    let work = |p: &Pipeline, source: Source, skips: &mut Vec<String>| {
        let mut articles = Vec::new();
        for r in p.strip_stream(source) {
            match r {
                Ok(a) => articles.push(a),
                Err(s) => skips.push(s.error.to_string()),
            }
        }
        articles
    };
    over_files(py, paths, threads, skipped, work, article_dict)
}

/// One story per group of copies in the files and directories given, as
/// `distill dedup`.
#[pyfunction]
#[pyo3(signature = (paths, threads = None, skipped = None))]
fn dedup<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    threads: Option<usize>,
    skipped: Option<&Bound<'py, PyList>>,
) -> PyResult<Bound<'py, PyList>> {
    let work = |p: &Pipeline, source: Source, skips: &mut Vec<String>| {
        p.run_reporting(source, |s| skips.push(s.error.to_string()))
    };
    over_files(py, paths, threads, skipped, work, story_dict)
}

/// Incremental deduplication for a crawler: insert pages one at a time.
#[pyclass(module = "newsdistill")]
struct Deduper {
    inner: newsdistill::Deduper,
}

#[pymethods]
impl Deduper {
    #[new]
    fn new() -> Self {
        Deduper {
            inner: newsdistill::Deduper::new(),
        }
    }

    /// Strips and fingerprints a page and inserts it: `None` when it is a new
    /// story, else the id the story was first seen under.
    #[pyo3(signature = (id, page, format = "html", url = None))]
    fn insert(
        &mut self,
        py: Python<'_>,
        id: String,
        page: Page,
        format: &str,
        url: Option<String>,
    ) -> PyResult<Option<String>> {
        Ok(self.strip_insert(py, id, page, format, url)?.1)
    }

    /// [`Deduper::insert`], also returning the stripped article (as `strip`
    /// does): `(article, copy_of)`, the page stripped once.
    #[pyo3(signature = (id, page, format = "html", url = None))]
    fn add<'py>(
        &mut self,
        py: Python<'py>,
        id: String,
        page: Page,
        format: &str,
        url: Option<String>,
    ) -> PyResult<(Bound<'py, PyDict>, Option<String>)> {
        let (article, copy_of) = self.strip_insert(py, id, page, format, url)?;
        Ok((article_dict(py, &article)?, copy_of))
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

impl Deduper {
    fn strip_insert(
        &mut self,
        py: Python<'_>,
        id: String,
        page: Page,
        format: &str,
        url: Option<String>,
    ) -> PyResult<(Article, Option<String>)> {
        let doc = raw(id.clone(), page, format, url)?;
        let inner = &mut self.inner;
        let done = py.detach(|| {
            let article = PIPELINE.strip(doc)?;
            let print = PIPELINE.fingerprint(&article);
            Ok::<_, newsdistill::Error>((article, inner.insert(id, print)))
        });
        let (article, novelty) = done.map_err(failed)?;
        let copy_of = match novelty {
            newsdistill::Novelty::New => None,
            newsdistill::Novelty::CopyOf { id } => Some(id),
        };
        Ok((article, copy_of))
    }
}

#[pymodule]
fn _newsdistill(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(strip, m)?)?;
    m.add_function(wrap_pyfunction!(strip_files, m)?)?;
    m.add_function(wrap_pyfunction!(dedup, m)?)?;
    m.add_class::<Deduper>()?;
    m.add("NewsdistillError", m.py().get_type::<NewsdistillError>())?;
    Ok(())
}
