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

/// A chain of noun phrases joined by "of" and commas ("the menswear of new york city, the menswear of …"): the
/// event coder parsed the rest of the chain twice at every step, which doubled its work with each step (found as a
/// check that did not end). The bound is no speed target: the coder is linear here, and the bug took hours.
#[test]
fn a_chain_of_of_phrases_and_commas() {
    let text = "the menswear of new york city, ".repeat(60) + "the agency said.";
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        check(&text, None);
        let _ = sender.send(());
    });
    let done = receiver.recv_timeout(std::time::Duration::from_secs(300));
    assert!(done.is_ok(), "no record after 300 s");
}

/// The title's mentions come first, with offsets into the title: an event's actor entity was looked up by offset
/// as if every mention were in the text, so it changed with the offset unit when the title held non-ASCII text.
#[test]
fn an_event_actor_with_a_title_before_it() {
    let text = "e.g.\nｆｕｌｌ Dr.\nIran\nsaid his\tParis. the company ";
    let checker = Checker::new().unwrap_or_else(|e| panic!("{e}"));
    let document = Document { title: Some("the the ministerMasoud Pezeshkian ".into()), ..Document::new(text) };
    if let Err(why) = checker.check(&document) {
        panic!("{why}");
    }
    check("Iran’s minister – Tehran. Iran said it would talk.", None);
    let titled =
        Document { title: Some("Iran – “talks” in Baghdad".into()), ..Document::new("Iran said it would talk.") };
    checker.check(&titled).unwrap_or_else(|why| panic!("{why}"));
}
