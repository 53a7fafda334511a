//! Ukrainian.

use super::Lexicon;

pub(super) const UK: Lexicon = Lexicon {
    related: &[
        "читайте також",
        "дивіться також",
        "новини по темі",
        "матеріали по темі",
        "інші новини",
    ],
    comments: &["коментарі"],
    furniture: &["поділитися", "реклама", "всі права захищені"],
    // The terms a site prints under each article about reusing its texts.
    notices: &[
        "при цитуванні",
        "при використанні матеріалів",
        "передрук матеріалів",
        "використання матеріалів",
        "всі права захищені",
    ],
    follow: &[
        "читайте нас",
        "підписуйтесь на нас",
        "приєднуйтесь до нас",
        "стежте за нами",
    ],
    home: &["головна"],
    caption_labels: &["фото"],
    ..Lexicon::EMPTY
};
