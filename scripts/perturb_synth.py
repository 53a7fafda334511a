#!/usr/bin/env python3
"""Perturbed Arabic site templates: the arabic_synth dev pages with a teaser list
added where an unseen template may put one, and their title metadata dropped.

usage: perturb_synth.py SYNTH_DIR OUT_DIR

Each page (utf-8 ones; windows-1256 pages are left out) gives one page per
variant in OUT_DIR, with OUT_DIR/truth.jsonl (the page's own truth, source
`synth_<variant>`). A teaser list is 4 to 8 cards, each a linked headline and a
lead paragraph taken from the other pages' articles; variants put it right
before the article's wrapper (the element holding its <h1>), with or without a
heading over it, as <li> items, with a date or an image in each card, with
leads cut short ("..."); or at the start of <body>, with or without dates; and
a column of eight cards whose leads are two paragraphs each, under opaque
names, before the wrapper, at the top, or at the top under a linked <h1> logo. A
second family sets one piece of chrome inside the article's wrapper, right
after its last paragraph: a writer's or the site's profile box, a comment
policy and form, a newsletter's call, a related list, a share bar, tags, an
app's call, a "most read" list with leads. A third sets an interruption after
the body's middle paragraph (an ad slot, a tweet, a "read also" line, a figure,
a video, two teaser cards), inside the body's element or splitting it in two.
<title> and og:/twitter:title are removed from every page, as on templates that
carry none. Python 3 standard library only; deterministic (seeded).
"""
import gzip
import html
import json
import random
import re
import sys
from pathlib import Path

VARIANTS = ["before", "before_nohead", "before_li", "before_date", "before_img",
            "before_trunc", "body", "body_date"]
HEADINGS = ["آخر الأخبار", "أخبار ذات صلة", "الأكثر قراءة", "مقالات"]
# Interruptions set after the body's middle paragraph, inside its element or
# splitting it in two (the element closed, the piece, a second one opened).
BREAKS = {
 'ad': '<div class="ad-slot"><span>إعلان</span><iframe src="https://ads.example/x"></iframe></div>',
 'tweet': '<blockquote class="twitter-tweet"><p lang="ar">الحمد لله على سلامة الجميع</p>— حساب رسمي (@official) 2 أغسطس 2015</blockquote>',
 'readalso': '<div class="inline-related"><strong>اقرأ أيضا:</strong> <a href="/x/1">وزارة الداخلية تعلن نتائج التحقيق في الحادث</a></div>',
 'figure': '<figure><img src="/i/1.jpg"><figcaption>جانب من الحدث (أرشيف)</figcaption></figure>',
 'video': '<div class="video"><iframe src="https://www.youtube.com/embed/x"></iframe><p>شاهد الفيديو</p></div>',
 'cards': '<div class="more">' + ''.join('<div class="card"><h4><a href="/c/%d">%s</a></h4><p>%s</p></div>' % (i, h, l) for i, (h, l) in enumerate([
   ('انخفاض أسعار الذهب في الأسواق المحلية', 'سجلت أسعار الذهب في الأسواق المحلية انخفاضا ملحوظا خلال تعاملات اليوم، متأثرة بتراجع الأسعار العالمية وارتفاع الدولار.'),
   ('إطلاق منصة رقمية لتسجيل الطلبة الجدد', 'أطلقت وزارة التعليم العالي منصة رقمية جديدة لتسجيل الطلبة الجدد في الجامعات، تتيح لهم اختيار تخصصاتهم دون التنقل إلى مقرات الكليات.')])) + '</div>',
}
# Chrome set inside the article's wrapper, after its last paragraph.
PIECES = {
 'bio': '<div class="author-box"><h4>عن الكاتب</h4><p>صحفي متخصص في الشؤون الاقتصادية والاجتماعية، عمل مراسلا لعدد من الصحف العربية قبل أن يلتحق بفريق تحرير الموقع، ويكتب أسبوعيا عن قضايا التنمية في المنطقة.</p></div>',
 'policy': '<div class="comments"><h3>أضف تعليقك</h3><p>التعليقات المنشورة لا تعبر بالضرورة عن رأي الموقع، ونرجو من القراء الكرام الالتزام بآداب الحوار وعدم الإساءة إلى الأشخاص أو المقدسات، وسيتم حذف كل تعليق مخالف.</p><form><label>الاسم</label><input><label>البريد الإلكتروني</label><input><textarea></textarea><button>إرسال</button></form></div>',
 'share': '<div class="share"><span>شارك الخبر:</span> <a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a> <a href="#">تيليغرام</a></div>',
 'tags': '<div class="tags"><span>الوسوم:</span> <a href="/t/1">اقتصاد</a> <a href="/t/2">الحكومة</a> <a href="/t/3">المملكة</a></div>',
 'newsletter': '<div class="nl"><h4>النشرة البريدية</h4><p>اشترك في نشرتنا البريدية ليصلك ملخص أهم الأخبار والتحليلات كل صباح مباشرة إلى بريدك الإلكتروني، مجانا ودون أي التزام.</p><form><input><button>اشترك</button></form></div>',
 'related': '<div class="related"><h3>مواضيع ذات صلة</h3><ul><li><a href="/a/1">الحكومة تعلن عن إجراءات جديدة لدعم الأسر محدودة الدخل</a></li><li><a href="/a/2">ارتفاع أسعار المحروقات للمرة الثالثة هذا العام</a></li><li><a href="/a/3">افتتاح أكبر مركز تجاري في العاصمة بحضور الوزير</a></li><li><a href="/a/4">تقرير دولي يشيد بإصلاحات قطاع التعليم</a></li></ul></div>',
 'source': '<p class="src">المصدر: وكالات</p>',
 'app': '<div class="app"><p>حمّل تطبيق الموقع على هاتفك الذكي لتتابع آخر الأخبار العاجلة لحظة بلحظة، متوفر على متجري آبل وغوغل.</p></div>',
 'about': '<div class="about"><h4>من نحن</h4><p>موقع إخباري مستقل يهتم بتغطية الأحداث المحلية والدولية على مدار الساعة، ويضم فريقا من الصحفيين والمراسلين في مختلف المدن، ويلتزم بميثاق أخلاقيات المهنة.</p></div>',
 'mostread': '<div class="most"><h3>الأكثر قراءة</h3><ol>' + ''.join('<li><a href="/m/%d">%s</a><p>%s</p></li>' % (i, h, l) for i, (h, l) in enumerate([
   ('وزير الصحة يكشف موعد وصول اللقاحات الجديدة', 'أعلن وزير الصحة أن الدفعة الأولى من اللقاحات ستصل خلال الأسبوعين المقبلين، وأن حملة التلقيح ستبدأ بالفئات الأكثر عرضة للخطر.'),
   ('أمطار غزيرة تغلق عددا من الطرق الجبلية', 'تسببت الأمطار الغزيرة التي شهدتها المنطقة ليلة أمس في إغلاق عدد من الطرق الجبلية، فيما تدخلت فرق الإنقاذ لفك العزلة عن القرى.'),
   ('المنتخب يفوز وديا استعدادا للبطولة القارية', 'حقق المنتخب الوطني فوزا وديا على ضيفه بثلاثة أهداف مقابل هدف واحد، في إطار استعداداته للمشاركة في البطولة القارية المقبلة.')])) + '</ol></div>',
}


def dev_pages(src):
    """(id, raw bytes, truth) for each page of a dev set's directory that has a truth."""
    truth = {}
    for line in open(src / "truth.jsonl", encoding="utf-8"):
        t = json.loads(line)
        truth[t["id"]] = t
    for f in sorted(src.glob("*.html*")):
        pid = re.sub(r"\.html(\.gz)?$", "", f.name)
        if pid not in truth:
            continue
        raw = f.read_bytes()
        if f.suffix == ".gz":
            raw = gzip.decompress(raw)
        yield pid, raw, truth[pid]


def pages(src):
    for pid, raw, truth in dev_pages(src):
        if b"1256" not in raw[:4000]:
            yield pid, raw.decode("utf-8", "replace"), truth


def teasers(rng, style, heads, leads):
    cards = []
    for i in range(rng.randint(4, 8)):
        head = html.escape(rng.choice(heads))
        lead = rng.choice(leads)
        if style == "trunc":
            lead = lead[:110] + "..."
        img = f'<a href="/n/{i}"><img src="/i/{i}.jpg" alt=""></a>' if style == "img" else ""
        date = f'<span class="date">{rng.randint(10, 28)}/0{rng.randint(1, 9)}/2015</span>' \
            if style == "date" else ""
        tag = "li" if style == "li" else "div"
        cards.append(f'<{tag} class="item">{img}<h3><a href="/news/{rng.randint(1000, 99999)}">'
                     f'{head}</a></h3>{date}<p>{html.escape(lead)}</p></{tag}>')
    items = "".join(cards)
    if style == "li":
        items = f"<ul>{items}</ul>"
    heading = "" if style == "nohead" else f"<h2>{rng.choice(HEADINGS)}</h2>"
    return f'<div class="news-list">{heading}{items}</div>'


LOGO = '<h1 class="x3"><a href="/">الموقع الإخباري</a></h1>'


def long_column(rng, heads, leads):
    """Eight cards, each a linked headline and a lead of two paragraphs."""
    cards = "".join(f'<div class="x1"><h3><a href="/n/{rng.randint(1000, 99999)}">'
                    f'{html.escape(rng.choice(heads))}</a></h3><p>{html.escape(rng.choice(leads))}</p></div>'
                    for _ in range(8))
    return f'<div class="x2">{cards}</div>'


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    docs = list(pages(src))
    rng = random.Random(7)
    # Its own draws, so the other variants stay as they were.
    long_rng = random.Random(11)
    with open(out / "truth.jsonl", "w", encoding="utf-8") as truth_out:
        for pid, page, truth in docs:
            others = [t for p, _, t in docs if p != pid]
            heads = [t["text"].split("\n")[0] for t in others]
            leads = [t["text"].split("\n\n")[1] for t in others if "\n\n" in t["text"]]
            page = re.sub(r"<title[^>]*>.*?</title>", "", page, flags=re.S | re.I)
            page = re.sub(r'<meta[^>]+(og|twitter):title[^>]*>', "", page, flags=re.I)
            title = truth["text"].split("\n")[0].strip()
            # The wrapper of the article's <h1>: the element opened right before it.
            h1 = page.find(f">{html.escape(title, quote=False)}</h1>")
            start = page.rfind("<h1", 0, h1) if h1 >= 0 else -1
            wrapper = page.rfind("<", 0, start) if start > 0 else -1
            body = re.search(r"<body[^>]*>", page)
            if wrapper < 0 or not body or not page[wrapper:start].startswith("<div"):
                continue
            for variant in VARIANTS:
                place, _, style = variant.partition("_")
                box = teasers(rng, style, heads, leads)
                at = wrapper if place == "before" else body.end()
                name = f"{pid}__{variant}"
                (out / f"{name}.html").write_text(page[:at] + box + page[at:], encoding="utf-8")
                truth_out.write(json.dumps(dict(truth, id=name, source=f"synth_{variant}"),
                                           ensure_ascii=False) + "\n")
            # A column of cards whose leads are two paragraphs each, under names
            # that say nothing, holding more prose than the story: before its
            # wrapper, at the page's top, or at the top under a linked <h1> logo.
            long_leads = [" ".join(t["text"].split("\n\n")[1:3]) for t in others
                          if t["text"].count("\n\n") >= 2]
            for variant, at, logo in [("long_before", wrapper, ""), ("long_top", body.end(), ""),
                                      ("long_logo", body.end(), LOGO)]:
                box = logo + long_column(long_rng, heads, long_leads)
                name = f"{pid}__{variant}"
                (out / f"{name}.html").write_text(page[:at] + box + page[at:], encoding="utf-8")
                truth_out.write(json.dumps(dict(truth, id=name, source=f"synth_{variant}"),
                                           ensure_ascii=False) + "\n")
            last = page.find(html.escape(truth["text"].split("\n\n")[-1][-40:], quote=False))
            end = page.find("</p>", last) + len("</p>") if last >= 0 else -1
            if end < len("</p>"):
                continue
            for piece, chunk in PIECES.items():
                name = f"{pid}__after_{piece}"
                (out / f"{name}.html").write_text(page[:end] + chunk + page[end:], encoding="utf-8")
                truth_out.write(json.dumps(dict(truth, id=name, source=f"synth_after_{piece}"),
                                           ensure_ascii=False) + "\n")
            paras = truth["text"].split("\n\n")[1:]
            if len(paras) < 3:
                continue
            mid = page.find(html.escape(paras[len(paras) // 2 - 1][-30:], quote=False))
            first = page.find(html.escape(paras[0][:30], quote=False))
            opener = page.rfind("<div", 0, first) if first >= 0 else -1
            cut = page.find("</p>", mid) + len("</p>") if mid >= 0 else -1
            if opener < 0 or cut < len("</p>"):
                continue
            element = re.match(r"<div[^>]*>", page[opener:]).group(0)
            for piece, chunk in BREAKS.items():
                for mode, ins in [("in", chunk), ("split", "</div>" + chunk + element)]:
                    name = f"{pid}__{mode}_{piece}"
                    (out / f"{name}.html").write_text(page[:cut] + ins + page[cut:], encoding="utf-8")
                    truth_out.write(json.dumps(dict(truth, id=name, source=f"synth_{mode}_{piece}"),
                                               ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
