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
use std::time::Instant;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use newsdistill::{Pipeline, Skip, Source, Store};

// The pipeline allocates a string or vector per block, paragraph and word list:
// glibc's allocator took about an eighth of a run's time.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "distill",
    about = "Strip news pages to articles and collapse copies of one story.",
    override_usage = "distill [strip|dedup] [OPTIONS] [INPUT]...   (dedup is the default)"
)]
struct Args {
    /// Write output here instead of stdout (`-` is stdout, as it is stdin
    /// among the inputs).
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Worker threads, 1 to 1024 (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Largest document read, in bytes (1 to 4 GiB); larger ones are reported and
    /// skipped.
    #[arg(long, default_value_t = newsdistill::source::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Most paragraphs kept per article (at least 1).
    #[arg(long, default_value_t = 5000)]
    max_paragraphs: usize,
    /// dedup: keep the dedup state in this directory across runs (created if
    /// missing): the inputs are added to it and every story it knows is written.
    #[arg(long, value_name = "DIR")]
    state: Option<PathBuf>,
    /// With --state: write only the stories that are new or gained a member in
    /// this run.
    #[arg(long, requires = "state")]
    changed: bool,
    /// dedup across processes on timely dataflow: a file of one host:port per
    /// process (its number of lines is the number of processes).
    #[cfg(feature = "timely")]
    #[arg(
        long,
        value_name = "FILE",
        requires = "process",
        conflicts_with = "state"
    )]
    hosts: Option<PathBuf>,
    /// With --hosts: this process's line in FILE, from 0. Process 0 writes the
    /// output, the skip report and the summary.
    #[cfg(feature = "timely")]
    #[arg(long, value_name = "I", requires = "hosts")]
    process: Option<usize>,
    /// With --hosts: seconds to wait for the other processes to connect.
    #[cfg(feature = "timely")]
    #[arg(long, value_name = "SECS", default_value_t = 30, requires = "hosts")]
    wait: u64,
    /// With --hosts: print process 0's time per stage and the bytes it sent.
    #[cfg(feature = "timely")]
    #[arg(long, requires = "hosts")]
    stages: bool,
    /// Files or directories (.html/.htm/.txt/.jsonl/.warc, optionally .gz), or `-`
    /// for stdin. Default: the bundled corpus/.
    inputs: Vec<PathBuf>,
}

struct StripLine<'a> {
    id: &'a str,
    title: &'a Option<String>,
    byline: &'a Option<String>,
    date: &'a Option<String>,
    source: &'a Option<String>,
    /// Left out when no language was detected.
    lang: Option<&'a str>,
    text: String,
}

impl StripLine<'_> {
    fn render(&self) -> String {
        let mut o = Object::new();
        o.str("id", self.id);
        o.opt("title", self.title);
        o.opt("byline", self.byline);
        o.opt("date", self.date);
        o.opt("source", self.source);
        if let Some(lang) = self.lang {
            o.str("lang", lang);
        }
        o.str("text", &self.text);
        o.end()
    }
}

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

impl DedupLine<'_> {
    fn render(&self) -> String {
        let mut o = Object::new();
        o.str("id", self.id);
        o.strs("members", self.members.iter().map(String::as_str));
        o.opt("title", self.title);
        o.str("text", &self.text);
        o.opt("byline", self.byline);
        o.opt("date", self.date);
        o.opt("source", self.source);
        o.strs("provenance", self.provenance.iter().copied());
        o.end()
    }
}

/// A JSON object written field by field, in order, on one line. Strings are
/// escaped as serde_json escapes them, but skipped eight bytes at a time where
/// none needs it: serde_json's byte-by-byte escaping was 7% of stripping text
/// dumps.
struct Object(String);

impl Object {
    fn new() -> Object {
        Object(String::from("{"))
    }

    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_json_str(&mut self.0, key);
        self.0.push(':');
    }

    fn str(&mut self, key: &str, value: &str) {
        self.key(key);
        push_json_str(&mut self.0, value);
    }

    fn opt(&mut self, key: &str, value: &Option<String>) {
        match value {
            Some(v) => self.str(key, v),
            None => {
                self.key(key);
                self.0.push_str("null");
            }
        }
    }

    fn strs<'a>(&mut self, key: &str, values: impl Iterator<Item = &'a str>) {
        self.key(key);
        self.0.push('[');
        for (i, v) in values.enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            push_json_str(&mut self.0, v);
        }
        self.0.push(']');
    }

    fn end(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// Appends `s` as a JSON string: `"` and `\` escaped, control characters as
/// `\n`, `\t` … or `\u00xx` (serde_json's escapes, so lines are the same).
fn push_json_str(out: &mut String, s: &str) {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    // The high bit of each byte of a word (read little-endian) that is below
    // 0x20 or is `"` or `\`: the "has a zero byte" test on the word and on the
    // word xor each of them. A borrow may mark bytes after a marked one, never
    // before, so the lowest mark is the first byte to escape.
    let special = |w: u64| {
        let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
        (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
            | zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
    };
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push('"');
    // Start of the bytes not yet copied.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let at = match b.get(i..i + 8) {
            Some(w) => match special(u64::from_le_bytes(w.try_into().unwrap_or_default())) {
                0 => {
                    i += 8;
                    continue;
                }
                marks => i + marks.trailing_zeros() as usize / 8,
            },
            // The last few bytes, one at a time.
            None => i,
        };
        let x = b[at];
        let escaped = match x {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\t' => "\\t",
            b'\r' => "\\r",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => {
                i = at + 1;
                continue;
            }
        };
        // `x` is ASCII, so `at` and `at + 1` are character boundaries.
        out.push_str(&s[run..at]);
        if escaped.is_empty() {
            out.push_str(&format!("\\u{:04x}", x));
        } else {
            out.push_str(escaped);
        }
        i = at + 1;
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
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
        Err(Failure::Usage(e)) => {
            say(&format!("distill: {e}"));
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) => {
            say(&format!("distill: {e}"));
            ExitCode::FAILURE
        }
        // The reader of stdout went away (`distill … | head`): nothing to say.
        Err(Failure::Closed) => ExitCode::SUCCESS,
    }
}

/// Why a run stopped early.
enum Failure {
    /// Bad options, refused before anything is read.
    Usage(String),
    /// Writing the output failed (the message names the path).
    Io(String),
    /// Stdout was closed by its reader.
    Closed,
}

/// A line on stderr. Never panics: with stderr gone, there is no one to tell.
fn say(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

fn run(mode: &str, mut args: Args) -> Result<ExitCode, Failure> {
    let mut inputs = std::mem::take(&mut args.inputs);
    if inputs.is_empty() {
        inputs.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    }
    // Output must not depend on the order the inputs are named in.
    inputs.sort();
    inputs.dedup();
    #[cfg(feature = "timely")]
    if let (Some(hosts), Some(process)) = (&args.hosts, args.process) {
        return distributed(mode, &args, hosts, process, &inputs);
    }
    let mut builder = Pipeline::builder()
        .max_bytes(args.max_bytes)
        .max_paragraphs(args.max_paragraphs);
    if let Some(n) = args.threads {
        builder = builder.threads(n);
    }
    let pipeline = builder.build().map_err(usage)?;
    if mode == "strip" && args.state.is_some() {
        return Err(Failure::Usage("--state is for dedup, not strip".into()));
    }
    // Refused before anything is read or created: the output must not be an input.
    let mut out = match to_file(&args.output) {
        Some(path) => Output::file(path, &inputs)?,
        None => Output::stdout(),
    };

    let mut source = Source::new(&inputs).max_bytes(args.max_bytes);
    let progress = Progress::new(&mut source, args.quiet);
    let read = source.bytes_read();
    let docs = source.inspect(|_| progress.tick(&read));

    // Skips are told as they happen (input order), so memory does not grow with
    // them; only their number is kept.
    let mut skipped = 0usize;
    let mut report = |s: Skip| {
        skipped += 1;
        progress.suspend(|| say(&format!("skipped: {}", s.error)));
    };
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
                    out.text(&line.render())?;
                    written += 1;
                }
                Err(s) => report(s),
            }
        }
        written
    } else {
        let (stories, added) = match &args.state {
            Some(dir) => {
                let fail = |e: newsdistill::Error| Failure::Io(e.to_string());
                let mut store = Store::open(dir).map_err(fail)?;
                let added = pipeline
                    .update_reporting(docs, &mut store, &mut report)
                    .map_err(fail)?;
                progress.suspend(|| {
                    say(&format!(
                        "distill: {added} documents added to the state in {} ({} documents in it)",
                        dir.display(),
                        store.len()
                    ))
                });
                let stories = pipeline.stories(&store, args.changed).map_err(fail)?;
                (stories, Some(added))
            }
            None => (pipeline.run_reporting(docs, &mut report), None),
        };
        let docs = write_stories(&mut out, &stories)?;
        progress.finish();
        // With a state, the stories written may hold documents of earlier runs.
        added.unwrap_or(docs)
    };
    out.finish()?;
    progress.finish();
    Ok(summary(written, skipped))
}

/// A library setting error as the option it came from.
fn usage(e: newsdistill::Error) -> Failure {
    match e {
        // The library names its settings; here they are options.
        newsdistill::Error::Config { option, reason } => {
            Failure::Usage(format!("--{}: {reason}", option.replace('_', "-")))
        }
        e => Failure::Usage(e.to_string()),
    }
}

/// Writes one line per story; says how many documents they collapse. Returns
/// the number of documents.
fn write_stories(out: &mut Output, stories: &[newsdistill::Canonical]) -> Result<usize, Failure> {
    for c in stories {
        out.text(&dedup_line(c).render())?;
    }
    let docs: usize = stories.iter().map(|c| c.members.len()).sum();
    Ok(collapsed(docs, stories.len()))
}

fn collapsed(docs: usize, stories: usize) -> usize {
    say(&format!(
        "distill: {docs} documents collapsed into {stories} articles"
    ));
    docs
}

/// A story as a `dedup` line.
fn dedup_line(c: &newsdistill::Canonical) -> DedupLine<'_> {
    DedupLine {
        id: &c.id,
        members: &c.members,
        title: &c.title,
        text: c.text(),
        byline: &c.byline,
        date: &c.date,
        source: &c.source,
        provenance: c.paragraphs.iter().map(|p| p.from.as_str()).collect(),
    }
}

/// A story rendered where it was built: its line and its number of members.
#[cfg(feature = "timely")]
fn rendered(c: &newsdistill::Canonical) -> (String, u64) {
    let line = dedup_line(c).render();
    (line, c.members.len() as u64)
}

/// The summary line, and the exit status: failure when nothing was processed.
fn summary(processed: usize, skipped: usize) -> ExitCode {
    say(&format!(
        "distill: {} documents in, {} processed, {} skipped",
        processed + skipped,
        processed,
        skipped
    ));
    if processed == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `dedup --hosts FILE --process I`: this process's part of a distributed run.
#[cfg(feature = "timely")]
fn distributed(
    mode: &str,
    args: &Args,
    hosts: &Path,
    process: usize,
    inputs: &[PathBuf],
) -> Result<ExitCode, Failure> {
    use newsdistill::dataflow::{dedup_rendered, read_hosts, Cluster};
    if mode != "dedup" {
        return Err(Failure::Usage("--hosts is for dedup, not strip".into()));
    }
    let hosts = read_hosts(hosts).map_err(usage)?;
    let mut cluster = Cluster::new(hosts, process, args.threads.unwrap_or(1)).map_err(usage)?;
    cluster.wait = std::time::Duration::from_secs(args.wait);
    let pipeline = Pipeline::builder()
        .max_bytes(args.max_bytes)
        .max_paragraphs(args.max_paragraphs)
        .build()
        .map_err(usage)?;
    // Only process 0 writes; the output is refused before anything is read.
    let mut out = match (to_file(&args.output), process) {
        (_, 1..) => None,
        (Some(path), 0) => Some(Output::file(path, inputs)?),
        (None, 0) => Some(Output::stdout()),
    };
    // A lost connection makes timely's threads panic; the run reports the lost
    // process itself, so their panics are not printed.
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let timely = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with("timely:"));
        if !timely {
            default(info);
        }
    }));
    let outcome = dedup_rendered(&pipeline, &cluster, inputs, rendered)
        .map_err(|e| Failure::Io(e.to_string()))?;
    let (Some(outcome), Some(mut out)) = (outcome, out.take()) else {
        return Ok(ExitCode::SUCCESS);
    };
    for s in &outcome.skipped {
        say(&format!("skipped: {s}"));
    }
    let writing = std::time::Instant::now();
    for (_, (line, _)) in &outcome.stories {
        out.text(line)?;
    }
    let docs = outcome.stories.iter().map(|(_, (_, n))| *n as usize).sum();
    collapsed(docs, outcome.stories.len());
    out.finish()?;
    if args.stages {
        let write = ("write the output", writing.elapsed());
        for (name, t) in outcome.stages.iter().chain([&write]) {
            say(&format!("distill: stage {name}: {:.3} s", t.as_secs_f64()));
        }
        say(&format!(
            "distill: process 0 sent {} bytes",
            outcome.sent_bytes
        ));
    }
    Ok(summary(outcome.processed as usize, outcome.skipped.len()))
}

/// Where the lines go: stdout, or a file written under a temporary name in its
/// directory and renamed at the end, so a failed run leaves no half-written file
/// under the final name (and an existing one is replaced only by a whole one); a
/// device or FIFO is written in place (renaming onto `/dev/null` would replace it).
enum Output {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File {
        w: BufWriter<File>,
        /// The temporary name written to, renamed to `path` at the end; `None` for
        /// a device or FIFO (`-o /dev/null`), written as it is and never replaced.
        temp: Option<PathBuf>,
        path: PathBuf,
    },
}

/// Bytes gathered before each write: output runs to hundreds of megabytes, and
/// 8 KiB writes cost a system call each.
const OUT_BUFFER: usize = 1 << 20;

impl Output {
    fn stdout() -> Output {
        Output::Stdout(BufWriter::with_capacity(OUT_BUFFER, io::stdout().lock()))
    }

    fn file(path: &Path, inputs: &[PathBuf]) -> Result<Self, Failure> {
        refuse_input(path, inputs)?;
        let cannot = |e: io::Error| Failure::Io(format!("cannot write {}: {e}", path.display()));
        let file = |at: &Path, new: bool| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(new)
                .open(at)
                .map_err(cannot)
        };
        let (w, temp) = if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            (file(path, false)?, None)
        } else {
            let name = path
                .file_name()
                .ok_or_else(|| Failure::Usage(format!("-o {}: not a file name", path.display())))?;
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
                _ => PathBuf::from("."),
            };
            let temp = dir.join(format!(
                ".{}.{}.partial",
                name.to_string_lossy(),
                std::process::id()
            ));
            (file(&temp, true)?, Some(temp))
        };
        Ok(Output::File {
            w: BufWriter::with_capacity(OUT_BUFFER, w),
            temp,
            path: path.to_owned(),
        })
    }

    /// One line already rendered as JSON.
    fn text(&mut self, line: &str) -> Result<(), Failure> {
        let w: &mut dyn Write = match self {
            Output::Stdout(w) => w,
            Output::File { w, .. } => w,
        };
        let r = w
            .write_all(line.as_bytes())
            .and_then(|_| w.write_all(b"\n"));
        r.map_err(|e| self.failed(e))
    }

    fn failed(&mut self, e: io::Error) -> Failure {
        match self {
            Output::Stdout(_) if e.kind() == io::ErrorKind::BrokenPipe => Failure::Closed,
            Output::Stdout(_) => Failure::Io(format!("writing stdout: {e}")),
            Output::File { temp, path, .. } => {
                if let Some(t) = temp.take() {
                    let _ = std::fs::remove_file(t);
                }
                Failure::Io(format!("writing {}: {e}", path.display()))
            }
        }
    }

    fn finish(mut self) -> Result<(), Failure> {
        let r = match &mut self {
            Output::Stdout(w) => w.flush(),
            Output::File { w, temp, path } => w.flush().and_then(|_| match temp {
                Some(t) => w
                    .get_ref()
                    .sync_all()
                    .and_then(|_| std::fs::rename(&*t, &*path)),
                None => Ok(()),
            }),
        };
        r.map_err(|e| self.failed(e))
    }
}

impl Drop for Output {
    /// A run that stops early leaves no temporary file behind.
    fn drop(&mut self) {
        if let Output::File { temp: Some(t), .. } = self {
            let _ = std::fs::remove_file(&*t);
        }
    }
}

/// The file `-o` names, if any: `-` is stdout.
fn to_file(output: &Option<PathBuf>) -> Option<&Path> {
    output.as_deref().filter(|p| p.as_os_str() != "-")
}

/// Refuses an output path that is one of the inputs or lies inside an input
/// directory: writing it would destroy an input, or be read back as one.
fn refuse_input(out: &Path, inputs: &[PathBuf]) -> Result<(), Failure> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let real_dir = std::fs::canonicalize(dir).map_err(|e| {
        Failure::Io(format!(
            "cannot write {}: {}: {e}",
            out.display(),
            dir.display()
        ))
    })?;
    let real = match std::fs::canonicalize(out) {
        Ok(r) => r, // exists: where its links lead
        Err(_) => real_dir.join(out.file_name().unwrap_or_default()),
    };
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        let Ok(real_in) = std::fs::canonicalize(input) else {
            continue; // reported as an input that cannot be read
        };
        let why = if real_in.is_dir() && real.starts_with(&real_in) {
            "is inside the input directory"
        } else if real == real_in || same_file(out, input) {
            "is the input"
        } else {
            continue;
        };
        return Err(Failure::Usage(format!(
            "-o {} {why} {}: refused, nothing was read or written",
            out.display(),
            input.display()
        )));
    }
    Ok(())
}

/// Two names of one file (hard links).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    let _ = (a, b);
    false
}

/// A progress bar on stderr when it is a terminal: documents, bytes of input
/// read against the total size of the input files (so an ETA), docs/s.
struct Progress {
    bar: ProgressBar,
    docs: AtomicU64,
    start: Instant,
}

impl Progress {
    fn new(source: &mut Source, quiet: bool) -> Self {
        let bar = if quiet || !io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            // The source's own walk of the inputs: the same files it reads.
            let (total, template) = match source.total_bytes() {
                Some(t) => (
                    t,
                    "{bar:30} {binary_bytes}/{binary_total_bytes} [{elapsed}, ETA {eta}] {msg}",
                ),
                None => (0, "{spinner} {binary_bytes} [{elapsed}] {msg}"),
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
            docs: AtomicU64::new(0),
            start: Instant::now(),
        }
    }

    fn tick(&self, read: &AtomicU64) {
        let n = self.docs.fetch_add(1, Ordering::Relaxed) + 1;
        if self.bar.is_hidden() || !n.is_multiple_of(64) {
            return;
        }
        let rate = n as f64 / self.start.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_position(read.load(Ordering::Relaxed));
        self.bar
            .set_message(format!("{n} documents, {rate:.0} docs/s"));
    }

    /// Runs `f` (a line on stderr) with the bar out of its way.
    fn suspend(&self, f: impl FnOnce()) {
        if self.bar.is_hidden() {
            f()
        } else {
            self.bar.suspend(f)
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
