//! The article's main text: the page cut into blocks (runs of text between block-level tags), furniture left
//! out, the container of the article found by readability's scoring (paragraph length and commas credited to
//! the ancestors, discounted by link density, class words), and the blocks inside it kept unless they are lists
//! of links; the page's prose paragraphs are the reading instead when they hold more than twice as much.

use crate::boilerplate::{class_weight, class_words, is_boilerplate, is_skipped_tag};
use crate::dom::{Data, Dom, NodeId, push_collapsed};

/// What a block is in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A heading, with its level (1–6).
    Heading(u8),
    ListItem,
    Quote,
    Preformatted,
    Cell,
    Caption,
}

/// A run of text between block-level tags.
#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    pub kind: BlockKind,
    /// The innermost block-level element around the text.
    pub owner: NodeId,
    /// Characters of the text (whitespace collapsed).
    pub chars: usize,
    /// Characters inside links.
    pub link_chars: usize,
}

fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

fn kind_of(tag: &str, in_pre: bool) -> BlockKind {
    match tag {
        "h1" => BlockKind::Heading(1),
        "h2" => BlockKind::Heading(2),
        "h3" => BlockKind::Heading(3),
        "h4" => BlockKind::Heading(4),
        "h5" => BlockKind::Heading(5),
        "h6" => BlockKind::Heading(6),
        "li" | "dd" | "dt" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "td" | "th" => BlockKind::Cell,
        "figcaption" | "caption" => BlockKind::Caption,
        _ if in_pre => BlockKind::Preformatted,
        _ => BlockKind::Paragraph,
    }
}

/// The page cut into blocks, with what the scoring needs per element.
#[derive(Debug)]
pub struct Blocks<'a> {
    pub dom: &'a Dom,
    pub blocks: Vec<Block>,
    /// Kept characters in each element's subtree, and those inside links.
    chars: Vec<u32>,
    links: Vec<u32>,
    /// Whether an element has a block-level child (its own text then forms anonymous blocks).
    has_block_child: Vec<bool>,
    /// The lower-cased class and id words of the elements that have any.
    words: Vec<Option<Box<str>>>,
    pub body: NodeId,
}

/// Characters of all text under each node (furniture tags excluded), and whether the node holds a mark of
/// the article: the guards against removing the article by its container's class words.
fn raw_sizes(dom: &Dom, order: &[NodeId]) -> (Vec<u32>, Vec<bool>) {
    let mut size = vec![0u32; dom.nodes.len()];
    let mut marked = vec![false; dom.nodes.len()];
    for &n in order.iter().rev() {
        match &dom.nodes[n].data {
            Data::Text(t) => size[n] += t.chars().filter(|c| !c.is_whitespace()).count() as u32,
            Data::Element { .. } if dom.tag(n).is_some_and(is_skipped_tag) => size[n] = 0,
            Data::Element { .. } if is_article_mark(dom, n) || dom.tag(n) == Some("h1") => marked[n] = true,
            _ => {}
        }
        if let Some(p) = dom.nodes[n].parent {
            size[p] += size[n];
            marked[p] |= marked[n];
        }
    }
    (size, marked)
}

impl<'a> Blocks<'a> {
    /// Cuts the page into blocks, leaving furniture out.
    pub fn new(dom: &'a Dom) -> Blocks<'a> {
        let order: Vec<NodeId> = dom.descendants(0).collect();
        let (raw, marked) = raw_sizes(dom, &order);
        let total = raw[0].max(1) as f32;
        let n = dom.nodes.len();
        let mut this = Blocks {
            dom,
            blocks: Vec::new(),
            chars: vec![0; n],
            links: vec![0; n],
            has_block_child: vec![false; n],
            words: vec![None; n],
            body: 0,
        };
        let mut builder = Builder { text: String::new(), links: 0, owner: 0 };
        // Depth-first with explicit exits: (node, entering).
        let mut stack: Vec<(NodeId, bool)> = dom.children(0).map(|c| (c, true)).collect();
        stack.reverse();
        let mut owners: Vec<NodeId> = vec![0];
        let mut link_depth = 0usize;
        let mut pre_depth = 0usize;
        while let Some((id, entering)) = stack.pop() {
            match &dom.nodes[id].data {
                Data::Text(t) if entering => {
                    let before = builder.text.chars().count();
                    if pre_depth > 0 {
                        builder.text.push_str(t);
                    } else {
                        push_collapsed(&mut builder.text, t);
                    }
                    if link_depth > 0 {
                        builder.links += builder.text.chars().count() - before;
                    }
                    builder.owner = *owners.last().unwrap_or(&0);
                }
                Data::Element { name, .. } => {
                    let tag: &str = &name.local;
                    let block = is_block_tag(tag);
                    if entering {
                        let words = class_words(dom, id);
                        let share = raw[id] as f32 / total;
                        if is_boilerplate(dom, id, tag, &words, share, marked[id]) {
                            continue;
                        }
                        if !words.is_empty() {
                            this.words[id] = Some(words.into());
                        }
                        if tag == "body" {
                            this.body = id;
                        }
                        if block {
                            this.flush(&mut builder, pre_depth > 0);
                            if let Some(p) = dom.nodes[id].parent {
                                this.has_block_child[p] = true;
                            }
                            owners.push(id);
                        } else if tag == "br" && !builder.text.is_empty() && !builder.text.ends_with('\n') {
                            builder.text.push('\n');
                        }
                        if tag == "a" {
                            link_depth += 1;
                        }
                        if tag == "pre" {
                            pre_depth += 1;
                        }
                        stack.push((id, false));
                        let children: Vec<NodeId> = dom.children(id).collect();
                        stack.extend(children.into_iter().rev().map(|c| (c, true)));
                    } else {
                        if block {
                            this.flush(&mut builder, pre_depth > 0);
                            owners.pop();
                        }
                        if tag == "a" {
                            link_depth = link_depth.saturating_sub(1);
                        }
                        if tag == "pre" {
                            pre_depth = pre_depth.saturating_sub(1);
                        }
                    }
                }
                _ => {}
            }
        }
        this.flush(&mut builder, false);
        this
    }

    /// Ends the block being built, if it holds any text.
    fn flush(&mut self, b: &mut Builder, in_pre: bool) {
        let text = if in_pre { b.text.trim_end().to_string() } else { b.text.trim().to_string() };
        b.text.clear();
        let links = std::mem::take(&mut b.links);
        if text.is_empty() {
            return;
        }
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        let tag = self.dom.tag(b.owner).unwrap_or("");
        let kind = kind_of(tag, in_pre);
        // Credit the block's characters to its owner and every ancestor.
        let mut at = Some(b.owner);
        while let Some(a) = at {
            self.chars[a] += chars as u32;
            self.links[a] += links.min(chars) as u32;
            at = self.dom.nodes[a].parent;
        }
        self.blocks.push(Block { text, kind, owner: b.owner, chars, link_chars: links.min(chars) });
    }

    /// Share of an element's text inside links.
    pub fn link_density(&self, id: NodeId) -> f32 {
        if self.chars[id] == 0 { 0.0 } else { self.links[id] as f32 / self.chars[id] as f32 }
    }

    /// Characters of text kept under an element.
    pub fn chars(&self, id: NodeId) -> usize {
        self.chars[id] as usize
    }

    fn class_weight(&self, id: NodeId) -> i32 {
        self.words[id].as_deref().map_or(0, class_weight)
    }
}

/// The block being built.
#[derive(Debug)]
struct Builder {
    text: String,
    links: usize,
    owner: NodeId,
}

/// Blocks shorter than this do not vote for a container (readability's threshold).
const MIN_SCORED_CHARS: usize = 25;

/// Readability's scores: each paragraph's points to its parent, half to its grandparent, a third of that
/// further up; an element starts from its tag's prior and its class words.
fn scores(b: &Blocks) -> Vec<f32> {
    let dom = b.dom;
    let mut score = vec![f32::NAN; dom.nodes.len()];
    let init = |id: NodeId| -> f32 {
        let tag = dom.tag(id).unwrap_or("");
        let prior = match tag {
            "div" | "article" | "main" | "section" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        prior + b.class_weight(id) as f32
    };
    for block in &b.blocks {
        if block.chars < MIN_SCORED_CHARS || matches!(block.kind, BlockKind::Heading(_)) {
            continue;
        }
        let commas = block.text.matches([',', '،', '、', '，']).count() as f32;
        let points = 1.0 + commas + (block.chars as f32 / 100.0).floor().min(3.0);
        // Text directly in an element that also has block children stands for a paragraph of its own.
        let first = if b.has_block_child[block.owner] { Some(block.owner) } else { dom.nodes[block.owner].parent };
        let mut at = first;
        for level in 0..5 {
            let Some(a) = at else { break };
            if dom.tag(a).is_none() {
                break;
            }
            if score[a].is_nan() {
                score[a] = init(a);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[a] += points / divider;
            at = dom.nodes[a].parent;
        }
    }
    for (id, s) in score.iter_mut().enumerate() {
        if !s.is_nan() {
            *s *= 1.0 - b.link_density(id);
        }
    }
    score
}

/// The elements that hold the article: the best-scored container, moved up when its parent scores about as
/// well, with the siblings that score close to it or read as prose.
pub fn containers(b: &Blocks) -> Vec<NodeId> {
    let dom = b.dom;
    let score = scores(b);
    let best = score.iter().enumerate().filter(|(_, s)| !s.is_nan()).max_by(|x, y| x.1.total_cmp(y.1)).map(|(i, _)| i);
    let Some(mut top) = best else { return vec![b.body] };
    // Readability's alternatives: when three of the five best candidates scoring close to the top share an
    // ancestor, the article is split in sections and the ancestor holds it all.
    let mut ranked: Vec<NodeId> = (0..score.len()).filter(|&i| !score[i].is_nan()).collect();
    ranked.sort_by(|&x, &y| score[y].total_cmp(&score[x]));
    let close: Vec<NodeId> =
        ranked.iter().copied().skip(1).take(5).filter(|&c| score[c] >= score[top] * 0.75).collect();
    if close.len() >= 3 {
        let mut at = dom.nodes[top].parent;
        while let Some(a) = at {
            if a == b.body || dom.tag(a).is_none() {
                break;
            }
            if close.iter().filter(|&&c| dom.is_within(c, a)).count() >= 3 {
                top = a;
                break;
            }
            at = dom.nodes[a].parent;
        }
    }
    // The page's own mark of its article wins when it holds the best candidate.
    let mut at = dom.nodes[top].parent;
    while let Some(a) = at {
        if a == b.body || dom.tag(a).is_none() {
            break;
        }
        if is_article_mark(dom, a) && b.link_density(a) < 0.35 {
            top = a;
            break;
        }
        at = dom.nodes[a].parent;
    }
    // Readability's climb: a parent scoring more than the path so far holds more of the article.
    let threshold = score[top] / 3.0;
    let mut last = score[top];
    let mut parent = dom.nodes[top].parent;
    while let Some(p) = parent {
        if p == b.body || dom.tag(p).is_none() {
            break;
        }
        if score[p].is_nan() {
            parent = dom.nodes[p].parent;
            continue;
        }
        if score[p] < threshold {
            break;
        }
        if score[p] > last {
            top = p;
            break;
        }
        last = score[p];
        parent = dom.nodes[p].parent;
    }
    // An only child stands for its parent.
    while let Some(p) = dom.nodes[top].parent {
        if p == b.body || dom.tag(p).is_none() {
            break;
        }
        let element_children = dom.children(p).filter(|&c| dom.tag(c).is_some() && b.chars(c) > 0).count();
        if element_children != 1 {
            break;
        }
        top = p;
    }
    let Some(parent) = dom.nodes[top].parent else { return vec![top] };
    let top_score = if score[top].is_nan() { 0.0 } else { score[top] };
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("");
    let mut out = Vec::new();
    for sibling in dom.children(parent) {
        if sibling == top {
            out.push(sibling);
            continue;
        }
        if dom.tag(sibling).is_none() || b.chars(sibling) == 0 {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && dom.attr(sibling, "class") == Some(top_class) {
            bonus = top_score * 0.2;
        }
        let s = if score[sibling].is_nan() { 0.0 } else { score[sibling] };
        let keep = if s + bonus >= threshold {
            true
        } else if dom.tag(sibling) == Some("p") {
            let ld = b.link_density(sibling);
            let len = b.chars(sibling);
            let text = dom.text(sibling);
            (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0 && text.ends_with(['.', '!', '?']))
        } else {
            false
        };
        if keep {
            out.push(sibling);
        }
    }
    out
}

/// `<article>`, `itemprop="articleBody"` or a main role: the page marking its article.
fn is_article_mark(dom: &Dom, id: NodeId) -> bool {
    dom.tag(id) == Some("article")
        || dom.attr(id, "itemprop").is_some_and(|p| p.contains("articleBody") || p.contains("articlebody"))
        || dom.attr(id, "role").is_some_and(|r| r.trim() == "main")
}

fn is_list_tag(tag: &str) -> bool {
    matches!(tag, "ul" | "ol" | "dl" | "table" | "menu")
}

/// Why a block of a container is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Keep,
    /// A link, or inside a list or table of links.
    Links,
    /// A short line that only gives a date.
    Dateline,
    /// A line that systems print around articles ("Read more", "Advertisement", "Quelle: dpa").
    Furniture,
}

fn verdict(b: &Blocks, block: &Block, root: NodeId) -> Verdict {
    let dom = b.dom;
    let owner_is_p = dom.tag(block.owner) == Some("p");
    // Mostly link text: a menu entry or a "read more" line. A paragraph that is one long link (a URL the
    // article cites) stays.
    if block.link_chars * 2 > block.chars && block.chars < if owner_is_p { 40 } else { 300 } {
        return Verdict::Links;
    }
    // A paragraph that is nothing but a link, in words: another story's headline ("Lea: …").
    if owner_is_p && block.link_chars * 10 >= block.chars * 9 && block.chars < 100 && block.text.contains(' ') {
        return Verdict::Links;
    }
    let mut at = Some(block.owner);
    while let Some(a) = at {
        if dom.tag(a).is_some_and(is_list_tag) && b.link_density(a) > 0.5 {
            return Verdict::Links;
        }
        if a == root {
            break;
        }
        at = dom.nodes[a].parent;
    }
    if block.chars <= 40 && crate::date::find_in_text(&block.text).is_some() {
        return Verdict::Dateline;
    }
    if crate::boilerplate::is_furniture_line(&block.text) {
        return Verdict::Furniture;
    }
    Verdict::Keep
}

/// The blocks of the article: those inside the containers, less link lists, lone links, datelines, and the
/// short lines that introduce a list of links ("Related", "Read more").
pub fn article_blocks<'b>(b: &'b Blocks, containers: &[NodeId]) -> Vec<&'b Block> {
    let dom = b.dom;
    let inside: Vec<(&Block, Verdict)> = b
        .blocks
        .iter()
        .filter_map(|block| {
            let root = containers.iter().copied().find(|&c| dom.is_within(block.owner, c))?;
            Some((block, verdict(b, block, root)))
        })
        .collect();
    let mut out: Vec<&Block> = lead(b, containers).into_iter().collect();
    // The box a "Related" heading opens: its blocks are left out with it.
    let mut related_box: Option<NodeId> = None;
    for (i, (block, v)) in inside.iter().enumerate() {
        if let Some(bx) = related_box {
            if dom.is_within(block.owner, bx) {
                continue;
            }
            related_box = None;
        }
        if *v == Verdict::Furniture {
            related_box = opened_box(b, containers, &inside, i);
        }
        if *v != Verdict::Keep {
            continue;
        }
        let introduces_links = inside.get(i + 1).is_some_and(|(_, next)| *next == Verdict::Links)
            && block.chars < 80
            && !block.text.ends_with(['.', '!', '?']);
        if !introduces_links {
            out.push(*block);
        }
    }
    out
}

/// When the furniture line at `i` is a bare heading ("Mehr zum Thema", "Related articles") that opens an element
/// of its own inside the article's container (the first text in it, the element holding less than a third of
/// the container's text), that element: a box of teasers, whose lines are no links when they hold a headline
/// and a summary.
fn opened_box(b: &Blocks, containers: &[NodeId], inside: &[(&Block, Verdict)], i: usize) -> Option<NodeId> {
    let dom = b.dom;
    let block = inside[i].0;
    if block.chars > 60 || block.text.trim_end_matches(':').contains(':') {
        return None;
    }
    let root = containers.iter().copied().find(|&c| dom.is_within(block.owner, c))?;
    let parent = dom.nodes[block.owner].parent?;
    if parent == root || !dom.is_within(parent, root) || b.chars(parent) * 3 >= b.chars(root) {
        return None;
    }
    let first = i == 0 || !dom.is_within(inside[i - 1].0.owner, parent);
    first.then_some(parent)
}

/// The article's lead when the page sets it apart from the body, between the headline and the container
/// (`<header>`, a `teaser`, `chapo` or `intro` element): the last long paragraph before the container's first
/// block, after the page's `<h1>`, with only short lines (date, byline) between, close in the tree.
fn lead<'b>(b: &'b Blocks, containers: &[NodeId]) -> Option<&'b Block> {
    let dom = b.dom;
    let within = |block: &Block| containers.iter().any(|&c| dom.is_within(block.owner, c));
    let first = b.blocks.iter().position(within)?;
    let mut skipped = 0;
    let mut at = first;
    let candidate = loop {
        at = at.checked_sub(1)?;
        let block = &b.blocks[at];
        if block.chars >= 60 {
            break at;
        }
        skipped += 1;
        if skipped > 6 || matches!(block.kind, BlockKind::Heading(1)) {
            return None;
        }
    };
    let block = &b.blocks[candidate];
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading(2..=6))
        || block.link_chars * 5 > block.chars
        || crate::boilerplate::is_furniture_line(&block.text)
    {
        return None;
    }
    // The headline comes before it.
    let headline = b.blocks[..candidate].iter().rev().take(8).any(|x| x.kind == BlockKind::Heading(1));
    if !headline {
        return None;
    }
    // It and the container meet within four levels above the container.
    let container = containers.iter().copied().find(|&c| dom.is_within(b.blocks[first].owner, c))?;
    let mut up = Some(container);
    for _ in 0..5 {
        let a = up?;
        if dom.is_within(block.owner, a) {
            return Some(block);
        }
        up = dom.nodes[a].parent;
    }
    None
}

/// Trafilatura's baseline, the second reading of a page: every paragraph of the page, wherever it sits, that
/// reads as prose (a `<p>`, quote or preformatted block of 25+ characters, not a link list, dateline or
/// furniture line).
fn prose_blocks<'b>(b: &'b Blocks) -> Vec<&'b Block> {
    b.blocks
        .iter()
        .filter(|block| {
            matches!(block.kind, BlockKind::Paragraph | BlockKind::Quote | BlockKind::Preformatted)
                && block.chars >= MIN_SCORED_CHARS
                && matches!(b.dom.tag(block.owner), Some("p" | "blockquote" | "pre"))
                && verdict(b, block, b.body) == Verdict::Keep
        })
        .collect()
}

/// The article: the container's blocks, unless the page's prose paragraphs hold more than twice their text
/// (none found, or the scoring chose a box beside the article): then the container was the wrong one, and
/// the prose is the better reading. This is the test by which trafilatura takes readability's result over its
/// own (`compare_extraction`: the other reading wins when more than twice as long).
pub fn article<'b>(b: &'b Blocks, containers: &[NodeId]) -> Vec<&'b Block> {
    let main = article_blocks(b, containers);
    let prose = prose_blocks(b);
    let chars = |blocks: &[&Block]| blocks.iter().map(|x| x.chars).sum::<usize>();
    if chars(&prose) > 2 * chars(&main) { prose } else { main }
}
