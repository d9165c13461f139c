//! The verb dictionary: synsets, verb blocks (verbs with their forms, a default code and patterns) and
//! transformations. Reads PETRARCH2's `CAMEO.2.0.txt` (`--- NAME [code] ---` blocks, patterns with
//! `(PREP NOUN)` and `{MODIFIER HEAD}`), PETRARCH 1's `CAMEO.verbpatterns` and the TABARI `.verbs` format
//! (a verb line with a code starts a block; `{ A | B }` alternatives; `$ + % ^` actor slots).

use super::{Flavor, Report, content_lines, upper};

/// An event code as written in a dictionary: `042`, `042:043` (active : passive), `:020`, `---`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CodeSpec {
    /// The code for source → target; `None` for the null code `---`.
    pub active: Option<String>,
    /// The code for target → source (the part after `:`), when given.
    pub passive: Option<String>,
}

impl CodeSpec {
    /// Parses the inside of a `[...]` code group.
    pub fn parse(text: &str) -> CodeSpec {
        let part = |s: &str| {
            let s = s.trim();
            if s.is_empty() || s == "---" { None } else { Some(s.to_string()) }
        };
        match text.split_once(':') {
            Some((a, p)) => CodeSpec { active: part(a), passive: part(p) },
            None => CodeSpec { active: part(text), passive: None },
        }
    }

    /// True for the null code: the verb or pattern is known but generates no event.
    pub fn is_null(&self) -> bool {
        self.active.is_none() && self.passive.is_none()
    }
}

/// How an element of a pattern may be separated from the element before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Gap {
    /// Joined by `_`: the words must be consecutive.
    Adjacent,
    /// Joined by a blank: other words may come between.
    Any,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Elem {
    /// A word; `stem` when it matches any continuation (TABARI words without a final `_`).
    Word {
        /// Upper-case word.
        word: String,
        /// True when the word is a stem.
        stem: bool,
    },
    /// A synset, by name (without `&`).
    Synset(String),
    /// Alternatives (`{ A | B }`, `(BY/WITH …)`): any one of the sequences.
    Alt(Vec<Vec<PatternItem>>),
    /// `$`: the source actor is here.
    Source,
    /// `+`: the target actor is here.
    Target,
    /// `%`: a compound actor here is both source and target.
    Compound,
    /// `^`: skip one noun phrase.
    Skip,
}

/// An element with its separation from the previous one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PatternItem {
    /// Gap before this element (for the first lower element: after the verb; for the last upper element the
    /// verb's own `gap` applies).
    pub gap: Gap,
    /// What must be there.
    pub elem: Elem,
}

/// A verb pattern: words before the verb (`upper`, in text order), words after it (`lower`) and the code.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pattern {
    /// Elements before the verb, in text order.
    pub upper: Vec<PatternItem>,
    /// Gap between the last upper element and the verb.
    pub verb_gap: Gap,
    /// Elements after the verb, in text order.
    pub lower: Vec<PatternItem>,
    /// The code the pattern assigns.
    pub code: CodeSpec,
    /// Line in the dictionary file.
    pub line: usize,
}

/// One surface form of a verb: a single word, or a multi-word verb with words before / after the verb word.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VerbForm {
    /// Words that must come right before the verb word ("WIRE" in WIRE_+TAP).
    pub before: Vec<String>,
    /// The verb word itself.
    pub verb: String,
    /// Words that must come after the verb word ("OFF" in CORDON_OFF); consecutive.
    pub after: Vec<String>,
    /// TABARI stem: the verb word matches any continuation.
    pub stem: bool,
    /// The verb's own code, overriding the block's.
    pub code: Option<CodeSpec>,
    /// Line in the dictionary file.
    pub line: usize,
}

/// A block of synonymous verbs sharing patterns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VerbBlock {
    /// The block's name (`--- NAME [code] ---`, or the first verb in TABARI files).
    pub name: String,
    /// The code of an isolated verb of the block.
    pub code: CodeSpec,
    /// All forms of all verbs of the block.
    pub forms: Vec<VerbForm>,
    /// The block's patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// Line of the block header.
    pub line: usize,
}

/// A synonym set: `&NAME` and its `+MEMBER` lines.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Synset {
    /// Name without `&` and without the final `_`.
    pub name: String,
    /// The members, each a sequence of elements (regular plurals already added).
    pub members: Vec<Vec<PatternItem>>,
    /// Line of the `&NAME` line.
    pub line: usize,
}

/// A verb transformation (`~ a (a b ATTACK) SAY = a b 015`): an event whose target is another event is
/// rewritten into one event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Transformation {
    /// Variable of the upper source (`a`, `.` any, `_` absent).
    pub source: String,
    /// Variable of the lower event's source.
    pub lower_source: String,
    /// Variable of the lower event's target.
    pub lower_target: String,
    /// The lower verb (a verb word whose block code is meant, `Q` for any).
    pub lower_verb: String,
    /// The upper verb (a verb word).
    pub verb: String,
    /// Variable that becomes the source.
    pub result_source: String,
    /// Variable that becomes the target.
    pub result_target: String,
    /// The resulting code, or `Q` for the lower event's code.
    pub result_code: String,
    /// Line in the file.
    pub line: usize,
}

/// Everything a verb dictionary file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VerbDictionary {
    /// Synonym sets, in file order.
    pub synsets: Vec<Synset>,
    /// Verb blocks, in file order.
    pub blocks: Vec<VerbBlock>,
    /// Transformations.
    pub transformations: Vec<Transformation>,
}

/// Reads a verb dictionary. Lines that cannot be read are reported and skipped.
pub fn read_verbs(file: &str, text: &str, flavor: Flavor) -> (VerbDictionary, Vec<super::Diagnostic>) {
    let mut report = Report::new(file);
    let mut dict = VerbDictionary::default();
    let lines = content_lines(text);
    // Where `+` lines go: into the last synset (after `&NAME`) or into the current verb block.
    let mut in_synset = false;
    let mut section: Option<String> = None; // TABARI <SYNSETS>, <TIME>, …
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let t = line.text.trim();
        if t.starts_with('<') {
            // TABARI sections: <SYNSETS> … </SYNSETS>, <TIME> … </TIME>.
            let tag = t.trim_matches(|c| c == '<' || c == '>').to_ascii_uppercase();
            section = if tag.starts_with('/') { None } else { Some(tag) };
            in_synset = false;
            continue;
        }
        if section.as_deref() == Some("TIME") {
            continue;
        }
        if let Some(name) = t.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or("");
            if name.is_empty() {
                report.warn(line.number, "synset without a name");
                continue;
            }
            dict.synsets.push(Synset { name: upper(name), members: Vec::new(), line: line.number });
            in_synset = true;
            continue;
        }
        if in_synset {
            if let Some(member) = t.strip_prefix('+') {
                if let Some(set) = dict.synsets.last_mut() {
                    let no_plural = set.name.ends_with('_') || member.trim_end().ends_with('_');
                    match parse_sequence(member, flavor) {
                        Ok(items) if !items.is_empty() => {
                            if !no_plural && let Some(plural) = pluralize_last(&items) {
                                set.members.push(plural);
                            }
                            set.members.push(items);
                        }
                        Ok(_) => report.warn(line.number, "empty synset member"),
                        Err(e) => report.warn(line.number, e),
                    }
                }
                continue;
            }
            in_synset = false;
        }
        if let Some(rest) = t.strip_prefix('~') {
            match parse_transformation(rest, line.number) {
                Ok(tr) => dict.transformations.push(tr),
                Err(e) => report.warn(line.number, e),
            }
            continue;
        }
        if t.starts_with("---") {
            // --- NAME [code] ---
            let inner = t.trim_matches('-').trim();
            let (outside, groups) = super::brackets(inner);
            let name = outside.split_whitespace().collect::<Vec<_>>().join("_");
            let code = groups.first().map(|g| CodeSpec::parse(g)).unwrap_or_default();
            dict.blocks.push(VerbBlock {
                name: upper(&name),
                code,
                forms: Vec::new(),
                patterns: Vec::new(),
                line: line.number,
            });
            continue;
        }
        if let Some(pattern) = t.strip_prefix('-') {
            let Some(block) = dict.blocks.last_mut() else {
                report.warn(line.number, "pattern before any verb");
                continue;
            };
            match parse_pattern(pattern, flavor, line.number) {
                Ok(Some(p)) => block.patterns.push(p),
                Ok(None) => {}
                Err(e) => report.warn(line.number, e),
            }
            continue;
        }
        if t.starts_with('{') {
            // TABARI: the irregular forms of the block's verb on their own line.
            let Some(block) = dict.blocks.last_mut() else {
                report.warn(line.number, "verb forms before any verb");
                continue;
            };
            let inner = t.trim_matches(|c| c == '{' || c == '}');
            let code = block.forms.first().and_then(|f| f.code.clone());
            for word in inner.split_whitespace() {
                if let Some(form) = parse_form(word, flavor, true, line.number) {
                    block.forms.push(VerbForm { code: code.clone(), ..form });
                }
            }
            continue;
        }
        // A verb line.
        let (outside, groups) = super::brackets(t);
        let code = groups.first().map(|g| CodeSpec::parse(g));
        let new_block = flavor == Flavor::Tabari || dict.blocks.is_empty();
        if new_block {
            let name = outside.split_whitespace().next().unwrap_or("").trim_matches(['_', '+', '=']).to_string();
            dict.blocks.push(VerbBlock {
                name: upper(&name),
                code: code.clone().unwrap_or_default(),
                forms: Vec::new(),
                patterns: Vec::new(),
                line: line.number,
            });
        }
        let Some(block) = dict.blocks.last_mut() else { continue };
        match parse_verb_line(&outside, flavor, line.number) {
            Ok(forms) => {
                let own = if new_block { None } else { code };
                block.forms.extend(forms.into_iter().map(|f| VerbForm { code: own.clone(), ..f }));
            }
            Err(e) => report.warn(line.number, e),
        }
    }
    (dict, report.diagnostics)
}

/// Parses a verb line (without its code): the primary form, optional `{forms}`, regular forms generated when
/// no forms are given.
fn parse_verb_line(text: &str, flavor: Flavor, line: usize) -> Result<Vec<VerbForm>, String> {
    let (head, braces) = match text.find('{') {
        Some(open) => {
            let close = text[open..].find('}').map(|c| open + c).ok_or("unclosed '{' in verb forms")?;
            (&text[..open], Some(&text[open + 1..close]))
        }
        None => (text, None),
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    let Some(first) = words.first() else { return Err("verb line without a verb".into()) };
    // "LASH OUT": a verb followed by a particle written with a blank.
    let primary = if words.len() > 1 { words.join("_") } else { (*first).to_string() };
    let base = parse_form(&primary, flavor, false, line).ok_or("unreadable verb")?;
    let mut forms = vec![base.clone()];
    match braces {
        Some(inner) => {
            for word in inner.split_whitespace() {
                if let Some(form) = parse_form(word, flavor, true, line) {
                    forms.push(form);
                }
            }
        }
        // TABARI: `VERB_` takes the usual endings, `VERB=` none, a bare `VERB` is a stem (matches any ending).
        None if flavor == Flavor::Tabari && !primary.ends_with('_') => {}
        None if !primary.ends_with('=') => {
            let mut generated = regular_verb_forms(&base.verb);
            if flavor == Flavor::Tabari {
                // TABARI verbs are roots ("RESTOR", "RESCHEDUL") that take the usual endings.
                for suffix in ["E", "S", "ES", "ED", "D", "EN", "N", "ING"] {
                    let form = format!("{}{suffix}", base.verb);
                    if !generated.contains(&form) {
                        generated.push(form);
                    }
                }
            }
            for verb in generated {
                forms.push(VerbForm { verb, ..base.clone() });
            }
        }
        None => {}
    }
    Ok(forms)
}

/// One form: `+` marks the verb word of a multi-word verb (`WIRE_+TAP`, `+CORDON_OFF`); without `+` the first
/// word is the verb. `listed` forms (inside `{}`) of TABARI files are stems unless they end with `_`.
fn parse_form(text: &str, flavor: Flavor, listed: bool, line: usize) -> Option<VerbForm> {
    let exact_mark = text.ends_with('=') || text.ends_with('_');
    let cleaned = text.trim_end_matches(['=', '_']);
    let parts: Vec<&str> = cleaned.split('_').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    let verb_at = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
    let word = |p: &str| upper(p.trim_start_matches('+'));
    let verb = word(parts[verb_at]);
    if verb.is_empty() {
        return None;
    }
    Some(VerbForm {
        before: parts[..verb_at].iter().map(|p| word(p)).collect(),
        verb,
        after: parts[verb_at + 1..].iter().map(|p| word(p)).collect(),
        stem: flavor == Flavor::Tabari && !exact_mark && (listed || !text.contains('_')),
        code: None,
        line,
    })
}

/// The regular forms of an English verb: -S/-ES/-IES, -ED/-D/-IED, -ING, with a doubled final consonant for
/// short verbs (STOP → STOPPED) and -EN (TABARI accepts it).
pub(crate) fn regular_verb_forms(verb: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = verb.as_bytes();
    let n = bytes.len();
    if n == 0 {
        return out;
    }
    let last = bytes[n - 1];
    let vowel = |b: u8| matches!(b, b'A' | b'E' | b'I' | b'O' | b'U');
    let ends = |s: &str| verb.ends_with(s);
    if ends("S") || ends("X") || ends("Z") || ends("CH") || ends("SH") || ends("O") {
        out.push(format!("{verb}ES"));
    } else if last == b'Y' && n > 1 && !vowel(bytes[n - 2]) {
        out.push(format!("{}IES", &verb[..n - 1]));
    } else {
        out.push(format!("{verb}S"));
    }
    if last == b'E' {
        out.push(format!("{verb}D"));
        out.push(format!("{verb}N"));
        if n > 2 && !vowel(bytes[n - 2]) {
            out.push(format!("{}ING", &verb[..n - 1]));
        } else {
            out.push(format!("{verb}ING"));
        }
    } else if last == b'Y' && n > 1 && !vowel(bytes[n - 2]) {
        out.push(format!("{}IED", &verb[..n - 1]));
        out.push(format!("{verb}ING"));
    } else {
        out.push(format!("{verb}ED"));
        out.push(format!("{verb}EN"));
        out.push(format!("{verb}ING"));
        // CVC ending of a short verb: double the consonant.
        if n >= 3 && !vowel(last) && !matches!(last, b'W' | b'X' | b'Y') && vowel(bytes[n - 2]) && !vowel(bytes[n - 3])
        {
            let c = last as char;
            out.push(format!("{verb}{c}ED"));
            out.push(format!("{verb}{c}ING"));
        }
    }
    out
}

/// The member with its last word in the plural, when the last element is a plain word.
fn pluralize_last(items: &[PatternItem]) -> Option<Vec<PatternItem>> {
    let mut out = items.to_vec();
    let last = out.last_mut()?;
    if let Elem::Word { word, stem: false } = &last.elem {
        last.elem = Elem::Word { word: plural_noun(word), stem: false };
        return Some(out);
    }
    None
}

/// The regular plural of an upper-case noun.
pub(crate) fn plural_noun(word: &str) -> String {
    let bytes = word.as_bytes();
    let n = bytes.len();
    let vowel = |b: u8| matches!(b, b'A' | b'E' | b'I' | b'O' | b'U');
    if n > 1 && bytes[n - 1] == b'Y' && !vowel(bytes[n - 2]) {
        format!("{}IES", &word[..n - 1])
    } else if word.ends_with('S') || word.ends_with('X') || word.ends_with("CH") || word.ends_with("SH") {
        format!("{word}ES")
    } else {
        format!("{word}S")
    }
}

/// Parses a pattern line after its leading `-`. Returns `None` for a pattern that codes nothing and has no
/// use (kept: null-coded patterns block the verb's default, so they are returned too).
fn parse_pattern(text: &str, flavor: Flavor, line: usize) -> Result<Option<Pattern>, String> {
    let (outside, groups) = super::brackets(text);
    let code = match groups.last() {
        Some(g) => CodeSpec::parse(g),
        None => return Err("pattern without a [code]".into()),
    };
    let star = outside.find('*').ok_or("pattern without '*'")?;
    let (before, after) = (&outside[..star], &outside[star + 1..]);
    let verb_gap = if before.ends_with('_') { Gap::Adjacent } else { Gap::Any };
    let lower_starts_adjacent = after.starts_with('_');
    let upper = parse_sequence(before.trim_end_matches('_'), flavor)?;
    let mut lower = parse_sequence(after.trim_start_matches('_'), flavor)?;
    if let Some(first) = lower.first_mut() {
        first.gap = if lower_starts_adjacent { Gap::Adjacent } else { Gap::Any };
    }
    Ok(Some(Pattern { upper, verb_gap, lower, code, line }))
}

/// Parses a sequence of pattern elements: words joined by `_` are consecutive, by blanks not; `{A B}` is a
/// PETRARCH2 noun phrase (its words in order), `{ A | B }` TABARI alternatives; `(PREP NOUN)` a PETRARCH2
/// prepositional phrase (`BY/WITH` alternatives); `&SET`, `$`, `+`, `%`, `^`.
pub(crate) fn parse_sequence(text: &str, flavor: Flavor) -> Result<Vec<PatternItem>, String> {
    let mut items = Vec::new();
    let mut rest = text.trim();
    let mut gap = Gap::Any;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('{') {
            let close = inner.find('}').ok_or("unclosed '{'")?;
            let body = &inner[..close];
            rest = &inner[close + 1..];
            if body.contains('|') {
                let mut alts = Vec::new();
                for alt in body.split('|') {
                    let seq = parse_sequence(alt.trim(), flavor)?;
                    if !seq.is_empty() {
                        alts.push(seq);
                    }
                }
                items.push(PatternItem { gap, elem: Elem::Alt(alts) });
            } else {
                let mut seq = parse_sequence(body, flavor)?;
                if let Some(first) = seq.first_mut() {
                    first.gap = gap;
                }
                items.extend(seq);
            }
            gap = if rest.starts_with('_') { Gap::Adjacent } else { Gap::Any };
            rest = rest.trim_start_matches('_').trim_start();
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '{').unwrap_or(rest.len());
        let (chunk, after) = rest.split_at(end);
        rest = after.trim_start();
        let next_gap = if after.starts_with('{') && chunk.ends_with('_') { Gap::Adjacent } else { Gap::Any };
        let chunk = chunk.trim_matches(|c| c == '(' || c == ')');
        if chunk.is_empty() {
            continue;
        }
        // A trailing `_` marks an exact (non-stem) word in TABARI files.
        let exact_last = chunk.ends_with('_') || chunk.ends_with('=');
        let parts: Vec<&str> = chunk.trim_end_matches(['_', '=']).split('_').filter(|p| !p.is_empty()).collect();
        let nparts = parts.len();
        for (k, part) in parts.into_iter().enumerate() {
            let item_gap = if k == 0 { gap } else { Gap::Adjacent };
            let elem = match part {
                "$" => Elem::Source,
                "+" => Elem::Target,
                "%" => Elem::Compound,
                "^" => Elem::Skip,
                p if p.starts_with('&') => Elem::Synset(upper(p[1..].trim_end_matches('_'))),
                p if p.contains('/') && !p.starts_with('/') && !p.ends_with('/') => {
                    let alts = p
                        .split('/')
                        .filter(|a| !a.is_empty())
                        .map(|a| vec![PatternItem { gap: Gap::Any, elem: word_elem(a, flavor, true) }])
                        .collect();
                    Elem::Alt(alts)
                }
                // "DIDN'T", "WON'T": the tokenizer splits contractions, so the pattern does too.
                p if p.len() > 3 && upper(p).ends_with("N'T") => {
                    let u = upper(p);
                    let head = &u[..u.len() - 3];
                    items.push(PatternItem { gap: item_gap, elem: Elem::Word { word: head.to_string(), stem: false } });
                    Elem::Word { word: "N'T".to_string(), stem: false }
                }
                p => word_elem(p, flavor, exact_last || k + 1 < nparts),
            };
            let item_gap =
                if matches!(&elem, Elem::Word { word, .. } if word == "N'T") { Gap::Adjacent } else { item_gap };
            items.push(PatternItem { gap: item_gap, elem });
        }
        gap = next_gap;
    }
    Ok(items)
}

/// A word element: a stem in TABARI files unless marked exact (or followed by `_`); `~` marks a stem anywhere.
fn word_elem(part: &str, flavor: Flavor, exact: bool) -> Elem {
    let tilde = part.contains('~');
    let word = upper(&part.replace('~', ""));
    Elem::Word { word, stem: tilde || (flavor == Flavor::Tabari && !exact) }
}

fn parse_transformation(text: &str, line: usize) -> Result<Transformation, String> {
    let (left, right) = text.split_once('=').ok_or("transformation without '='")?;
    let cleaned = left.replace(['(', ')'], " ");
    let l: Vec<&str> = cleaned.split_whitespace().collect();
    let r: Vec<&str> = right.split_whitespace().collect();
    if l.len() != 5 || r.len() != 3 {
        return Err(format!("transformation needs `a (b c VERB) VERB = x y CODE`, got {text:?}"));
    }
    Ok(Transformation {
        source: l[0].to_string(),
        lower_source: l[1].to_string(),
        lower_target: l[2].to_string(),
        lower_verb: upper(l[3]),
        verb: upper(l[4]),
        result_source: r[0].to_string(),
        result_target: r[1].to_string(),
        result_code: r[2].to_string(),
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PETRARCH2: &str = "&MILITARY\n+ARMY\n+ARMED_FORCES\n\n&AUX_\n+WILL\n\n\
        ---  RUSH   [---]  ---\nRUSH \nSPEED {SPEEDING SPEEDS SPED }\n+CORDON_OFF {+CORDONED_OFF}\n\
        WIRE_+TAP {WIRE_+TAPPED} [1711]\n- * (TO)   [042:043]  # RUSH\n- * {RELIEF AID} [073]\n\
        - &MILITARY * [154]\n- * (BY/WITH PROTESTS) [141]\n- * nonsense\n~ a (a b ATTACK) SAY = a b 015\n";

    #[test]
    fn petrarch2_blocks_synsets_patterns() {
        let (d, diags) = read_verbs("CAMEO.test", PETRARCH2, Flavor::Petrarch);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].line, 17);
        assert_eq!(d.synsets.len(), 2);
        // ARMY, ARMIES, ARMED FORCES, ARMED FORCESES (regular plural of the last word).
        assert_eq!(d.synsets[0].members.len(), 4);
        assert_eq!(d.synsets[1].members.len(), 1, "a label ending in _ makes no plurals");
        let b = &d.blocks[0];
        assert_eq!(b.name, "RUSH");
        assert!(b.code.is_null());
        let verbs: Vec<&str> = b.forms.iter().map(|f| f.verb.as_str()).collect();
        assert!(verbs.contains(&"RUSHED") && verbs.contains(&"RUSHES") && verbs.contains(&"SPED"));
        assert!(!verbs.contains(&"SPEEDED"), "listed forms replace the regular ones");
        let tap = b.forms.iter().find(|f| f.verb == "TAPPED").expect("present");
        assert_eq!(tap.before, vec!["WIRE"]);
        assert_eq!(tap.code, Some(CodeSpec { active: Some("1711".into()), passive: None }));
        assert_eq!(b.patterns.len(), 4);
        assert_eq!(b.patterns[0].code, CodeSpec { active: Some("042".into()), passive: Some("043".into()) });
        assert!(matches!(b.patterns[2].upper[0].elem, Elem::Synset(ref s) if s == "MILITARY"));
        assert!(matches!(b.patterns[3].lower[0].elem, Elem::Alt(ref a) if a.len() == 2));
        assert_eq!(d.transformations[0].result_code, "015");
    }

    #[test]
    fn tabari_blocks_and_stems() {
        let text = "ACT_ [100]\n{ ACTING_ ACTXD_ ACTUALITY  }\n- SAID WOULD * NOW  [101]\n\
                    BAN= [191]\nASK  [090]\n- * FOR { ECONOMIC_SANCTIONS | EMBARGO }  [172]\n- IN_*  [075]\n";
        let (d, diags) = read_verbs("x.verbs", text, Flavor::Tabari);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.blocks.len(), 3);
        let act = &d.blocks[0];
        assert!(act.forms.iter().any(|f| f.verb == "ACTS"), "ACT_ takes the usual endings: {:?}", act.forms);
        assert!(act.forms.iter().any(|f| f.verb == "ACTUALITY" && f.stem));
        assert_eq!(d.blocks[1].forms.len(), 1, "BAN= has no other forms");
        let ask = &d.blocks[2];
        assert!(matches!(ask.patterns[0].lower[1].elem, Elem::Alt(ref a) if a.len() == 2));
        assert_eq!(ask.patterns[1].verb_gap, Gap::Adjacent);
        assert!(matches!(ask.patterns[0].lower[0].elem, Elem::Word { ref word, stem: true } if word == "FOR"));
    }

    #[test]
    fn regular_forms() {
        let f = regular_verb_forms("DEPLORE");
        assert!(f.contains(&"DEPLORES".to_string()) && f.contains(&"DEPLORED".to_string()));
        assert!(f.contains(&"DEPLORING".to_string()));
        assert!(regular_verb_forms("STOP").contains(&"STOPPED".to_string()));
        assert!(regular_verb_forms("CARRY").contains(&"CARRIED".to_string()));
        assert_eq!(plural_noun("ARMY"), "ARMIES");
    }
}
