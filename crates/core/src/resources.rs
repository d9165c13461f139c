//! The data the stages run on (tagger weights, given names, gazetteer, event dictionaries, tone and theme tables) and the one
//! loader that reads it: from the library itself (feature `embedded`, on by default) or from a directory of files
//! that `cargo xtask resources` and `cargo xtask train` write.
//!
//! Every file starts with a header (see [`file`]): a magic number, the file's name and its format version. A file
//! of another version than this build reads is refused with an error that says which, instead of being decoded
//! into nonsense.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use crate::coref::GivenNames;
use crate::events;
use crate::geo::Gazetteer;
use crate::parse::Parser;
use crate::summary::{Summarizer, themes::ThemeTable, tone};
use crate::tag::Tagger;
use crate::{Error, Result};

/// Everything an [`Extractor`](crate::Extractor) reads besides the document. Cheap to clone (the parts are
/// shared), `Send + Sync`: load once, give it to as many extractors as you like.
///
/// ```
/// # fn main() -> Result<(), gleaner_core::Error> {
/// use gleaner_core::{Document, Extractor, Resources, Stages};
///
/// // The files `cargo xtask resources` and `cargo xtask train` write, e.g. a retrained tagger.
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/resources");
/// let extractor = Extractor::builder().resources(Resources::from_dir(dir)?).stages(Stages::names_and_places()).build()?;
/// let out = extractor.extract(&Document::new("Iran's president arrived in Baghdad on Wednesday."))?;
/// assert!(out.entities.iter().any(|e| e.place.is_some()));
/// assert!(out.events.is_empty()); // not asked for
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Resources {
    pub(crate) tagger: Arc<Tagger>,
    given_names: Held<GivenNames>,
    gazetteer: Held<Gazetteer>,
    events: Held<events::Resources>,
    parser: Held<Parser>,
    tone: Held<tone::Lexicon>,
    themes: Held<ThemeTable>,
}

/// A part of the resources: decoded, or the embedded one, decoded when a stage first reads it (an extractor of
/// names alone never decodes the gazetteer, the event dictionaries, the parser nor the summary's tables, and
/// the whole pipeline reads the parser only when the parse runs).
#[derive(Debug)]
enum Held<T> {
    Decoded(Arc<T>),
    #[cfg(feature = "embedded")]
    Embedded,
}

impl<T> Clone for Held<T> {
    fn clone(&self) -> Self {
        match self {
            Held::Decoded(part) => Held::Decoded(part.clone()),
            #[cfg(feature = "embedded")]
            Held::Embedded => Held::Embedded,
        }
    }
}

impl<T: Part> Held<T> {
    /// The part of the files of `dir`.
    fn from_dir(dir: &Path) -> Result<Self> {
        from_dir(dir).map(|part| Held::Decoded(Arc::new(part)))
    }

    fn get(&self) -> Result<&T> {
        match self {
            Held::Decoded(part) => Ok(part),
            #[cfg(feature = "embedded")]
            Held::Embedded => embedded::<T>().map(|part| &**part),
        }
    }
}

impl Resources {
    /// The files a resource directory holds, by these names.
    pub const FILES: &'static [&'static str] = &[
        "tag-lexicon.bin",
        "tag-pos.bin",
        "tag-chunk.bin",
        "tag-ner.bin",
        "parse.bin",
        "coref-names.bin",
        "gazetteer.fst",
        "gazetteer.bin",
        "events.bin",
        "summary-tone.bin",
        "summary-themes.bin",
    ];

    /// The resources compiled into the library, decoded on first use and shared by every caller in the process:
    /// the taggers now, each other part when a stage first reads it (an [`Extractor`](crate::Extractor) decodes
    /// the parts its stages read when it is built).
    #[cfg(feature = "embedded")]
    pub fn embedded() -> Result<Resources> {
        Ok(Resources {
            tagger: embedded::<Tagger>()?.clone(),
            parser: Held::Embedded,
            given_names: Held::Embedded,
            gazetteer: Held::Embedded,
            events: Held::Embedded,
            tone: Held::Embedded,
            themes: Held::Embedded,
        })
    }

    /// The resources in a directory holding every file of [`Resources::FILES`] (a copy of
    /// `crates/core/resources/` with some files rebuilt, for instance by `cargo xtask train --out DIR`).
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Resources> {
        let dir = dir.as_ref();
        Ok(Resources {
            tagger: Arc::new(from_dir(dir)?),
            parser: Held::from_dir(dir)?,
            given_names: Held::from_dir(dir)?,
            gazetteer: Held::from_dir(dir)?,
            events: Held::from_dir(dir)?,
            tone: Held::from_dir(dir)?,
            themes: Held::from_dir(dir)?,
        })
    }

    /// The parser.
    pub(crate) fn parser(&self) -> Result<&Parser> {
        self.parser.get()
    }

    /// Coreference's given names.
    pub(crate) fn given_names(&self) -> Result<&GivenNames> {
        self.given_names.get()
    }

    /// The gazetteer.
    pub(crate) fn gazetteer(&self) -> Result<&Gazetteer> {
        self.gazetteer.get()
    }

    /// The event dictionaries.
    pub(crate) fn events(&self) -> Result<&events::Resources> {
        self.events.get()
    }

    /// The summary stage with these resources.
    pub(crate) fn summarizer(&self) -> Result<Summarizer<'_>> {
        Ok(Summarizer::new(self.tone.get()?, self.themes.get()?))
    }
}

/// A part of the resources: the files it is decoded from, and how.
pub(crate) trait Part: Sized + Send + Sync + 'static {
    /// Its files, in the order `decode` takes their payloads.
    const FILES: &'static [&'static str];
    /// The part from its files' payloads (headers checked and removed).
    fn decode(payloads: Vec<Cow<'static, [u8]>>) -> Result<Self>;
    /// Where the embedded part is kept once decoded.
    #[cfg(feature = "embedded")]
    fn cell() -> &'static std::sync::OnceLock<Result<Arc<Self>>>;
}

/// Declares a part: its files and how their payloads decode.
macro_rules! part {
    ($ty:ty, [$($file:literal),+], |$payloads:ident| $decode:expr) => {
        impl Part for $ty {
            const FILES: &'static [&'static str] = &[$($file),+];
            fn decode($payloads: Vec<Cow<'static, [u8]>>) -> Result<Self> {
                $decode
            }
            #[cfg(feature = "embedded")]
            fn cell() -> &'static std::sync::OnceLock<Result<Arc<Self>>> {
                static CELL: std::sync::OnceLock<Result<Arc<$ty>>> = std::sync::OnceLock::new();
                &CELL
            }
        }
    };
}

part!(Tagger, ["tag-lexicon.bin", "tag-pos.bin", "tag-chunk.bin", "tag-ner.bin"], |p| {
    Tagger::from_bytes(&p[0], &p[1], &p[2], &p[3])
});
part!(Parser, ["parse.bin"], |p| Parser::from_bytes(&p[0]));
part!(GivenNames, ["coref-names.bin"], |p| GivenNames::decode(&p[0]));
part!(Gazetteer, ["gazetteer.fst", "gazetteer.bin"], |p| {
    let mut p = p.into_iter();
    let (fst, tables) = (p.next().unwrap_or_default(), p.next().unwrap_or_default());
    Gazetteer::from_bytes(fst, &tables)
});
part!(events::Resources, ["events.bin"], |p| events::Resources::from_bytes(&p[0]));
part!(tone::Lexicon, ["summary-tone.bin"], |p| tone::Lexicon::decode(&p[0]));
part!(ThemeTable, ["summary-themes.bin"], |p| ThemeTable::decode(&p[0]));

/// The embedded part `T`, decoded once per process.
#[cfg(feature = "embedded")]
pub(crate) fn embedded<T: Part>() -> Result<&'static Arc<T>> {
    T::cell()
        .get_or_init(|| {
            let payloads = T::FILES
                .iter()
                .map(|name| {
                    let bytes = EMBEDDED.iter().find(|(n, _)| n == name).map_or(&[][..], |(_, b)| b);
                    file::payload(name, bytes).map(Cow::Borrowed)
                })
                .collect::<Result<Vec<_>>>()?;
            T::decode(payloads).map(Arc::new)
        })
        .as_ref()
        .map_err(Error::clone)
}

/// Part `T` from the files of `dir`.
fn from_dir<T: Part>(dir: &Path) -> Result<T> {
    let payloads = T::FILES
        .iter()
        .map(|name| {
            let path = dir.join(name);
            let mut bytes = std::fs::read(&path).map_err(|e| {
                Error::resource(*name, std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
            })?;
            let header = bytes.len() - file::payload(name, &bytes)?.len();
            bytes.drain(..header);
            Ok(Cow::Owned(bytes))
        })
        .collect::<Result<Vec<_>>>()?;
    T::decode(payloads)
}

/// The files compiled into the library.
#[cfg(feature = "embedded")]
static EMBEDDED: &[(&str, &[u8])] = &[
    ("tag-lexicon.bin", include_bytes!("../resources/tag-lexicon.bin")),
    ("tag-pos.bin", include_bytes!("../resources/tag-pos.bin")),
    ("tag-chunk.bin", include_bytes!("../resources/tag-chunk.bin")),
    ("tag-ner.bin", include_bytes!("../resources/tag-ner.bin")),
    ("parse.bin", include_bytes!("../resources/parse.bin")),
    ("coref-names.bin", include_bytes!("../resources/coref-names.bin")),
    ("gazetteer.fst", include_bytes!("../resources/gazetteer.fst")),
    ("gazetteer.bin", include_bytes!("../resources/gazetteer.bin")),
    ("events.bin", include_bytes!("../resources/events.bin")),
    ("summary-tone.bin", include_bytes!("../resources/summary-tone.bin")),
    ("summary-themes.bin", include_bytes!("../resources/summary-themes.bin")),
];

/// The header of a resource file: what `cargo xtask` writes before a file's payload and the loader checks.
///
/// ```text
/// bytes 0..4    b"GLNR"            magic number
/// bytes 4..8    u32, little-endian format version of this file (see VERSIONS)
/// bytes 8..32   file name, ASCII   "tag-ner.bin", padded with NUL bytes
/// ```
#[doc(hidden)]
pub mod file {
    use crate::{Error, Result};

    /// The magic number that starts every resource file.
    pub const MAGIC: [u8; 4] = *b"GLNR";
    /// Length of the header.
    pub const HEADER: usize = 32;
    const NAME: std::ops::Range<usize> = 8..HEADER;

    /// The format version of every file. Bump a file's version whenever the shape of what xtask writes into it
    /// changes (a field added to a postcard struct, another encoding), so that old files are refused clearly.
    pub const VERSIONS: &[(&str, u32)] = &[
        ("tag-lexicon.bin", 1),
        ("tag-pos.bin", 1),
        ("tag-chunk.bin", 1),
        ("tag-ner.bin", 1),
        ("parse.bin", 1),
        ("coref-names.bin", 1),
        ("gazetteer.fst", 1),
        ("gazetteer.bin", 2),
        ("events.bin", 1),
        ("summary-tone.bin", 1),
        ("summary-themes.bin", 1),
    ];

    fn version(name: &str) -> Result<u32> {
        VERSIONS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, v)| v)
            .ok_or_else(|| Error::resource(name, "not a file this build of gleaner knows"))
    }

    /// The file `name` holding `payload`: the header, then the payload.
    pub fn encode(name: &str, payload: &[u8]) -> Result<Vec<u8>> {
        let version = version(name)?;
        if name.len() > NAME.len() {
            return Err(Error::resource(name, "file name longer than the header's 24 bytes"));
        }
        let mut out = Vec::with_capacity(HEADER + payload.len());
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&version.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.resize(HEADER, 0);
        out.extend_from_slice(payload);
        Ok(out)
    }

    /// The payload of the file `name`, after checking its header.
    pub fn payload<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a [u8]> {
        let expected = version(name)?;
        let bad = |why: String| Err(Error::resource(name, why));
        let Some((header, payload)) = bytes.split_at_checked(HEADER) else {
            return bad(format!("{} bytes: too short to be a gleaner resource file", bytes.len()));
        };
        if header[..4] != MAGIC {
            return bad("not a gleaner resource file, or one written before resource files had a header: \
                        rebuild it with `cargo xtask resources` or `cargo xtask train`"
                .into());
        }
        let written = String::from_utf8_lossy(&header[NAME]).trim_end_matches('\0').to_string();
        if written != name {
            return bad(format!("the file holds {written:?}, not {name:?}"));
        }
        let mut version = [0; 4];
        version.copy_from_slice(&header[4..8]);
        let version = u32::from_le_bytes(version);
        if version != expected {
            return bad(format!(
                "format version {version}, but this build of gleaner reads version {expected}: rebuild the file \
                 with the `cargo xtask` of this version, or use the gleaner it was built for"
            ));
        }
        Ok(payload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error and its sources, as anyhow's `{:#}` prints them.
    fn chain(e: &dyn std::error::Error) -> String {
        let mut out = e.to_string();
        let mut source = e.source();
        while let Some(s) = source {
            out += &format!(": {s}");
            source = s.source();
        }
        out
    }

    #[test]
    fn header_round_trip_and_mismatches() {
        let bytes = file::encode("tag-pos.bin", b"payload").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file::payload("tag-pos.bin", &bytes).ok(), Some(&b"payload"[..]));
        let message = |r: Result<&[u8]>| r.err().map(|e| chain(&e)).unwrap_or_default();
        assert!(message(file::payload("tag-ner.bin", &bytes)).contains("holds \"tag-pos.bin\""));
        let mut newer = bytes.clone();
        newer[4] = 9;
        assert!(
            message(file::payload("tag-pos.bin", &newer)).contains("format version 9"),
            "{}",
            message(file::payload("tag-pos.bin", &newer))
        );
        assert!(
            message(file::payload("tag-pos.bin", b"\x00\x01postcard bytes of an older file......"))
                .contains("not a gleaner resource file")
        );
        assert!(message(file::payload("tag-pos.bin", b"GLNR")).contains("too short"));
        assert!(file::encode("unknown.bin", b"").is_err());
    }

    #[test]
    fn a_missing_or_stale_file_names_itself_and_keeps_its_cause() {
        let dir = std::env::temp_dir().join(format!("gleaner-resources-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let err = Resources::from_dir(&dir).err().unwrap_or_else(|| panic!("an empty directory loads"));
        let Error::Resource { name, source } = &err else { panic!("{err}") };
        assert_eq!(name, "tag-lexicon.bin");
        assert!(source.downcast_ref::<std::io::Error>().is_some(), "{source:?}");
        std::fs::write(dir.join("tag-lexicon.bin"), b"\x05old postcard bytes without a header....")
            .unwrap_or_else(|e| panic!("{e}"));
        let err = Resources::from_dir(&dir).err().map(|e| chain(&e)).unwrap_or_default();
        assert!(err.contains("tag-lexicon.bin") && err.contains("not a gleaner resource file"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn every_file_is_listed_once_with_a_version() {
        for name in Resources::FILES {
            assert_eq!(file::VERSIONS.iter().filter(|(n, _)| n == name).count(), 1, "{name}");
            assert_eq!(EMBEDDED.iter().filter(|(n, _)| n == name).count(), 1, "{name}");
        }
        assert_eq!(file::VERSIONS.len(), Resources::FILES.len());
        let parts: Vec<&str> = [
            Tagger::FILES,
            Parser::FILES,
            GivenNames::FILES,
            Gazetteer::FILES,
            events::Resources::FILES,
            tone::Lexicon::FILES,
            ThemeTable::FILES,
        ]
        .concat();
        assert_eq!(parts, Resources::FILES);
    }
}
