//! Throughput of the pipeline on the bundled corpus: strip per format and language,
//! each stage alone (decode, segment, strip, normalize, normalize_split, fingerprint,
//! cluster), the full run (canonical included), and time against the number of
//! blocks.
//! `examples/scale.rs` is the large-corpus bench.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsdistill::cluster::cluster;
use newsdistill::decode::decode;
use newsdistill::fingerprint::fingerprint;
use newsdistill::normalize::{normalize, normalize_split};
use newsdistill::segment::{segment, Limits};
use newsdistill::{Format, Pipeline, RawDoc, Source, Stripper};

fn corpus(filter: impl Fn(&str) -> bool) -> Vec<RawDoc> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    Source::new(&[dir])
        .filter_map(Result::ok)
        .filter(|d| filter(&d.id))
        .collect()
}

fn bytes(docs: &[RawDoc]) -> u64 {
    docs.iter().map(|d| d.body.len() as u64).sum()
}

fn bench(c: &mut Criterion) {
    let p = Pipeline::builder().threads(1).build().unwrap();
    let sets = [
        ("arabic_text", corpus(|id| id.starts_with('0'))),
        ("arabic_html", corpus(|id| id.starts_with("ar_"))),
        (
            "latin_html",
            corpus(|id| id.starts_with("en_") || id.starts_with("fr_")),
        ),
    ];
    let mut g = c.benchmark_group("strip");
    for (name, docs) in &sets {
        g.throughput(Throughput::Bytes(bytes(docs)));
        g.bench_function(*name, |b| {
            b.iter(|| docs.iter().cloned().filter_map(|d| p.strip(d).ok()).count())
        });
    }
    g.finish();

    // Each stage on the previous stage's output; throughput counted in input bytes
    // so the stages compare directly and the slowest one shows.
    let all = corpus(|_| true);
    let decoded: Vec<_> = all.iter().cloned().map(decode).collect();
    let segmented: Vec<_> = decoded
        .iter()
        .cloned()
        .map(|d| segment(d, Limits::default()))
        .collect();
    let stripper = Stripper::new();
    let articles: Vec<_> = segmented
        .iter()
        .cloned()
        .map(|s| stripper.strip(s))
        .collect();
    let prints: Vec<_> = articles.iter().map(fingerprint).collect();
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes(&all)));
    g.bench_function("decode", |b| {
        b.iter(|| {
            all.iter()
                .cloned()
                .map(|d| decode(d).text.len())
                .sum::<usize>()
        })
    });
    g.bench_function("segment", |b| {
        b.iter(|| {
            decoded
                .iter()
                .cloned()
                .map(|d| segment(d, Limits::default()).blocks.len())
                .sum::<usize>()
        })
    });
    g.bench_function("strip", |b| {
        b.iter(|| {
            segmented
                .iter()
                .cloned()
                .map(|s| stripper.strip(s).paragraphs.len())
                .sum::<usize>()
        })
    });
    g.bench_function("normalize", |b| {
        b.iter(|| {
            articles
                .iter()
                .flat_map(|a| &a.paragraphs)
                .map(|p| normalize(p).len())
                .sum::<usize>()
        })
    });
    // What strip reads every block with: the folded text and its words.
    g.bench_function("normalize_split", |b| {
        b.iter(|| {
            articles
                .iter()
                .flat_map(|a| &a.paragraphs)
                .map(|p| normalize_split(p).1.len())
                .sum::<usize>()
        })
    });
    g.bench_function("fingerprint", |b| {
        b.iter(|| articles.iter().map(|a| fingerprint(a).simhash).sum::<u64>())
    });
    g.bench_function("cluster", |b| b.iter(|| cluster(&prints).len()));
    g.bench_function("run_all", |b| {
        b.iter(|| p.run(all.iter().cloned().map(Ok)).articles.len())
    });
    g.finish();
}

/// Time against the number of blocks: a text dump and a page of short blocks,
/// 50,000 and 500,000 of them. Linear work gives a ratio near 10 between the two
/// sizes; a pass that rescans neighbours gave about 95.
fn blocks(c: &mut Criterion) {
    let p = Pipeline::builder().threads(1).build().unwrap();
    let mut g = c.benchmark_group("blocks");
    g.sample_size(10);
    for n in [50_000usize, 500_000] {
        let text: String = (0..n).map(|i| format!("w{} x\n\n", i % 97)).collect();
        let html: String = (0..n).map(|i| format!("<p>w{} x</p>", i % 97)).collect();
        for (name, format, body) in [("text", Format::Text, text), ("html", Format::Html, html)] {
            g.throughput(Throughput::Elements(n as u64));
            g.bench_function(format!("{name}_{n}"), |b| {
                b.iter(|| p.strip(RawDoc::new("x", format, body.clone())).is_ok())
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench, blocks);
criterion_main!(benches);
