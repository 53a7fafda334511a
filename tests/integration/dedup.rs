//! Near-duplicate collapse: what is one story and what is not.

use newsdistill::{Distilled, Format, Pipeline, RawDoc};

/// A report of five paragraphs (Arabic, a labour-market release).
pub const REPORT: [&str; 5] = [
    "أعلنت المندوبية السامية للتخطيط أن معدل البطالة بلغ 13 في المائة خلال الفصل الأول من السنة الجارية، مقابل 12 في المائة خلال الفترة نفسها من السنة الماضية.",
    "وأوضحت المندوبية في مذكرة إخبارية أن عدد العاطلين ارتفع بنحو 58 ألف شخص، منهم 41 ألفا بالوسط الحضري و17 ألفا بالوسط القروي، وهو ما يعكس صعوبة إدماج الشباب في سوق الشغل.",
    "وسجل معدل البطالة في صفوف الشباب المتراوحة أعمارهم بين 15 و24 سنة ارتفاعا ملحوظا، إذ انتقل من 35 إلى 38 في المائة، بينما ظل معدل الشغل مستقرا في حدود 39 في المائة.",
    "وأشارت المذكرة إلى أن قطاع الفلاحة فقد حوالي 200 ألف منصب شغل بسبب الجفاف وتراجع التساقطات المطرية، في حين أحدث قطاع الخدمات 120 ألف منصب جديد خلال الفترة ذاتها.",
    "ويرى خبراء اقتصاديون أن هذه الأرقام تؤكد الحاجة إلى سياسات عمومية أكثر نجاعة لتشجيع الاستثمار المنتج وتوفير فرص عمل لائقة للشباب حاملي الشهادات في مختلف جهات المملكة.",
];

/// A text dump of `paragraphs`, one a line.
pub fn doc(id: &str, paragraphs: &[String]) -> newsdistill::Result<RawDoc> {
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
