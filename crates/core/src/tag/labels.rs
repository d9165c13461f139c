//! The tag sets: Penn Treebank parts of speech, chunk kinds, CoNLL entity types.

/// A Penn Treebank part-of-speech tag, as in the CoNLL-2003 files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
#[allow(missing_docs)]
pub enum Pos {
    CC,
    CD,
    DT,
    EX,
    FW,
    IN,
    JJ,
    JJR,
    JJS,
    LS,
    MD,
    NN,
    NNS,
    NNP,
    NNPS,
    PDT,
    POS,
    PRP,
    PRPS,
    RB,
    RBR,
    RBS,
    RP,
    SYM,
    TO,
    UH,
    VB,
    VBD,
    VBG,
    VBN,
    VBP,
    VBZ,
    WDT,
    WP,
    WPS,
    WRB,
    /// `.`, `!`, `?`
    Period,
    /// `,`
    Comma,
    /// `:`, `;`, `-`, `--`, `...`
    Colon,
    /// `(`, `[`, `{`
    LeftBracket,
    /// `)`, `]`, `}`
    RightBracket,
    /// A straight double quote, as CoNLL writes every quote.
    Quote,
    /// `` `` ``
    OpenQuote,
    /// `''`
    CloseQuote,
    /// `$`
    Dollar,
    /// `#`
    Hash,
}

impl Pos {
    /// Every tag, in discriminant order.
    pub const ALL: [Pos; 46] = [
        Pos::CC,
        Pos::CD,
        Pos::DT,
        Pos::EX,
        Pos::FW,
        Pos::IN,
        Pos::JJ,
        Pos::JJR,
        Pos::JJS,
        Pos::LS,
        Pos::MD,
        Pos::NN,
        Pos::NNS,
        Pos::NNP,
        Pos::NNPS,
        Pos::PDT,
        Pos::POS,
        Pos::PRP,
        Pos::PRPS,
        Pos::RB,
        Pos::RBR,
        Pos::RBS,
        Pos::RP,
        Pos::SYM,
        Pos::TO,
        Pos::UH,
        Pos::VB,
        Pos::VBD,
        Pos::VBG,
        Pos::VBN,
        Pos::VBP,
        Pos::VBZ,
        Pos::WDT,
        Pos::WP,
        Pos::WPS,
        Pos::WRB,
        Pos::Period,
        Pos::Comma,
        Pos::Colon,
        Pos::LeftBracket,
        Pos::RightBracket,
        Pos::Quote,
        Pos::OpenQuote,
        Pos::CloseQuote,
        Pos::Dollar,
        Pos::Hash,
    ];

    /// The tag as the Penn Treebank writes it ("NNP", "PRP$", ",").
    pub const fn as_str(self) -> &'static str {
        match self {
            Pos::CC => "CC",
            Pos::CD => "CD",
            Pos::DT => "DT",
            Pos::EX => "EX",
            Pos::FW => "FW",
            Pos::IN => "IN",
            Pos::JJ => "JJ",
            Pos::JJR => "JJR",
            Pos::JJS => "JJS",
            Pos::LS => "LS",
            Pos::MD => "MD",
            Pos::NN => "NN",
            Pos::NNS => "NNS",
            Pos::NNP => "NNP",
            Pos::NNPS => "NNPS",
            Pos::PDT => "PDT",
            Pos::POS => "POS",
            Pos::PRP => "PRP",
            Pos::PRPS => "PRP$",
            Pos::RB => "RB",
            Pos::RBR => "RBR",
            Pos::RBS => "RBS",
            Pos::RP => "RP",
            Pos::SYM => "SYM",
            Pos::TO => "TO",
            Pos::UH => "UH",
            Pos::VB => "VB",
            Pos::VBD => "VBD",
            Pos::VBG => "VBG",
            Pos::VBN => "VBN",
            Pos::VBP => "VBP",
            Pos::VBZ => "VBZ",
            Pos::WDT => "WDT",
            Pos::WP => "WP",
            Pos::WPS => "WP$",
            Pos::WRB => "WRB",
            Pos::Period => ".",
            Pos::Comma => ",",
            Pos::Colon => ":",
            Pos::LeftBracket => "(",
            Pos::RightBracket => ")",
            Pos::Quote => "\"",
            Pos::OpenQuote => "``",
            Pos::CloseQuote => "''",
            Pos::Dollar => "$",
            Pos::Hash => "#",
        }
    }

    /// The tag written `s` ("NN|SYM", an ambiguity the CoNLL files keep, reads as its first tag).
    pub fn parse(s: &str) -> Option<Pos> {
        let s = s.split('|').next().unwrap_or(s);
        let s = match s {
            "-LRB-" => "(",
            "-RRB-" => ")",
            other => other,
        };
        Pos::ALL.iter().copied().find(|p| p.as_str() == s)
    }

    /// Common or proper noun, singular or plural.
    pub const fn is_noun(self) -> bool {
        matches!(self, Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS)
    }

    /// Proper noun.
    pub const fn is_proper_noun(self) -> bool {
        matches!(self, Pos::NNP | Pos::NNPS)
    }

    /// Any verb form, modals included.
    pub const fn is_verb(self) -> bool {
        matches!(self, Pos::VB | Pos::VBD | Pos::VBG | Pos::VBN | Pos::VBP | Pos::VBZ | Pos::MD)
    }
}

/// The kind of a chunk (a flat, non-recursive phrase), as in CoNLL-2000/2003.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum ChunkKind {
    /// Noun phrase ("the European Commission").
    NP,
    /// Verb group ("has been asked").
    VP,
    /// Preposition ("on", "because of").
    PP,
    /// Adjective phrase.
    ADJP,
    /// Adverb phrase.
    ADVP,
    /// Subordinating conjunction ("that", "because").
    SBAR,
    /// Verb particle ("up" in "set up").
    PRT,
    /// Conjunction phrase ("as well as").
    CONJP,
    /// Interjection.
    INTJ,
    /// List marker.
    LST,
    /// Unlike coordinated phrase.
    UCP,
}

impl ChunkKind {
    /// Every kind.
    pub const ALL: [ChunkKind; 11] = [
        ChunkKind::NP,
        ChunkKind::VP,
        ChunkKind::PP,
        ChunkKind::ADJP,
        ChunkKind::ADVP,
        ChunkKind::SBAR,
        ChunkKind::PRT,
        ChunkKind::CONJP,
        ChunkKind::INTJ,
        ChunkKind::LST,
        ChunkKind::UCP,
    ];

    /// The kind as CoNLL writes it ("NP").
    pub const fn as_str(self) -> &'static str {
        match self {
            ChunkKind::NP => "NP",
            ChunkKind::VP => "VP",
            ChunkKind::PP => "PP",
            ChunkKind::ADJP => "ADJP",
            ChunkKind::ADVP => "ADVP",
            ChunkKind::SBAR => "SBAR",
            ChunkKind::PRT => "PRT",
            ChunkKind::CONJP => "CONJP",
            ChunkKind::INTJ => "INTJ",
            ChunkKind::LST => "LST",
            ChunkKind::UCP => "UCP",
        }
    }

    /// The kind written `s`.
    pub fn parse(s: &str) -> Option<ChunkKind> {
        ChunkKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

/// A CoNLL-2003 entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum EntityKind {
    /// A person.
    PER,
    /// An organisation.
    ORG,
    /// A location (country, city, region, …).
    LOC,
    /// Another name: nationalities, events, works, products …
    MISC,
}

impl EntityKind {
    /// Every type.
    pub const ALL: [EntityKind; 4] = [EntityKind::PER, EntityKind::ORG, EntityKind::LOC, EntityKind::MISC];

    /// The type as CoNLL writes it ("PER").
    pub const fn as_str(self) -> &'static str {
        match self {
            EntityKind::PER => "PER",
            EntityKind::ORG => "ORG",
            EntityKind::LOC => "LOC",
            EntityKind::MISC => "MISC",
        }
    }

    /// The type written `s`.
    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, p) in Pos::ALL.iter().enumerate() {
            assert_eq!(*p as usize, i);
            assert_eq!(Pos::parse(p.as_str()), Some(*p));
        }
        assert_eq!(Pos::parse("NN|SYM"), Some(Pos::NN));
        assert_eq!(Pos::parse("-X-"), None);
        for k in ChunkKind::ALL {
            assert_eq!(ChunkKind::parse(k.as_str()), Some(k));
        }
        for k in EntityKind::ALL {
            assert_eq!(EntityKind::parse(k.as_str()), Some(k));
        }
    }
}
