//! Documents the fuzzer found failing, shrunk, kept so that they stay fixed (`cargo xtask fuzz` writes new ones
//! to target/fuzz/failures.jsonl).

use gleaner_core::Document;
use gleaner_fuzz::Checker;

fn check(text: &str, published: Option<&str>) {
    let checker = Checker::new().unwrap_or_else(|e| panic!("{e}"));
    let document = Document { published: published.map(str::to_string), ..Document::new(text) };
    if let Err(why) = checker.check(&document) {
        panic!("{why}\n  document: {document:?}");
    }
}

/// "…" is read as "..."; "Mr." took the first dot and ".." the others, two tokens over one character.
#[test]
fn an_ellipsis_after_an_abbreviation() {
    check("Mr… ", None);
    check("ﬁ… ", None);
}
