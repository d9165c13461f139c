//! What is never article text: elements by tag, by ARIA role, hidden ones, and ones whose class or id names
//! them as navigation, comments, share bars, cookie banners, "related" boxes and the like.
//!
//! The class and id words are the conventions of common content systems and of readability's and
//! trafilatura's published lists, not words fitted to any set of pages.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::dom::{Dom, NodeId};

/// Elements whose content is never read as text.
pub fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "map"
            | "figure"
            | "figcaption"
            | "picture"
            | "button"
            | "input"
            | "select"
            | "option"
            | "textarea"
            | "label"
            | "nav"
            | "aside"
            | "footer"
            | "menu"
            | "dialog"
            | "frameset"
            | "frame"
            // Ruby annotations: the readings printed over East Asian text, not the text.
            | "rt"
            | "rp"
    )
}

/// ARIA roles of page furniture.
fn is_boilerplate_role(role: &str) -> bool {
    role.split_ascii_whitespace().any(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "menu"
                | "menubar"
                | "search"
                | "dialog"
                | "alertdialog"
                | "toolbar"
                | "tablist"
        )
    })
}

/// Words in class and id values that mark page furniture.
const NEGATIVE: &[&str] = &[
    "comment",
    "disqus",
    "respond",
    "reply",
    "share",
    "sharing",
    "social",
    "sociable",
    "syndication",
    "related",
    "recommend",
    "newsletter",
    "subscri",
    "cookie",
    "consent",
    "gdpr",
    "breadcrumb",
    "sidebar",
    "widget",
    "footer",
    "menu",
    "navbar",
    "navigation",
    "nav-",
    "-nav",
    "pagination",
    "pager",
    "popup",
    "modal",
    "overlay",
    "advert",
    "sponsor",
    "promo",
    "tagcloud",
    "tag-cloud",
    "taglist",
    "tags",
    "byline",
    "author",
    "meta",
    "skip",
    "rating",
    "signup",
    "login",
    "toolbar",
    "masthead",
    "banner",
    "paywall",
    "read-more",
    "readmore",
    "more-stories",
    "trending",
    "popular",
    "outbrain",
    "taboola",
    "rss",
    "jp-",
    "addthis",
    "shariff",
    "caption",
    "credit",
    "follow",
    "donate",
    "copyright",
    "legal",
    "impressum",
    "sitemap",
];

/// Negative words that win over positive ones (`entry-meta`, `post-comments`, `article-share`).
const STRONG: &[&str] = &[
    "comment",
    "disqus",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "cookie",
    "consent",
    "gdpr",
    "breadcrumb",
    "sidebar",
    "widget",
    "advert",
    "pagination",
    "footer",
    "byline",
    "meta",
    "tags",
    "author-bio",
    "author-box",
    "authorbox",
    "author-info",
    "about-author",
    "author-avatar",
    "author-description",
    "author-profile",
    "entry-author",
    "paywall",
    "disclaimer",
    "disclosure",
];

/// Words in class and id values that mark the article; they protect an element a negative word would remove.
const POSITIVE: &[&str] =
    &["article", "content", "entry", "main", "post", "story", "body", "text", "blog", "hentry", "h-entry"];

static NEGATIVE_WORDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| AhoCorasick::new(NEGATIVE).ok());
static STRONG_WORDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| AhoCorasick::new(STRONG).ok());
static POSITIVE_WORDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| AhoCorasick::new(POSITIVE).ok());

/// Class words of taxonomies (WordPress puts `tag-x category-y` on the article itself) and of opinion
/// pieces (`commentary`): not furniture.
fn is_taxonomy_word(word: &str) -> bool {
    // Opinion pieces, and the entries of a live blog or a match report (`live-match-comment`, `livecomment`):
    // the reporter's own text, not readers' comments.
    if word.contains("commentary") || (word.contains("live") && word.contains("comment")) {
        return true;
    }
    if let Some(rest) = word.strip_prefix("author-") {
        // WordPress's `author-NAME`, not an author box's `author-bio`, `author-box`.
        return !["bio", "box", "info", "avatar", "description", "details", "profile", "card", "wrap"]
            .iter()
            .any(|w| rest.starts_with(w));
    }
    ["tag-", "category-", "post-", "type-", "format-", "status-", "postid-", "has-"]
        .iter()
        .any(|p| word.starts_with(p) && word.len() > p.len())
}

/// A page builder's class word reduced to what it says: Elementor (a WordPress page builder) wraps every
/// block of a page, the article's text too, in `elementor-widget elementor-widget-container`; only the kind
/// it names after the prefix (`elementor-widget-theme-post-content`, `elementor-location-footer`) tells
/// anything. Other words pass unchanged.
fn builder_word(word: &str) -> Option<&str> {
    let Some(rest) = word.strip_prefix("elementor-") else { return Some(word) };
    let kind = rest.strip_prefix("widget-").or_else(|| rest.strip_prefix("location-"))?;
    (!kind.starts_with("container") && !kind.starts_with("wrap")).then_some(kind)
}

/// The class and id words of an element, lower-cased, taxonomy words left out.
pub fn class_words(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    for attr in ["class", "id"] {
        if let Some(v) = dom.attr(id, attr) {
            for w in v.split_ascii_whitespace() {
                let w = w.to_ascii_lowercase();
                let Some(w) = builder_word(&w) else { continue };
                if !is_taxonomy_word(w) {
                    out.push_str(w);
                    out.push(' ');
                }
            }
        }
    }
    out
}

/// An advertisement's class word: `ad`, `ads`, `ad-slot`, `top-ad`, `adsbygoogle` (not `head`, `read`).
fn is_ad_word(words: &str) -> bool {
    words.split(' ').any(|w| {
        w == "ad"
            || w == "ads"
            || w.starts_with("ad-")
            || w.starts_with("ad_")
            || w.starts_with("ads-")
            || w.starts_with("adsby")
            || w.ends_with("-ad")
            || w.ends_with("_ad")
            || w.ends_with("-ads")
    })
}

/// A subscription prompt's or call to action's class word: `blog-subscribe`, `subscribe-form`, `cta`,
/// `letters-cta` (not `subscriber-only`, which marks the article's text for subscribers).
fn is_prompt_word(words: &str) -> bool {
    words.split(' ').any(|w| {
        (w.contains("subscribe") && !w.contains("subscriber"))
            || w == "cta"
            || w.starts_with("cta-")
            || w.starts_with("cta_")
            || w.ends_with("-cta")
            || w.ends_with("_cta")
            || w.contains("-cta-")
            || w.contains("-cta_")
    })
}

/// How the class and id words rate an element: below zero furniture, above zero article.
pub fn class_weight(words: &str) -> i32 {
    let mut weight = 0;
    if NEGATIVE_WORDS.as_ref().is_some_and(|a| a.is_match(words)) || is_ad_word(words) {
        weight -= 25;
    }
    if POSITIVE_WORDS.as_ref().is_some_and(|a| a.is_match(words)) {
        weight += 25;
    }
    weight
}

/// Whether an element (not its ancestors) is page furniture, from its tag, role, visibility and class words.
/// Class words never remove the elements that hold the page (`html`, `body`, `main`, `article`), one that
/// holds the article (`holds_article`: an `<article>`, `<main>`, `articleBody` or the `<h1>` inside it, as in a
/// `wrap has-sidebar-right` layout) nor one that holds `share` or more of the page's text.
pub fn is_boilerplate(dom: &Dom, id: NodeId, tag: &str, words: &str, share: f32, holds_article: bool) -> bool {
    if is_skipped_tag(tag) {
        return true;
    }
    // A banner or navigation role on an element that holds the article's mark and most of the page's text is
    // a template's slip (a header left open around the article), not furniture.
    if dom.attr(id, "role").is_some_and(is_boilerplate_role) && !(holds_article && share >= 0.4) {
        return true;
    }
    if dom.attr(id, "hidden").is_some() || dom.attr(id, "aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if let Some(style) = dom.attr(id, "style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if matches!(tag, "html" | "body" | "main" | "article") || words.is_empty() || share >= 0.4 || holds_article {
        return false;
    }
    let strong = STRONG_WORDS.as_ref().is_some_and(|a| a.is_match(words)) || is_ad_word(words) || is_prompt_word(words);
    strong
        || NEGATIVE_WORDS.as_ref().is_some_and(|a| a.is_match(words))
            && !POSITIVE_WORDS.as_ref().is_some_and(|a| a.is_match(words))
}

/// Lines that news and blog systems print around an article, not in it: the headings of "related" boxes,
/// advertisement and picture labels, print and share prompts, in the languages of European news sites. A line
/// is furniture when it is one of them, or one of them, a colon and what it labels ("Quelle: dpa", "Credit:
/// Getty Images", "Lesen Sie auch: another story's headline").
const FURNITURE_LINES: &[&str] = &[
    // English
    "advertisement",
    "sponsored",
    "sponsored content",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "read more",
    "read next",
    "see also",
    "also read",
    "you might also like",
    "you may also like",
    "more on this story",
    "more on this topic",
    "recommended",
    "recommended for you",
    "most popular",
    "most read",
    "latest news",
    "latest articles",
    "latest posts",
    "more news",
    "share this article",
    "share this",
    "print",
    "print recipe",
    "jump to recipe",
    "pin recipe",
    "save recipe",
    "rate recipe",
    "credit",
    "image",
    "image source",
    "photo",
    "source",
    "staff writer",
    "by staff writer",
    "advertising disclosure",
    "read also",
    // German
    "anzeige",
    "werbung",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das thema könnte dich auch interessieren",
    "auch interessant",
    "lesen sie auch",
    "weiterlesen",
    "weitere artikel",
    "neueste artikel",
    "neueste beiträge",
    "aktuelle meldungen",
    "weitere meldungen",
    "ähnliche artikel",
    "verwandte artikel",
    "beitragsbild",
    "bild anzeigen",
    "bild schließen",
    "bild",
    "foto",
    "fotos",
    "quelle",
    "quellen",
    "quellenangaben",
    "drucken",
    "rezept drucken",
    "zum rezept springen",
    "rezept pinnen",
    "rezept speichern",
    "bei pinterest speichern",
    "auf pinterest merken",
    "artikel teilen",
    "teilen",
    "alle angaben ohne gewähr",
    "auch lesen",
    "zum weiterlesen",
    "lust auf mehr?",
    "inhaltsverzeichnis",
    "kontakt",
    // French, Italian, Spanish, Polish
    "à lire aussi",
    "lire aussi",
    "voir aussi",
    "sur le même sujet",
    "vos réactions",
    "publicité",
    "partager",
    "leggi anche",
    "pubblicità",
    "fonte",
    "lee también",
    "lea también",
    "lea más",
    "lee más",
    "lo último",
    "le puede interesar",
    "te puede interesar",
    "también le puede interesar",
    "video recomendado",
    "publicidad",
    "fuente",
    "czytaj też",
    "czytaj także",
    "czytaj więcej",
    "reklama",
    "źródło",
];

/// Whether a line of text is page furniture (see [`FURNITURE_LINES`]): one of the phrases, or two of them
/// ("Bild anzeigen Bild schließen"), or one of them and what it labels after a colon or a pointer ("Quelle:
/// dpa", "À lire aussi » another headline"); in parentheses or not ("(Credit: Getty Images)").
pub fn is_furniture_line(text: &str) -> bool {
    if text.chars().count() > 200 {
        return false;
    }
    let line = text.trim().to_lowercase();
    let line = match line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        Some(inner) if !inner.contains(['(', ')']) => inner.trim(),
        _ => line.as_str(),
    };
    let bare = line.trim_end_matches([':', '!', '.', '…', '»', '›', ' ']);
    let phrases = || FURNITURE_LINES.iter().map(|phrase| phrase.trim_end_matches('?'));
    phrases().any(|phrase| {
        let Some(rest) = bare.strip_prefix(phrase) else { return false };
        let rest = rest.trim_start();
        // (French sets a space before the colon.)
        rest.is_empty()
            || line[phrase.len()..].trim_start().starts_with([':', '»', '›', '|'])
            || (rest.len() <= 40 && phrases().any(|second| rest == second))
    })
}

#[cfg(test)]
mod tests {
    use super::is_furniture_line;

    #[test]
    fn furniture_lines_and_article_lines() {
        for line in [
            "Advertisement",
            "Mehr zum Thema",
            "Das könnte Sie auch interessieren!",
            "Quelle: dpa",
            "À lire aussi : x",
            "À lire aussi » Another headline",
            "(Credit: Some Photographer / Agency)",
            "Bild anzeigen Bild schließen",
            "Jump to Recipe",
            "Rezept drucken Bei Pinterest speichern",
            "Neueste Artikel",
        ] {
            assert!(is_furniture_line(line), "{line}");
        }
        for line in ["Advertisement revenue fell by a third.", "Quellen in der Regierung sagen, es werde knapp."] {
            assert!(!is_furniture_line(line), "{line}");
        }
    }
}
