//! The little syntax the coder needs: a coarse part of speech per token and the chunks built from it (noun
//! groups, verb groups, prepositions, connectives).
//!
//! Tags come from [`guess_tags`], which decides from closed word classes, the verb dictionary, capitals and
//! suffixes, in the manner of TABARI, and are corrected by the trained tagger's (Penn Treebank tags, mapped by
//! [`Pos::from_penn`]) where it has them ([`correct`]).

use super::lexicon::Lexicon;

/// The form of a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VForm {
    /// Base or non-third-person present ("sign").
    Base,
    /// Third-person present ("signs").
    Pres3,
    /// Past tense ("signed").
    Past,
    /// Past participle ("signed", "broken").
    Participle,
    /// Gerund or present participle ("signing").
    Gerund,
}

/// A coarse part of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// Common noun.
    Noun,
    /// Proper noun.
    Proper,
    /// Personal pronoun.
    Pron,
    /// Determiner, possessive pronoun, quantifier.
    Det,
    /// Adjective.
    Adj,
    /// Adverb.
    Adv,
    /// Number.
    Num,
    /// Preposition.
    Prep,
    /// Infinitival "to".
    To,
    /// Coordinating conjunction.
    Conj,
    /// Subordinator or relative word ("that", "which", "who", "after", "because").
    Sub,
    /// Forms of be / have / do.
    Aux,
    /// Modal ("will", "would", "can").
    Modal,
    /// Negation ("not", "n't", "never").
    Neg,
    /// A verb.
    Verb(VForm),
    /// Verb particle ("off" in "cordoned off").
    Particle,
    /// Possessive "'s".
    Poss,
    /// Comma.
    Comma,
    /// Other punctuation.
    Punct,
}

impl Pos {
    /// Maps a Penn Treebank tag (with the word, for closed classes) to a coarse tag.
    pub fn from_penn(tag: &str, word: &str) -> Pos {
        let lower = word.to_ascii_lowercase();
        if let Some(p) = closed_class(&lower) {
            // The tagger knows better for ambiguous function words used as other parts of speech.
            match (p, tag) {
                (Pos::Sub, "IN" | "WDT" | "WP" | "WRB") | (Pos::Neg, _) | (Pos::Modal, "MD") | (Pos::To, "TO") => {
                    return p;
                }
                (Pos::Aux, t) if t.starts_with("VB") => return Pos::Aux,
                _ => {}
            }
        }
        match tag {
            "NN" | "NNS" => Pos::Noun,
            "NNP" | "NNPS" => Pos::Proper,
            "PRP" => Pos::Pron,
            "PRP$" | "DT" | "PDT" | "WP$" => Pos::Det,
            "JJ" | "JJR" | "JJS" => Pos::Adj,
            "RB" | "RBR" | "RBS" => Pos::Adv,
            "CD" => Pos::Num,
            "IN" => Pos::Prep,
            "TO" => Pos::To,
            "CC" => Pos::Conj,
            "WDT" | "WP" | "WRB" => Pos::Sub,
            "MD" => Pos::Modal,
            "VB" | "VBP" => Pos::Verb(VForm::Base),
            "VBZ" => Pos::Verb(VForm::Pres3),
            "VBD" => Pos::Verb(VForm::Past),
            "VBN" => Pos::Verb(VForm::Participle),
            "VBG" => Pos::Verb(VForm::Gerund),
            "RP" => Pos::Particle,
            "POS" => Pos::Poss,
            "," => Pos::Comma,
            _ if word.chars().all(|c| c.is_alphanumeric()) => Pos::Noun,
            _ => Pos::Punct,
        }
    }

    /// True for parts of speech that make up noun groups.
    pub fn nominal(self) -> bool {
        matches!(self, Pos::Noun | Pos::Proper | Pos::Pron | Pos::Num)
    }
}

/// The part of speech of a closed-class word (lower case), if it is one.
pub fn closed_class(lower: &str) -> Option<Pos> {
    Some(match lower {
        "the" | "a" | "an" | "this" | "these" | "those" | "its" | "his" | "her" | "their" | "our" | "my" | "your"
        | "some" | "any" | "each" | "every" | "no" | "all" | "both" | "another" | "such" | "either" | "neither"
        | "several" | "many" | "few" | "most" | "other" | "much" | "whose" => Pos::Det,
        "he" | "she" | "it" | "they" | "we" | "i" | "you" | "him" | "them" | "us" | "me" | "itself" | "himself"
        | "herself" | "themselves" | "ourselves" => Pos::Pron,
        "of" | "in" | "on" | "at" | "by" | "for" | "with" | "from" | "into" | "onto" | "over" | "under" | "against"
        | "between" | "among" | "amid" | "during" | "without" | "within" | "toward" | "towards" | "across"
        | "through" | "via" | "near" | "despite" | "about" | "around" | "along" | "behind" | "beyond" | "upon"
        | "per" | "than" | "like" | "inside" | "outside" | "including" | "except" | "amongst" | "throughout"
        | "regarding" | "concerning" | "following" | "past" => Pos::Prep,
        "to" => Pos::To,
        "and" | "or" | "but" | "nor" | "&" => Pos::Conj,
        "that" | "which" | "who" | "whom" | "where" | "when" | "while" | "whether" | "because" | "although"
        | "though" | "if" | "unless" | "after" | "before" | "since" | "until" | "till" | "as" | "once" | "whereas"
        | "what" | "how" | "why" => Pos::Sub,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am" | "'s_aux" | "has" | "have" | "had"
        | "having" | "do" | "does" | "did" | "'re" | "'ve" | "'m" | "'d" => Pos::Aux,
        "will" | "would" | "can" | "could" | "may" | "might" | "must" | "shall" | "should" | "wo" | "ca" | "'ll"
        | "ought" => Pos::Modal,
        "not" | "n't" | "never" => Pos::Neg,
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten" | "eleven"
        | "twelve" | "fifteen" | "twenty" | "thirty" | "forty" | "fifty" | "hundred" | "hundreds" | "thousand"
        | "thousands" | "million" | "millions" | "billion" | "billions" | "dozen" | "dozens" => Pos::Num,
        "almost" | "nearly" | "again" | "also" | "still" | "already" | "now" | "then" | "here" | "there" | "today"
        | "yesterday" | "tomorrow" | "just" | "only" | "even" | "ever" | "soon" | "later" | "earlier" | "twice"
        | "very" | "too" | "so" | "however" | "meanwhile" | "instead" | "together" | "abroad" | "overnight"
        | "tonight" | "ago" | "further" | "far" | "yet" | "perhaps" | "well" | "rather" | "quite" | "away" | "back"
        | "forward" | "jointly" | "reportedly" | "allegedly" | "immediately" => Pos::Adv,
        "," => Pos::Comma,
        _ => return None,
    })
}

/// Corrects guessed tags with a trained tagger's: a dictionary verb the tagger reads as a common noun next to
/// another noun is a noun ("the Paris and Lisbon stock exchanges": 34 of 470 events in 400 BBC articles were such
/// nouns); a past form it reads as a participle is one ("five people killed in …"). The guesser stays in
/// charge elsewhere: it knows the dictionaries' verbs, and the trained tags alone cost 7 to 9 points of exact
/// set on the coding suites ("will not clash", "Estonia act on a resolution").
pub fn correct(guessed: &mut [Pos], trained: &[Pos]) {
    for i in 0..guessed.len().min(trained.len()) {
        let t = trained[i];
        let in_compound = trained.get(i + 1) == Some(&Pos::Noun) || (i > 0 && guessed[i - 1] == Pos::Noun);
        if matches!(guessed[i], Pos::Verb(_)) && t == Pos::Noun && in_compound {
            guessed[i] = Pos::Noun;
        } else if guessed[i] == Pos::Verb(VForm::Past) && t == Pos::Verb(VForm::Participle) {
            guessed[i] = t;
        }
    }
}

/// Guesses coarse tags for a sentence without a trained tagger: closed classes, numbers and punctuation;
/// dictionary verbs are verbs unless a determiner, adjective, number or preposition makes them nouns;
/// capitalized words inside the sentence are names; the rest by suffix.
pub fn guess_tags(words: &[&str], lexicon: &Lexicon, is_verb: &dyn Fn(usize) -> bool) -> Vec<Pos> {
    let n = words.len();
    let mut tags = Vec::with_capacity(n);
    let all_caps =
        words.iter().filter(|w| w.chars().any(char::is_alphabetic)).all(|w| !w.chars().any(char::is_lowercase));
    for i in 0..n {
        let w = words[i];
        let lower = w.to_lowercase();
        let prev = if i > 0 { Some(tags[i - 1]) } else { None };
        let next_lower = words.get(i + 1).map(|x| x.to_lowercase());
        let tag = if w == "'s" || w == "'" {
            if prev.is_some_and(|p: Pos| p.nominal() || p == Pos::Adj) { Pos::Poss } else { Pos::Aux }
        } else if w == "," {
            Pos::Comma
        } else if !w.chars().any(char::is_alphanumeric) {
            Pos::Punct
        } else if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            Pos::Num
        } else if lower == "that" && prev.is_some_and(|p| matches!(p, Pos::Prep)) {
            Pos::Det
        } else if w.len() > 1 && !all_caps && w.chars().all(|c| c.is_uppercase() || c == '.') && lexicon.starts_actor(w)
        {
            // "US", "IT" written as acronyms are names, not pronouns.
            Pos::Proper
        } else if i == 0
            && starts_upper(w)
            && closed_class(&lower).is_none()
            && !is_verb(i)
            && words
                .get(1)
                .is_some_and(|x| matches!(closed_class(&x.to_lowercase()), Some(Pos::Aux | Pos::Modal)) || *x == "'s")
        {
            // A name opening the sentence: "Pezeshkian was received …".
            Pos::Proper
        } else if i > 0
            && matches!(prev, Some(Pos::Proper))
            && lexicon.starts_agent(&super::dict::upper(w))
            && !all_caps
        {
            // A role after a name: "US forces", "Iraqi officials".
            Pos::Noun
        } else if let Some(p) = closed_class(&lower) {
            match p {
                // "to" before a verb-like word is infinitival, otherwise a preposition.
                Pos::To => {
                    // "to be drawn", "to have reinforced": an auxiliary is a verb the dictionaries do not list.
                    let next_aux = next_lower.as_deref().is_some_and(|x| matches!(x, "be" | "have"));
                    // "to take a greater role", "to chill out": a word the dictionaries do not know, followed by
                    // a determiner, a pronoun or a particle, is a verb all the same.
                    let unknown_verb = i + 2 < n
                        && !all_caps
                        && !starts_upper(words[i + 1])
                        && closed_class(&words[i + 1].to_lowercase()).is_none()
                        && !lexicon.starts_agent(&super::dict::upper(words[i + 1]))
                        && {
                            let after = words[i + 2].to_lowercase();
                            matches!(closed_class(&after), Some(Pos::Det | Pos::Pron))
                                || matches!(after.as_str(), "out" | "up" | "off" | "down" | "back" | "away")
                        };
                    let next_is_verb = i + 1 < n
                        && (next_aux || unknown_verb || is_verb(i + 1) && (all_caps || !starts_upper(words[i + 1])));
                    if next_is_verb { Pos::To } else { Pos::Prep }
                }
                Pos::Prep if matches!(lower.as_str(), "after" | "before" | "since" | "until") => Pos::Sub,
                p => p,
            }
        } else if PREDICATE_ADJECTIVES.contains(&lower.as_str()) {
            Pos::Adj
        } else if is_verb(i) {
            let capital = starts_upper(w) && i > 0 && !all_caps;
            let form = verb_form(&lower);
            // "the Russian building": a name used as an adjective after a determiner also makes a noun.
            let nounish_prev = matches!(prev, Some(Pos::Det | Pos::Adj | Pos::Num | Pos::Poss | Pos::Prep))
                || (prev == Some(Pos::Proper) && i > 1 && tags[i - 2] == Pos::Det && matches!(form, VForm::Gerund));
            let verbish_prev = matches!(prev, Some(Pos::Aux | Pos::Modal | Pos::To | Pos::Neg | Pos::Pron | Pos::Adv));
            let next_nominal = words.get(i + 1).is_some_and(|x| !is_function(x) && !x.ends_with("ly"));
            let after_singular_noun = prev == Some(Pos::Noun)
                && i > 0
                && !words[i - 1].to_lowercase().ends_with('s')
                && matches!(form, VForm::Base);
            // "two artillery shells": a noun after a numeral and nouns.
            let counted = prev == Some(Pos::Noun)
                && matches!(form, VForm::Pres3)
                && (0..i)
                    .rev()
                    .take_while(|&k| matches!(tags[k], Pos::Noun | Pos::Adj | Pos::Num))
                    .any(|k| tags[k] == Pos::Num);
            let in_compound = prev == Some(Pos::Noun)
                && next_nominal
                && matches!(form, VForm::Base | VForm::Pres3)
                && i > 1
                && matches!(tags[i - 2], Pos::Det | Pos::Num | Pos::Adj | Pos::Noun);
            if capital && !verbish_prev {
                Pos::Proper
            } else if matches!(prev, Some(Pos::Verb(_))) && !matches!(form, VForm::Participle | VForm::Past) {
                // "provide support", "sign agreements": the object of the verb before.
                Pos::Noun
            } else if after_singular_noun || in_compound || counted {
                // "a ducat trade protocol", "the peace talks": a noun inside a compound.
                Pos::Noun
            } else if verbish_prev {
                Pos::Verb(form)
            } else if prev == Some(Pos::Prep)
                && matches!(form, VForm::Gerund)
                && words.get(i + 1).is_some_and(|x| !is_function(x))
                && !matches!(words.get(i - 1).map(|x| x.to_lowercase()).as_deref(), Some("of"))
            {
                // "for helping militants …": a gerund clause after a preposition.
                Pos::Verb(form)
            } else if nounish_prev {
                // "an attack", "its embassy" — but "the crowds trashed" has a noun before.
                if matches!(form, VForm::Past | VForm::Participle | VForm::Gerund)
                    && next_lower.as_deref().is_some_and(|x| closed_class(x) == Some(Pos::Prep) || x == "by")
                    && prev == Some(Pos::Prep)
                {
                    Pos::Verb(form)
                } else if matches!(form, VForm::Participle | VForm::Past | VForm::Gerund)
                    && words.get(i + 1).is_some_and(|x| !is_function(x))
                    && prev != Some(Pos::Prep)
                {
                    Pos::Adj
                } else {
                    Pos::Noun
                }
            } else {
                Pos::Verb(form)
            }
        } else if prev == Some(Pos::To) && !starts_upper(w) {
            // An infinitive the dictionaries do not list ("to take").
            Pos::Verb(VForm::Base)
        } else if starts_upper(w) && (i > 0 || lexicon.starts_actor(&super::dict::upper(w))) && !all_caps {
            Pos::Proper
        } else if lower.ends_with("ly") && lower.len() > 4 {
            // "a deadly attack", "the early elections": after a determiner an -ly word is an adjective.
            if matches!(prev, Some(Pos::Det | Pos::Adj | Pos::Num | Pos::Poss)) { Pos::Adj } else { Pos::Adv }
        } else if lower.ends_with("ed") && lower.len() > 4 && matches!(prev, Some(Pos::Noun | Pos::Proper | Pos::Pron))
        {
            Pos::Verb(VForm::Past)
        } else if lower.ends_with("ed") && lower.len() > 4 && matches!(prev, Some(Pos::Aux | Pos::Neg)) {
            Pos::Verb(VForm::Participle)
        } else if lower.ends_with("ing")
            && lower.len() > 5
            && (matches!(prev, Some(Pos::Aux))
                || (matches!(prev, None | Some(Pos::Comma | Pos::Conj | Pos::Sub | Pos::Prep))
                    && next_lower.as_deref().is_some_and(|x| matches!(closed_class(x), Some(Pos::Det | Pos::Prep))))
                || (matches!(prev, Some(Pos::Prep)) && words.get(i + 1).is_some_and(|x| !is_function(x))))
        {
            // "…, scaling a pole and unfurling banners": a participle clause, not a noun.
            Pos::Verb(VForm::Gerund)
        } else if lexicon.starts_agent(&super::dict::upper(w))
            && words
                .get(i + 1)
                .is_none_or(|x| is_function(x) || (is_verb(i + 1) && verb_form(&x.to_lowercase()) == VForm::Past))
        {
            // "a senior official said", "the militants": a role word heading its group is a noun, whatever
            // its ending.
            Pos::Noun
        } else if ["ous", "ful", "ive", "al", "ic", "ian", "ese", "ish", "less", "able", "ible", "ary", "ern", "ed"]
            .iter()
            .any(|s| lower.ends_with(s) && lower.len() > s.len() + 2)
        {
            Pos::Adj
        } else {
            Pos::Noun
        };
        tags.push(tag);
    }
    tags
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_function(w: &str) -> bool {
    closed_class(&w.to_lowercase()).is_some() || !w.chars().any(char::is_alphanumeric)
}

/// The form of a verb word from its ending.
pub fn verb_form(lower: &str) -> VForm {
    if lower.ends_with("ing") {
        VForm::Gerund
    } else if IRREGULAR_PARTICIPLES.contains(&lower) {
        VForm::Participle
    } else if lower.ends_with("ed") || lower.ends_with("en") || IRREGULAR_PAST.contains(&lower) {
        VForm::Past
    } else if lower.ends_with('s') && !lower.ends_with("ss") {
        VForm::Pres3
    } else {
        VForm::Base
    }
}

/// Adjectives that follow verbs ("shot dead", "held responsible") and would otherwise be read as nouns.
const PREDICATE_ADJECTIVES: &[&str] = &[
    "dead",
    "alive",
    "injured",
    "wounded",
    "missing",
    "responsible",
    "guilty",
    "innocent",
    "ready",
    "able",
    "unable",
    "close",
    "free",
    "safe",
    "open",
    "clear",
    "available",
    "possible",
    "necessary",
    "willing",
    "unwilling",
    "aware",
    "unaware",
    "likely",
    "unlikely",
];

/// Irregular past participles that are not also past tenses ("was blown up", "has been shown").
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "blown",
    "shown",
    "thrown",
    "drawn",
    "grown",
    "known",
    "flown",
    "sworn",
    "torn",
    "worn",
    "born",
    "borne",
    "seen",
    "done",
    "gone",
    "given",
    "taken",
    "written",
    "driven",
    "broken",
    "spoken",
    "chosen",
    "frozen",
    "stolen",
    "beaten",
    "eaten",
    "fallen",
    "forgotten",
    "gotten",
    "hidden",
    "ridden",
    "risen",
    "shaken",
    "bitten",
    "slain",
    "undertaken",
    "overtaken",
    "withdrawn",
    "forbidden",
    "forgiven",
    "mistaken",
    "begun",
    "sung",
    "sunk",
    "swum",
];

/// Common irregular past forms (the dictionaries list the rest as forms of their verbs).
const IRREGULAR_PAST: &[&str] = &[
    "met",
    "left",
    "said",
    "told",
    "held",
    "made",
    "gave",
    "took",
    "sent",
    "brought",
    "began",
    "broke",
    "fought",
    "sought",
    "shot",
    "won",
    "lost",
    "paid",
    "sold",
    "led",
    "fled",
    "struck",
    "threw",
    "saw",
    "went",
    "came",
    "put",
    "set",
    "cut",
    "hit",
    "spoke",
    "stood",
    "kept",
    "felt",
    "found",
    "built",
    "spent",
    "lent",
    "withdrew",
    "drove",
    "rose",
    "fell",
    "bore",
    "tore",
    "swore",
    "wrote",
    "ran",
    "read",
    "heard",
    "meant",
    "understood",
    "forbade",
    "undertook",
    "overtook",
    "overcame",
    "became",
    "thought",
    "bought",
    "caught",
    "taught",
    "hid",
];

/// What a chunk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkKind {
    /// A noun group (determiners, adjectives, nouns, names, possessives).
    Noun,
    /// A verb group (auxiliaries, modals, negation, adverbs, the verb, particles).
    Verb,
    /// A preposition.
    Prep,
    /// Infinitival "to".
    To,
    /// Coordinating conjunction.
    Conj,
    /// Subordinator or relative word.
    Sub,
    /// Comma.
    Comma,
    /// Other punctuation.
    Punct,
    /// Anything else (a free adverb).
    Other,
}

/// A chunk: tokens `start..end` of the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    /// What it is.
    pub kind: ChunkKind,
    /// First token.
    pub start: usize,
    /// End token (exclusive).
    pub end: usize,
}

/// Groups tagged tokens into chunks.
pub fn chunks(tags: &[Pos]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let n = tags.len();
    let mut i = 0;
    while i < n {
        let t = tags[i];
        let start = i;
        let kind = match t {
            Pos::Det | Pos::Adj | Pos::Noun | Pos::Proper | Pos::Num | Pos::Pron | Pos::Poss => {
                i += 1;
                while i < n {
                    match tags[i] {
                        Pos::Det | Pos::Adj | Pos::Noun | Pos::Proper | Pos::Num | Pos::Poss => i += 1,
                        // A participle or adverb inside a noun group: "the affected villages", "very senior".
                        Pos::Verb(VForm::Participle | VForm::Gerund | VForm::Past) | Pos::Adv
                            if i + 1 < n
                                && matches!(tags[i + 1], Pos::Noun | Pos::Adj | Pos::Proper)
                                && matches!(tags[i - 1], Pos::Det | Pos::Adj | Pos::Num | Pos::Poss | Pos::Adv) =>
                        {
                            i += 1
                        }
                        _ => break,
                    }
                }
                ChunkKind::Noun
            }
            Pos::Aux | Pos::Modal | Pos::Neg | Pos::Verb(_) => {
                i += 1;
                while i < n {
                    match tags[i] {
                        Pos::Aux | Pos::Modal | Pos::Neg | Pos::Verb(_) => i += 1,
                        Pos::Adv
                            if i + 1 < n && matches!(tags[i + 1], Pos::Verb(_) | Pos::Neg | Pos::Aux | Pos::Adv) =>
                        {
                            i += 1
                        }
                        Pos::Particle => i += 1,
                        _ => break,
                    }
                }
                ChunkKind::Verb
            }
            Pos::Adv if i + 1 < n && matches!(tags[i + 1], Pos::Aux | Pos::Modal | Pos::Neg | Pos::Verb(_)) => {
                // An adverb before a verb group belongs to it ("again appealed").
                i += 1;
                continue_verb(tags, &mut i);
                ChunkKind::Verb
            }
            Pos::Prep => {
                i += 1;
                ChunkKind::Prep
            }
            Pos::To => {
                i += 1;
                ChunkKind::To
            }
            Pos::Conj => {
                i += 1;
                ChunkKind::Conj
            }
            Pos::Sub => {
                i += 1;
                ChunkKind::Sub
            }
            Pos::Comma => {
                i += 1;
                ChunkKind::Comma
            }
            Pos::Punct => {
                i += 1;
                ChunkKind::Punct
            }
            Pos::Adv | Pos::Particle => {
                i += 1;
                ChunkKind::Other
            }
        };
        out.push(Chunk { kind, start, end: i });
    }
    out
}

fn continue_verb(tags: &[Pos], i: &mut usize) {
    while *i < tags.len() {
        match tags[*i] {
            Pos::Aux | Pos::Modal | Pos::Neg | Pos::Verb(_) | Pos::Particle => *i += 1,
            Pos::Adv
                if *i + 1 < tags.len() && matches!(tags[*i + 1], Pos::Verb(_) | Pos::Neg | Pos::Aux | Pos::Adv) =>
            {
                *i += 1
            }
            _ => break,
        }
    }
}
