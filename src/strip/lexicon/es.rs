//! Spanish.

use super::Lexicon;

pub(super) const ES: Lexicon = Lexicon {
    related: &[
        "lee también",
        "lea también",
        "te puede interesar",
        "noticias relacionadas",
    ],
    profiles: &[
        "sobre el autor",
        "sobre la autora",
        "sobre nosotros",
        "quiénes somos",
    ],
    furniture: &["publicidad", "compartir"],
    notices: &[
        "esta entrada fue publicada",
        "esta entrada se publicó",
        // WordPress's comment form.
        "tu dirección de correo electrónico no será publicada",
        // Cookie banners.
        "utilizamos cookies",
        "este sitio web utiliza cookies",
        "este sitio utiliza cookies",
    ],
    follow: &["síguenos", "siguenos"],
    home: &["inicio"],
    caption_labels: &["imagen", "crédito"],
    ..Lexicon::EMPTY
};
