//! Strip's rules one at a time: fixture pages in `tests/fixtures/strip/` (each
//! `<case>.html` or `<case>.txt` beside its `<case>.expected.txt`, the fields and
//! paragraphs it must give), and text-dump cases built in code.

use std::path::{Path, PathBuf};

use newsdistill::{Article, Pipeline, Source};

use super::dedup::{doc, REPORT};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/strip")
}

/// What a fixture's expected file holds: one `field: value` line each for title,
/// byline, date and source (`-` when absent), a `---` line, then the paragraphs
/// separated by blank lines; or the single line `skipped` when the page must give
/// no article.
fn render(a: Option<&Article>) -> String {
    let Some(a) = a else {
        return "skipped\n".to_owned();
    };
    let field = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    format!(
        "title: {}\nbyline: {}\ndate: {}\nsource: {}\n---\n{}\n",
        field(&a.title),
        field(&a.byline),
        field(&a.date),
        field(&a.source),
        a.text()
    )
}

fn strip_file(path: &Path) -> Option<Article> {
    let raw = Source::new(&[path]).next().unwrap().unwrap();
    Pipeline::default().strip(raw).ok()
}

#[test]
fn each_fixture_gives_its_expected_article() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("html") | Some("txt")
            )
        })
        .filter(|p| !p.to_string_lossy().ends_with(".expected.txt"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 8, "fixtures missing: {cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        let expected_path = case.with_extension("expected.txt");
        let got = render(strip_file(case).as_ref());
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("no {}", expected_path.display()));
        if got != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{got}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_inline_read_also_line_goes_and_the_paragraphs_after_it_stay() {
    // A short closing paragraph after a "شاهد أيضاً:" teaser in the flow: the teaser is
    // an insertion, not a sign that the text around it is furniture.
    let tail = ["وضمنت تشيلي إحراز اللقب بعد الركلة الرابعة الناجحة من أليكسيس سانشيز في النهائي."];
    let mut lines = vec!["البطالة ترتفع إلى 13 في المائة".to_owned()];
    lines.extend(REPORT[..3].iter().map(|s| s.to_string()));
    lines.push("شاهد أيضاً: بدء استقبال المرشحين لشغل الوظائف التعليمية غداً".to_owned());
    lines.extend(tail.iter().map(|s| s.to_string()));
    let out = Pipeline::default().run(vec![doc("a", &lines)]);
    let text = out.articles[0].text();
    assert!(!text.contains("شاهد"), "{text}");
    for t in tail {
        assert!(text.contains(t), "lost {t}\n{text}");
    }
}

#[test]
fn a_two_word_headline_stands_right_above_its_date_line() {
    let title = |head: &[&str]| {
        let mut lines: Vec<String> = head.iter().map(|s| s.to_string()).collect();
        lines.push("حرر في: 14/08/2015".to_owned());
        lines.extend(REPORT.iter().map(|s| s.to_string()));
        Pipeline::default().run(vec![doc("a", &lines)]).articles[0]
            .title
            .clone()
    };
    assert_eq!(
        title(&["الرئيسية » منوعات", "وزير الضعفاء"]).as_deref(),
        Some("وزير الضعفاء")
    );
    // One word there is a section label.
    assert_eq!(title(&["الرئيسية » منوعات", "محليات"]), None);
}

#[test]
fn a_text_dumps_headline_is_the_line_right_above_its_body() {
    // Section label, breadcrumb, ticker items (marked or not) and a "most read"
    // teaser stand above the headline on aggregator dumps.
    let mut lines = vec![
        "محليات".to_owned(),
        "الرئيسية » أخبار محلية".to_owned(),
        "عاجل: زلزال بقوة 5 درجات يضرب المنطقة".to_owned(),
        "الأكثر قراءة: المنتخب يفوز وديا على ضيفه".to_owned(),
        "الاتفاق ينتظر رد اللاعب قبل نهاية الأسبوع".to_owned(),
        "البطالة ترتفع إلى 13 في المائة".to_owned(),
    ];
    lines.extend(REPORT.iter().map(|s| s.to_string()));
    let out = Pipeline::default().run(vec![doc("a", &lines)]);
    assert_eq!(
        out.articles[0].title.as_deref(),
        Some("البطالة ترتفع إلى 13 في المائة")
    );
    // Nor a signature ("… <name> – <site>") or a dateline ("<place> ـ <agency>")
    // between the headline and the body.
    for line in [
        "Next Previous أحمد حجازي – عين اليوم",
        "الرباط ـ و م ع",
        "الوطن أونلاين: أبها",
    ] {
        lines.insert(6, line.to_owned());
        let out = Pipeline::default().run(vec![doc("a", &lines)]);
        assert_eq!(
            out.articles[0].title.as_deref(),
            Some("البطالة ترتفع إلى 13 في المائة"),
            "{line}"
        );
    }
    // A copy without its headline: the aggregator's "<site>: <city>" line is no
    // headline but the source.
    let mut copy = vec!["محليات".to_owned(), "الوطن أونلاين: أبها".to_owned()];
    copy.extend(REPORT.iter().map(|s| s.to_string()));
    let out = Pipeline::default().run(vec![doc("b", &copy)]);
    assert_eq!(out.articles[0].title, None);
    assert_eq!(out.articles[0].source.as_deref(), Some("الوطن أونلاين"));
}

#[test]
fn a_chinese_story_beside_english_teaser_leads_is_chinese() {
    // The English leads are the page's longest blocks by characters; the
    // script of all its long text says Chinese.
    let a = strip_file(&fixtures().join("chinese_story_english_cards.html")).unwrap();
    assert_eq!(a.lang, Some("zh"));
    assert_eq!(a.paragraphs.len(), 7, "{:?}", a.paragraphs);
}

#[test]
fn hidden_text_in_another_language_does_not_name_the_language() {
    // The page's longest text is a hidden English dialog; the article, visible,
    // is Russian, and its stop words are the Russian ones.
    let a = strip_file(&fixtures().join("hidden_other_language.html")).unwrap();
    assert_eq!(a.lang, Some("ru"));
}
