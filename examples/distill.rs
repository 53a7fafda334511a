//! `distill`: the command-line program over dumps.
//!
//! ```text
//! distill [strip|dedup] [OPTIONS] [INPUT]...      (dedup is the default)
//! ```
//! With no INPUT it runs over the crate's bundled `corpus/`.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use newsdistill::{Pipeline, Skip, Source};
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "distill",
    about = "Strip news pages to articles and collapse copies of one story.",
    override_usage = "distill [strip|dedup] [OPTIONS] [INPUT]...   (dedup is the default)"
)]
struct Args {
    /// Write output here instead of stdout.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Largest document read, in bytes; larger ones are reported and skipped.
    #[arg(long, default_value_t = newsdistill::source::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Most paragraphs kept per article.
    #[arg(long, default_value_t = 5000)]
    max_paragraphs: usize,
    /// Files or directories (.html/.htm/.txt/.jsonl/.warc, optionally .gz), or `-`
    /// for stdin. Default: the bundled corpus/.
    inputs: Vec<PathBuf>,
}

#[derive(Serialize)]
struct StripLine<'a> {
    id: &'a str,
    title: &'a Option<String>,
    byline: &'a Option<String>,
    date: &'a Option<String>,
    source: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    text: String,
}

#[derive(Serialize)]
struct DedupLine<'a> {
    id: &'a str,
    members: &'a [String],
    title: &'a Option<String>,
    text: String,
    byline: &'a Option<String>,
    date: &'a Option<String>,
    source: &'a Option<String>,
    /// The member each paragraph of `text` came from.
    provenance: Vec<&'a str>,
}

fn main() -> ExitCode {
    let mut argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mode = match argv.get(1).and_then(|a| a.to_str()) {
        Some(m @ ("strip" | "dedup")) => {
            let m = m.to_owned();
            argv.remove(1);
            m
        }
        _ => "dedup".to_owned(),
    };
    let args = Args::parse_from(argv);
    match run(&mode, args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("distill: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(mode: &str, args: Args) -> io::Result<ExitCode> {
    let mut inputs = if args.inputs.is_empty() {
        vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")]
    } else {
        args.inputs
    };
    // Output must not depend on the order the inputs are named in.
    inputs.sort();
    inputs.dedup();
    let mut builder = Pipeline::builder()
        .max_bytes(args.max_bytes)
        .max_paragraphs(args.max_paragraphs);
    if let Some(n) = args.threads {
        builder = builder.threads(n);
    }
    let pipeline = builder.build().map_err(io::Error::other)?;

    let source = Source::new(&inputs).max_bytes(args.max_bytes);
    let progress = Progress::new(&inputs, source.bytes_read(), args.quiet);
    let docs = source.inspect(|_| progress.tick());

    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(File::create(p)?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut skipped = Vec::new();
    let written = if mode == "strip" {
        // Streamed: each batch is written as soon as it is stripped, in input order.
        let mut written = 0;
        for r in pipeline.strip_stream(docs) {
            match r {
                Ok(a) => {
                    let line = StripLine {
                        id: &a.id,
                        title: &a.title,
                        byline: &a.byline,
                        date: &a.date,
                        source: &a.source,
                        lang: a.lang,
                        text: a.text(),
                    };
                    write_line(&mut out, &line)?;
                    written += 1;
                }
                Err(s) => skipped.push(s),
            }
        }
        written
    } else {
        let res = pipeline.run(docs);
        for c in &res.articles {
            let line = DedupLine {
                id: &c.id,
                members: &c.members,
                title: &c.title,
                text: c.text(),
                byline: &c.byline,
                date: &c.date,
                source: &c.source,
                provenance: c.paragraphs.iter().map(|p| p.from.as_str()).collect(),
            };
            write_line(&mut out, &line)?;
        }
        let docs: usize = res.articles.iter().map(|c| c.members.len()).sum();
        progress.finish();
        eprintln!(
            "distill: {} documents collapsed into {} articles",
            docs,
            res.articles.len()
        );
        skipped = res.skipped;
        docs
    };
    out.flush()?;
    progress.finish();
    newsdistill::pipeline::sort_skips(&mut skipped);
    report(&skipped);
    eprintln!(
        "distill: {} documents in, {} processed, {} skipped",
        written + skipped.len(),
        written,
        skipped.len()
    );
    Ok(if written == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A progress bar on stderr when it is a terminal: documents, bytes of input
/// read against the total size of the named files (so an ETA), docs/s.
struct Progress {
    bar: ProgressBar,
    read: Arc<AtomicU64>,
    docs: AtomicU64,
    start: Instant,
}

impl Progress {
    fn new(inputs: &[PathBuf], read: Arc<AtomicU64>, quiet: bool) -> Self {
        let bar = if quiet || !io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let total: u64 = inputs.iter().map(|p| size_of(p)).sum();
            let template = if inputs.iter().any(|p| p.as_os_str() == "-") {
                "{spinner} {binary_bytes} [{elapsed}] {msg}"
            } else {
                "{bar:30} {binary_bytes}/{binary_total_bytes} [{elapsed}, ETA {eta}] {msg}"
            };
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(template)
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        };
        Progress {
            bar,
            read,
            docs: AtomicU64::new(0),
            start: Instant::now(),
        }
    }

    fn tick(&self) {
        let n = self.docs.fetch_add(1, Ordering::Relaxed) + 1;
        if self.bar.is_hidden() || n % 64 != 0 {
            return;
        }
        let rate = n as f64 / self.start.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_position(self.read.load(Ordering::Relaxed));
        self.bar
            .set_message(format!("{n} documents, {rate:.0} docs/s"));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Bytes under a path (files, or directory trees); 0 when unknown.
fn size_of(path: &Path) -> u64 {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => std::fs::read_dir(path)
            .map(|d| d.flatten().map(|e| size_of(&e.path())).sum())
            .unwrap_or(0),
        Ok(m) => m.len(),
        Err(_) => 0,
    }
}

fn write_line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

fn report(skipped: &[Skip]) {
    for s in skipped {
        eprintln!("skipped: {}", s.error);
    }
}
