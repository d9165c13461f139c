//! Dependency parsing: each token's head and Universal Dependencies relation.
//!
//! A greedy arc-hybrid parser (`system`) scored by an averaged perceptron over hashed feature templates
//! (`features`), trained with a dynamic oracle by `cargo xtask train --only parse` on UD English EWT and
//! embedded in the library. It reads the tokens and the part-of-speech tags of the taggers, and the word clusters of
//! their lexicon; its weights live in the taggers' `FeatureTable`.
//!
//! ```
//! use gleaner_core::parse::{Dep, Parser};
//! use gleaner_core::tag::{Input, Tagger};
//! use gleaner_core::text::Text;
//!
//! let text = Text::new("Iran attacked Iraqi sites.");
//! let tagger = Tagger::embedded()?;
//! let input = Input::from_text(&text);
//! let tags = tagger.tag_input(&input);
//! let parse = Parser::embedded()?.parse(tagger.lexicon(), &input, &tags.pos);
//! assert_eq!(parse.dep(0), Some(Dep::Nsubj));
//! assert_eq!(parse.head(0), Some(1));
//! assert_eq!(parse.head(1), None); // the root
//! # Ok::<(), gleaner_core::Error>(())
//! ```

pub mod features;
mod labels;
pub mod system;

use serde::{Deserialize, Serialize};

pub use labels::Dep;

use self::features::Word;
use self::system::{Move, NONE, State};
use crate::tag::chain::ChainFile;
use crate::tag::lexicon::Lexicon;
use crate::tag::weights::FeatureTable;
use crate::tag::{Input, Pos};
use crate::{Error, Result};

/// The stored form of the parser (postcard).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ParseFile {
    /// What the model was trained on, and its licence.
    pub provenance: String,
    /// The relations, in index order (as UD writes them).
    pub relations: Vec<String>,
    /// The weights of the moves (`Move::class`: shift, a left move per relation, a right move per relation). Its
    /// transition tables are unused.
    pub weights: ChainFile,
}

/// The heads and relations of a document's tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parse {
    heads: Vec<u32>,
    deps: Vec<Dep>,
    /// Dependents of each token, `dependents[dependents_at[i]..dependents_at[i + 1]]`, in token order.
    dependents: Vec<u32>,
    dependents_at: Vec<u32>,
}

impl Parse {
    fn new(heads: Vec<u32>, deps: Vec<Dep>) -> Parse {
        let mut at = vec![0u32; heads.len() + 1];
        for &h in &heads {
            if let Some(slot) = at.get_mut(h as usize + 1) {
                *slot += 1;
            }
        }
        for i in 0..heads.len() {
            at[i + 1] += at[i];
        }
        let mut fill = at.clone();
        let mut dependents = vec![0u32; at.last().copied().unwrap_or(0) as usize];
        for (d, &h) in heads.iter().enumerate() {
            if let Some(slot) = fill.get_mut(h as usize) {
                dependents[*slot as usize] = d as u32;
                *slot += 1;
            }
        }
        Parse { heads, deps, dependents, dependents_at: at }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    /// True for a document without tokens.
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// The head of token `i` (a token index), `None` for the root of its sentence.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.heads.get(i).filter(|&&h| h != NONE).map(|&h| h as usize)
    }

    /// The relation of token `i` to its head (`Root` for a sentence's root).
    pub fn dep(&self, i: usize) -> Option<Dep> {
        self.deps.get(i).copied()
    }

    /// The tokens whose head is token `i`, in order.
    pub fn dependents(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let (a, b) =
            (self.dependents_at.get(i).copied().unwrap_or(0), self.dependents_at.get(i + 1).copied().unwrap_or(0));
        self.dependents.get(a as usize..b as usize).unwrap_or(&[]).iter().map(|&d| d as usize)
    }

    /// The first dependent of token `i` with relation `dep` (subtypes count: `Nsubj` finds `nsubj:pass`).
    pub fn dependent(&self, i: usize, dep: Dep) -> Option<usize> {
        self.dependents(i).find(|&d| self.dep(d).is_some_and(|x| x == dep || x.universal() == dep))
    }
}

fn resource_error(reason: impl Into<String>) -> Error {
    Error::resource("parse.bin", reason.into())
}

/// The dependency parser. `Send + Sync`; load once, share everywhere.
#[derive(Debug)]
pub struct Parser {
    relations: Vec<Dep>,
    /// Index of `root` among the relations.
    root: u8,
    table: FeatureTable,
    provenance: String,
}

impl Parser {
    /// The parser embedded in the library (`cargo xtask train --only parse` compiles it), decoded on first use.
    #[cfg(feature = "embedded")]
    pub fn embedded() -> Result<&'static Parser> {
        crate::resources::embedded::<Parser>().map(|p| &**p)
    }

    /// A parser from a postcard-encoded `ParseFile` (without the resource file's header).
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser> {
        let file: ParseFile = postcard::from_bytes(bytes).map_err(|e| resource_error(e.to_string()))?;
        Parser::from_file(file)
    }

    /// A parser from a decoded `ParseFile`.
    pub fn from_file(file: ParseFile) -> Result<Parser> {
        let relations = file
            .relations
            .iter()
            .map(|r| Dep::parse(r).ok_or_else(|| resource_error(format!("unknown relation {r:?}"))))
            .collect::<Result<Vec<_>>>()?;
        let root = relations.iter().position(|&r| r == Dep::Root).ok_or_else(|| resource_error("no root relation"))?;
        if relations.len() > 64 || file.weights.labels.len() != 1 + 2 * relations.len() {
            return Err(resource_error("the moves do not match the relations"));
        }
        file.weights.validate().map_err(resource_error)?;
        Ok(Parser {
            relations,
            root: root as u8,
            table: FeatureTable::from_files(&[&file.weights]),
            provenance: file.provenance,
        })
    }

    /// The relations the parser assigns, in index order.
    pub fn relations(&self) -> &[Dep] {
        &self.relations
    }

    /// What the model was trained on.
    pub fn provenance(&self) -> &str {
        &self.provenance
    }

    /// Heads and relations of a tokenized, tagged document (`pos` from `Tagger::tag_input` on the same input;
    /// `lexicon` the taggers'). Tokens outside every sentence get no head and relation `dep`.
    pub fn parse(&self, lexicon: &Lexicon, input: &Input<'_>, pos: &[Pos]) -> Parse {
        let words = input.words();
        let mut heads = vec![NONE; words.len()];
        let mut deps = vec![Dep::Dep; words.len()];
        let mut work = Work::default();
        for s in input.sentences() {
            if crate::deadline::passed() {
                break;
            }
            let (Some(forms), Some(tags)) = (words.get(s.first..s.end), pos.get(s.first..s.end)) else { continue };
            self.parse_sentence(lexicon, forms, tags, &mut work);
            for (k, (&h, &r)) in work.state.heads().iter().zip(work.state.relations()).enumerate() {
                let root = h == NONE || h as usize >= forms.len();
                heads[s.first + k] = if root { NONE } else { (s.first + h as usize) as u32 };
                deps[s.first + k] =
                    if root { Dep::Root } else { self.relations.get(usize::from(r)).copied().unwrap_or(Dep::Dep) };
            }
        }
        Parse::new(heads, deps)
    }

    /// Parses one sentence into `work.state` (heads as sentence indices, the root as `forms.len()`).
    pub fn parse_sentence(&self, lexicon: &Lexicon, forms: &[&str], pos: &[Pos], work: &mut Work) {
        features::words(forms, pos, lexicon, &mut work.words);
        work.state.reset(forms.len());
        let n = self.relations.len();
        work.scores.resize(1 + 2 * n, 0);
        work.buffer_scores.resize(1 + 2 * n, 0);
        // The buffer's front whose words `buffer_scores` scored: it changes only with a shift.
        let mut front = None;
        while !work.state.done() {
            if front != Some(work.state.next()) {
                front = Some(work.state.next());
                features::buffer_features(&work.state, &work.words, &mut work.keys);
                self.table.touch(&work.keys);
                work.buffer_scores.fill(0);
                self.table.add(&work.keys, &mut work.buffer_scores);
            }
            features::stack_features(&work.state, &work.words, &mut work.keys);
            // Touch every key's table lines first: the loads are independent, so their cache misses overlap.
            self.table.touch(&work.keys);
            work.scores.copy_from_slice(&work.buffer_scores);
            self.table.add(&work.keys, &mut work.scores);
            let Some(best) = self.best(&work.state, &work.scores) else { break };
            work.state.apply(best);
        }
    }

    /// The best-scoring allowed move (`State::allowed`, decided once per kind of move).
    fn best(&self, state: &State, scores: &[i32]) -> Option<Move> {
        let n = self.relations.len();
        let root = usize::from(self.root);
        let mut best: Option<(i32, Move)> = None;
        let mut consider = |s: i32, m: Move| {
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, m));
            }
        };
        if state.allowed(Move::Shift, self.root) {
            consider(scores[0], Move::Shift);
        }
        let other = if self.root == 0 { 1 } else { 0 };
        for (side, first) in [(0, 1), (1, 1 + n)] {
            let make = |l: usize| if side == 0 { Move::Left(l as u8) } else { Move::Right(l as u8) };
            if state.allowed(make(root), self.root) {
                // Only the root's own arc.
                consider(scores[first + root], make(root));
            } else if state.allowed(make(other), self.root) {
                for (l, &s) in scores[first..first + n].iter().enumerate() {
                    if l != root {
                        consider(s, make(l));
                    }
                }
            }
        }
        best.map(|(_, m)| m)
    }
}

/// Buffers reused from sentence to sentence.
#[derive(Debug, Default)]
pub struct Work {
    /// The configuration, final after `Parser::parse_sentence`.
    pub state: State,
    words: Vec<Word>,
    keys: Vec<u64>,
    scores: Vec<i32>,
    /// The scores of `features::buffer_features`, kept from one shift to the next.
    buffer_scores: Vec<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::Tagger;
    use crate::text::Text;

    fn parse(s: &str) -> (Text<'_>, Parse) {
        let text = Text::new(s);
        let tagger = Tagger::embedded().unwrap_or_else(|e| panic!("{e}"));
        let input = Input::from_text(&text);
        let tags = tagger.tag_input(&input);
        let parse = Parser::embedded().unwrap_or_else(|e| panic!("{e}")).parse(tagger.lexicon(), &input, &tags.pos);
        (text, parse)
    }

    /// Every sentence is a tree: one root, heads inside the sentence, no cycle.
    fn assert_trees(text: &Text<'_>, parse: &Parse) {
        assert_eq!(parse.len(), text.tokens.len());
        for s in &text.sentences {
            let roots = (s.first_token..s.end_token).filter(|&i| parse.head(i).is_none()).count();
            assert_eq!(roots, 1, "one root per sentence");
            for i in s.first_token..s.end_token {
                assert_eq!(parse.dep(i) == Some(Dep::Root), parse.head(i).is_none());
                let mut at = i;
                for _ in 0..=s.end_token - s.first_token {
                    match parse.head(at) {
                        Some(h) => {
                            assert!((s.first_token..s.end_token).contains(&h));
                            at = h;
                        }
                        None => break,
                    }
                }
                assert!(parse.head(at).is_none(), "a cycle through token {i}");
            }
        }
    }

    #[test]
    fn parses_a_news_sentence() {
        let (text, parse) = parse("Pezeshkian is expected to sign several agreements with Iraqi officials.");
        assert_trees(&text, &parse);
        let word = |w: &str| (0..text.tokens.len()).find(|&i| text.token_text(i) == w).unwrap_or(usize::MAX);
        let (subject, expected, sign, agreements) =
            (word("Pezeshkian"), word("expected"), word("sign"), word("agreements"));
        assert_eq!(parse.head(expected), None);
        assert_eq!((parse.head(subject), parse.dep(subject)), (Some(expected), Some(Dep::NsubjPass)));
        assert_eq!((parse.head(sign), parse.dep(sign)), (Some(expected), Some(Dep::Xcomp)));
        assert_eq!((parse.head(agreements), parse.dep(agreements)), (Some(sign), Some(Dep::Obj)));
        assert_eq!(parse.dependent(sign, Dep::Obj), Some(agreements));
        assert_eq!(parse.dependent(expected, Dep::Nsubj), Some(subject), "subtypes count");
        assert!(parse.dependents(expected).any(|d| d == sign));
    }

    #[test]
    fn odd_input_gives_trees() {
        let long = "word ".repeat(3000);
        let table = "12.5 13.1 14.0 | 15 16 17\n".repeat(50);
        for s in ["", " \n ", "Hello", long.as_str(), table.as_str(), "Путин встретился с Си 🤝🇨🇳 في بغداد", "😀 👍🏽"]
        {
            let (text, parse) = parse(s);
            assert_trees(&text, &parse);
        }
    }

    #[test]
    fn a_broken_model_is_an_error() {
        assert!(Parser::from_bytes(&[1, 2, 3]).is_err());
        assert!(Parser::from_file(ParseFile::default()).is_err());
    }
}
