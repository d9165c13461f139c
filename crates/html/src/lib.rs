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
    let kept = content::article(&blocks, &containers);
    if let Ok(probe) = std::env::var("GLEANER_HTML_DEBUG") {
        debug(&dom, &blocks, &containers, &probe);
    }
    let title = meta.title.as_ref().map(|t| normalize(&t.value));
    let mut text = String::new();
    let mut out = Vec::new();
    // A page whose body holds (almost) no article text — built by scripts, or behind a paywall — often still
    // states its lead in its `<meta>` description: that lead is the text there is.
    let lead = meta_lead(&kept, &meta);
    if let Some(lead) = &lead {
        text.push_str(lead);
        out.push(TextBlock { start: 0, end: text.len(), kind: BlockKind::Paragraph });
    }
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

/// Characters of article text under which the page's description is taken as its lead.
const META_LEAD_BELOW: usize = 500;

/// The page's description as its lead, when the article found is shorter than [`META_LEAD_BELOW`] characters,
/// the description is a paragraph (80 characters or more, a sentence's end) and the article does not hold it.
fn meta_lead(kept: &[&content::Block], meta: &Metadata) -> Option<String> {
    let chars: usize = kept.iter().map(|b| b.chars).sum();
    if chars >= META_LEAD_BELOW {
        return None;
    }
    let description = meta.description.as_ref()?.value.split_whitespace().collect::<Vec<_>>().join(" ");
    if description.chars().count() < 80 || !description.contains(['.', '!', '?']) {
        return None;
    }
    let lower = description.to_lowercase();
    let head: String = lower.chars().take(60).collect();
    let held = kept.iter().any(|b| normalize(&b.text).contains(&head));
    (!held).then_some(description)
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
    fn keeps_live_blog_entries_and_leaves_out_reader_comments() {
        let page = "<html><body><div class=live-feed>\
            <div class=live-match-comment><div class=live-match-comment-time>61'</div>\
            <div class=live-match-comment-body>A free kick from the left, and the striker heads it over the bar, \
            just wide of the post.</div></div>\
            <div class=live-match-comment><div class=live-match-comment-time>58'</div>\
            <div class=live-match-comment-body>The visitors claim a penalty, but the referee waves play on, and \
            the video assistant stays silent.</div></div>\
            <div class=live-match-comment><div class=live-match-comment-time>55'</div>\
            <div class=live-match-comment-body>Nothing comes of the corner, and the home side clears its lines \
            with a long ball.</div></div></div>\
            <div class=comments><p>Reader: what a boring match, I switched off at half time, honestly.</p></div>\
            </body></html>";
        let a = read(page.as_bytes(), None, None);
        assert!(a.text.contains("the referee waves play on"), "{}", a.text);
        assert!(a.text.contains("Nothing comes of the corner"), "{}", a.text);
        assert!(!a.text.contains("boring match"), "{}", a.text);
    }

    #[test]
    fn takes_the_description_as_the_lead_of_a_page_without_text() {
        let page = "<html><head><meta property=og:description content=\"Snow on solar panels does not only cut \
            their yield. Its weight also strains the modules and their mounts; experts warn against clearing it.\">\
            </head><body><nav><a href=/>Home</a></nav><div id=app><p>Loading…</p></div></body></html>";
        let a = read(page.as_bytes(), None, None);
        assert!(a.text.starts_with("Snow on solar panels does not only cut their yield."), "{}", a.text);
        assert!(a.text[a.blocks[0].start..a.blocks[0].end].ends_with("experts warn against clearing it."), "{a:?}");
        // Not when the page has its article: the description is not added to it.
        let page = "<html><head><meta name=description content=\"A storm hit the coast on Monday, and flooded \
            the streets of the old town; schools stay closed.\"></head><body><article><p>A storm hit the coast \
            on Monday, flooding streets, and closing schools across the region, the council said today.</p>\
            <p>Officials said the water would recede by Friday, but warned of more rain, and of wind, and of \
            high tides, and of the damage that the sea could do to the harbour walls.</p><p>Engineers will \
            inspect the sea wall, the bridges, and the roads next week, and report to the council, which meets \
            on Thursday to decide what to repair first, and how to pay for it.</p><p>Residents were told to \
            keep away from the seafront until then, and to report any damage to their homes.</p><p>The last storm \
            of this strength hit the town eleven years ago, when the harbour flooded, and the fishing fleet stayed \
            in port for a week, at a cost the council put at two million pounds.</p></article>\
            </body></html>";
        let a = read(page.as_bytes(), None, None);
        assert!(a.text.starts_with("A storm hit the coast on Monday, flooding streets"), "{}", a.text);
        assert!(!a.text.contains("old town"), "{}", a.text);
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

    #[test]
    fn reads_ruby_text_without_its_readings() {
        let page = "<html><body><article><p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい</rt>\
            <rp>)</rp></ruby>をなくすための<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p></article></body></html>";
        assert_eq!(read(page.as_bytes(), None, None).text, "子どもへの虐待をなくすための法律ができました。");
    }

    #[test]
    fn reads_an_article_inside_a_banner_left_open() {
        let page = "<html><body><header role=banner><a href=/>Daily</a><h1>Storm hits the coast</h1>\
            <article><p>A storm hit the coast on Monday, flooding streets, and closing schools across the region.</p>\
            <p>Officials said the water would recede by Friday, but warned of more rain, and of wind.</p></article>\
            </body></html>";
        let a = read(page.as_bytes(), None, None);
        assert!(a.text.contains("warned of more rain"), "{}", a.text);
        // A banner that is a banner stays out.
        let page = "<html><body><header role=banner><p>Daily: the news of the coast, every morning, since 1887, \
            for you.</p></header><article><p>A storm hit the coast on Monday, flooding streets, and closing schools \
            across the region.</p><p>Officials said the water would recede by Friday, but warned of more rain, \
            and of wind, and of high tides.</p></article></body></html>";
        let a = read(page.as_bytes(), None, None);
        assert!(!a.text.contains("since 1887"), "{}", a.text);
    }

    #[test]
    fn prefers_the_pages_prose_to_a_container_holding_less_than_half_of_it() {
        let page = "<html><body><div class=teaser><p>A short box beside the story, with a line or two.</p></div>\
            <div><p>A storm hit the coast on Monday, flooding streets, and closing schools across the region.</p></div>\
            <div><p>Officials said the water would recede by Friday, but warned of more rain, and of wind.</p></div>\
            <div><p>Engineers will inspect the sea wall, the bridges, and the roads next week, the council said.</p>\
            </div></body></html>";
        let dom = dom::Dom::parse(page);
        let blocks = content::Blocks::new(&dom);
        let teaser = dom.descendants(0).find(|&n| dom.attr(n, "class") == Some("teaser")).expect("the teaser box");
        let read = |containers: &[dom::NodeId]| {
            content::article(&blocks, containers).iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("|")
        };
        // Scoring that chose the box: the prose wins, box and all (it is prose too).
        let text = read(&[teaser]);
        assert!(text.contains("storm hit the coast") && text.contains("sea wall"), "{text}");
        // A container holding half the prose or more stays the reading.
        let second = dom.nodes[blocks.blocks[1].owner].parent.expect("a parent");
        let third = dom.nodes[blocks.blocks[2].owner].parent.expect("a parent");
        let text = read(&[second, third]);
        assert!(!text.contains("short box") && text.contains("recede by Friday"), "{text}");
    }
}
