//! French.

use super::Lexicon;

pub(super) const FR: Lexicon = Lexicon {
    related: &[
        "lire aussi",
        "à lire aussi",
        "a lire aussi",
        "voir aussi",
        "sur le même sujet",
        "à voir aussi",
        "les plus lus",
        "dans la même rubrique",
        "vous aimerez aussi",
    ],
    comments: &[
        "commentaires",
        "commentaire",
        "réactions",
        "réponses à",
        "réponse à",
    ],
    profiles: &[
        "à propos de l'auteur",
        "à propos de l'autrice",
        "à propos de nous",
        "qui sommes-nous",
    ],
    furniture: &[
        "lire la suite",
        "partager",
        "abonnez-vous",
        // L'étiquette d'un diaporama ou d'une vidéo.
        "galerie photos",
        "voir la galerie",
        "voir la vidéo",
        "regarder la vidéo",
        "inscrivez-vous à notre newsletter",
        "recevez notre",
        "recevez chaque",
        "recevez gratuitement",
        "recevez l'essentiel",
        // Un article derrière un mur d'abonnement.
        "article réservé aux abonnés",
        "cet article est réservé aux abonnés",
        "inscrivez-vous à la newsletter",
        "publicité",
        "tous droits réservés",
        "commentaires",
        "suivez-nous",
        // A blog engine's comment form heading.
        "laisser un commentaire",
        "laisser une réponse",
        // Un appel à installer l'application du site.
        "téléchargez notre application",
        "téléchargez l'application",
        // Les invites d'un mur de connexion ou d'abonnement.
        "connectez-vous",
        "créez un compte",
        "déjà abonné",
        "abonnez-vous dès",
    ],
    notices: &[
        "ce billet a été publié",
        "cette entrée a été publiée",
        "cet article contient des liens affiliés",
        // WordPress's comment form.
        "votre adresse e-mail ne sera pas publiée",
        "votre adresse de messagerie ne sera pas publiée",
        // Bandeaux de consentement aux cookies.
        "nous utilisons des cookies",
        "ce site utilise des cookies",
        "en poursuivant votre navigation",
        "en continuant à naviguer",
        // La charte des commentaires d'un site, sous ses articles.
        "les commentaires sont modérés",
        "les propos tenus dans les commentaires",
        "les commentaires publiés n'engagent que",
    ],
    follow: &["suivez", "rejoignez-nous", "abonnez-vous à notre"],
    author_prefixes: &["par"],
    date_prefixes: &["publié le", "mis à jour"],
    months: &[
        ("janvier", 1),
        ("fevrier", 2),
        ("février", 2),
        ("mars", 3),
        ("avril", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("aout", 8),
        ("août", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
    ],
    date_words: &["publié", "le"],
    home: &["accueil"],
    caption_labels: &["photo", "crédit"],
    ..Lexicon::EMPTY
};
