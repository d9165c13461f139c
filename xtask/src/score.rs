//! Span scoring as conlleval does it: a predicted span counts only when its first token, end token and type all
//! match a gold span; micro-averaged precision, recall and F1 overall and per type.

use std::collections::BTreeMap;

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Tally {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn add(&mut self, o: Tally) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Span counts per type.
#[derive(Debug, Clone, Default)]
pub struct SpanScore {
    pub by_type: BTreeMap<String, Tally>,
}

impl SpanScore {
    /// Adds one sentence's gold and predicted spans `(first, end, type)`.
    pub fn add<T: AsRef<str>, U: AsRef<str>>(&mut self, gold: &[(usize, usize, T)], predicted: &[(usize, usize, U)]) {
        let gold: std::collections::BTreeSet<_> = gold.iter().map(|g| (g.0, g.1, g.2.as_ref().to_string())).collect();
        let pred: std::collections::BTreeSet<_> =
            predicted.iter().map(|p| (p.0, p.1, p.2.as_ref().to_string())).collect();
        for g in &gold {
            let t = self.by_type.entry(g.2.clone()).or_default();
            if pred.contains(g) {
                t.tp += 1;
            } else {
                t.fn_ += 1;
            }
        }
        for p in pred.difference(&gold) {
            self.by_type.entry(p.2.clone()).or_default().fp += 1;
        }
    }

    /// Adds another score's counts.
    pub fn merge(&mut self, other: &SpanScore) {
        for (k, t) in &other.by_type {
            self.by_type.entry(k.clone()).or_default().add(*t);
        }
    }

    /// Micro-averaged over all types.
    pub fn total(&self) -> Tally {
        let mut t = Tally::default();
        for v in self.by_type.values() {
            t.add(*v);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_spans_only() {
        let mut s = SpanScore::default();
        s.add(&[(0, 2, "PER"), (3, 4, "LOC")], &[(0, 2, "PER"), (3, 5, "LOC"), (6, 7, "ORG")]);
        let t = s.total();
        assert_eq!((t.tp, t.fp, t.fn_), (1, 2, 1));
        assert!((t.f1() - 0.4).abs() < 1e-9);
        assert_eq!(s.by_type["ORG"].fp, 1);
    }
}
