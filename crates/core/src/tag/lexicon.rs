//! The taggers' word knowledge beyond the training data: word clusters learned from unlabeled news and a
//! gazetteer of names and cue words (countries, cities, demonyms, organisation words …).
//!
//! Both are looked up by the hash of a word's folded form (`fold`): lower case, digits as `0`.

use serde::{Deserialize, Serialize};

use super::hash::{combine, hash_str};
use super::table::KeyMap;

/// What a gazetteer phrase is; a phrase may be several at once (bit `1 << kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum GazKind {
    /// A country name ("Iran", "United States").
    Country = 0,
    /// A city or town.
    City = 1,
    /// A state, province or other first-level division.
    Region = 2,
    /// A continent or world region ("Europe", "Middle East").
    Area = 3,
    /// A country demonym or adjective ("Iranian", "Britons").
    Demonym = 4,
    /// A religious, ethnic or political group ("Shiite", "Kurds").
    Group = 5,
    /// A word that organisation names contain ("Bank", "Inc", "Ministry").
    OrgWord = 6,
    /// A title or role before a person's name ("President", "Mr").
    PersonTitle = 7,
    /// A given name ("Maria").
    GivenName = 8,
    /// A month or weekday name: capitalized, but not a name in the CoNLL sense.
    Calendar = 9,
    /// A well-known company, news outlet or web service ("Facebook", "Reuters", "Goldman Sachs"): web text names
    /// many that 1996 Reuters never saw.
    Company = 10,
}

impl GazKind {
    /// Every kind, in bit order.
    pub const ALL: [GazKind; 11] = [
        GazKind::Country,
        GazKind::City,
        GazKind::Region,
        GazKind::Area,
        GazKind::Demonym,
        GazKind::Group,
        GazKind::OrgWord,
        GazKind::PersonTitle,
        GazKind::GivenName,
        GazKind::Calendar,
        GazKind::Company,
    ];

    /// The kind's bit in a phrase's kind mask.
    pub const fn bit(self) -> u16 {
        1 << self as u8
    }
}

/// Marks a stored key as the proper prefix of a longer phrase, so matching knows when to keep reading.
pub const PREFIX_BIT: u16 = 1 << 15;

/// Writes the folded form of `word` into `buf` (lower case, every digit as `0`) and returns it.
pub fn fold<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if word.is_ascii() {
        buf.extend(word.bytes().map(|b| if b.is_ascii_digit() { '0' } else { b.to_ascii_lowercase() as char }));
    } else {
        for c in word.chars() {
            if c.is_numeric() {
                buf.push('0');
            } else {
                buf.extend(c.to_lowercase());
            }
        }
    }
    buf
}

/// The key of a phrase given the hashes of its folded words.
pub fn phrase_key(word_hashes: &[u64]) -> u64 {
    let mut h = 0x5EED;
    for &w in word_hashes {
        h = combine(h, w);
    }
    if h == 0 { 1 } else { h }
}

/// What the unlabeled corpora say about a word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordInfo {
    /// Its cluster at each level, coarse to fine (ids start at 1; all 0 when not clustered).
    pub clusters: [u16; 3],
    /// How often it is capitalized inside mixed-case sentences (not first): 0 unknown, then 1 (almost never)
    /// to 6 (almost always); see `capitalized_bucket`.
    pub capitalized: u8,
}

/// The bucket of a word capitalized `cap` times in `seen` occurrences inside mixed-case sentences.
pub fn capitalized_bucket(cap: u64, seen: u64) -> u8 {
    if seen == 0 {
        return 0;
    }
    let p = cap as f64 / seen as f64;
    match p {
        p if p < 0.02 => 1,
        p if p < 0.2 => 2,
        p if p < 0.5 => 3,
        p if p < 0.8 => 4,
        p if p < 0.98 => 5,
        _ => 6,
    }
}

/// The stored form of a `Lexicon` (postcard).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LexiconFile {
    /// Where the clusters and the gazetteer come from.
    pub provenance: String,
    /// Hash of each known folded word.
    pub words: Vec<u64>,
    /// What is known of it.
    pub info: Vec<WordInfo>,
    /// Phrase keys (`phrase_key`), prefixes included.
    pub phrases: Vec<u64>,
    /// Kind bits of each phrase (`GazKind::bit`, `PREFIX_BIT`).
    pub phrase_kinds: Vec<u16>,
    /// Longest phrase, in words.
    pub max_phrase_words: u8,
}

impl LexiconFile {
    /// A lexicon file from word facts (folded word → info) and phrases (folded words → kind bits).
    pub fn build<'w>(
        provenance: String,
        words: impl IntoIterator<Item = (&'w str, WordInfo)>,
        phrases: impl IntoIterator<Item = (Vec<String>, u16)>,
    ) -> LexiconFile {
        let mut file = LexiconFile { provenance, ..LexiconFile::default() };
        let mut buf = String::new();
        let mut cl: Vec<(u64, WordInfo)> = words.into_iter().map(|(w, c)| (hash_str(fold(w, &mut buf)), c)).collect();
        cl.sort_unstable_by_key(|(k, _)| *k);
        cl.dedup_by_key(|(k, _)| *k);
        (file.words, file.info) = cl.into_iter().unzip();
        let mut kinds = std::collections::BTreeMap::<u64, u16>::new();
        for (words, bits) in phrases {
            if words.is_empty() || words.len() > 255 {
                continue;
            }
            let hashes: Vec<u64> = words.iter().map(|w| hash_str(fold(w, &mut buf))).collect();
            for k in 1..hashes.len() {
                *kinds.entry(phrase_key(&hashes[..k])).or_default() |= PREFIX_BIT;
            }
            *kinds.entry(phrase_key(&hashes)).or_default() |= bits;
            file.max_phrase_words = file.max_phrase_words.max(words.len() as u8);
        }
        (file.phrases, file.phrase_kinds) = kinds.into_iter().unzip();
        file
    }
}

/// Word clusters and gazetteer, indexed.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: KeyMap<WordInfo>,
    phrases: KeyMap<u16>,
    max_phrase_words: usize,
    provenance: String,
}

impl Lexicon {
    /// Indexes a stored lexicon.
    pub fn from_file(file: LexiconFile) -> Result<Lexicon, String> {
        if file.words.len() != file.info.len() || file.phrases.len() != file.phrase_kinds.len() {
            return Err("lexicon tables have different lengths".into());
        }
        Ok(Lexicon {
            words: KeyMap::new(file.words.into_iter().zip(file.info)),
            phrases: KeyMap::new(file.phrases.into_iter().zip(file.phrase_kinds)),
            max_phrase_words: usize::from(file.max_phrase_words),
            provenance: file.provenance,
        })
    }

    /// Decodes a postcard-encoded `LexiconFile`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Lexicon, String> {
        Lexicon::from_file(postcard::from_bytes(bytes).map_err(|e| e.to_string())?)
    }

    /// What the corpora say about the word whose folded form has this hash.
    #[inline]
    pub fn word(&self, folded_hash: u64) -> WordInfo {
        self.words.get(folded_hash).unwrap_or_default()
    }

    /// What the corpora say about a word as written.
    pub fn word_info(&self, word: &str) -> WordInfo {
        let mut buf = String::new();
        self.word(hash_str(fold(word, &mut buf)))
    }

    /// The kind bits of a phrase key (with `PREFIX_BIT` when longer phrases start with it).
    #[inline]
    pub fn phrase(&self, key: u64) -> u16 {
        self.phrases.get(key).unwrap_or(0)
    }

    /// The gazetteer kinds of a phrase given as words (`GazKind::bit`s; 0 when unknown).
    pub fn phrase_kinds(&self, words: &[&str]) -> u16 {
        let mut buf = String::new();
        let hashes: Vec<u64> = words.iter().map(|w| hash_str(fold(w, &mut buf))).collect();
        self.phrase(phrase_key(&hashes)) & !PREFIX_BIT
    }

    /// Longest phrase, in words.
    pub fn max_phrase_words(&self) -> usize {
        self.max_phrase_words
    }

    /// Where the lexicon comes from.
    pub fn provenance(&self) -> &str {
        &self.provenance
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_and_prefixes() {
        let file = LexiconFile::build(
            "test".into(),
            [("Paris", WordInfo { clusters: [1, 2, 3], capitalized: 6 })],
            [(vec!["United".into(), "States".into()], GazKind::Country.bit())],
        );
        let lex = Lexicon::from_file(file).unwrap_or_default();
        let h = |w: &str| hash_str(fold(w, &mut String::new()));
        assert_eq!(lex.word(h("PARIS")).clusters, [1, 2, 3]);
        assert_eq!(lex.word(h("London")), WordInfo::default());
        assert_eq!(capitalized_bucket(99, 100), 6);
        assert_eq!(capitalized_bucket(0, 0), 0);
        assert_eq!(lex.phrase(phrase_key(&[h("united")])), PREFIX_BIT);
        assert_eq!(lex.phrase(phrase_key(&[h("UNITED"), h("states")])), GazKind::Country.bit());
        assert_eq!(fold("Top-10 Ärzte", &mut String::new()), "top-00 ärzte");
    }
}
