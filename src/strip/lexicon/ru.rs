//! Russian.

use super::Lexicon;

pub(super) const RU: Lexicon = Lexicon {
    // No related-headline openings: Russian sites put "Читайте также" boxes
    // inside the article's flow, and on the dev pages the rule took the rest of
    // the article with them.
    comments: &["комментарии"],
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
    ago: &[
        "0 минут назад",
        "0 минуты назад",
        "0 час назад",
        "0 часа назад",
        "0 часов назад",
        "0 день назад",
        "0 дня назад",
        "0 дней назад",
        "0 недели назад",
        "0 месяц назад",
        "0 месяца назад",
        "0 год назад",
        "0 года назад",
        "0 лет назад",
    ],
    ..Lexicon::EMPTY
};
