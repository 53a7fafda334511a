//! Near-duplicate collapse: what is one story and what is not.

use newsdistill::{Distilled, Format, Pipeline, RawDoc};

const REPORT: [&str; 5] = [
    "أعلنت المندوبية السامية للتخطيط أن معدل البطالة بلغ 13 في المائة خلال الفصل الأول من السنة الجارية، مقابل 12 في المائة خلال الفترة نفسها من السنة الماضية.",
    "وأوضحت المندوبية في مذكرة إخبارية أن عدد العاطلين ارتفع بنحو 58 ألف شخص، منهم 41 ألفا بالوسط الحضري و17 ألفا بالوسط القروي، وهو ما يعكس صعوبة إدماج الشباب في سوق الشغل.",
    "وسجل معدل البطالة في صفوف الشباب المتراوحة أعمارهم بين 15 و24 سنة ارتفاعا ملحوظا، إذ انتقل من 35 إلى 38 في المائة، بينما ظل معدل الشغل مستقرا في حدود 39 في المائة.",
    "وأشارت المذكرة إلى أن قطاع الفلاحة فقد حوالي 200 ألف منصب شغل بسبب الجفاف وتراجع التساقطات المطرية، في حين أحدث قطاع الخدمات 120 ألف منصب جديد خلال الفترة ذاتها.",
    "ويرى خبراء اقتصاديون أن هذه الأرقام تؤكد الحاجة إلى سياسات عمومية أكثر نجاعة لتشجيع الاستثمار المنتج وتوفير فرص عمل لائقة للشباب حاملي الشهادات في مختلف جهات المملكة.",
];

fn doc(id: &str, paragraphs: &[String]) -> newsdistill::Result<RawDoc> {
    Ok(RawDoc::new(id, Format::Text, paragraphs.join("\n")))
}

fn groups(out: &Distilled) -> Vec<Vec<String>> {
    out.articles.iter().map(|c| c.members.clone()).collect()
}

fn renumbered() -> Vec<String> {
    let swap = [
        ("13", "9"),
        ("12", "10"),
        ("58", "23"),
        ("41", "15"),
        ("17", "8"),
        ("35", "27"),
        ("38", "29"),
        ("39", "44"),
        ("200", "90"),
        ("120", "75"),
    ];
    REPORT
        .iter()
        .map(|p| {
            // Replace whole figures only (longest first would also do; these do not nest).
            p.split(' ')
                .map(|w| {
                    let core = w.trim_end_matches(['،', '.']);
                    match swap.iter().find(|(a, _)| *a == core) {
                        Some((a, b)) => w.replacen(a, b, 1),
                        None => w.to_owned(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn copy_with_other_breaks_typos_and_furniture_is_one_story() {
    let base: Vec<String> = REPORT.iter().map(|s| s.to_string()).collect();
    // One line, diacritics and a typo, a ticker and a related block around it.
    let mut copy = vec![
        "عاجل: زلزال بقوة 5 درجات    الأسعار ترتفع في الأسواق    المنتخب يفوز وديا".to_owned(),
        REPORT
            .join(" ")
            .replace("المندوبية", "المَنْدُوبِيَّة")
            .replace("الشباب", "الشبات"),
        "اقرأ أيضا:".to_owned(),
        "الحكومة تصادق على مشروع قانون المالية".to_owned(),
    ];
    copy.insert(1, "البطالة ترتفع إلى 13 في المائة".to_owned());
    let out = Pipeline::default().run([doc("a", &base), doc("b", &copy)]);
    assert_eq!(groups(&out), [["a", "b"]]);
}

#[test]
fn renumbered_report_is_another_story_even_through_a_figureless_copy() {
    let base: Vec<String> = REPORT.iter().map(|s| s.to_string()).collect();
    let other = renumbered();
    assert_ne!(base, other);
    // A copy that kept only the figureless paragraph matches both texts equally.
    let bare = vec![REPORT[4].to_owned()];
    let out =
        Pipeline::default().run([doc("base", &base), doc("other", &other), doc("bare", &bare)]);
    let g = groups(&out);
    assert!(
        !g.iter()
            .any(|m| m.contains(&"base".to_owned()) && m.contains(&"other".to_owned())),
        "{g:?}"
    );
    assert_eq!(g.iter().map(Vec::len).sum::<usize>(), 3);
}

#[test]
fn same_topic_other_text_is_not_a_copy() {
    let base: Vec<String> = REPORT.iter().map(|s| s.to_string()).collect();
    let other = vec![
        "قدمت وزارة التشغيل حصيلة برنامج دعم المقاولات الصغرى، مؤكدة أن البرنامج مكن من خلق آلاف فرص الشغل لفائدة الشباب في عدد من الجهات.".to_owned(),
        "وأبرزت الوزارة أن المرحلة المقبلة ستعرف توسيع قاعدة المستفيدين وتبسيط المساطر الإدارية المرتبطة بالحصول على التمويل والمواكبة التقنية.".to_owned(),
    ];
    let out = Pipeline::default().run([doc("a", &base), doc("b", &other)]);
    assert_eq!(groups(&out), [["a"], ["b"]]);
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
