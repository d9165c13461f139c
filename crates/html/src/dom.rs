//! The parsed page: html5ever's spec-conforming tree builder writing into a flat arena of nodes.
//!
//! Nodes are addressed by index, so the later passes keep their per-node numbers in plain vectors.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::interface::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, LocalName, Namespace, ParseOpts, QualName, parse_document};

/// A node's index in the arena. The document is 0.
pub type NodeId = usize;

/// What a node is.
#[derive(Debug)]
pub enum Data {
    /// The document itself.
    Document,
    /// An element with its (lower-cased) name and attributes.
    Element { name: QualName, attrs: Vec<Attribute> },
    /// Text, with character references already decoded.
    Text(StrTendril),
    /// Comments, doctypes, processing instructions: nothing to read.
    Other,
}

/// One node of the tree with its links.
#[derive(Debug)]
pub struct Node {
    pub data: Data,
    pub parent: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub next: Option<NodeId>,
    pub prev: Option<NodeId>,
}

/// The parsed page.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    /// Parses a decoded page as a browser would (implied end tags, misnested tags, foster parenting).
    pub fn parse(html: &str) -> Dom {
        let sink = Sink { nodes: RefCell::new(vec![Node::new(Data::Document)]) };
        parse_document(sink, ParseOpts::default()).one(StrTendril::from_slice(html))
    }

    /// The children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children { dom: self, next: self.nodes[id].first_child }
    }

    /// The local name of an element, `None` for other nodes.
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { name, .. } => Some(&name.local),
            _ => None,
        }
    }

    /// An attribute's value.
    pub fn attr(&self, id: NodeId, attr: &str) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => attrs.iter().find(|a| &*a.name.local == attr).map(|a| &*a.value),
            _ => None,
        }
    }

    /// Elements of the subtree of `id` (itself included), in document order.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants { dom: self, root: id, next: Some(id) }
    }

    /// The text of a subtree, whitespace runs collapsed to one space.
    pub fn text(&self, id: NodeId) -> String {
        let mut out = String::new();
        for n in self.descendants(id) {
            if let Data::Text(t) = &self.nodes[n].data {
                push_collapsed(&mut out, t);
            }
        }
        out.trim().to_string()
    }

    /// Whether `ancestor` is `id` or one of its ancestors.
    pub fn is_within(&self, mut id: NodeId, ancestor: NodeId) -> bool {
        loop {
            if id == ancestor {
                return true;
            }
            match self.nodes[id].parent {
                Some(p) => id = p,
                None => return false,
            }
        }
    }
}

/// Appends `text` to `out` with whitespace runs collapsed to one space (also across the join).
pub fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') && !out.ends_with('\n') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Iterator over a node's children.
#[derive(Debug)]
pub struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.nodes[id].next;
        Some(id)
    }
}

/// Pre-order iterator over a subtree.
#[derive(Debug)]
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        let nodes = &self.dom.nodes;
        self.next = nodes[id].first_child.or_else(|| {
            let mut at = id;
            loop {
                if at == self.root {
                    return None;
                }
                if let Some(n) = nodes[at].next {
                    return Some(n);
                }
                at = nodes[at].parent?;
            }
        });
        Some(id)
    }
}

impl Node {
    fn new(data: Data) -> Node {
        Node { data, parent: None, first_child: None, last_child: None, next: None, prev: None }
    }
}

/// The tree builder's sink: an arena behind a `RefCell`, as html5ever's sink API takes `&self`.
struct Sink {
    nodes: RefCell<Vec<Node>>,
}

/// An element's name borrowed from the arena.
#[derive(Debug)]
struct Name<'a>(Ref<'a, QualName>);

impl ElemName for Name<'_> {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

/// Stands in for the name of a node that is not an element (html5ever never asks for one).
static NO_NAME: std::sync::LazyLock<QualName> =
    std::sync::LazyLock::new(|| QualName::new(None, Namespace::from(""), LocalName::from("")));

impl Sink {
    fn push(&self, data: Data) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        nodes.len() - 1
    }

    fn detach(nodes: &mut [Node], id: NodeId) {
        let (parent, prev, next) = (nodes[id].parent.take(), nodes[id].prev.take(), nodes[id].next.take());
        match next {
            Some(n) => nodes[n].prev = prev,
            None => {
                if let Some(p) = parent {
                    nodes[p].last_child = prev;
                }
            }
        }
        match prev {
            Some(p) => nodes[p].next = next,
            None => {
                if let Some(p) = parent {
                    nodes[p].first_child = next;
                }
            }
        }
    }

    fn append_to(nodes: &mut [Node], parent: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        nodes[child].parent = Some(parent);
        if let Some(last) = nodes[parent].last_child {
            nodes[child].prev = Some(last);
            nodes[last].next = Some(child);
        } else {
            nodes[parent].first_child = Some(child);
        }
        nodes[parent].last_child = Some(child);
    }

    fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let parent = nodes[sibling].parent;
        nodes[child].parent = parent;
        nodes[child].next = Some(sibling);
        match nodes[sibling].prev {
            Some(p) => {
                nodes[child].prev = Some(p);
                nodes[p].next = Some(child);
            }
            None => {
                if let Some(p) = parent {
                    nodes[p].first_child = Some(child);
                }
            }
        }
        nodes[sibling].prev = Some(child);
    }

    /// Appends text to `previous` when it is a text node (the sink must merge adjacent texts), else
    /// makes a node of it.
    fn node_or_merged_text(&self, child: NodeOrText<NodeId>, previous: Option<NodeId>) -> Option<NodeId> {
        match child {
            NodeOrText::AppendNode(n) => Some(n),
            NodeOrText::AppendText(text) => {
                if let Some(p) = previous
                    && let Data::Text(t) = &mut self.nodes.borrow_mut()[p].data
                {
                    t.push_tendril(&text);
                    return None;
                }
                Some(self.push(Data::Text(text)))
            }
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Name<'a>;

    fn finish(self) -> Dom {
        Dom { nodes: self.nodes.into_inner() }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Name<'a> {
        Name(Ref::map(self.nodes.borrow(), |nodes| match &nodes[*target].data {
            Data::Element { name, .. } => name,
            _ => &NO_NAME,
        }))
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _flags: ElementFlags) -> NodeId {
        self.push(Data::Element { name, attrs })
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let last = self.nodes.borrow()[*parent].last_child;
        if let Some(child) = self.node_or_merged_text(child, last) {
            Self::append_to(&mut self.nodes.borrow_mut(), *parent, child);
        }
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        if self.nodes.borrow()[*element].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    // Template contents stay in the template element; the reader skips templates.
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        *target
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        let prev = self.nodes.borrow()[*sibling].prev;
        if let Some(child) = self.node_or_merged_text(child, prev) {
            Self::insert_before(&mut self.nodes.borrow_mut(), *sibling, child);
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, new: Vec<Attribute>) {
        if let Data::Element { attrs, .. } = &mut self.nodes.borrow_mut()[*target].data {
            for a in new {
                if !attrs.iter().any(|e| e.name == a.name) {
                    attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let mut next = nodes[*node].first_child;
        while let Some(child) = next {
            next = nodes[child].next;
            Self::append_to(&mut nodes, *new_parent, child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implied_end_tags_close_paragraphs() {
        let dom = Dom::parse("<body><p>one<p>two<div>three</div></body>");
        let ps: Vec<_> = dom.descendants(0).filter(|&n| dom.tag(n) == Some("p")).collect();
        assert_eq!(ps.len(), 2);
        assert_eq!(dom.text(ps[0]), "one");
        assert_eq!(dom.text(ps[1]), "two");
    }

    #[test]
    fn character_references_are_decoded() {
        let dom = Dom::parse("<p>M&auml;dchen &amp; Jungen&nbsp;&#8211; x</p>");
        assert_eq!(dom.text(0), "Mädchen & Jungen\u{a0}– x".replace('\u{a0}', " "));
    }
}
