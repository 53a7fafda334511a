//! The five seed documents and what must happen to each (DESIGN.md).

use std::path::PathBuf;

use newsdistill::{Canonical, Distilled, Pipeline, Source};

use crate::{corpus_file, run};

const SEEDS: [&str; 5] = [
    "000_c484fc3f2e4a3e1b",
    "001_136f296ef6bc9d42",
    "002_cc7168cccc206e54",
    "003_ccd99d96cb69e66f",
    "004_dda5623092e3be24",
];

fn seed_paths() -> Vec<PathBuf> {
    SEEDS
        .iter()
        .map(|s| corpus_file(&format!("{s}.txt")))
        .collect()
}

fn seed_text(i: usize) -> String {
    std::fs::read_to_string(&seed_paths()[i]).unwrap()
}

fn seed_line(i: usize, line: usize) -> String {
    seed_text(i)
        .lines()
        .nth(line - 1)
        .unwrap()
        .trim()
        .to_owned()
}

fn distilled() -> Distilled {
    let out = run(&seed_paths());
    assert!(out.skipped.is_empty(), "{:?}", out.skipped);
    out
}

fn cluster_of<'a>(out: &'a Distilled, id: &str) -> &'a Canonical {
    out.articles
        .iter()
        .find(|c| c.members.iter().any(|m| m == id))
        .unwrap_or_else(|| panic!("{id} is in no cluster"))
}

fn all_text(out: &Distilled) -> String {
    let texts: Vec<String> = out.articles.iter().map(Canonical::text).collect();
    texts.join("\n\n")
}

#[test]
fn five_seeds_become_four_articles() {
    let out = distilled();
    let members: Vec<Vec<&str>> = out
        .articles
        .iter()
        .map(|c| c.members.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        members,
        vec![
            vec![SEEDS[0], SEEDS[1]],
            vec![SEEDS[2]],
            vec![SEEDS[3]],
            vec![SEEDS[4]],
        ]
    );
}

#[test]
fn furniture_is_gone_from_every_output() {
    let out = distilled();
    let text = all_text(&out);
    // 001: the one-line ticker, every headline of it.
    let ticker = seed_line(1, 1);
    let ticker = ticker.replace('\u{a0}', " ");
    let headlines: Vec<&str> = ticker
        .split("   ")
        .map(str::trim)
        .filter(|s| s.chars().count() > 20)
        .collect();
    assert!(
        headlines.len() > 40,
        "ticker has {} headlines",
        headlines.len()
    );
    for h in headlines {
        assert!(!text.contains(h), "ticker headline kept: {h}");
    }
    // 001: the image-report widget, the next-article link, "read the source".
    assert!(!text.contains("شكرا على الإبلاغ!"));
    assert!(!text.contains(&seed_line(1, 10)));
    assert!(!text.contains(&seed_line(1, 29)), "next-article link kept");
    assert!(!text.contains("انقر هنا لقراءة الخبر من مصدره."));
    // 004: dateline and the related block with its two headlines.
    assert!(!text.contains("الرباط -المغرب اليوم"));
    assert!(!text.contains("قد يهمك أيضَا"));
    assert!(!text.contains(&seed_line(4, 8)));
    assert!(!text.contains(&seed_line(4, 9)));
    // 001's byline is a field, not text.
    assert!(!text.contains("نشر في أكورا بريس"));
}

#[test]
fn copy_cluster_keeps_title_intro_and_every_sentence_once() {
    let out = distilled();
    let c = cluster_of(&out, SEEDS[0]);
    assert_eq!(c.id, SEEDS[1], "the most complete copy is the base");
    assert_eq!(c.title.as_deref(), Some(seed_line(1, 14).as_str()));
    assert_eq!(c.source.as_deref(), Some("أكورا بريس"));
    assert_eq!(c.date.as_deref(), Some("2023-12-26"));
    let paragraphs: Vec<&str> = c.paragraphs.iter().map(|p| p.text.as_str()).collect();
    for intro in [seed_line(1, 17), seed_line(1, 18)] {
        assert!(paragraphs.contains(&intro.as_str()), "intro paragraph lost");
    }
    let text = c.text();
    let clean = seed_text(0);
    let sentences: Vec<&str> = clean
        .split_inclusive(". ")
        .map(str::trim)
        .filter(|s| s.chars().count() > 15)
        .collect();
    assert!(sentences.len() > 10);
    for s in sentences {
        assert_eq!(text.matches(s).count(), 1, "sentence not exactly once: {s}");
    }
    // Provenance: the intro comes from 001.
    assert!(c.paragraphs.iter().all(|p| c.members.contains(&p.from)));
    assert_eq!(c.paragraphs[0].from, SEEDS[1]);
}

#[test]
fn print_layout_keeps_subheads_and_drops_repeats() {
    let out = distilled();
    let c = cluster_of(&out, SEEDS[2]);
    let paragraphs: Vec<&str> = c.paragraphs.iter().map(|p| p.text.as_str()).collect();
    for sub in [
        "طفلي مختفي",
        "الأمن المدرسي",
        "مشاريع متواصلة في 2025",
        "تواصل مستمر",
    ] {
        assert!(paragraphs.contains(&sub), "subhead lost: {sub}");
    }
    let running = seed_line(2, 3);
    assert!(
        c.text().matches(&running).count() <= 1,
        "running title repeated"
    );
    assert_eq!(c.title.as_deref(), Some(running.as_str()));
    let repeated = paragraphs
        .iter()
        .filter(|p| p.contains("الآلية التقييمية لمعالجة الأخطاء المهنية"))
        .count();
    assert_eq!(repeated, 1, "near-duplicate paragraph kept twice");
    assert_eq!(c.byline.as_deref(), Some("المصطفى صفر"));
}

#[test]
fn other_years_report_and_third_site_stand_alone_whole() {
    let out = distilled();
    let c3 = cluster_of(&out, SEEDS[3]);
    let lines3: Vec<String> = seed_text(3).lines().map(|l| l.trim().to_owned()).collect();
    let p3: Vec<&str> = c3.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(p3, lines3.iter().map(String::as_str).collect::<Vec<_>>());
    let c4 = cluster_of(&out, SEEDS[4]);
    let p4: Vec<&str> = c4.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let body4: Vec<String> = (2..=6).map(|l| seed_line(4, l)).collect();
    assert_eq!(p4, body4.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(c4.source.as_deref(), Some("المغرب اليوم"));
}

#[test]
fn output_independent_of_order_and_threads() {
    let mut paths = seed_paths();
    let a = Pipeline::builder()
        .threads(1)
        .build()
        .unwrap()
        .run(Source::new(&paths));
    paths.reverse();
    let b = Pipeline::builder()
        .threads(2)
        .build()
        .unwrap()
        .run(Source::new(&paths));
    assert_eq!(a.articles, b.articles);
}

#[test]
fn incremental_deduper_agrees_with_the_batch_run() {
    use newsdistill::{Deduper, Novelty};
    let p = Pipeline::default();
    let mut d = Deduper::new();
    let mut seen = Vec::new();
    for raw in Source::new(&seed_paths()) {
        let article = p.strip(raw.unwrap()).unwrap();
        let print = p.fingerprint(&article);
        seen.push(d.insert(article.id.clone(), print));
    }
    let copy_of_000 = Novelty::CopyOf {
        id: SEEDS[0].to_owned(),
    };
    assert_eq!(
        seen,
        [
            Novelty::New,
            copy_of_000,
            Novelty::New,
            Novelty::New,
            Novelty::New
        ]
    );
    assert_eq!(d.len(), 5);
}
