//! Names that are no one language's: networks and news agencies as pages write
//! them in any language.

use super::Lexicon;

pub(super) const COMMON: Lexicon = Lexicon {
    networks: &[
        "twitter",
        "facebook",
        "instagram",
        "tiktok",
        "youtube",
        "telegram",
        "whatsapp",
        "linkedin",
    ],
    credits: &[
        "/Reuters",
        "/ Reuters",
        "/AFP",
        "/ AFP",
        "Getty Images",
        "/dpa",
        "AP Photo",
    ],
    ..Lexicon::EMPTY
};
