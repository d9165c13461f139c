//! The reader's results in the engine's terms: the `Document` it extracts from and the `HtmlPage` of the
//! output record.

use gleaner_core::Document;
use gleaner_core::model::{HtmlPage, Sourced};

use crate::{Article, BlockKind, Found};

fn sourced(f: &Found) -> Sourced {
    Sourced { value: f.value.clone(), source: f.source.clone() }
}

/// What the page said about itself, for the output record.
pub fn page(article: &Article) -> HtmlPage {
    let m = &article.meta;
    let headings = article.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Heading(_))).count();
    HtmlPage {
        title: m.title.as_ref().map(sourced),
        published: m.published.as_ref().map(|d| Sourced { value: d.value.value.clone(), source: d.source.clone() }),
        author: m.author.as_ref().map(sourced),
        url: m.url.as_ref().map(sourced),
        site_name: m.site_name.as_ref().map(sourced),
        language: m.language.as_ref().map(sourced),
        description: m.description.as_ref().map(sourced),
        charset: sourced(&article.charset),
        paragraphs: article.blocks.len() - headings,
        headings,
    }
}

/// Reads a page into the document the engine extracts from: the article text, and the title, publication
/// date, URL and source the caller did not give, taken from the page (so relative dates are anchored on the
/// page's own date). `given.url` is the page's address, when known.
pub fn document(bytes: &[u8], content_type: Option<&str>, given: Document) -> (Document, HtmlPage) {
    let article = crate::read(bytes, content_type, given.url.as_deref());
    let page = page(&article);
    let m = article.meta;
    let document = Document {
        id: given.id,
        text: article.text,
        title: given.title.or(m.title.map(|t| t.value)),
        published: given.published.or(m.published.map(|d| d.value.value)),
        source: given.source.or(m.site_name.map(|s| s.value)),
        url: given.url.or(m.url.map(|u| u.value)),
    };
    (document, page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_fills_what_the_record_left_out() {
        let html = br#"<html lang="en"><head><meta property="og:site_name" content="The Daily">
            <meta property="article:published_time" content="2024-09-11T08:00:00+02:00">
            <link rel="canonical" href="/2024/storm"><title>Storm | The Daily</title></head>
            <body><article><p>A storm hit the coast on Monday, flooding streets and closing schools.</p></article>
            </body></html>"#;
        let given = Document {
            title: Some("Given title".into()),
            url: Some("https://daily.example/x".into()),
            ..Document::default()
        };
        let (doc, page) = document(html, Some("text/html"), given);
        assert_eq!(doc.text, "A storm hit the coast on Monday, flooding streets and closing schools.");
        assert_eq!(doc.title.as_deref(), Some("Given title"));
        assert_eq!(doc.published.as_deref(), Some("2024-09-11T08:00:00+02:00"));
        assert_eq!(doc.source.as_deref(), Some("The Daily"));
        assert_eq!(doc.url.as_deref(), Some("https://daily.example/x"));
        assert_eq!(page.url.map(|u| u.value).as_deref(), Some("https://daily.example/2024/storm"));
        assert_eq!(page.language.map(|l| l.value).as_deref(), Some("en"));
        assert_eq!(page.charset.source, "detected");
        assert_eq!((page.paragraphs, page.headings), (1, 0));
    }
}
