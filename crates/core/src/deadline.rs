//! The deadline of the extraction running on this thread (`Extractor::extract_until`): past it, the stages stop
//! early and the extraction fails with `Error::DeadlinePassed`, so a caller with a time limit (the server's
//! `--timeout`) has its thread back within a bounded time, not when the document is done.
//!
//! The deadline lives with the thread rather than in every stage's arguments: the stages' long loops (over
//! sentences) ask [`passed`] and stop, and the pipeline, which asks [`check`] after each stage, drops what a
//! stage cut short. Asking costs a clock read, once a sentence.

use std::cell::Cell;
use std::time::Instant;

use crate::{Error, Result};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Sets this thread's deadline while it lives; restores the one before when dropped (also when unwinding).
pub(crate) struct Scope {
    before: Option<Instant>,
}

impl Scope {
    pub(crate) fn new(deadline: Option<Instant>) -> Scope {
        Scope { before: DEADLINE.replace(deadline) }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        DEADLINE.set(self.before);
    }
}

/// True once the deadline of the extraction running on this thread has passed (never when it has none).
pub(crate) fn passed() -> bool {
    DEADLINE.get().is_some_and(|deadline| Instant::now() >= deadline)
}

/// `Err(DeadlinePassed)` naming `stage` (the one that was running) once the deadline has passed.
pub(crate) fn check(stage: &'static str) -> Result<()> {
    if passed() { Err(Error::DeadlinePassed { stage }) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_scope_sets_the_deadline_and_restores_the_one_before() {
        assert!(!passed());
        {
            let _outer = Scope::new(Some(Instant::now()));
            assert!(passed());
            assert!(matches!(check("tagger"), Err(Error::DeadlinePassed { stage: "tagger" })));
            {
                let _inner = Scope::new(Some(Instant::now() + Duration::from_secs(3600)));
                assert!(!passed());
            }
            assert!(passed());
        }
        assert!(!passed() && check("tagger").is_ok());
    }
}
