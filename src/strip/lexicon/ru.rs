//! Russian.

use super::Lexicon;

pub(super) const RU: Lexicon = Lexicon {
    // No related-headline openings: Russian sites put "Читайте также" boxes
    // inside the article's flow, and on the dev pages the rule took the rest of
    // the article with them.
    furniture: &[
        "поделиться",
        "реклама",
        "версия для печати",
        "добавить комментарий",
        "все права защищены",
    ],
    // The terms a site prints under each article about reusing its texts.
    notices: &[
        "при цитировании",
        "при воспроизведении",
        "при перепечатке",
        "при использовании материалов",
        "перепечатка материалов",
        "использование материалов",
        "все права защищены",
        // WordPress's comment form.
        "ваш адрес email не будет опубликован",
    ],
    follow: &[
        "читайте нас",
        "читайте новости",
        "подписывайтесь на нас",
        "подписывайтесь на наш",
        "присоединяйтесь к нам",
        "следите за нами",
    ],
    networks: &[
        "вконтакте",
        "одноклассники",
        "телеграм",
        "фейсбук",
        "твиттер",
    ],
    home: &["главная"],
    caption_labels: &["фото"],
    ..Lexicon::EMPTY
};
