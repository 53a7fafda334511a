//! Polish.

use super::Lexicon;

pub(super) const PL: Lexicon = Lexicon {
    related: &[
        "czytaj także",
        "czytaj też",
        "zobacz także",
        "zobacz też",
        "podobne artykuły",
        "powiązane artykuły",
        "najczęściej czytane",
        "więcej na ten temat",
    ],
    comments: &["komentarze"],
    furniture: &[
        "udostępnij",
        "reklama",
        "dodaj komentarz",
        "czytaj więcej",
        "wszelkie prawa zastrzeżone",
    ],
    notices: &[
        "wszelkie prawa zastrzeżone",
        "kopiowanie i rozpowszechnianie",
        // WordPress's comment form.
        "twój adres e-mail nie zostanie opublikowany",
    ],
    follow: &["obserwuj nas", "dołącz do nas", "polub nas", "śledź nas"],
    home: &["strona główna"],
    caption_labels: &["fot", "zdjęcie"],
    ..Lexicon::EMPTY
};
