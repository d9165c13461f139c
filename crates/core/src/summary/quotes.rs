//! Direct quotations with their speakers: `"...," Araghchi said.`, `"...," said Mr Smith.`, `He said: "..."`,
//! `"...," according to the ministry.`
//!
//! Quotation marks (straight after normalization, or PTB-style ``` `` ``` and `''`) are paired inside a paragraph;
//! a paragraph that ends inside a quotation continues into the next when that one opens with a quotation mark (the
//! newswire convention for multi-paragraph quotes), and every piece gets the speaker of the whole. The speaker is
//! the noun phrase on the far side of a speech verb next to the quote (after the quote, or before it up to a colon,
//! comma or "that"). Quoted titles ("The Aviator") and scare quotes (`so-called "reforms"`) are not quotations: a
//! quote needs a speech verb, or five words that are not a title.

use super::Inputs;
use super::words::{self, Lowered};
use crate::model::{Label, TokenKind};
use crate::text::{Text, Token};

/// A direct quotation, in normalized byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// Start of the quoted words (inside the quotation marks).
    pub start: usize,
    /// End of the quoted words (exclusive; a trailing comma before the closing mark left out).
    pub end: usize,
    /// `[start, end)` of the speaker as written near the quote.
    pub speaker: Option<(usize, usize)>,
    /// The speaker's entity (index into the document's entities), when the entities stage ran.
    pub entity: Option<usize>,
    /// The speech verb as written ("said", "told", "according to").
    pub verb: Option<String>,
}

/// Verbs that introduce reported speech, in the forms news uses.
const SPEECH_VERBS: &[&str] = &[
    "accused",
    "accuses",
    "acknowledged",
    "acknowledges",
    "added",
    "adds",
    "admits",
    "admitted",
    "agreed",
    "announced",
    "announces",
    "answered",
    "argued",
    "argues",
    "asked",
    "asks",
    "asserted",
    "boasted",
    "branded",
    "called",
    "cautioned",
    "claimed",
    "claims",
    "commented",
    "complained",
    "conceded",
    "concedes",
    "concluded",
    "confirmed",
    "continued",
    "continues",
    "countered",
    "counters",
    "cried",
    "declared",
    "declares",
    "denied",
    "described",
    "dubbed",
    "emphasised",
    "emphasized",
    "exclaimed",
    "explained",
    "explains",
    "insisted",
    "insists",
    "joked",
    "labelled",
    "maintained",
    "maintains",
    "mused",
    "noted",
    "notes",
    "observed",
    "pleaded",
    "pointed",
    "predicted",
    "predicts",
    "promised",
    "quipped",
    "recalled",
    "recalls",
    "remarked",
    "replied",
    "reported",
    "responded",
    "revealed",
    "said",
    "say",
    "saying",
    "says",
    "shouted",
    "stated",
    "states",
    "stressed",
    "stresses",
    "suggested",
    "suggests",
    "tell",
    "telling",
    "tells",
    "testified",
    "thundered",
    "told",
    "tweeted",
    "urged",
    "urges",
    "vowed",
    "warned",
    "warns",
    "writes",
    "wrote",
];

/// Words that may stand between a speaker and its verb without belonging to the speaker.
const BETWEEN: &[&str] =
    &["also", "had", "has", "have", "later", "then", "today", "was", "were", "would", "yesterday", "once", "further"];

/// Pronouns that can be speakers.
const PRONOUNS: &[&str] = &["he", "i", "it", "she", "they", "we", "you"];

/// Words that can start a speaker's noun phrase in lower case.
const DETERMINERS: &[&str] = &[
    "a", "an", "another", "both", "each", "her", "his", "its", "many", "one", "other", "our", "several", "some", "the",
    "their", "these", "this", "those", "two", "three", "my", "your",
];

/// Words that end a speaker's noun phrase after a verb ("said Mr Smith in a statement").
const PHRASE_ENDERS: &[&str] = &[
    "after",
    "as",
    "at",
    "before",
    "during",
    "in",
    "on",
    "when",
    "while",
    "who",
    "which",
    "adding",
    "referring",
    "speaking",
    "to",
    "from",
    "last",
    "yesterday",
    "today",
    "earlier",
    "later",
    "recently",
    "that",
];

/// Longest gap (in tokens) between a speech verb and the quote it introduces ("told reporters in Tehran:").
const MAX_GAP: usize = 8;
/// Longest speaker phrase, in tokens.
const MAX_SPEAKER: usize = 12;

fn is_speech_verb(lower: &str) -> bool {
    SPEECH_VERBS.binary_search(&lower).is_ok()
}

/// How a quotation mark can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    token: usize,
    can_open: bool,
    can_close: bool,
}

/// A paired stretch between quotation marks, inside one paragraph.
#[derive(Debug, Clone, Copy)]
struct Piece {
    open: usize,
    /// The closing mark, or where the quote breaks off unclosed (the paragraph's end, or the mark that reopens it).
    end: usize,
    /// True when `end` is a closing mark.
    closed: bool,
    /// One past the last token of the paragraph.
    paragraph_end: usize,
    /// True when this piece continues the previous one (multi-paragraph quote).
    continues: bool,
}

/// The speaker and verb found for a piece.
#[derive(Debug, Clone, Default)]
struct Attribution {
    speaker: Option<(usize, usize)>, // token range
    verb: Option<(usize, usize)>,    // token range
    /// True when found after the quote.
    after: bool,
}

/// The document seen as tokens with their lower-case text.
struct View<'a> {
    text: &'a Text<'a>,
    lower: &'a Lowered,
    /// First and one-past-last token of each segment.
    segments: Vec<(usize, usize)>,
}

impl<'a> View<'a> {
    fn new(text: &'a Text<'a>, lower: &'a Lowered) -> Self {
        let mut segments = vec![(usize::MAX, 0); text.segments.len()];
        for s in &text.sentences {
            if let Some(range) = segments.get_mut(s.segment) {
                range.0 = range.0.min(s.first_token);
                range.1 = range.1.max(s.end_token);
            }
        }
        View { text, lower, segments }
    }

    fn token(&self, i: usize) -> Option<&Token> {
        self.text.tokens.get(i)
    }

    fn word(&self, i: usize) -> &str {
        self.lower.get(i)
    }

    fn written(&self, i: usize) -> &str {
        self.token(i).and_then(|t| self.text.normalized().get(t.start..t.end)).unwrap_or("")
    }

    fn is_mark(&self, i: usize) -> bool {
        matches!(self.written(i), "\"" | "``" | "''")
    }

    fn is_punct(&self, i: usize) -> bool {
        self.token(i).is_some_and(|t| matches!(t.kind, TokenKind::Punct | TokenKind::Symbol))
    }

    /// Ends a clause for the purpose of finding where a speaker phrase starts.
    fn ends_clause(&self, i: usize) -> bool {
        matches!(self.written(i), "." | "!" | "?" | ";" | ":" | "--" | "(" | ")") || self.is_mark(i)
    }

    fn starts_speaker(&self, i: usize) -> bool {
        let w = self.written(i);
        let lower = self.word(i);
        (words::is_capitalized(w) && self.token(i).is_some_and(|t| t.kind == TokenKind::Word))
            || PRONOUNS.contains(&lower)
            || DETERMINERS.contains(&lower)
    }
}

/// Finds the direct quotations of a document, in text order.
pub fn find(inputs: &Inputs<'_>) -> Vec<Quotation> {
    find_with(inputs, &Lowered::new(inputs.text))
}

/// `find` with the document's lower-cased tokens at hand.
pub(crate) fn find_with(inputs: &Inputs<'_>, lower: &Lowered) -> Vec<Quotation> {
    let view = View::new(inputs.text, lower);
    let pieces = pair_marks(&view);
    if pieces.is_empty() {
        return Vec::new();
    }
    let mut attributions: Vec<Attribution> = pieces.iter().map(|p| attribute(&view, p)).collect();
    // A multi-paragraph quote has one speaker: share the first one found along the chain.
    let mut i = 0;
    while i < pieces.len() {
        let mut j = i + 1;
        while j < pieces.len() && pieces[j].continues {
            j += 1;
        }
        if let Some(found) = attributions[i..j].iter().find(|a| a.speaker.is_some()).cloned() {
            for a in attributions[i..j].iter_mut().filter(|a| a.speaker.is_none()) {
                *a = found.clone();
            }
        }
        i = j;
    }
    let mut out = Vec::new();
    let mut last_speaker: Option<(usize, Attribution)> = None; // (paragraph end token, attribution)
    for (piece, mut attribution) in pieces.iter().zip(attributions) {
        let Some((first, last)) = inner_tokens(&view, piece) else { continue };
        let word_count = (first..=last)
            .filter(|&t| view.token(t).is_some_and(|tok| words::is_word(view.text.normalized(), tok)))
            .count();
        let attributed = attribution.verb.is_some();
        let title = is_title_like(&view, first, last, word_count);
        let sentence_like = !title && word_count >= 5;
        let continued = piece.continues || !piece.closed;
        let own_punct = ends_with_punct(&view, piece);
        let keep = continued
            || (attribution.after && attributed && own_punct)
            || (attributed && !title && (word_count >= 3 || own_punct))
            || sentence_like;
        if !keep {
            continue;
        }
        // An unattributed quote that stands as its own sentence right after an attributed one keeps its speaker.
        if attribution.speaker.is_none()
            && stands_alone(&view, piece.open)
            && let Some((paragraph_end, previous)) = &last_speaker
            && paragraph_start(&view, piece.open) <= *paragraph_end
        {
            attribution = Attribution { speaker: previous.speaker, verb: None, after: false };
        }
        if attribution.speaker.is_some() && attribution.verb.is_some() {
            last_speaker = Some((piece.paragraph_end, attribution.clone()));
        }
        let (Some(start_tok), Some(end_tok)) = (view.token(first), view.token(last)) else { continue };
        let speaker = attribution.speaker.and_then(|(s, e)| Some((view.token(s)?.start, view.token(e - 1)?.end)));
        let verb = attribution.verb.map(|(s, e)| (s..e).map(|t| view.word(t)).collect::<Vec<_>>().join(" "));
        let entity = attribution.speaker.and_then(|span| speaker_entity(&view, inputs, span));
        out.push(Quotation { start: start_tok.start, end: end_tok.end, speaker, entity, verb });
    }
    out
}

/// The quotation marks of the document, with how each can be read.
fn marks(view: &View<'_>) -> Vec<Mark> {
    let tokens = &view.text.tokens;
    (0..tokens.len())
        .filter(|&i| view.is_mark(i))
        .map(|i| {
            let written = view.written(i);
            let tok = &tokens[i];
            let same_paragraph = |j: usize| tokens.get(j).is_some_and(|t| t.newlines_before == 0);
            let attached_right = tokens.get(i + 1).is_some_and(|n| !n.space_before) && same_paragraph(i + 1);
            let attached_left = i > 0 && !tok.space_before && tok.newlines_before == 0;
            let after_opener = i > 0 && matches!(view.written(i - 1), "(" | "[" | "--" | "-" | ":" | ",");
            match written {
                "``" => Mark { token: i, can_open: true, can_close: false },
                "''" => Mark { token: i, can_open: false, can_close: true },
                _ => Mark {
                    token: i,
                    can_open: attached_right && (!attached_left || after_opener),
                    can_close: attached_left || !attached_right,
                },
            }
        })
        .collect()
}

/// The segment (paragraph) of token `t`.
fn segment_of(view: &View<'_>, t: usize) -> usize {
    let s = view.text.sentence_of_token(t);
    view.text.sentences.get(s).map_or(usize::MAX, |s| s.segment)
}

/// First token of the paragraph of token `t`.
fn paragraph_start(view: &View<'_>, t: usize) -> usize {
    view.segments.get(segment_of(view, t)).map_or(t, |r| r.0.min(t))
}

/// One past the last token of the paragraph of token `t`.
fn paragraph_end(view: &View<'_>, t: usize) -> usize {
    view.segments.get(segment_of(view, t)).map_or(t + 1, |r| r.1.max(t + 1))
}

/// Pairs the marks of each paragraph into pieces.
fn pair_marks(view: &View<'_>) -> Vec<Piece> {
    let marks = marks(view);
    let tokens = &view.text.tokens;
    let mut pieces: Vec<Piece> = Vec::new();
    let mut i = 0;
    while i < marks.len() {
        let segment = segment_of(view, marks[i].token);
        let mut j = i;
        while j < marks.len() && segment_of(view, marks[j].token) == segment {
            j += 1;
        }
        let paragraph_end = paragraph_end(view, marks[i].token);
        let mut open: Option<usize> = None;
        for mark in &marks[i..j] {
            match open {
                None if mark.can_open => open = Some(mark.token),
                Some(o) if mark.can_close => {
                    pieces.push(Piece { open: o, end: mark.token, closed: true, paragraph_end, continues: false });
                    open = None;
                }
                // A mark that reopens after a finished sentence: the quote went on in a new paragraph that the
                // text has run together with this one ("... them. "Once ...").
                Some(o)
                    if mark.can_open && mark.token > 0 && matches!(view.written(mark.token - 1), "." | "!" | "?") =>
                {
                    pieces.push(Piece { open: o, end: mark.token, closed: false, paragraph_end, continues: false });
                    open = Some(mark.token);
                }
                Some(_) if mark.can_open => open = Some(mark.token),
                _ => {}
            }
        }
        // Unclosed at the paragraph's end: a multi-paragraph quote when the next paragraph opens with a mark.
        if let Some(o) = open
            && paragraph_end < tokens.len()
            && view.is_mark(paragraph_end)
            && marks.get(j).is_some_and(|m| m.token == paragraph_end && m.can_open)
        {
            pieces.push(Piece { open: o, end: paragraph_end, closed: false, paragraph_end, continues: false });
        }
        i = j;
    }
    // A piece opening where an unclosed piece broke off continues it.
    for k in 1..pieces.len() {
        let previous = pieces[k - 1];
        if !previous.closed && pieces[k].open == previous.end {
            pieces[k].continues = true;
        }
    }
    pieces
}

/// The first and last token of the quoted words, without a trailing comma.
fn inner_tokens(view: &View<'_>, piece: &Piece) -> Option<(usize, usize)> {
    let first = piece.open + 1;
    let mut last = piece.end.checked_sub(1)?;
    while last >= first && matches!(view.written(last), "," | ";" | "--" | "-") {
        last = last.checked_sub(1)?;
    }
    (last >= first).then_some((first, last))
}

/// True when the quoted words end with their own punctuation (`"Absolutely,"`, `"It is over."`).
fn ends_with_punct(view: &View<'_>, piece: &Piece) -> bool {
    matches!(view.written(piece.end.saturating_sub(1)), "," | "." | "!" | "?")
}

/// A quoted title or name: every word of four letters or more capitalized, and a capital after the first word
/// (or a single word), and short: "Meet the Press", "ViraPap", "Million Dollar Baby".
fn is_title_like(view: &View<'_>, first: usize, last: usize, words: usize) -> bool {
    if words == 0 || words > 8 {
        return words == 0;
    }
    let (mut long, mut capital_inside) = (0, false);
    let word_tokens = (first..=last).filter(|&t| view.token(t).is_some_and(|tok| tok.kind == TokenKind::Word));
    for (k, t) in word_tokens.enumerate() {
        let w = view.written(t);
        if w.chars().count() >= 4 {
            long += 1;
            if !words::is_capitalized(w) {
                return false;
            }
        }
        capital_inside |= k > 0 && words::is_capitalized(w);
    }
    long > 0 && (words == 1 || capital_inside)
}

/// True when the quote starts its own sentence (paragraph start, or after sentence-final punctuation).
fn stands_alone(view: &View<'_>, open: usize) -> bool {
    open == 0
        || view.token(open).is_some_and(|t| t.newlines_before > 0)
        || matches!(view.written(open - 1), "." | "!" | "?")
        || (view.is_mark(open - 1) && open >= 2 && matches!(view.written(open - 2), "." | "!" | "?"))
}

/// Finds the speaker and verb of a piece: after the quote first, before it when the quote follows a colon.
fn attribute(view: &View<'_>, piece: &Piece) -> Attribution {
    let before = attribution_before(view, piece.open);
    // A quote that ends its own sentence ("... over.") has no attribution after it: what follows is a new sentence.
    let ends_sentence = view.written(piece.end.saturating_sub(1)) == ".";
    let after = if piece.closed && !ends_sentence {
        attribution_after(view, piece.end, piece.paragraph_end)
    } else {
        Attribution::default()
    };
    let colon_quote = piece.open > 0 && matches!(view.written(piece.open - 1), ":");
    match (colon_quote, before.verb.is_some(), after.verb.is_some()) {
        (true, true, _) | (_, true, false) => before,
        _ => after,
    }
}

/// True for a token that may sit inside a speaker phrase ("Iran's", "AT&T", "U.S.", "Smith-Jones").
fn speaker_token(view: &View<'_>, t: usize) -> bool {
    !view.is_punct(t) || matches!(view.written(t), "&" | "-" | ".")
}

/// `"...," SPEAKER said`, `"...," said SPEAKER`, `"...," according to SPEAKER`, `"...," [clause,] SPEAKER said.`
fn attribution_after(view: &View<'_>, close: usize, paragraph_end: usize) -> Attribution {
    let found = |speaker, verb| Attribution { speaker, verb: Some(verb), after: true };
    let mut start = close + 1;
    while start < paragraph_end && view.written(start) == "," {
        start += 1;
    }
    // The clause after the quote, up to its end or the next quotation mark.
    let mut end = start;
    while end < paragraph_end && !view.ends_clause(end) {
        end += 1;
    }
    if start >= end {
        return Attribution::default();
    }
    if view.word(start) == "according" && view.word(start + 1) == "to" {
        return found(phrase_after(view, start + 2, end), (start, start + 2));
    }
    if is_speech_verb(view.word(start)) {
        return found(phrase_after(view, start + 1, end), (start, start + 1));
    }
    // SPEAKER [, apposition,] [also|has ...] VERB; a speaker in lower case needs a name in it ("chairman and chief
    // executive Richard Parsons said").
    let limit = end.min(start + MAX_SPEAKER + 4);
    let verb = (start + 1..limit).find(|&t| is_speech_verb(view.word(t)));
    let named = |to: usize| {
        !PHRASE_ENDERS.contains(&view.word(start))
            && (start..to).all(|t| speaker_token(view, t))
            && (start..to).any(|t| words::is_capitalized(view.written(t)))
    };
    if let Some(verb) = verb.filter(|&v| view.starts_speaker(start) || named(v)) {
        {
            let mut speaker_end = trim_between(view, start, verb);
            // An apposition ("Mr Smith, the chief executive, said") stays out of the speaker.
            if let Some(comma) = (start..speaker_end).find(|&t| view.written(t) == ",") {
                speaker_end = comma;
            }
            if speaker_end > start
                && speaker_end - start <= MAX_SPEAKER
                && (start..speaker_end).all(|t| speaker_token(view, t))
            {
                return found(Some((start, speaker_end)), (verb, verb + 1));
            }
        }
    }
    // The clause ends "..., SPEAKER said." after a parenthetical ("..." when he visits Washington, an official said.)
    if end > start + 1 && is_speech_verb(view.word(end - 1)) && matches!(view.written(end), "." | "!" | "?") {
        let verb = end - 1;
        let speaker_end = trim_between(view, start, verb);
        if let Some(comma) = (start..speaker_end).rev().find(|&t| view.written(t) == ",") {
            let speaker_start = comma + 1;
            if speaker_start < speaker_end
                && speaker_end - speaker_start <= MAX_SPEAKER
                && view.starts_speaker(speaker_start)
                && (speaker_start..speaker_end).all(|t| speaker_token(view, t))
            {
                return found(Some((speaker_start, speaker_end)), (verb, verb + 1));
            }
        }
    }
    Attribution::default()
}

/// The end of a speaker phrase that stands before `verb`: adverbs and auxiliaries in between left out.
fn trim_between(view: &View<'_>, start: usize, verb: usize) -> usize {
    let mut end = verb;
    while end > start && BETWEEN.contains(&view.word(end - 1)) {
        end -= 1;
    }
    end
}

/// `SPEAKER said: "..."`, `SPEAKER told reporters that "..."`, `According to SPEAKER, "..."`.
fn attribution_before(view: &View<'_>, open: usize) -> Attribution {
    // The clause before the quote, back to sentence-final punctuation, a quotation mark or the paragraph start.
    let paragraph = paragraph_start(view, open);
    let mut start = open;
    while start > paragraph && !matches!(view.written(start - 1), "." | "!" | "?" | ";") && !view.is_mark(start - 1) {
        start -= 1;
    }
    if start >= open {
        return Attribution::default();
    }
    // "According to X, ..."
    if let Some(a) = (start..open).find(|&t| view.word(t) == "according" && view.word(t + 1) == "to") {
        let end = (a + 2..open).find(|&t| view.written(t) == ",").unwrap_or(open);
        return Attribution { speaker: phrase_after(view, a + 2, end), verb: Some((a, a + 2)), after: false };
    }
    let gap_start = open.saturating_sub(MAX_GAP + 1).max(start);
    let Some(verb) = (gap_start..open).rev().find(|&t| is_speech_verb(view.word(t))) else {
        return Attribution::default();
    };
    let mut speaker_end = trim_between(view, start, verb);
    // "NAME, apposition, said": the name is the speaker.
    if speaker_end > start
        && view.written(speaker_end - 1) == ","
        && let Some(comma) = (start..speaker_end - 1).rev().find(|&t| view.written(t) == ",")
    {
        speaker_end = comma;
    }
    // Back from the end to the start of the phrase: a comma, a colon or a conjunction before it.
    let mut speaker_start = speaker_end;
    while speaker_start > start
        && speaker_end - speaker_start < MAX_SPEAKER
        && !matches!(view.written(speaker_start - 1), "," | ":" | ";")
        && !matches!(view.word(speaker_start - 1), "and" | "but" | "as" | "when" | "while" | "because" | "that")
    {
        speaker_start -= 1;
    }
    while speaker_start < speaker_end && !view.starts_speaker(speaker_start) {
        speaker_start += 1;
    }
    let valid = speaker_start < speaker_end && (speaker_start..speaker_end).all(|t| speaker_token(view, t));
    Attribution { speaker: valid.then_some((speaker_start, speaker_end)), verb: Some((verb, verb + 1)), after: false }
}

/// A noun phrase right after a speech verb, ending before `end`, a comma or a word that starts a new phrase
/// ("said central bank governor Park Seung in a statement").
fn phrase_after(view: &View<'_>, start: usize, end: usize) -> Option<(usize, usize)> {
    if start >= end || !speaker_token(view, start) || view.is_punct(start) || PHRASE_ENDERS.contains(&view.word(start))
    {
        return None;
    }
    let mut stop = start + 1;
    while stop < end
        && stop - start < MAX_SPEAKER
        && !matches!(view.written(stop), "," | "." | ";" | ":" | "(" | "--")
        && !view.is_mark(stop)
        && !PHRASE_ENDERS.contains(&view.word(stop))
    {
        stop += 1;
    }
    Some((start, stop))
}

/// The entity of a speaker phrase: the last person named inside it, or an organization, country or group that
/// heads it ("the Iranian foreign ministry" is not Iran, "Iran" is); for "he" / "she", the last person named before
/// it whose title does not say otherwise ("Ms Blears" is not "he").
fn speaker_entity(view: &View<'_>, inputs: &Inputs<'_>, (start, end): (usize, usize)) -> Option<usize> {
    let names = inputs.names;
    let person = names.iter().rev().find(|n| n.label == Label::Person && n.tokens.start < end && n.tokens.end > start);
    let head = names.iter().rev().find(|n| n.tokens.start >= start && n.tokens.end == end);
    if let Some(n) = person.or(head) {
        return Some(n.entity);
    }
    // A pronoun or description the coreference stage resolved ("he", "the minister").
    if let Some(r) = inputs.references.iter().find(|r| r.tokens.start >= start && r.tokens.end <= end) {
        return Some(r.entity);
    }
    let pronoun = match (end == start + 1).then(|| view.word(start)) {
        Some("he") => Gender::Male,
        Some("she") => Gender::Female,
        _ => return None,
    };
    names
        .iter()
        .rev()
        .filter(|n| n.label == Label::Person && n.tokens.end <= start)
        .find(|n| {
            // Every mention of the entity may carry a title.
            let titles = names.iter().filter(|m| m.entity == n.entity).map(|m| gender_of(view, m.tokens.start));
            !titles.into_iter().any(|g| g.is_some_and(|g| g != pronoun))
        })
        .map(|n| n.entity)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// The gender a title at or just before token `t` gives a name ("Mr", "Ms", "Sir", "Queen" ...).
fn gender_of(view: &View<'_>, t: usize) -> Option<Gender> {
    const MALE: &[&str] = &["mr", "mr.", "sir", "lord", "king", "prince", "father", "brother", "duke"];
    const FEMALE: &[&str] =
        &["ms", "ms.", "mrs", "mrs.", "miss", "lady", "dame", "queen", "princess", "baroness", "sister", "duchess"];
    [Some(t), t.checked_sub(1)].into_iter().flatten().find_map(|i| {
        let w = view.word(i);
        if MALE.contains(&w) {
            Some(Gender::Male)
        } else if FEMALE.contains(&w) {
            Some(Gender::Female)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::Name;

    fn quotes_of(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let t = Text::new(text);
        find(&Inputs::text(&t))
            .into_iter()
            .map(|q| {
                let n = t.normalized();
                (n[q.start..q.end].to_string(), q.speaker.map(|(s, e)| n[s..e].to_string()), q.verb)
            })
            .collect()
    }

    fn one(text: &str) -> (String, Option<String>, Option<String>) {
        let mut found = quotes_of(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.remove(0)
    }

    #[test]
    fn speech_verbs_are_sorted() {
        assert!(SPEECH_VERBS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn speaker_after_the_quote() {
        let (q, s, v) = one("\u{201C}We will not negotiate under pressure,\u{201D} Araghchi said on Monday.");
        assert_eq!(q, "We will not negotiate under pressure");
        assert_eq!((s.as_deref(), v.as_deref()), (Some("Araghchi"), Some("said")));
        let (_, s, v) = one("\"The talks are over,\" said Mr. Smith, the chief executive.");
        assert_eq!((s.as_deref(), v.as_deref()), (Some("Mr. Smith"), Some("said")));
        let (_, s, _) = one("\"The talks are over,\" Iran's Foreign Minister Abbas Araghchi told reporters.");
        assert_eq!(s.as_deref(), Some("Iran's Foreign Minister Abbas Araghchi"));
        let (_, s, v) = one("\"Prices will rise again next year,\" according to the central bank.");
        assert_eq!((s.as_deref(), v.as_deref()), (Some("the central bank"), Some("according to")));
        let (_, s, _) = one("\"Absolutely,\" he said.");
        assert_eq!(s.as_deref(), Some("he"));
    }

    #[test]
    fn speaker_before_the_quote() {
        let (q, s, v) = one("He added: \"It is not possible to go back now.\"");
        assert_eq!(q, "It is not possible to go back now.");
        assert_eq!((s.as_deref(), v.as_deref()), (Some("He"), Some("added")));
        let (_, s, _) = one("In a statement, the ministry said: \"The border will stay closed.\"");
        assert_eq!(s.as_deref(), Some("the ministry"));
        let (_, s, v) = one("Mr Blair told MPs in the Commons: \"We will not waver.\"");
        assert_eq!((s.as_deref(), v.as_deref()), (Some("Mr Blair"), Some("told")));
    }

    #[test]
    fn no_quotes_from_titles_or_scare_quotes() {
        assert!(quotes_of("Ministers condemned the so-called \"reforms\" on Tuesday.").is_empty());
        assert!(quotes_of("The film \"Million Dollar Baby\" won four Oscars.").is_empty());
        assert!(quotes_of("He starred in \"The Lord of the Rings\" trilogy.").is_empty());
        assert!(quotes_of("A \"short, sharp shock\" approach.").is_empty());
    }

    #[test]
    fn multi_paragraph_quote() {
        let text = "He said: \"We have waited long enough for this.\n\n\"Now we will act, and act fast.\"\n\nOthers disagreed.";
        let found = quotes_of(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "We have waited long enough for this.");
        assert_eq!(found[1].0, "Now we will act, and act fast.");
        assert_eq!(found[1].1.as_deref(), Some("He"));
    }

    #[test]
    fn split_quote_and_follow_up() {
        let text = "\"We are ready,\" the minister said. \"But nobody has called us yet.\"";
        let found = quotes_of(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[1].1.as_deref(), Some("the minister"));
        assert_eq!(found[1].2, None);
    }

    #[test]
    fn speaker_entities_respect_titles_and_heads() {
        let t = Text::new(
            "Mr Smith accused Ms Jones of lying. \"She is wrong,\" he said. \"We agree,\" the Salford MP said.",
        );
        let at = |w: &str| (0..t.tokens.len()).find(|&i| t.token_text(i) == w).unwrap_or(0);
        let names = [
            Name { tokens: at("Smith")..at("Smith") + 1, entity: 0, label: Label::Person },
            Name { tokens: at("Jones")..at("Jones") + 1, entity: 1, label: Label::Person },
            Name { tokens: at("Salford")..at("Salford") + 1, entity: 2, label: Label::Gpe },
        ];
        let found = find(&Inputs { names: &names, ..Inputs::text(&t) });
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].entity, Some(0), "he is Mr Smith, not Ms Jones");
        assert_eq!(found[1].entity, None, "the Salford MP is not Salford");
    }

    #[test]
    fn speakers_resolved_by_the_coreference_stage() {
        let t = Text::new("Abbas Araghchi met reporters. \"We came in peace,\" the minister said.");
        let at = |w: &str| (0..t.tokens.len()).find(|&i| t.token_text(i) == w).unwrap_or(0);
        let names = [Name { tokens: 0..2, entity: 4, label: Label::Person }];
        let references = [Name { tokens: at("the")..at("minister") + 1, entity: 4, label: Label::Person }];
        let found = find(&Inputs { names: &names, references: &references, ..Inputs::text(&t) });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entity, Some(4));
        assert_eq!(find(&Inputs { names: &names, ..Inputs::text(&t) })[0].entity, None);
    }

    #[test]
    fn speaker_entities() {
        let t = Text::new("Masoud Pezeshkian arrived. \"We came in peace,\" he said.");
        let names = [Name { tokens: 0..2, entity: 3, label: Label::Person }];
        let found = find(&Inputs { names: &names, ..Inputs::text(&t) });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entity, Some(3));
    }
}
