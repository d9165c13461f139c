//! Actor dictionaries (names → date-bounded codes) and agent dictionaries (role words → sector codes).

use super::{Flavor, Report, brackets, content_lines, upper};

/// When a code applies, against the document's date (`YYYYMMDD`; bounds are inclusive at the start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DateBound {
    /// Always (a default).
    Always,
    /// Before the date (`<date`).
    Before(u32),
    /// From the date on (`>date`).
    From(u32),
    /// From the first date, before the second (`date-date`).
    Between(u32, u32),
}

impl DateBound {
    /// True when the bound holds on `date` (YYYYMMDD). A story without a date is read as of today: a code from
    /// a date on holds ("Pezeshkian" is Iran's president), one that has ended does not.
    pub fn holds(self, date: Option<u32>) -> bool {
        match (self, date) {
            (DateBound::Always | DateBound::From(_), None) => true,
            (_, None) => false,
            (DateBound::Always, _) => true,
            (DateBound::Before(d), Some(x)) => x < d,
            (DateBound::From(d), Some(x)) => x >= d,
            (DateBound::Between(a, b), Some(x)) => a <= x && x < b,
        }
    }
}

/// A code with the dates it applies to. `code` is `None` for the null code `---`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DatedCode {
    /// The actor codes (several for `[FRO/BIL/SAM]`); empty for the null code.
    pub codes: Vec<String>,
    /// When it applies.
    pub bound: DateBound,
}

/// One word of a dictionary phrase.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PhraseWord {
    /// Upper-case word.
    pub word: String,
    /// TABARI stem: matches any continuation.
    pub stem: bool,
    /// Other words may come between this word and the previous one (TABARI blank).
    pub gap: bool,
}

/// An actor record: its phrases (primary and `+` synonyms) and its codes in order of precedence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ActorEntry {
    /// The phrases that name the actor.
    pub phrases: Vec<Vec<PhraseWord>>,
    /// Date-restricted codes in file order, then the default code of the primary line.
    pub codes: Vec<DatedCode>,
    /// Line of the primary phrase.
    pub line: usize,
}

impl ActorEntry {
    /// The codes that apply on `date`: the first restriction that holds.
    pub fn codes_on(&self, date: Option<u32>) -> Option<&[String]> {
        self.codes.iter().find(|c| c.bound.holds(date)).map(|c| c.codes.as_slice())
    }
}

/// An agent: a role phrase and its code, which goes after (`~GOV`) or before (`NGO~`) the actor's code.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgentEntry {
    /// The phrase (one entry per singular / plural form).
    pub phrase: Vec<PhraseWord>,
    /// The code without `~`.
    pub code: String,
    /// True for `CODE~`: the code goes before the actor's.
    pub prefix: bool,
    /// Line in the file.
    pub line: usize,
}

/// Reads an actor dictionary (`.actors`, Phoenix actor files).
pub fn read_actors(file: &str, text: &str, flavor: Flavor) -> (Vec<ActorEntry>, Vec<super::Diagnostic>) {
    let mut report = Report::new(file);
    let mut entries: Vec<ActorEntry> = Vec::new();
    // The primary-line default goes last, after the tab-indented restrictions that follow it.
    let mut pending_default: Option<DatedCode> = None;
    let mut section: Option<String> = None;
    let flush = |entries: &mut Vec<ActorEntry>, pending: &mut Option<DatedCode>| {
        if let (Some(last), Some(d)) = (entries.last_mut(), pending.take()) {
            last.codes.push(d);
        }
    };
    for line in content_lines(text) {
        let raw = line.text;
        let t = raw.trim();
        if t.starts_with('<') {
            // TABARI <NOUN> / <ADJECTIVE> lists: not actors.
            let tag = t.trim_matches(|c| c == '<' || c == '>').to_ascii_uppercase();
            section = if tag.starts_with('/') { None } else { Some(tag) };
            continue;
        }
        if section.is_some() {
            continue;
        }
        if raw.starts_with(char::is_whitespace) && t.starts_with('[') {
            // A date restriction of the current record.
            let Some(entry) = entries.last_mut() else {
                report.warn(line.number, "date restriction before any actor");
                continue;
            };
            let (_, groups) = brackets(t);
            for g in groups {
                match parse_code_group(&g) {
                    Ok(c) => entry.codes.push(c),
                    Err(e) => report.warn(line.number, e),
                }
            }
            continue;
        }
        let (outside, groups) = brackets(t);
        if let Some(syn) = outside.trim().strip_prefix('+') {
            let Some(entry) = entries.last_mut() else {
                report.warn(line.number, "synonym before any actor");
                continue;
            };
            let phrase = parse_phrase(syn, flavor);
            if phrase.is_empty() {
                report.warn(line.number, "empty synonym");
            } else {
                entry.phrases.push(phrase);
            }
            // A synonym line may carry codes too (rare); they join the record.
            for g in groups {
                match parse_code_group(&g) {
                    Ok(c) => entry.codes.push(c),
                    Err(e) => report.warn(line.number, e),
                }
            }
            continue;
        }
        // A new record.
        flush(&mut entries, &mut pending_default);
        let phrase = parse_phrase(&outside, flavor);
        if phrase.is_empty() {
            report.warn(line.number, format!("no actor phrase in {t:?}"));
            continue;
        }
        let mut entry = ActorEntry { phrases: vec![phrase], codes: Vec::new(), line: line.number };
        let mut parsed = Vec::new();
        for g in groups {
            match parse_code_group(&g) {
                Ok(c) => parsed.push(c),
                Err(e) => report.warn(line.number, e),
            }
        }
        // Restrictions on the primary line apply in order; an unrestricted code there is the default.
        for c in parsed {
            if c.bound == DateBound::Always && pending_default.is_none() {
                pending_default = Some(c);
            } else {
                entry.codes.push(c);
            }
        }
        entries.push(entry);
    }
    flush(&mut entries, &mut pending_default);
    (entries, report.diagnostics)
}

/// Parses `CODE`, `CODE <date`, `CODE >date`, `CODE date-date` (blanks allowed around `<`, `>`, `-`).
fn parse_code_group(group: &str) -> Result<DatedCode, String> {
    let g = group.trim();
    let code_end = g.find(|c: char| c.is_whitespace() || c == '<' || c == '>').unwrap_or(g.len());
    let (code, rest) = g.split_at(code_end);
    let code = code.trim();
    if code.is_empty() {
        return Err(format!("code group [{g}] has no code"));
    }
    if code.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Err(format!("code group [{g}] starts with a date, not a code"));
    }
    let codes = if code == "---" || code == "+++" {
        Vec::new()
    } else {
        code.split('/').filter(|c| !c.is_empty()).map(str::to_string).collect()
    };
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let bound = if rest.is_empty() {
        DateBound::Always
    } else if let Some(d) = rest.strip_prefix('<') {
        DateBound::Before(parse_date(d)?)
    } else if let Some(d) = rest.strip_prefix('>') {
        DateBound::From(parse_date(d)?)
    } else if let Some((a, b)) = rest.split_once('-') {
        DateBound::Between(parse_date(a)?, parse_date(b)?)
    } else {
        // A bare date: from that date on.
        DateBound::From(parse_date(&rest)?)
    };
    Ok(DatedCode { codes, bound })
}

/// A dictionary date `YYYYMMDD` or `YYMMDD` (years below 30 are 20YY) as the number YYYYMMDD.
pub fn parse_date(text: &str) -> Result<u32, String> {
    let t = text.trim();
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("date {t:?} is not a number"));
    }
    let n: u32 = t.parse().map_err(|_| format!("date {t:?} is not a number"))?;
    let full = match t.len() {
        8 => n,
        6 => {
            let yy = n / 10000;
            let century = if yy < 30 { 20000000 } else { 19000000 };
            century + n
        }
        _ => return Err(format!("date {t:?} is neither YYMMDD nor YYYYMMDD")),
    };
    let (month, day) = ((full / 100) % 100, full % 100);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(format!("date {t:?} has no such month or day"));
    }
    Ok(full)
}

/// Words of an actor or agent phrase. In TABARI files a word not followed by `_` is a stem, and words
/// separated by a blank may have other words between them.
fn parse_phrase(text: &str, flavor: Flavor) -> Vec<PhraseWord> {
    let mut out = Vec::new();
    for (k, chunk) in text.split_whitespace().enumerate() {
        let closed = chunk.ends_with('_');
        let exact = chunk.ends_with('=');
        let parts: Vec<&str> = chunk.trim_end_matches(['_', '=']).split('_').filter(|p| !p.is_empty()).collect();
        let n = parts.len();
        for (j, p) in parts.into_iter().enumerate() {
            let last = j + 1 == n;
            let stem = flavor == Flavor::Tabari && last && !closed && !exact;
            // `WORD=`: this form only (no plural); kept distinct as "WORD=".
            let word = if exact && last { format!("{}=", upper(p)) } else { upper(p) };
            out.push(PhraseWord { word, stem, gap: flavor == Flavor::Tabari && k > 0 && j == 0 });
        }
    }
    out
}

/// Reads an agent dictionary: `PHRASE {PLURAL…} [~CODE]`, with `!MARKER! = A, B` substitutions.
pub fn read_agents(file: &str, text: &str, flavor: Flavor) -> (Vec<AgentEntry>, Vec<super::Diagnostic>) {
    let mut report = Report::new(file);
    let mut entries = Vec::new();
    let mut markers: Vec<(String, Vec<String>)> = Vec::new();
    for line in content_lines(text) {
        let t = line.text.trim();
        if t.starts_with('!')
            && let Some((name, list)) = t.split_once('=')
        {
            let name = name.trim().to_string();
            let items = list.split(',').map(|s| s.trim().replace(' ', "")).filter(|s| !s.is_empty()).collect();
            markers.push((name, items));
            continue;
        }
        let (outside, groups) = brackets(t);
        let Some(code_group) = groups.last() else {
            report.warn(line.number, format!("agent without a [code]: {t:?}"));
            continue;
        };
        let code_text: String = code_group.chars().filter(|c| !c.is_whitespace()).collect();
        let (code, prefix) = if let Some(c) = code_text.strip_prefix('~') {
            (c.to_string(), false)
        } else if let Some(c) = code_text.strip_suffix('~') {
            (c.to_string(), true)
        } else {
            report.warn(line.number, format!("agent code [{code_text}] has no '~'"));
            continue;
        };
        if code.is_empty() {
            report.warn(line.number, "empty agent code");
            continue;
        }
        // `{…}`: the plural forms; `{}` none.
        let (phrase_text, plurals) = match outside.find('{') {
            Some(open) => {
                let Some(close) = outside[open..].find('}').map(|c| open + c) else {
                    report.warn(line.number, "unclosed '{' in agent");
                    continue;
                };
                let list: Vec<String> = outside[open + 1..close].split_whitespace().map(str::to_string).collect();
                (outside[..open].to_string(), Some(list))
            }
            None => (outside.clone(), None),
        };
        // Expand substitution markers: no plurals are formed for the expansions.
        let mut phrases: Vec<(String, bool)> = vec![(phrase_text.trim().to_string(), true)];
        for (marker, items) in &markers {
            let mut next = Vec::new();
            for (p, plural_ok) in phrases {
                if p.contains(marker.as_str()) {
                    for item in items {
                        next.push((p.replace(marker.as_str(), item), false));
                    }
                } else {
                    next.push((p, plural_ok));
                }
            }
            phrases = next;
        }
        for (p, plural_ok) in phrases {
            if p.contains('!') {
                report.warn(line.number, format!("unknown substitution marker in {p:?}"));
                continue;
            }
            let phrase = parse_phrase(&p, flavor);
            if phrase.is_empty() {
                report.warn(line.number, "empty agent phrase");
                continue;
            }
            let mut forms = vec![phrase.clone()];
            match (&plurals, plural_ok) {
                (Some(list), _) => {
                    forms.extend(list.iter().map(|pl| parse_phrase(pl, flavor)).filter(|f| !f.is_empty()))
                }
                (None, true) => {
                    let mut pl = phrase.clone();
                    if let Some(last) = pl.last_mut()
                        && !last.stem
                    {
                        last.word = super::verbs::plural_noun(&last.word);
                        forms.push(pl);
                    }
                }
                (None, false) => {}
            }
            for form in forms {
                entries.push(AgentEntry { phrase: form, code: code.clone(), prefix, line: line.number });
            }
        }
    }
    (entries, report.diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_with_dates_synonyms_and_defaults() {
        let text = "GOLLUM  # c\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n\n\
                    SAM_GAMGEE [HOB]\n\t[HOBCIV <20080120]\n\
                    ALBRIGHT  [USAGOV 991201-010114] [---]\nTHE_SHIRE  [FRO/BIL/SAM]\nBAD [X 2004017-20061201]\n";
        let (e, diags) = read_actors("t.actors", text, Flavor::Petrarch);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].line, 11);
        assert_eq!(e.len(), 5);
        assert_eq!(e[0].phrases.len(), 2);
        assert_eq!(e[0].codes_on(Some(19950101)), Some(&["HOB".to_string()][..]));
        assert_eq!(e[0].codes_on(Some(19951101)), Some(&["HOBGOV".to_string()][..]));
        assert_eq!(e[0].codes_on(Some(20010101)), Some(&["HOBREB".to_string()][..]));
        assert_eq!(e[1].codes_on(Some(19950101)), Some(&["HOBCIV".to_string()][..]));
        assert_eq!(e[1].codes_on(Some(20100101)), Some(&["HOB".to_string()][..]), "default goes last");
        assert_eq!(e[2].codes_on(Some(20050101)), Some(&[][..]), "null code after the restriction");
        assert_eq!(e[3].codes_on(None).map(<[String]>::len), Some(3));
    }

    #[test]
    fn tabari_stems_and_gaps() {
        let (e, _) = read_actors("t", "PRINCE DOL_AMROTH  [--- <950630] [DOL]\nARGENTIN [ARG]\n", Flavor::Tabari);
        let p = &e[0].phrases[0];
        assert!(p[0].stem && !p[1].stem && p[1].gap && !p[2].gap);
        assert!(e[1].phrases[0][0].stem);
    }

    #[test]
    fn agents_plurals_and_markers() {
        let text = "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nPOLICE {} [ ~COP]\nARMY [~MIL]\n\
                    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nHUMAN_RIGHTS_BODY  [NGO~]\nBROKEN [GOV]\n";
        let (a, diags) = read_agents("t.agents", text, Flavor::Petrarch);
        assert_eq!(diags.len(), 1);
        let phrases: Vec<String> =
            a.iter().map(|e| e.phrase.iter().map(|w| w.word.as_str()).collect::<Vec<_>>().join(" ")).collect();
        assert!(phrases.contains(&"CONGRESSMEN".to_string()));
        assert!(phrases.contains(&"ARMIES".to_string()));
        assert!(!phrases.contains(&"POLICES".to_string()));
        assert!(phrases.contains(&"ATTORNEYS GENERAL".to_string()));
        assert!(a.iter().any(|e| e.code == "NGO" && e.prefix));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("950601"), Ok(19950601));
        assert_eq!(parse_date("010114"), Ok(20010114));
        assert!(parse_date("2004017").is_err());
        assert!(parse_date("19951301").is_err());
    }
}
