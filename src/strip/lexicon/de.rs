//! German.

use super::Lexicon;

pub(super) const DE: Lexicon = Lexicon {
    related: &[
        "lesen sie auch",
        "auch interessant",
        "mehr zum thema",
        "das könnte sie auch interessieren",
        "das könnte dich auch interessieren",
        "das könnte ihnen auch gefallen",
        "das könnte dir auch gefallen",
        "lust auf mehr",
        "weitere artikel",
    ],
    comments: &["kommentare", "leserkommentare"],
    profiles: &["über den autor", "über die autorin", "über uns"],
    furniture: &[
        "anzeige",
        "werbung",
        "externer inhalt",
        "war der artikel",
        "war dieser artikel",
        "artikel teilen",
        "möchten sie den artikel",
        "jetzt abonnieren",
        "newsletter abonnieren",
        "alle rechte vorbehalten",
    ],
    notices: &[
        "der beitrag wurde am",
        "dieser beitrag wurde am",
        "dieser eintrag wurde am",
        "dieser beitrag enthält affiliate links",
        "dieser artikel enthält affiliate links",
        "dieser beitrag enthält werbung",
        "letzte aktualisierung am",
        "für links auf dieser seite",
        "gefällt mir wird geladen",
        "lust auf mehr",
        // WordPress's comment form.
        "deine e-mail-adresse wird nicht veröffentlicht",
        "ihre e-mail-adresse wird nicht veröffentlicht",
        // Cookie banners.
        "wir verwenden cookies",
        "diese website verwendet cookies",
        "diese webseite verwendet cookies",
    ],
    // "Folgen" alone is also "consequences".
    follow: &["folgt uns", "folgen sie uns", "folge uns"],
    home: &["startseite"],
    caption_labels: &[
        "abbildung",
        "abb",
        "bild",
        "beitragsbild",
        "titelbild",
        "foto",
        "fotos",
        "quelle",
    ],
    credits: &["Foto:", "Bild:", "Foto von"],
    ago: &[
        "vor 0 minuten",
        "vor 0 stunde",
        "vor 0 stunden",
        "vor 0 tag",
        "vor 0 tagen",
        "vor 0 wochen",
        "vor 0 monaten",
        "vor 0 jahren",
    ],
    ..Lexicon::EMPTY
};
