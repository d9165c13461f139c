//! The page's metadata: title, publication date, author, canonical URL, site name, language and
//! description, each with where it was found. Dates are taken in the order of trust of the issue that asked
//! for them: JSON-LD, Open Graph / `article:published_time`, `<time datetime>`, other meta tags, the URL,
//! the visible dateline.

use serde_json::Value;

use crate::date::{self, PageDate};
use crate::dom::{Data, Dom, NodeId};

/// A value and where it was found (`json-ld`, `meta:og:title`, `time`, `url`, `text` …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T = String> {
    pub value: T,
    pub source: String,
}

fn found<T>(value: T, source: impl Into<String>) -> Found<T> {
    Found { value, source: source.into() }
}

/// What the page says about itself.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: Option<Found>,
    pub published: Option<Found<PageDate>>,
    pub author: Option<Found>,
    pub url: Option<Found>,
    pub site_name: Option<Found>,
    pub language: Option<Found>,
    pub description: Option<Found>,
}

/// The page's `<meta>` values keyed by lower-cased `property`, `name`, `itemprop` or `http-equiv`, first
/// occurrence first; and the `<link rel>` targets.
#[derive(Debug, Default)]
struct Tags {
    meta: Vec<(String, String)>,
    links: Vec<(String, String)>,
    ld: Vec<Value>,
    title: Option<String>,
    lang: Option<String>,
    h1: Vec<NodeId>,
    times: Vec<NodeId>,
    dated: Vec<NodeId>,
}

impl Tags {
    fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, v)| k == key && !v.trim().is_empty()).map(|(_, v)| v.trim())
    }
}

fn collect(dom: &Dom) -> Tags {
    let mut t = Tags::default();
    for id in dom.descendants(0) {
        let Some(tag) = dom.tag(id) else { continue };
        match tag {
            "meta" => {
                let content = dom.attr(id, "content").unwrap_or("");
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    if let Some(k) = dom.attr(id, key) {
                        for k in k.split_ascii_whitespace() {
                            t.meta.push((k.to_ascii_lowercase(), content.to_string()));
                        }
                    }
                }
            }
            "link" => {
                if let (Some(rel), Some(href)) = (dom.attr(id, "rel"), dom.attr(id, "href")) {
                    for r in rel.split_ascii_whitespace() {
                        t.links.push((r.to_ascii_lowercase(), href.trim().to_string()));
                    }
                }
            }
            "script" if dom.attr(id, "type").is_some_and(|v| v.trim().eq_ignore_ascii_case("application/ld+json")) => {
                let raw = dom.text_raw(id);
                if let Ok(v) = serde_json::from_str::<Value>(raw.trim().trim_end_matches(';')) {
                    t.ld.push(v);
                }
            }
            "title" if t.title.is_none() => t.title = Some(dom.text(id)).filter(|s| !s.is_empty()),
            "html" => t.lang = dom.attr(id, "lang").or_else(|| dom.attr(id, "xml:lang")).map(str::to_string),
            "h1" => t.h1.push(id),
            "time" => t.times.push(id),
            _ => {}
        }
        if dom.attr(id, "itemprop").is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "datePublished")) {
            t.dated.push(id);
        }
    }
    t
}

/// JSON-LD objects, flattened out of arrays and `@graph`.
fn ld_objects<'v>(v: &'v Value, out: &mut Vec<&'v serde_json::Map<String, Value>>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| ld_objects(i, out)),
        Value::Object(map) => {
            out.push(map);
            if let Some(g) = map.get("@graph") {
                ld_objects(g, out);
            }
        }
        _ => {}
    }
}

fn ld_type_is_article(map: &serde_json::Map<String, Value>) -> bool {
    let is = |s: &str| s.contains("Article") || s.contains("Posting") || s.contains("Report") || s == "Review";
    match map.get("@type") {
        Some(Value::String(s)) => is(s),
        Some(Value::Array(a)) => a.iter().any(|v| v.as_str().is_some_and(is)),
        _ => false,
    }
}

/// A JSON-LD person or organization (or a list of them) as names.
fn ld_names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.trim().to_string()],
        Value::Array(a) => a.iter().flat_map(ld_names).collect(),
        Value::Object(m) => {
            m.get("name").and_then(Value::as_str).map(|s| vec![s.trim().to_string()]).unwrap_or_default()
        }
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty() && !s.starts_with("http"))
    .collect()
}

/// Reads the metadata. `url` is the page's address, for relative links and for the date in the URL;
/// `containers` are the article's elements, where the dateline is looked for.
pub fn read(dom: &Dom, url: Option<&str>, containers: &[NodeId]) -> Metadata {
    let t = collect(dom);
    let mut objects = Vec::new();
    t.ld.iter().for_each(|v| ld_objects(v, &mut objects));
    // Articles first, then any object (a WebPage) that carries the field.
    let mut ld: Vec<_> = objects.iter().copied().filter(|m| ld_type_is_article(m)).collect();
    ld.extend(objects.iter().copied().filter(|m| !ld_type_is_article(m)));
    let ld_str =
        |key: &str| ld.iter().find_map(|m| m.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()));
    let mut meta = Metadata::default();

    // Title: the page's own headline, in Open Graph, JSON-LD, <title> (without the site's name) or <h1>.
    let h1 = t.h1.iter().map(|&h| dom.text(h)).find(|s| !s.is_empty());
    meta.title = t
        .meta("og:title")
        .map(|v| found(v.to_string(), "meta:og:title"))
        .or_else(|| ld_str("headline").map(|v| found(v.to_string(), "json-ld")))
        .or_else(|| t.meta("twitter:title").map(|v| found(v.to_string(), "meta:twitter:title")))
        .or_else(|| t.title.as_deref().map(|v| found(strip_site_name(v).to_string(), "title")))
        .or_else(|| h1.clone().map(|v| found(v, "h1")));
    // Open Graph titles carry the site's name too, on some sites; an <h1> inside them is the headline.
    if let (Some(title), Some(h1)) = (&mut meta.title, &h1)
        && title.value != *h1
        && title.value.contains(h1.as_str())
        && h1.chars().count() >= 10
    {
        *title = found(h1.clone(), "h1");
    }

    meta.published = published(dom, &t, &ld, url, containers);

    let ld_author = ld.iter().find_map(|m| m.get("author").map(ld_names).filter(|n| !n.is_empty()));
    meta.author = ld_author.map(|names| found(dedup(names).join("; "), "json-ld")).or_else(|| {
        [
            "author",
            "article:author",
            "og:article:author",
            "dc.creator",
            "dcterms.creator",
            "parsely-author",
            "sailthru.author",
            "byl",
        ]
        .iter()
        .find_map(|k| t.meta(k).filter(|v| !v.starts_with("http")).map(|v| found(v.to_string(), format!("meta:{k}"))))
    });

    let base = url.unwrap_or("");
    meta.url = t
        .links
        .iter()
        .find(|(r, h)| r == "canonical" && !h.is_empty())
        .map(|(_, h)| found(resolve(base, h), "link:canonical"))
        .or_else(|| t.meta("og:url").map(|v| found(resolve(base, v), "meta:og:url")));

    meta.site_name = t
        .meta("og:site_name")
        .map(|v| found(v.to_string(), "meta:og:site_name"))
        .or_else(|| {
            ld.iter()
                .find_map(|m| m.get("publisher").map(ld_names).and_then(|n| n.into_iter().next()))
                .map(|v| found(v, "json-ld"))
        })
        .or_else(|| t.meta("application-name").map(|v| found(v.to_string(), "meta:application-name")));

    meta.language = t
        .lang
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| found(l.to_string(), "html:lang"))
        .or_else(|| t.meta("content-language").map(|v| found(v.to_string(), "meta:content-language")))
        .or_else(|| t.meta("og:locale").map(|v| found(v.replace('_', "-"), "meta:og:locale")))
        .or_else(|| ld_str("inLanguage").map(|v| found(v.to_string(), "json-ld")));

    meta.description = t
        .meta("og:description")
        .map(|v| found(v.to_string(), "meta:og:description"))
        .or_else(|| t.meta("description").map(|v| found(v.to_string(), "meta:description")));
    meta
}

fn dedup(mut names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

/// Meta names that carry a publication date, after the Open Graph ones.
const DATE_META: &[&str] = &[
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "article_date_original",
    "og:pubdate",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "date.available",
    "created",
    "originalpublicationdate",
];

fn published(
    dom: &Dom,
    t: &Tags,
    ld: &[&serde_json::Map<String, Value>],
    url: Option<&str>,
    containers: &[NodeId],
) -> Option<Found<PageDate>> {
    if let Some(d) = ld.iter().find_map(|m| m.get("datePublished").and_then(Value::as_str).and_then(date::parse_value))
    {
        return Some(found(d, "json-ld"));
    }
    for k in ["article:published_time", "og:article:published_time", "og:published_time", "published_time"] {
        if let Some(d) = t.meta(k).and_then(date::parse_value) {
            return Some(found(d, format!("meta:{k}")));
        }
    }
    for &id in &t.dated {
        let v = dom
            .attr(id, "content")
            .or_else(|| dom.attr(id, "datetime"))
            .map(str::to_string)
            .unwrap_or_else(|| dom.text(id));
        if let Some(d) = date::parse_value(&v) {
            return Some(found(d, "itemprop:datePublished"));
        }
    }
    // <time datetime>: one marked as the publication's, else the first in the article, else the first not in
    // comments or sidebars.
    let time_value = |id: NodeId| dom.attr(id, "datetime").and_then(date::parse_value);
    let marked = t
        .times
        .iter()
        .find(|&&id| dom.attr(id, "pubdate").is_some() || class_has(dom, id, &["publish", "entry-date", "post-date"]));
    let in_article = t.times.iter().find(|&&id| containers.iter().any(|&c| dom.is_within(id, c)));
    for id in marked.into_iter().chain(in_article).chain(t.times.iter().filter(|&&id| !in_furniture(dom, id))) {
        if let Some(d) = time_value(*id) {
            return Some(found(d, "time"));
        }
    }
    for k in DATE_META {
        if let Some(d) = t.meta(k).and_then(date::parse_value) {
            return Some(found(d, format!("meta:{k}")));
        }
    }
    if let Some(d) = url.and_then(date::from_url) {
        return Some(found(d, "url"));
    }
    dateline(dom, containers).map(|d| found(d, "text"))
}

fn class_has(dom: &Dom, id: NodeId, words: &[&str]) -> bool {
    let c = crate::boilerplate::class_words(dom, id);
    words.iter().any(|w| c.contains(w))
}

/// Inside comments, sidebars, related links or a footer: their dates are not the article's.
fn in_furniture(dom: &Dom, id: NodeId) -> bool {
    let mut at = dom.nodes[id].parent;
    while let Some(a) = at {
        if dom.tag(a).is_some_and(|t| matches!(t, "aside" | "footer" | "nav"))
            || class_has(dom, a, &["comment", "sidebar", "related", "widget", "footer", "teaser"])
        {
            return true;
        }
        at = dom.nodes[a].parent;
    }
    false
}

/// A date written in the byline area: elements whose class words speak of dates or bylines, inside or just
/// before the article, then the first lines of the article itself.
fn dateline(dom: &Dom, containers: &[NodeId]) -> Option<PageDate> {
    let words = ["date", "time", "byline", "posted", "published", "meta", "datum", "info"];
    for id in dom.descendants(0) {
        if dom.tag(id).is_none() || in_furniture(dom, id) {
            continue;
        }
        if class_has(dom, id, &words) {
            let text = dom.text(id);
            if text.chars().count() <= 200
                && let Some(d) = date::find_in_text(&text)
            {
                return Some(d);
            }
        }
    }
    containers.first().and_then(|&c| {
        let text: String = dom.text(c).chars().take(400).collect();
        date::find_in_text(&text)
    })
}

/// A <title> without the site's name: the longest part between " | ", " - ", " – ", " — ", " :: ".
fn strip_site_name(title: &str) -> &str {
    for sep in [" | ", " – ", " — ", " - ", " :: ", " » "] {
        if title.contains(sep) {
            return title.split(sep).map(str::trim).max_by_key(|p| p.chars().count()).unwrap_or(title);
        }
    }
    title.trim()
}

/// Resolves a link against the page's URL (enough of RFC 3986 for canonical links).
pub fn resolve(base: &str, href: &str) -> String {
    let href = href.trim();
    if href.contains("://") || base.is_empty() {
        return href.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(h) = href.strip_prefix("//") {
        return format!("{scheme}://{h}");
    }
    let host_end = rest.find('/').unwrap_or(rest.len());
    let origin = &base[..scheme.len() + 3 + host_end];
    if href.starts_with('/') {
        return format!("{origin}{href}");
    }
    let path = &rest[host_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = if dir.is_empty() { "/" } else { dir };
    format!("{origin}{dir}{href}")
}

impl Dom {
    /// The text of an element's children as written, without collapsing (a script's JSON).
    pub fn text_raw(&self, id: NodeId) -> String {
        self.children(id)
            .filter_map(|c| match &self.nodes[c].data {
                Data::Text(t) => Some(&**t),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve() {
        assert_eq!(resolve("https://a.com/x/y.html?q", "z.html"), "https://a.com/x/z.html");
        assert_eq!(resolve("https://a.com/x/y.html", "/z"), "https://a.com/z");
        assert_eq!(resolve("https://a.com", "//b.com/z"), "https://b.com/z");
        assert_eq!(resolve("https://a.com/x", "https://c.com/"), "https://c.com/");
    }

    #[test]
    fn site_name_leaves_the_title() {
        assert_eq!(strip_site_name("Storm hits coast | The Daily"), "Storm hits coast");
        assert_eq!(strip_site_name("Storm hits coast - a long report on it - Daily"), "a long report on it");
    }
}
