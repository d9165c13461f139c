//! Gleaner's HTML reader: a web page's bytes (and the HTTP `Content-Type`, when known) in; its article text,
//! cut into paragraphs and headings, and what the page says about itself (title, publication date, author,
//! canonical URL, site name, language) out. The text engine downstream never sees markup.
//!
//! Stages, each a module: [`charset`] decodes, [`dom`] parses (html5ever), [`content`] finds the article,
//! [`meta`] reads the metadata ([`date`] parses dates); [`record`] turns what was read into the engine's
//! `Document` and the output's `HtmlPage`.

pub mod boilerplate;
pub mod charset;
pub mod content;
pub mod date;
pub mod dom;
pub mod meta;
pub mod record;

pub use content::BlockKind;
pub use date::PageDate;
pub use meta::{Found, Metadata};

/// A paragraph or heading of the article text: a byte range of [`Article::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextBlock {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

/// What was read from a page.
#[derive(Debug, Clone)]
pub struct Article {
    /// The article text: its blocks in order, separated by blank lines (lines of a block by one newline).
    pub text: String,
    /// The blocks of `text`.
    pub blocks: Vec<TextBlock>,
    /// Title, date, author, canonical URL, site name, language, description, each with its source.
    pub meta: Metadata,
    /// The character set the page was decoded with (WHATWG name) and where it was learned.
    pub charset: Found,
}

/// Reads a page. `content_type` is the HTTP header's value, when the page came with one; `url` the page's
/// address (for relative links, the date in the URL and the character-set guess).
pub fn read(bytes: &[u8], content_type: Option<&str>, url: Option<&str>) -> Article {
    let decoded = charset::decode(bytes, content_type, url);
    let charset = Found { value: decoded.encoding.name().to_string(), source: decoded.source.as_str().to_string() };
    read_str(&decoded.text, url, charset)
}

/// Reads a page that is already text.
pub fn read_str(html: &str, url: Option<&str>, charset: Found) -> Article {
    let dom = dom::Dom::parse(html);
    let blocks = content::Blocks::new(&dom);
    let containers = content::containers(&blocks);
    let meta = meta::read(&dom, url, &containers);
    let kept = content::article_blocks(&blocks, &containers);
    if let Ok(probe) = std::env::var("GLEANER_HTML_DEBUG") {
        debug(&dom, &blocks, &containers, &probe);
    }
    let title = meta.title.as_ref().map(|t| normalize(&t.value));
    let mut text = String::new();
    let mut out = Vec::new();
    for (i, b) in kept.iter().enumerate() {
        // The headline is the title, not the first line of the text.
        if i < 3 && matches!(b.kind, BlockKind::Heading(_)) && title.as_deref() == Some(normalize(&b.text).as_str()) {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&b.text);
        out.push(TextBlock { start, end: text.len(), kind: b.kind });
    }
    Article { text, blocks: out, meta, charset }
}

/// Prints where the blocks holding `probe` sit and which containers were chosen (development aid).
fn debug(dom: &dom::Dom, blocks: &content::Blocks, containers: &[dom::NodeId], probe: &str) {
    let path = |mut id: dom::NodeId| {
        let mut out = Vec::new();
        loop {
            out.push(format!("{}.{}", dom.tag(id).unwrap_or("#"), dom.attr(id, "class").unwrap_or("")));
            match dom.nodes[id].parent {
                Some(p) => id = p,
                None => break,
            }
        }
        out.reverse();
        out.join(" > ")
    };
    for c in containers {
        eprintln!("container: {}", path(*c));
    }
    for b in &blocks.blocks {
        if b.text.contains(probe) {
            eprintln!("block {:?} chars {} links {}: {}", b.kind, b.chars, b.link_chars, path(b.owner));
        }
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_simple_article() {
        let page = b"<html><head><title>Storm hits the coast | Daily</title></head><body>\
            <nav><a href=/>Home</a> <a href=/news>News</a></nav>\
            <article><h1>Storm hits the coast</h1><p>A storm hit the coast on Monday, flooding streets, and \
            closing schools across the region.</p><p>Officials said the water would recede by Friday, but \
            warned of more rain.</p><div class=share-bar>Share on Facebook</div></article>\
            <footer>Impressum</footer></body></html>";
        let a = read(page, None, Some("https://example.com/2024/09/11/storm"));
        assert_eq!(
            a.text,
            "A storm hit the coast on Monday, flooding streets, and closing schools across the region.\n\n\
             Officials said the water would recede by Friday, but warned of more rain."
        );
        assert_eq!(a.meta.title.map(|t| t.value), Some("Storm hits the coast".into()));
        assert_eq!(a.meta.published.map(|d| (d.value.value, d.source)), Some(("2024-09-11".into(), "url".into())));
    }

    #[test]
    fn reads_the_lead_the_page_sets_apart() {
        let page = "<html><body><main><div class=top><h1>Storm hits the coast</h1>\
            <p class=intro>A storm hit the coast on Monday, flooding streets and closing schools across the region.</p>\
            <p>12 September 2024</p></div><div class=text><p>Officials said the water would recede by Friday, \
            but warned of more rain, and of wind, and of high tides.</p><p>Engineers will inspect the sea wall, \
            the bridges, and the roads next week, the council said.</p></div></main></body></html>";
        let a = read(page.as_bytes(), None, None);
        assert!(a.text.starts_with("A storm hit the coast on Monday"), "{}", a.text);
        assert!(a.text.ends_with("the council said."), "{}", a.text);
    }

    #[test]
    fn leaves_out_author_boxes_prompts_and_related_boxes() {
        let page = "<html><body><div class=post><h1>Storm hits the coast</h1>\
            <div class=entry-content><p>A storm hit the coast on Monday, flooding streets, and closing schools \
            across the region, officials said.</p><p>Officials said the water would recede by Friday, but warned \
            of more rain, and of wind.</p><p><a href=/x>Another story about the weather this week</a></p>\
            <p>Engineers will inspect the sea wall, the bridges, and the roads next week.</p>\
            <div class=more><h3>Related articles</h3><p>Floods in the north: what the council plans to do \
            about them next year.</p><p>Rain again: the forecast for the weekend, and what it means.</p></div>\
            <div class=blog-subscribe><p>Get our stories by e-mail, every morning, free of charge.</p></div>\
            <div class=author-bio><p>Jo Smith writes about the weather, the coast, and the sea.</p></div>\
            </div></div></body></html>";
        let a = read(page.as_bytes(), None, None);
        assert_eq!(
            a.text,
            "A storm hit the coast on Monday, flooding streets, and closing schools across the region, officials \
             said.\n\nOfficials said the water would recede by Friday, but warned of more rain, and of wind.\n\n\
             Engineers will inspect the sea wall, the bridges, and the roads next week."
        );
    }
}
