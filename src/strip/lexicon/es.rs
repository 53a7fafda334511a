//! Spanish.

use super::Lexicon;

pub(super) const ES: Lexicon = Lexicon {
    related: &[
        "lee también",
        "lea también",
        "te puede interesar",
        "noticias relacionadas",
    ],
    comments: &["comentarios"],
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
    ago: &[
        "hace 0 minutos",
        "hace 0 hora",
        "hace 0 horas",
        "hace 0 día",
        "hace 0 días",
        "hace 0 semanas",
        "hace 0 meses",
        "hace 0 años",
    ],
    ..Lexicon::EMPTY
};
