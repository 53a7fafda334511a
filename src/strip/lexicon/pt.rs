//! Portuguese.

use super::Lexicon;

pub(super) const PT: Lexicon = Lexicon {
    related: &[
        "leia também",
        "veja também",
        "você pode gostar",
        "notícias relacionadas",
    ],
    home: &["início"],
    ..Lexicon::EMPTY
};
