//! Compiles the summary stage's resources: the tone lexicon (VADER valences and `data/activity.txt`), the theme
//! table (the Phoenix issue phrases mapped by `data/themes.tsv`, and the curated phrases of that table) and the
//! country table of the GKG output (ISO and FIPS codes from GeoNames).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result, bail};
use gleaner_core::summary::themes::{Effect, Rule, ThemeFile};
use gleaner_core::summary::tone::LexiconFile;

use super::{Output, Sources};

/// Compiles `summary-tone.bin`, `summary-themes.bin` and `summary-countries.tsv`.
pub fn compile(sources: &Sources) -> Result<Vec<Output>> {
    let (root, data) = (&sources.root, &sources.shared);
    Ok(vec![
        Output { name: "summary-tone.bin", bytes: postcard::to_allocvec(&tone_lexicon(root, data)?)? },
        Output { name: "summary-themes.bin", bytes: postcard::to_allocvec(&theme_file(root, data)?)? },
        Output { name: "summary-countries.tsv", bytes: country_table(data)?.into_bytes() },
    ])
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Lines of a table without comments (`#` to the end of the line) and blank lines.
fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(n, line)| (n + 1, line.split('#').next().unwrap_or("").trim()))
        .filter(|(_, line)| !line.is_empty())
}

fn tone_lexicon(root: &Path, data: &Path) -> Result<LexiconFile> {
    let lexicons = data.join("lexicons");
    let vader = read(&lexicons.join("vader_lexicon.txt"))?;
    let mut valence = BTreeMap::new();
    for (n, line) in vader.lines().enumerate() {
        let mut fields = line.split('\t');
        let (Some(word), Some(mean)) = (fields.next(), fields.next()) else { continue };
        let mean: f32 = mean.trim().parse().with_context(|| format!("vader_lexicon.txt:{}: bad mean", n + 1))?;
        // Multi-word entries and emoticons never match a single token; keep words only.
        if word.chars().any(char::is_alphabetic) && !word.contains(' ') {
            valence.insert(word.to_lowercase(), mean);
        }
    }
    let activity_table = read(&root.join("data/activity.txt"))?;
    let mut activity = BTreeSet::new();
    for (_, line) in content_lines(&activity_table) {
        let mut forms = line.split_whitespace();
        if let Some(base) = forms.next() {
            activity.extend(verb_forms(base));
        }
        activity.extend(forms.map(str::to_string));
    }
    Ok(LexiconFile {
        source: "VADER lexicon (vaderSentiment 3.3.2, Hutto & Gilbert 2014); data/activity.txt (Gleaner)".into(),
        notice: read(&lexicons.join("LICENSE.vader.MIT.txt"))?,
        valence: valence.into_iter().collect(),
        activity: activity.into_iter().collect(),
    })
}

/// ISO 3166-1 alpha-2, FIPS 10-4 and English name of every country, for GKG location fields.
fn country_table(data: &Path) -> Result<String> {
    let json = crate::geonames::countries(&data.join("geonames"))?;
    let countries = json.as_object().context("countries.json: expected an object")?;
    let mut out = String::from(
        "# ISO 3166-1 alpha-2 <TAB> FIPS 10-4 <TAB> name, for GDELT GKG location fields. Compiled by cargo xtask \
         resources from countries.json.\n# Contains data from GeoNames (geonames.org), CC BY 4.0.\n",
    );
    let mut rows: Vec<(String, String, String)> = countries
        .values()
        .filter_map(|c| {
            let field = |k: &str| c.get(k).and_then(serde_json::Value::as_str).map(str::to_string);
            Some((field("iso")?, field("fips").unwrap_or_default(), field("name")?))
        })
        .collect();
    rows.sort();
    for (iso, fips, name) in rows {
        out.push_str(&format!("{iso}\t{fips}\t{name}\n"));
    }
    Ok(out)
}

/// A parsed line of Phoenix.IssueCoding.txt or of the phrase rows of data/themes.tsv.
struct PhraseLine {
    pattern: String,
    effect: Effect,
}

fn theme_file(root: &Path, data: &Path) -> Result<ThemeFile> {
    let table = read(&root.join("data/themes.tsv"))?;
    let mut themes: Vec<String> = Vec::new();
    let mut issue_theme: BTreeMap<String, String> = BTreeMap::new();
    let mut phrases: Vec<(String, String)> = Vec::new(); // (pattern, theme)
    let mut cameo: Vec<(String, String)> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    for (n, line) in content_lines(&table) {
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        match fields.as_slice() {
            ["theme", code, ..] => themes.push(code.to_string()),
            ["issue", code, theme] => {
                issue_theme.insert(code.to_string(), theme.to_string());
            }
            ["phrase", pattern, theme] => phrases.push((pattern.to_string(), theme.to_string())),
            ["cameo", code, theme] => cameo.push((code.to_string(), theme.to_string())),
            ["drop", pattern, ..] => dropped.extend(expand(&pattern.to_lowercase())),
            _ => {
                bail!("data/themes.tsv:{n}: expected `theme|issue|phrase|cameo|drop <TAB> key [<TAB> theme]`: {line:?}")
            }
        }
    }
    let index = |theme: &str, what: &str| -> Result<u16> {
        let i = themes.iter().position(|t| t == theme).with_context(|| format!("{what}: unknown theme {theme}"))?;
        Ok(u16::try_from(i)?)
    };
    // phrase → (effect, themes); BTreeMap keeps the output stable.
    let mut rules: BTreeMap<String, (Effect, BTreeSet<u16>)> = BTreeMap::new();
    let mut add = |phrase: String, effect: Effect, theme: Option<u16>| {
        let entry = rules.entry(phrase).or_insert((effect, BTreeSet::new()));
        // Evidence wins over a block of the same words; cancels stay cancels.
        if entry.0 == Effect::Block && effect == Effect::Evidence {
            entry.0 = Effect::Evidence;
        }
        if entry.0 == effect {
            entry.1.extend(theme);
        }
    };

    // Phoenix issues: categories of phrases with codes; `~` blocks, `~~` cancels the category in the sentence.
    let phoenix_dir = data.join("dictionaries/phoenix");
    let phoenix = read(&phoenix_dir.join("Phoenix.IssueCoding.txt"))?;
    let mut category_themes: BTreeSet<u16> = BTreeSet::new();
    let mut category_lines: Vec<(PhraseLine, Option<String>)> = Vec::new();
    let mut flush = |lines: &mut Vec<(PhraseLine, Option<String>)>, themes_of_category: &BTreeSet<u16>| -> Result<()> {
        for (line, code) in lines.drain(..) {
            let mapped = code.as_deref().and_then(|c| issue_theme.get(c)).map(|t| index(t, "issue")).transpose()?;
            for phrase in expand(&line.pattern) {
                match line.effect {
                    Effect::Evidence => {
                        if mapped.is_some() {
                            add(phrase, Effect::Evidence, mapped);
                        }
                    }
                    Effect::Block => add(phrase, Effect::Block, None),
                    Effect::Cancel => {
                        for &t in themes_of_category {
                            add(phrase.clone(), Effect::Cancel, Some(t));
                        }
                    }
                }
            }
        }
        Ok(())
    };
    for raw in phoenix.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.starts_with("<ISSUE") || line.starts_with("</ISSUE") {
            flush(&mut category_lines, &category_themes)?;
            category_themes.clear();
            continue;
        }
        if line.is_empty() {
            continue;
        }
        let (effect, rest) = if let Some(rest) = line.strip_prefix("~~") {
            (Effect::Cancel, rest)
        } else if let Some(rest) = line.strip_prefix('~') {
            (Effect::Block, rest)
        } else {
            (Effect::Evidence, line)
        };
        let (pattern, code) = match rest.split_once('[') {
            Some((pattern, code)) => (pattern.trim(), Some(code.trim_end_matches(']').trim().to_string())),
            None => (rest.trim(), None),
        };
        if let Some(theme) = code.as_deref().and_then(|c| issue_theme.get(c)) {
            category_themes.insert(index(theme, "issue")?);
        }
        category_lines.push((PhraseLine { pattern: pattern.to_lowercase(), effect }, code));
    }
    flush(&mut category_lines, &category_themes)?;

    // Curated phrases.
    for (pattern, theme) in &phrases {
        if let Some(blocked) = pattern.strip_prefix('~') {
            for phrase in expand(&blocked.to_lowercase()) {
                add(phrase, Effect::Block, None);
            }
        } else {
            let t = index(theme, "phrase")?;
            for phrase in expand(&pattern.to_lowercase()) {
                add(phrase, Effect::Evidence, Some(t));
            }
        }
    }
    for phrase in &dropped {
        rules.remove(phrase);
    }
    let cameo = cameo.iter().map(|(code, theme)| Ok((code.clone(), index(theme, "cameo")?))).collect::<Result<_>>()?;
    Ok(ThemeFile {
        source: "Phoenix.IssueCoding.txt (Open Event Data, PETRARCH dictionaries) mapped to Gleaner themes by \
                 data/themes.tsv; curated phrases of data/themes.tsv (Gleaner)"
            .into(),
        notice: read(&phoenix_dir.join("LICENSE.MIT.txt"))?,
        themes,
        rules: rules
            .into_iter()
            .filter(|(_, (effect, themes))| *effect == Effect::Block || !themes.is_empty())
            .map(|(phrase, (effect, themes))| Rule { phrase, themes: themes.into_iter().collect(), effect })
            .collect(),
        cameo,
    })
}

/// The phrases a Phoenix pattern stands for: `n:` a noun (singular and plural), `v:` a regular verb (-s, -ed,
/// -ing), `+` a space or a hyphen.
pub fn expand(pattern: &str) -> Vec<String> {
    let mut phrases = vec![String::new()];
    for word in pattern.split_whitespace() {
        let word_forms: Vec<String> = {
            let parts: Vec<Vec<String>> = word.split('+').filter(|p| !p.is_empty()).map(part_forms).collect();
            let mut forms = Vec::new();
            for joiner in [" ", "-"] {
                let mut joined = vec![String::new()];
                for part in &parts {
                    joined = joined
                        .iter()
                        .flat_map(|j| {
                            part.iter().map(move |p| if j.is_empty() { p.clone() } else { format!("{j}{joiner}{p}") })
                        })
                        .collect();
                }
                forms.extend(joined);
            }
            forms.sort();
            forms.dedup();
            forms
        };
        phrases = phrases
            .iter()
            .flat_map(|p| word_forms.iter().map(move |w| if p.is_empty() { w.clone() } else { format!("{p} {w}") }))
            .collect();
    }
    phrases.retain(|p| !p.is_empty());
    phrases.sort();
    phrases.dedup();
    phrases
}

fn part_forms(part: &str) -> Vec<String> {
    if let Some(noun) = part.strip_prefix("n:") {
        vec![noun.to_string(), plural(noun)]
    } else if let Some(verb) = part.strip_prefix("v:") {
        verb_forms(verb)
    } else {
        vec![part.to_string()]
    }
}

fn plural(noun: &str) -> String {
    if noun.ends_with(['s', 'x', 'z']) || noun.ends_with("ch") || noun.ends_with("sh") {
        format!("{noun}es")
    } else if let Some(stem) = noun.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'i', 'o', 'u'])) {
        format!("{stem}ies")
    } else {
        format!("{noun}s")
    }
}

/// Regular forms of a verb: base, third person, past, gerund (with a doubled final consonant as well when the
/// verb ends consonant-vowel-consonant, "stop" → "stopped"; forms that do not exist never match).
pub fn verb_forms(verb: &str) -> Vec<String> {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let mut forms = vec![verb.to_string(), plural(verb)];
    if let Some(stem) = verb.strip_suffix('e') {
        forms.push(format!("{verb}d"));
        forms.push(if stem.ends_with('e') { format!("{verb}ing") } else { format!("{stem}ing") });
    } else if let Some(stem) = verb.strip_suffix('y').filter(|s| !s.ends_with(vowel)) {
        forms.push(format!("{stem}ied"));
        forms.push(format!("{verb}ing"));
    } else {
        forms.push(format!("{verb}ed"));
        forms.push(format!("{verb}ing"));
        let chars: Vec<char> = verb.chars().collect();
        if let [.., a, b, c] = chars.as_slice()
            && !vowel(*a)
            && vowel(*b)
            && !vowel(*c)
            && !matches!(c, 'w' | 'x' | 'y')
        {
            forms.push(format!("{verb}{c}ed"));
            forms.push(format!("{verb}{c}ing"));
        }
    }
    forms.sort();
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phoenix_expansions() {
        assert_eq!(expand("n:teacher"), ["teacher", "teachers"]);
        assert_eq!(expand("pre+n:school"), ["pre school", "pre schools", "pre-school", "pre-schools"]);
        assert_eq!(expand("ethnic v:purge"), ["ethnic purge", "ethnic purged", "ethnic purges", "ethnic purging"]);
        assert!(expand("n:atrocity").contains(&"atrocities".to_string()));
        assert!(verb_forms("kidnap").contains(&"kidnapped".to_string()));
        assert!(verb_forms("bomb").contains(&"bombed".to_string()));
    }
}
