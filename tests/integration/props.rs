//! Properties over generated inputs: order and thread count never change the
//! output, strip never invents text, normalisation is idempotent, dedup partitions
//! the input ids, and no bytes make the library panic.

use std::collections::HashSet;

use newsdistill::normalize::normalize;
use newsdistill::{Distilled, Format, Pipeline, RawDoc};
use proptest::prelude::*;

/// Sentences the generated documents are made of: Arabic and French, some shared
/// between documents so that copies occur.
const SENTENCES: [&str; 8] = [
    "أعلنت وزارة الفلاحة عن إطلاق برنامج جديد لدعم الفلاحين الصغار في المناطق القروية.",
    "ويشمل البرنامج توزيع البذور المختارة وتمويل مشاريع الري بالتنقيط على مدى ثلاث سنوات.",
    "وقال الوزير إن الهدف هو رفع مردودية الأراضي وتحسين دخل الأسر في العالم القروي.",
    "وأضاف أن الدعم سيصل إلى أكثر من عشرين ألف فلاح خلال السنة الأولى من البرنامج.",
    "Le conseil municipal a voté hier soir le budget de la ville pour l'année prochaine.",
    "Les investissements dans les écoles et les transports publics augmentent fortement.",
    "Le maire a promis de nouvelles pistes cyclables dans tous les quartiers de la ville.",
    "L'opposition dénonce une hausse des impôts locaux jugée trop forte pour les ménages.",
];

/// A document: a list of sentence indices, grouped into paragraphs, in text or HTML.
fn doc() -> impl Strategy<Value = (Vec<Vec<usize>>, bool)> {
    (
        prop::collection::vec(prop::collection::vec(0..SENTENCES.len(), 1..4), 1..5),
        any::<bool>(),
    )
}

fn render(id: usize, (paras, html): &(Vec<Vec<usize>>, bool)) -> RawDoc {
    let paras: Vec<String> = paras
        .iter()
        .map(|p| {
            p.iter()
                .map(|&i| SENTENCES[i])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    if *html {
        let body: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
        let page = format!(
            "<html><body><nav><a href='/'>accueil</a></nav><article>{body}</article></body></html>"
        );
        RawDoc::new(format!("d{id:03}"), Format::Html, page)
    } else {
        RawDoc::new(format!("d{id:03}"), Format::Text, paras.join("\n\n"))
    }
}

fn run(p: &Pipeline, docs: &[RawDoc]) -> String {
    let Distilled {
        articles, skipped, ..
    } = p.run(docs.iter().cloned().map(Ok));
    let skipped: Vec<String> = skipped.iter().map(|s| s.error.to_string()).collect();
    format!("{articles:?}\n{skipped:?}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn output_is_independent_of_order_and_threads(
        docs in prop::collection::vec(doc(), 1..10),
        seed in any::<u64>(),
    ) {
        let raw: Vec<RawDoc> = docs.iter().enumerate().map(|(i, d)| render(i, d)).collect();
        let mut shuffled = raw.clone();
        // A seeded Fisher-Yates, so a failure replays.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let one = Pipeline::builder().threads(1).build().unwrap();
        let two = Pipeline::builder().threads(2).build().unwrap();
        let base = run(&one, &raw);
        prop_assert_eq!(&base, &run(&two, &shuffled));
        prop_assert_eq!(&base, &run(&one, &shuffled));
    }

    #[test]
    fn dedup_partitions_the_input_ids(docs in prop::collection::vec(doc(), 1..12)) {
        let raw: Vec<RawDoc> = docs.iter().enumerate().map(|(i, d)| render(i, d)).collect();
        let out = Pipeline::default().run(raw.iter().cloned().map(Ok));
        let mut seen: Vec<String> = out.articles.iter().flat_map(|a| a.members.clone()).collect();
        seen.extend(out.skipped.iter().filter_map(|s| s.id.clone()));
        seen.sort();
        let mut ids: Vec<String> = raw.iter().map(|r| r.id.clone()).collect();
        ids.sort();
        prop_assert_eq!(seen, ids);
        for a in &out.articles {
            prop_assert!(a.members.contains(&a.id));
        }
    }

    #[test]
    fn strip_never_invents_text(d in doc(), noise in "[a-z ]{0,40}") {
        let mut raw = render(0, &d);
        let mut bytes = raw.body.as_bytes().to_vec();
        bytes.extend(format!("\n\n{noise}").bytes());
        raw.body = bytes.into();
        let input: HashSet<String> = String::from_utf8_lossy(raw.body.as_bytes())
            .split(|c: char| c.is_whitespace() || c == '<' || c == '>')
            .map(str::to_owned)
            .collect();
        if let Ok(article) = Pipeline::default().strip(raw) {
            for w in article.paragraphs.iter().flat_map(|p| p.split_whitespace()) {
                prop_assert!(input.contains(w), "invented {:?}", w);
            }
        }
    }

    #[test]
    fn normalisation_is_idempotent(s in "\\PC{0,60}") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn any_bytes_are_an_article_or_an_error(
        bytes in prop::collection::vec(any::<u8>(), 0..2000),
        html in any::<bool>(),
    ) {
        let format = if html { Format::Html } else { Format::Text };
        let p = Pipeline::default();
        if let Ok(a) = p.strip(RawDoc::new("x", format, bytes)) {
            prop_assert!(!a.paragraphs.is_empty());
            let _ = p.fingerprint(&a);
        }
    }
}
