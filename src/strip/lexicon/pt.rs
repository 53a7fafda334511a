//! Portuguese.

use super::Lexicon;

pub(super) const PT: Lexicon = Lexicon {
    related: &[
        "leia também",
        "veja também",
        "você pode gostar",
        "notícias relacionadas",
    ],
    comments: &["comentários"],
    home: &["início"],
    notices: &[
        // WordPress's comment form.
        "o seu endereço de email não será publicado",
        "seu endereço de e-mail não será publicado",
        // Cookie banners.
        "utilizamos cookies",
        "este site utiliza cookies",
        "este site usa cookies",
    ],
    ..Lexicon::EMPTY
};
