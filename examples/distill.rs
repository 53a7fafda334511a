//! `distill`: the command-line program over dumps.
//!
//! ```text
//! distill [strip|dedup] [OPTIONS] [INPUT]...      (dedup is the default)
//! ```
//! With no INPUT it runs over the crate's bundled `corpus/`.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Files or directories: .html/.htm/.txt/.jsonl, optionally .gz. Default: corpus/.
    inputs: Vec<PathBuf>,
}

#[derive(Serialize)]
struct StripLine<'a> {
    id: &'a str,
    title: &'a Option<String>,
    byline: &'a Option<String>,
    date: &'a Option<String>,
    source: &'a Option<String>,
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
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")]
    } else {
        args.inputs
    };
    let mut builder = Pipeline::builder();
    if let Some(n) = args.threads {
        builder = builder.threads(n);
    }
    let pipeline = builder.build().map_err(io::Error::other)?;

    let progress = if !args.quiet && io::stderr().is_terminal() {
        let pb = ProgressBar::new_spinner();
        pb.set_style(
            ProgressStyle::with_template(
                "{spinner} {pos} documents, {binary_bytes} [{elapsed}] {per_sec}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        pb
    } else {
        ProgressBar::hidden()
    };
    let docs = Source::new(&inputs).inspect(|r| {
        progress.inc(1);
        if let Ok(d) = r {
            progress.inc_length(d.bytes.len() as u64);
        }
    });

    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(File::create(p)?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let (written, skipped) = if mode == "strip" {
        let res = pipeline.strip_all(docs);
        for a in &res.articles {
            let line = StripLine {
                id: &a.id,
                title: &a.title,
                byline: &a.byline,
                date: &a.date,
                source: &a.source,
                text: a.text(),
            };
            write_line(&mut out, &line)?;
        }
        (res.articles.len(), res.skipped)
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
        eprintln!(
            "distill: {} documents collapsed into {} articles",
            docs,
            res.articles.len()
        );
        (docs, res.skipped)
    };
    out.flush()?;
    progress.finish_and_clear();
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

fn write_line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

fn report(skipped: &[Skip]) {
    for s in skipped {
        eprintln!("skipped: {}", s.error);
    }
}
