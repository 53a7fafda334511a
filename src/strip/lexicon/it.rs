//! Italian.

use super::Lexicon;

pub(super) const IT: Lexicon = Lexicon {
    related: &[
        "leggi anche",
        "potrebbe interessarti",
        "ti potrebbe interessare",
        "articoli correlati",
    ],
    furniture: &["pubblicità"],
    follow: &["seguici"],
    ..Lexicon::EMPTY
};
