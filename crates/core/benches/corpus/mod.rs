//! The texts the benches run on: the first articles of a corpus in `../shared/corpora` when it is there (the
//! numbers in docs/ are measured on these), else copies of the seed article, so that the benches build and run on
//! any clone.

/// The `text` of the first `n` records of `../shared/corpora/<file>`, or `copies` seed articles without it.
pub fn articles(file: &str, n: usize, copies: usize) -> Vec<String> {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora").join(file);
    match std::fs::read_to_string(corpus) {
        Ok(data) => data
            .lines()
            .take(n)
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect(),
        Err(_) => vec![include_str!("../../../../examples/seed.txt").to_string(); copies],
    }
}
