//! Italian.

use super::Lexicon;

pub(super) const IT: Lexicon = Lexicon {
    related: &[
        "leggi anche",
        "potrebbe interessarti",
        "ti potrebbe interessare",
        "articoli correlati",
    ],
    comments: &["commenti"],
    furniture: &["pubblicità"],
    notices: &[
        // WordPress's comment form.
        "il tuo indirizzo email non sarà pubblicato",
        // Cookie banners.
        "utilizziamo i cookie",
        "questo sito utilizza cookie",
        "questo sito utilizza i cookie",
    ],
    follow: &["seguici"],
    ..Lexicon::EMPTY
};
