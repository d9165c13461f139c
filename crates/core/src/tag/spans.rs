//! Label paths to spans: BIO, BILOU and CoNLL's IOB1 all read by one lenient decoder.

/// The role of a label in its span: begin, inside, last, unit, outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `B-`: begins a span (in IOB1, only a span right after one of the same type).
    Begin,
    /// `I-`: inside a span (in IOB1 and after `O`, starts one).
    Inside,
    /// `L-`: the last token of a span.
    Last,
    /// `U-`: a span of one token.
    Unit,
    /// `O`: outside every span.
    Outside,
}

/// Splits a label name ("B-PER", "O") into its role and type name.
pub fn parse_label(label: &str) -> (Role, &str) {
    match label.split_once('-') {
        Some(("B", t)) => (Role::Begin, t),
        Some(("I", t)) => (Role::Inside, t),
        Some(("L" | "E", t)) => (Role::Last, t),
        Some(("U" | "S", t)) => (Role::Unit, t),
        _ => (Role::Outside, ""),
    }
}

/// The spans `(first, end, type)` of a sequence of `(role, type)` labels.
pub fn spans<T: Copy + PartialEq>(labels: impl IntoIterator<Item = (Role, T)>) -> Vec<(usize, usize, T)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, T)> = None;
    let mut n = 0;
    for (i, (role, t)) in labels.into_iter().enumerate() {
        n = i + 1;
        match role {
            Role::Outside => {
                if let Some((s, ot)) = open.take() {
                    out.push((s, i, ot));
                }
            }
            Role::Begin | Role::Unit => {
                if let Some((s, ot)) = open.take() {
                    out.push((s, i, ot));
                }
                if role == Role::Unit {
                    out.push((i, i + 1, t));
                } else {
                    open = Some((i, t));
                }
            }
            Role::Inside | Role::Last => {
                let start = match open.take() {
                    Some((s, ot)) if ot == t => s,
                    Some((s, ot)) => {
                        out.push((s, i, ot));
                        i
                    }
                    None => i,
                };
                if role == Role::Last {
                    out.push((start, i + 1, t));
                } else {
                    open = Some((start, t));
                }
            }
        }
    }
    if let Some((s, t)) = open {
        out.push((s, n, t));
    }
    out
}

/// BILOU labels for spans over `len` tokens (for training data).
pub fn bilou<T: Copy>(len: usize, spans: &[(usize, usize, T)]) -> Vec<(Role, Option<T>)> {
    let mut out = vec![(Role::Outside, None); len];
    for &(s, e, t) in spans {
        if s >= e || e > len {
            continue;
        }
        if e - s == 1 {
            out[s] = (Role::Unit, Some(t));
        } else {
            out[s] = (Role::Begin, Some(t));
            for o in &mut out[s + 1..e - 1] {
                *o = (Role::Inside, Some(t));
            }
            out[e - 1] = (Role::Last, Some(t));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(labels: &[&str]) -> Vec<(usize, usize, String)> {
        spans(labels.iter().map(|l| parse_label(l))).into_iter().map(|(s, e, t)| (s, e, t.to_string())).collect()
    }

    #[test]
    fn iob1_bio_and_bilou() {
        // IOB1: B- only separates adjacent spans of one type.
        assert_eq!(
            read(&["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"]),
            vec![(0, 2, "PER".into()), (2, 3, "PER".into()), (4, 5, "LOC".into()), (5, 6, "ORG".into())]
        );
        assert_eq!(
            read(&["B-PER", "L-PER", "U-LOC", "B-ORG", "I-ORG"]),
            vec![(0, 2, "PER".into()), (2, 3, "LOC".into()), (3, 5, "ORG".into())]
        );
        let b = bilou(5, &[(0, 3, 'P'), (4, 5, 'L')]);
        assert_eq!(b[0], (Role::Begin, Some('P')));
        assert_eq!(b[2], (Role::Last, Some('P')));
        assert_eq!(b[3], (Role::Outside, None));
        assert_eq!(b[4], (Role::Unit, Some('L')));
    }
}
