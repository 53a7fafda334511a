//! Hand-written HTML fixtures in corpus/: what is kept and what is dropped.

use newsdistill::{Article, Pipeline, Source};

use crate::corpus_file;

fn strip(name: &str) -> Article {
    let raw = Source::new(&[corpus_file(name)]).next().unwrap().unwrap();
    Pipeline::default().strip(raw).unwrap()
}

/// Strips one HTML page given as a string.
fn strip_page(page: impl Into<String>) -> Article {
    Pipeline::default()
        .strip(newsdistill::RawDoc::new(
            "t",
            newsdistill::Format::Html,
            page.into(),
        ))
        .unwrap()
}

/// `n` paragraphs `<p>Paragraph i: {sentence}</p>`, the body of a fixture page.
fn paragraphs(n: usize, sentence: &str) -> String {
    (0..n)
        .map(|i| format!("<p>Paragraph {i}: {sentence}</p>"))
        .collect()
}

fn check(a: &Article, kept: &[&str], dropped: &[&str]) {
    let text = a.text();
    for k in kept {
        assert!(text.contains(k), "{}: lost {k:?}\n{text}", a.id);
    }
    for d in dropped {
        assert!(!text.contains(d), "{}: kept {d:?}\n{text}", a.id);
    }
}

#[test]
fn arabic_aggregator_page() {
    let a = strip("ar_aggregator.html");
    assert_eq!(
        a.title.as_deref(),
        Some("محطة تحلية جديدة تزود أكادير بالماء الصالح للشرب")
    );
    assert_eq!(a.byline.as_deref(), Some("سعيد الإدريسي"));
    assert_eq!(a.date.as_deref(), Some("2024-05-14"));
    assert_eq!(a.source.as_deref(), Some("أخبار اليوم"));
    check(
        &a,
        &[
            "دخلت محطة تحلية مياه البحر الجديدة",
            "كلفة الإنتاج والطاقة", // subhead inside the article
            "ويرى خبراء في قطاع الماء",
        ],
        &[
            "ارتفاع أسعار المحروقات", // ticker
            "سياسة",                  // nav
            "تخفيضات كبرى",           // ad
            "فيسبوك",                 // share buttons
            "اقرأ أيضا",              // inline teaser
            "سدود المملكة",           // related
            "مشروع مهم جدا",          // comments
            "صورة من داخل المحطة",    // caption
            "الوسوم",                 // tags
            "جميع الحقوق محفوظة",     // footer
            "وفاة فنان",              // sidebar
        ],
    );
    assert_eq!(a.paragraphs.len(), 5, "{:#?}", a.paragraphs);
}

#[test]
fn french_article_page() {
    let a = strip("fr_article.html");
    assert_eq!(
        a.title.as_deref(),
        Some("À Lyon, les jardins partagés gagnent les toits des immeubles")
    );
    assert_eq!(a.byline.as_deref(), Some("Claire Martin"));
    assert_eq!(a.date.as_deref(), Some("2024-04-02"));
    check(
        &a,
        &[
            "Depuis le printemps dernier",
            "Des contraintes techniques",
            "Les premiers résultats",
        ],
        &[
            "cookies",
            "Accueil",
            "newsletter",
            "Lire aussi",
            "Partager",
            "Canicule",
            "Tous droits",
        ],
    );
}

#[test]
fn english_article_page() {
    let a = strip("en_article.html");
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour town rebuilds its sea wall after winter storms")
    );
    assert_eq!(a.byline.as_deref(), Some("Tom Reynolds"));
    assert_eq!(a.date.as_deref(), Some("2024-02-19"));
    check(
        &a,
        &[
            "Work began on Monday",
            "Residents want a higher wall",
            "Engineers told the meeting",
        ],
        &[
            "Contractors inspect",
            "Read more",
            "Share on",
            "morning briefing",
            "About time",
            "Lifeboat",
            "All rights",
        ],
    );
    // Paragraphs stay separate.
    assert_eq!(a.paragraphs.len(), 5);
    assert!(a.paragraphs[0].starts_with("Work began") && a.paragraphs[0].ends_with("one month."));
}

#[test]
fn windows_1256_page() {
    let bytes = std::fs::read(corpus_file("ar_windows1256.html")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "fixture must not be UTF-8"
    );
    let a = strip("ar_windows1256.html");
    assert_eq!(
        a.title.as_deref(),
        Some("افتتاح مكتبة عمومية جديدة في مدينة فاس")
    );
    check(
        &a,
        &["افتتحت يوم الجمعة مكتبة عمومية جديدة", "ويأمل سكان الحي"],
        &["الرئيسية", "جميع الحقوق"],
    );
    assert_eq!(a.paragraphs.len(), 3);
}

#[test]
fn paragraphs_recurring_across_a_site_are_template() {
    use newsdistill::{Format, Pipeline, RawDoc};
    let footer = "Our customer service team answers questions about subscriptions, \
                  deliveries and the e-paper from Monday to Friday, and you can write \
                  to the newsroom at any time with news tips and corrections.";
    let stories = [
        "The city council approved a new budget for schools and public transport after a long debate on Monday evening.",
        "Heavy rain flooded several roads in the north of the country, and the authorities closed two bridges as a precaution.",
        "The national team won its qualifying match on Saturday and will play the final round of the tournament next month.",
        "A new museum of modern art opened its doors in the old harbour district, with works by more than forty artists.",
    ];
    let page = |story: &str| {
        format!(
            "<html><body><article><h1>Headline</h1><p>{story} {story}</p>\
             <p>{footer}</p></article></body></html>"
        )
    };
    let docs = |n: usize| -> Vec<RawDoc> {
        let mut d: Vec<RawDoc> = stories
            .iter()
            .take(n)
            .enumerate()
            .map(|(i, s)| {
                RawDoc::new(format!("p{i}"), Format::Html, page(s))
                    .with_url(format!("https://www.example.com/news/{i}"))
            })
            .collect();
        // The same story fetched three times from another site: not template.
        for k in 0..3 {
            d.push(
                RawDoc::new(format!("q{k}"), Format::Html, page(stories[0]))
                    .with_url(format!("https://other.example.org/a?v={k}")),
            );
        }
        d
    };
    let has_footer = |a: &Article| a.paragraphs.iter().any(|p| p.contains("customer service"));
    let on = Pipeline::default().strip_all(docs(4).into_iter().map(Ok));
    for a in &on.articles {
        assert_eq!(
            has_footer(a),
            a.id.starts_with('q'),
            "{}: {:?}",
            a.id,
            a.paragraphs
        );
        // The story itself always stays.
        assert!(
            a.paragraphs[0].starts_with("The ")
                || a.paragraphs[0].starts_with("A ")
                || a.paragraphs[0].starts_with("Heavy")
        );
    }
    // Learnt from the whole set: pages of the site far apart in the input (more
    // than one batch between them) give the same result.
    let mut spread = docs(4);
    let tail = spread.split_off(2);
    spread.extend((0..600).map(|i| RawDoc::new(format!("z{i}"), Format::Text, "x")));
    spread.extend(tail);
    let far = Pipeline::default().strip_all(spread.into_iter().map(Ok));
    let far: Vec<&Article> = far.articles.iter().collect();
    assert_eq!(far, on.articles.iter().collect::<Vec<_>>());
    // Two pages are not enough evidence; and the evidence can be switched off.
    let few = Pipeline::default().strip_all(docs(2).into_iter().map(Ok));
    assert!(few.articles.iter().all(has_footer));
    let off = Pipeline::builder().site_templates(false).build().unwrap();
    assert!(off
        .strip_all(docs(4).into_iter().map(Ok))
        .articles
        .iter()
        .all(has_footer));
}

#[test]
fn tables_and_lists_inside_the_article_are_kept() {
    let prose = "The season ended on Sunday after thirty-six races, and the title went to the \
                 driver who had led the standings since the spring, as the table below shows.";
    let page = format!(
        "<html><body><nav><ul><li><a href='/'>Home page</a></li><li><a href='/s'>Sports \
         news</a></li></ul></nav><article><h1>Final standings of the season</h1><p>{prose}</p>\
         <p>{prose}</p><table><tr><th>Pos.</th><th>Driver</th><th>Points</th></tr>\
         <tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr>\
         <tr><td>2</td><td>Martin Truex</td><td>5035</td></tr></table>\
         <ul><li>Pick a node at random</li><li>Route the other half first</li></ul>\
         </article><footer><ul><li><a href='/a'>About this site</a></li><li><a href='/c'>\
         Contact the newsroom</a></li></ul></footer></body></html>"
    );
    let a = strip_page(page);
    check(
        &a,
        &[
            "1 Kyle Busch 5040",
            "2 Martin Truex 5035",
            "Pick a node at random",
        ],
        &["Home page", "Sports news", "About this site"],
    );
}

#[test]
fn noscript_copies_and_page_builder_widgets_are_content() {
    let prose = "The council voted on Tuesday to rebuild the old bridge over the river, \
                 after engineers found that its pillars had cracked during the winter floods.";
    // Blogger: the post is a script template, and its copy for browsers without
    // scripts is in <noscript>.
    let blogger = strip_page(format!(
        "<html><body><div class='post-body' itemprop='articleBody'>\
         <script type='text/template'><p>{prose}</p></script>\
         <noscript><p>{prose}</p><p>Repairs start in May and last a year, the mayor said at the \
         meeting, and the road stays open to buses.</p></noscript>\
         </div><div class='sidebar'><ul><li><a href='/l'>Labels</a></li></ul></div>\
         </body></html>"
    ));
    check(&blogger, &[prose, "Repairs start in May"], &["Labels"]);
    assert_eq!(blogger.paragraphs.len(), 2, "{:?}", blogger.paragraphs);
    // Elementor puts every paragraph in an "elementor-widget" box.
    let widget = |text: &str| {
        format!(
            "<div class='elementor-element elementor-widget elementor-widget-text-editor'>\
             <div class='elementor-widget-container'><p>{text}</p></div></div>"
        )
    };
    let builder = strip_page(format!(
        "<html><body><div class='elementor-section'>{}{}</div>\
         <aside class='widget'><p>Subscribe to our weekly newsletter today for all the news \
         from the council and the region, straight into your inbox.</p></aside></body></html>",
        widget(prose),
        widget("Repairs start in May and last a year, the mayor said at the meeting on Tuesday.")
    ));
    check(&builder, &[prose, "Repairs start in May"], &["Subscribe"]);
}

#[test]
fn a_lead_beside_the_body_is_kept_and_an_author_box_is_not() {
    let body = paragraphs(
        4,
        "the regional council met on Monday and agreed, \
             after a long debate, to fund the new tram line that will link the two \
             universities by the end of the decade.",
    );
    // WordPress puts "single-author" on <body>: a wrapper's name, not a byline.
    let page = format!(
        "<html><body class='single single-author'><div class='post'>\
         <div class='standfirst'><p>The tram line will cost 400 million euros and carry \
         sixty thousand passengers a day, the council said in a statement on Monday.</p></div>\
         <div class='wrap'><div class='post-body'>{body}</div></div>\
         <div class='author-bio'><p>Jane Doe is a reporter who has covered the regional \
         council, its budgets and its transport plans for the newspaper since 2015.</p></div>\
         </div></body></html>"
    );
    let a = strip_page(page);
    check(
        &a,
        &["The tram line will cost", "Paragraph 0:", "Paragraph 3:"],
        &["Jane Doe is a reporter"],
    );
}

#[test]
fn lines_of_a_good_element_utility_classes_and_a_header_in_main_are_content() {
    let prose = "The grease protects bearings and joints in all weathers, and it restores \
                 worn metal surfaces while the machine runs, so parts last much longer.";
    let page = format!(
        "<html><body><nav><a href='/'>Home</a> <a href='/shop'>Shop</a></nav><main>\
         <header><h1>Protective grease</h1><p class='lead'>A grease for machines that work \
         outdoors, tested by farmers over three winters in the mountains.</p></header>\
         <div class='row margin-bottom'><p>{prose}</p><p>{prose}<br>Colour: green<br>\
         Thickener: lithium soap<br>Sizes: 12 ml, 125 ml, 450 ml</p></div></main>\
         <footer><p>Copyright 2024 Example Shop, all rights reserved.</p></footer>\
         </body></html>"
    );
    let a = strip_page(page);
    check(
        &a,
        &[
            "A grease for machines",
            "The grease protects",
            "Colour: green",
            "Sizes: 12 ml",
        ],
        &["Copyright", "Shop"],
    );
}

#[test]
fn a_section_opened_by_a_related_heading_goes_with_its_long_teasers() {
    let teaser = |topic: &str| {
        format!(
            "<div class='card'><p>Life asks us for hope and courage about {topic}: to expect \
             the best and to make the best happen, every day, with patience, with faith and \
             with the people we love, because pessimism only holds us back and takes away \
             the joy of the small things that make each day worth living.</p></div>"
        )
    };
    let page = format!(
        "<html><body><div class='page'><h1>Only those who love themselves</h1>\
         <p>Living a true experience of love is one of the greatest pleasures in life. To \
         like is to feel with the soul, but to say it is to let the heart speak, and only \
         those who love themselves can love another person without fear.</p></div>\
         <div class='more-box'><h3>You may also like</h3>{}{}{}</div></body></html>",
        teaser("work"),
        teaser("family"),
        teaser("friends")
    );
    let a = strip_page(page);
    check(
        &a,
        &["Living a true experience"],
        &["Life asks us", "You may also like"],
    );
}

#[test]
fn sentences_with_links_count_and_a_single_sidebar_is_a_sidebar() {
    let page = "<html><body class='single'><main><div class='post'>\
        <p>The home team hosted its rivals on Saturday for one of the season's most \
        awaited games, and the arena was full an hour before the start.</p>\
        <p>The <a href='/t/coach'>coach's fourth-ranked team</a> had a great start to the \
        season, <a href='/t/odds'>but they were still underdogs</a> against the visitors.</p>\
        <p>They trailed by four points at halftime, and they could not close the gap after \
        the visitors scored three times in a row.</p></div>\
        <div class='sidebar-single widget-area'><p>By submitting, you agree that the site \
        and its partners may help you stay up to date on all the news, offers and events \
        by email, and you may opt out of these messages at any time you like.</p></div>\
        </main></body></html>";
    let a = strip_page(page);
    check(
        &a,
        &["The home team hosted", "had a great start", "They trailed"],
        &["By submitting"],
    );
}

#[test]
fn a_lead_between_the_headline_and_a_photo_credit_is_kept() {
    let body = paragraphs(
        4,
        "oil forms over millions of years from tiny dead creatures \
             that sank to the bottom of the sea, where mud covered them and heat and \
             pressure slowly changed them into the oil that is pumped today.",
    );
    let page = format!(
        "<html><body><nav><a href='/'>Home</a> <a href='/science'>Science</a></nav>\
         <div class='article'><div class='head'><h1>How does oil form?</h1>\
         <p>It takes millions of years and the remains of countless tiny living things \
         to make the oil we burn.</p></div>\
         <div class='media'><p class='credit'>Pumps at sunset. Photo: Agency</p></div>\
         <div class='wrap'><div class='text'>{body}</div></div></div>\
         <footer><p>About us. Contact. Imprint.</p></footer></body></html>"
    );
    let a = strip_page(page);
    check(
        &a,
        &["It takes millions of years", "Paragraph 0:", "Paragraph 3:"],
        &["Photo: Agency", "Imprint"],
    );
}

#[test]
fn short_lines_between_kept_paragraphs_are_kept() {
    let page = "<html><body><nav><a href='/'>Home</a> <a href='/deals'>Deals</a></nav>\
        <article><h1>A new biscuit</h1><p><a href='/deal'>To the deal</a></p>\
        <p>So the company describes its new product.</p><p>The best comes now:</p><p>In next week's product test, with a little luck, you \
        can taste the new biscuit at home before anyone else and tell us what you think.</p>\
        <p>Simply apply from Monday, and if you are one of the ten thousand winners, a free \
        pack comes to your door within days, with a voucher for your next purchase.</p>\
        </article><footer><a href='/imprint'>Imprint</a></footer></body></html>";
    let a = strip_page(page);
    check(
        &a,
        &["The best comes now:", "Simply apply"],
        &["Imprint", "Deals"],
    );
}

#[test]
fn a_page_of_short_lines_falls_back_to_its_marked_article() {
    let lines = "<h3>Film</h3><p>Fuji X-TRA 400.</p><h3>Cameras</h3><p>Shuji: Widelux.</p>\
                 <p>Walter: PENTAX Z-1.</p><h3>Exposure order</h3><ul><li>Shuji.</li>\
                 <li>Walter.</li></ul>";
    let nav = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/swaps'>Swaps</a></li>\
               </ul></nav>";
    let a = strip_page(format!(
        "<html><body>{nav}<article><h1>Film swap: Japan and Germany</h1>{lines}</article>\
         <footer><p>(c) 2016 - 2018 swap-stop.org</p></footer></body></html>"
    ));
    check(
        &a,
        &["Fuji X-TRA 400.", "Walter: PENTAX Z-1.", "Exposure order"],
        &["Home", "swap-stop.org"],
    );
    // A page that marks no article still gives nothing rather than its menus.
    let none = Pipeline::default().strip(newsdistill::RawDoc::new(
        "n",
        newsdistill::Format::Html,
        format!("<html><body>{nav}<div>{lines}</div></body></html>"),
    ));
    assert!(none.is_err(), "{none:?}");
}

#[test]
fn paragraphs_each_in_a_wrapper_of_their_own_are_one_run() {
    // CSS-in-JS sites wrap every paragraph in a div of its own; a box of three
    // paragraphs under one parent (the comment rules) must not outweigh them.
    let para = |i: usize| {
        format!(
            "<div class='sc-q{i}'><p>Paragraph {i}: the new rules allow fines of up to ten \
             thousand pounds for anyone who fails to isolate after a positive test, and \
             ministers say they will be enforced.</p></div><div class='sc-ad'></div>"
        )
    };
    let body: String = (0..6).map(para).collect();
    let rule = "<p>Comments can be posted by members of our scheme, who may comment on \
                every article and join the debate with other readers and our journalists.</p>";
    let page = format!(
        "<html><body><div class='page'><h1>New fines for failing to isolate</h1>\
         <div class='frame'><div class='body'>{body}</div>\
         <div class='bottom'><div class='box'><div class='rules'><h3>About commenting</h3>\
         {rule}{rule}{rule}</div></div></div></div></div></body></html>"
    );
    let a = strip_page(page);
    check(&a, &["Paragraph 0:", "Paragraph 5:"], &[]);
}

#[test]
fn a_greeting_and_a_sign_off_at_the_article_edges_are_kept() {
    let body = paragraphs(
        3,
        "the repair café opens again on Saturday, and volunteers will \
             mend toasters, lamps and bicycles for free while visitors wait with coffee.",
    );
    let page = format!(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
         <div class='story'><p>Dear readers,</p>{body}<p>Your editors</p></div>\
         <div class='box'><p>Newsletter</p></div>\
         <footer><a href='/imprint'>Imprint</a></footer></body></html>"
    );
    let a = strip_page(page);
    check(
        &a,
        &["Dear readers,", "Paragraph 2:", "Your editors"],
        &["Newsletter", "Imprint"],
    );
}

#[test]
fn the_headline_is_not_the_logo_nor_a_linked_ticker_heading() {
    let body = "<p>The ministry said on Thursday that the security forces had dismantled a \
                cell that was planning attacks on tourist sites, and that four suspects had \
                been arrested in two cities after weeks of surveillance.</p>";
    // The site's name as og:title, a breaking-news link in an <h1>, then the headline.
    let page = format!(
        "<html><head><title>Al Bilad : news around the clock</title>\
         <meta property='og:title' content='Al Bilad : news around the clock'>\
         <meta property='og:site_name' content='Al Bilad : news around the clock'></head>\
         <body><h1><a href='/other'>The president offers condolences</a></h1>\
         <div class='article'><h1 class='headline'>Tunisia dismantles a cell</h1>\
         {body}{body}</div></body></html>"
    );
    assert_eq!(
        strip_page(page).title.as_deref(),
        Some("Tunisia dismantles a cell")
    );
    // The logo's <h1> is a part of <title>, but not its headline.
    let page = format!(
        "<html><head><title>United States to lift sanctions - The Daily Paper</title></head>\
         <body><h1>The Daily Paper</h1><div class='article'>\
         <h2>United States to lift sanctions</h2>{body}{body}</div></body></html>"
    );
    assert_eq!(
        strip_page(page).title.as_deref(),
        Some("United States to lift sanctions")
    );
}

#[test]
fn a_byline_line_with_its_date_gives_both_fields() {
    let body = "<p>قالت وزارة الداخلية إن قوات الأمن فككت خلية كانت تخطط لتنفيذ هجمات على مواقع \
                سياحية، وإنها اعتقلت أربعة مشتبه بهم في مدينتين بعد أسابيع من المراقبة.</p>";
    let page = format!(
        "<html><head><meta name='author' content='kreo agency'></head><body>\
         <h1 class='headline'>تفكيك خلية</h1>\
         <div class='date'>كتب: محمد العتيبي | الخميس 6 أغسطس 2015 - 10:40 ص</div>\
         <div class='article-text'>{body}{body}</div></body></html>"
    );
    let a = strip_page(page);
    assert_eq!(a.byline.as_deref(), Some("محمد العتيبي"));
    assert_eq!(a.date.as_deref(), Some("2015-08-06"));
    assert!(!a.text().contains("كتب"), "{}", a.text());
}

#[test]
fn a_lead_below_the_byline_is_body_and_a_dek_above_it_is_not() {
    let body = paragraphs(
        4,
        "the heat pump market grew by forty percent last year, the \
             industry association said, as households replaced old gas boilers.",
    );
    let page = |dek: &str, byline: &str| {
        format!(
            "<html><body><div class='page'><div class='top'><div class='inner'>\
             <h1>Heat pumps are booming</h1>{dek}{byline}\
             <div class='intro'><div class='box'><p>Heat pumps are booming, also because \
             heating with fossil fuels has become expensive, but many households wait.</p>\
             </div></div></div></div>\
             <div class='main'><div class='col'><div class='text'>{body}</div></div></div>\
             </div></body></html>"
        )
    };
    let dek = "<h2 class='sub'>The market for heat pumps grew faster than ever last year, \
               and the industry expects even more for the coming winter.</h2>";
    let a = strip_page(page(dek, "<div class='byline'>By Jane Doe</div>"));
    check(
        &a,
        &[
            "Heat pumps are booming, also",
            "Paragraph 0:",
            "Paragraph 3:",
        ],
        &["The market for heat pumps"],
    );
    assert_eq!(a.byline.as_deref(), Some("Jane Doe"));
    // Without a byline between them, the standfirst is the article's too.
    let a = strip_page(page(dek, ""));
    check(
        &a,
        &["The market for heat pumps", "Heat pumps are booming, also"],
        &[],
    );
}

#[test]
fn a_paragraph_the_page_carries_twice_is_kept_once() {
    let dek =
        "<p>The editors pick the best horse shows, clinics and fairs for the month ahead.</p>";
    let item = |i: usize| {
        format!(
            "<p>Show {i}: visit the national horse show in the second week of October, with \
             its grand prix, its medal finals and a trade fair for the whole family.</p>"
        )
    };
    let items: String = (0..3).map(item).collect();
    let page = format!(
        "<html><body><article><h1>Things to do in October</h1>\
         <div class='mobile'>{dek}</div><div class='desktop'>{dek}</div>{items}</article>\
         </body></html>"
    );
    let text = strip_page(page).text();
    assert_eq!(text.matches("The editors pick").count(), 1, "{text}");
    assert!(text.contains("Show 2:"), "{text}");
}

#[test]
fn a_list_without_links_beside_the_article_is_content_a_teaser_list_is_not() {
    let page = "<html><body><nav><ul><li><a href='/'>Recipes</a></li>\
        <li><a href='/quick'>Quick and easy</a></li></ul></nav><div class='recipe'>\
        <h1>Roasted chicken with rice</h1><div class='ingredients'><ul>\
        <li>1 large whole chicken</li><li>2 tablespoons vegetable oil</li>\
        <li>1 tablespoon ground cinnamon</li></ul></div>\
        <div class='method'><div class='step'><p>Roast the chicken in a preheated oven \
        for fifty minutes, until it is cooked through and golden, then let it rest.</p>\
        <p>Meanwhile cook the rice with the onions, the minced lamb and the spices, and \
        stir it until it is hot before you add the water and the stock.</p></div></div>\
        <div class='more'><ul><li><a href='/r/2'>Lamb stew</a></li><li>A slow stew for \
        cold evenings</li><li><a href='/r/3'>Lentil soup</a></li><li>A soup for every \
        day</li></ul></div></div></body></html>";
    let a = strip_page(page);
    check(
        &a,
        &[
            "1 large whole chicken",
            "ground cinnamon",
            "Roast the chicken",
        ],
        &["A slow stew", "Quick and easy"],
    );
}

#[test]
fn after_the_body_a_lone_paragraph_is_a_note_and_a_run_is_more_article() {
    let body = paragraphs(
        5,
        "the drives will store twenty terabytes next year, and the \
             makers say the new platters can scale to eighty terabytes later on.",
    );
    let bio = "<div class='about'><p>Matthew is the site's UK-based editor and news reporter; \
               before joining the team he spent fourteen years writing about technology.</p></div>";
    let more = "<div class='section'><p>The second part of the story: the drives will first \
                go to data centres, which buy them by the thousand every month.</p><p>Only \
                later will they reach shops, at prices the makers do not name yet.</p></div>";
    let a = strip_page(format!(
        "<html><body><div class='page'><div class='col'><h1>Bigger drives</h1>\
         <div class='body'>{body}</div>{bio}</div></div></body></html>"
    ));
    check(&a, &["Paragraph 4:"], &["Matthew is"]);
    let a = strip_page(format!(
        "<html><body><div class='page'><div class='col'><h1>Bigger drives</h1>\
         <div class='body'>{body}</div>{more}</div></div></body></html>"
    ));
    check(&a, &["Paragraph 4:", "The second part", "Only later"], &[]);
}

#[test]
fn prose_only_under_furniture_names_is_kept_rather_than_nothing() {
    // A slideshow article: every slide's text sits in a "gallery" box, some hidden.
    let slide = |i: usize, hidden: &str| {
        format!(
            "<div class='gallery-slide' {hidden}><p>Slide {i}: this bookshelf is made from \
             an old piano, and it lights up any room while keeping the keys in view for \
             the musician in your life, who will love it.</p></div>"
        )
    };
    let page = format!(
        "<html><body><nav><a href='/'>Home</a> <a href='/gifts'>Gifts</a></nav>\
         <div class='gallery'>{}{}{}</div></body></html>",
        slide(0, ""),
        slide(1, "aria-hidden='true'"),
        slide(2, "aria-hidden='true'")
    );
    let a = strip_page(page);
    check(&a, &["Slide 0:"], &["Gifts"]);
}

#[test]
fn a_line_that_opens_what_follows_with_a_colon_is_the_articles() {
    let body = paragraphs(
        3,
        "the federal police reported more unauthorised entries at the eastern border \
         this month, most of them by people who had travelled through Belarus.",
    );
    let page = format!(
        "<html><body><article><h1>Migration at the border</h1>{body}\
         <p>Read the press releases on it too:</p>\
         <ul><li><a href='/p/1'>Press release of 12 October</a></li>\
         <li><a href='/p/2'>Press release of 19 October</a></li></ul></article>\
         <footer><a href='/imprint'>Imprint</a></footer></body></html>"
    );
    let a = strip_page(page);
    check(
        &a,
        &["Paragraph 2:", "Read the press releases on it too:"],
        &["Imprint"],
    );
}

#[test]
fn a_large_section_named_author_or_date_is_no_byline() {
    // A journal's submission page keeps its rules in "author-guidelines"; Blogger
    // wraps a day's posts in "date-outer". Their short lines are no byline.
    let body = paragraphs(
        3,
        "authors are asked to check their submission against the following \
         items, and submissions that do not follow them may be returned.",
    );
    let rules: String = (0..16)
        .map(|i| format!("<li>Rule {i}: quotations in italics</li>"))
        .collect();
    let page = format!(
        "<html><body><nav><a href='/'>Home</a> <a href='/archive'>Archive</a></nav>\
         <div class='content'><h1>Submissions</h1>{body}<div class='author-guidelines'>\
         <h2>Guidelines for authors</h2><ul>{rules}</ul></div></div>\
         <footer><a href='/imprint'>Imprint</a></footer></body></html>"
    );
    let a = strip_page(page);
    check(&a, &["Paragraph 2:", "Rule 0:", "Rule 15:"], &["Imprint"]);
    assert_eq!(a.byline, None);
}

#[test]
fn a_list_with_one_kept_item_is_kept_whole() {
    // A recipe whose method sits in a hidden tab: the one long ingredient is kept
    // text, and its short siblings are the same list.
    let page = "<html><body><nav><a href='/'>Recipes</a> <a href='/new'>New</a></nav>\
        <div class='recipe'><h1>Roasted chicken with rice</h1><ul class='ingredients'>\
        <li>1 large or 1200 g whole chicken</li><li>2 tablespoons vegetable oil</li>\
        <li>2 and a half cups or 500 g of American rice, soaked in water for an hour and \
        then filtered, so that it cooks evenly and does not stick to the pan when you \
        stir it into the onions and the lamb with the spices</li>\
        <li>1 tablespoon ground cinnamon</li></ul>\
        <ul class='more'><li><a href='/r/2'>Lamb stew with prunes</a></li>\
        <li><a href='/r/3'>Lentil soup</a></li></ul></div></body></html>";
    let a = strip_page(page);
    check(
        &a,
        &["1200 g whole chicken", "vegetable oil", "ground cinnamon"],
        &["Lentil soup", "New"],
    );
}

#[test]
fn notices_written_by_site_software_are_not_the_article() {
    let body = paragraphs(
        4,
        "the whisky tasting in the old town hall starts at seven, and the \
         tickets include six drams, bread and water for everyone.",
    );
    let more = paragraphs(
        2,
        "the distillery tour on the next morning is free for guests of the \
         tasting, and the bus leaves from the station at nine.",
    );
    let page = format!(
        "<html><body><div class='post'><h1>Whisky tasting in January</h1>{body}\
         <p>Advert</p><p>This slideshow requires JavaScript.</p>{more}\
         <p>Dieser Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr \
         veröffentlicht und wurde unter Termine abgelegt. Du kannst die Kommentare zu \
         diesem Eintrag durch den RSS 2.0 Feed verfolgen. Du kannst einen Kommentar \
         schreiben oder einen Trackback auf deiner Seite einrichten.</p>\
         <p>Last updated on 2022-02-02 / Affiliate links / Images from the Amazon \
         Product Advertising API, for which we may be paid a small commission.</p>\
         <p>Follow the Gazette on Twitter and Instagram @gazette and on Facebook.</p>\
         <p>تابعونا على فيسبوك وتويتر وانستغرام ويوتيوب لتصلكم آخر الأخبار العاجلة \
         والتقارير الحصرية من مراسلينا في كل المدن المغربية</p>\
         <p>Das könnte Dich auch interessieren:</p>\
         <p><a href='/t/2'>A tasting of peated whiskies from Islay</a></p>\
         </div></body></html>"
    );
    let a = strip_page(page);
    check(
        &a,
        &["Paragraph 3:"],
        &[
            "Dieser Beitrag",
            "Affiliate links",
            "Follow the Gazette",
            "تابعونا",
            "Advert",
            "slideshow",
            "Das könnte",
            "peated",
        ],
    );
}

#[test]
fn a_greeting_under_the_headline_is_kept_a_reading_time_is_not() {
    let body = paragraphs(
        3,
        "after seven years I am closing this blog, and the articles will stay \
         online for a while before the archive moves to my own site.",
    );
    let page = |under: &str| {
        format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav>\
             <div class='post'><h1>Time to say goodbye</h1>{under}{body}</div>\
             <footer><a href='/imprint'>Imprint</a></footer></body></html>"
        )
    };
    let a = strip_page(page("<p>Dear visitors,</p>"));
    check(&a, &["Dear visitors,", "Paragraph 2:"], &["Imprint"]);
    let a = strip_page(page("<p>4 min read</p>"));
    check(&a, &["Paragraph 0:"], &["min read"]);
}

#[test]
fn one_long_quote_does_not_outvote_the_page_language() {
    // A German forum thread quoting English instructions at length.
    let quote = "During the sixth step your computer detects the phone as a new device and \
                 starts to search for driver updates online. You have to click on the little \
                 indicator in the corner of the screen at once, or the update will time out \
                 and you will have to start all over again from the very first step. When \
                 the phone restarts, leave it connected to the computer and do not open any \
                 other program until the software has finished, which can take up to half an \
                 hour on an older machine. If the progress bar stops for more than ten minutes, \
                 unplug the phone, restart the computer and try the whole procedure again.";
    let posts: String = [
        "Also bis gestern kam bei mir nichts, ich schaue später noch einmal nach, wenn ich \
         wieder daheim bin.",
        "Bei mir ging es ganz schnell, das Update hat keine fünf Minuten gedauert, warum \
         denn bei einigen nicht?",
        "Ich bin ja echt geduldig, aber bei mir gibt es immer noch nichts. Das Update müsste \
         doch automatisch kommen.",
        "Das war noch nicht das Update, sondern nur die Vorbereitung darauf, das richtige \
         kommt erst im März.",
    ]
    .iter()
    .map(|p| format!("<div class='post'><p>{p}</p></div>"))
    .collect();
    let page = format!(
        "<html><body><h1>Das Vorbereitungsupdate ist da</h1>\
         <div class='post'><blockquote>{quote}</blockquote></div>{posts}</body></html>"
    );
    assert_eq!(strip_page(page).lang, Some("de"));
}

#[test]
fn a_table_or_list_under_the_headline_is_the_article() {
    // A race calendar: rows of a table or items of a list, no prose, under the
    // headline; the only prose on the page is a comment policy elsewhere.
    let races = [
        ("1", "Rabat", "10"),
        ("8", "Casablanca", "21"),
        ("15", "Marrakech", "42"),
        ("22", "Fès", "10"),
        ("29", "Tanger", "21"),
        ("2", "Agadir", "10"),
        ("9", "Oujda", "21"),
        ("16", "Meknès", "10"),
        ("23", "Tétouan", "42"),
        ("30", "Essaouira", "10"),
    ];
    let table: String = races
        .iter()
        .map(|(d, c, k)| format!("<tr><td>{d} mars 2026</td><td>{c}</td><td>{k} km</td></tr>"))
        .collect();
    let list: String = races
        .iter()
        .map(|(d, c, k)| format!("<li>{d} mars : {c}, {k} km</li>"))
        .collect();
    for body in [
        format!("<table>{table}</table>"),
        format!("<ul>{list}</ul>"),
    ] {
        let page = format!(
            "<html><body><nav><ul><li><a href='/'>Accueil</a></li><li><a href='/s'>Sport</a></li></ul></nav>\
             <div class='main'><h1>Le calendrier des courses de mars</h1>{body}</div>\
             <div class='box'><h3>Commentaires</h3><p>Les commentaires sont modérés. Nous nous réservons le \
             droit de supprimer tout commentaire injurieux, diffamatoire ou sans rapport avec le sujet de \
             l'article, ainsi que les messages publicitaires, et de suspendre les comptes de leurs auteurs.</p></div>\
             </body></html>"
        );
        let a = strip_page(page);
        check(&a, &["1 mars", "Marrakech", "Essaouira"], &["Accueil"]);
    }
}
