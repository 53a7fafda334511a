//! Throughput of the pipeline on the bundled corpus: strip per format and language,
//! fingerprint, and the full run (cluster + canonical included).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsdistill::{Pipeline, RawDoc, Source};

fn corpus(filter: impl Fn(&str) -> bool) -> Vec<RawDoc> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    Source::new(&[dir])
        .filter_map(Result::ok)
        .filter(|d| filter(&d.id))
        .collect()
}

fn bytes(docs: &[RawDoc]) -> u64 {
    docs.iter().map(|d| d.bytes.len() as u64).sum()
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

    let all = corpus(|_| true);
    let articles: Vec<_> = all
        .iter()
        .cloned()
        .filter_map(|d| p.strip(d).ok())
        .collect();
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes(&all)));
    g.bench_function("fingerprint", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| p.fingerprint(a).simhash)
                .sum::<u64>()
        })
    });
    g.bench_function("run_all", |b| {
        b.iter(|| p.run(all.iter().cloned().map(Ok)).articles.len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
