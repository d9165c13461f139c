//! Tests of the events stage on the seed article and on bad input (embedded resources only).

use crate::model::{Document, EventMode};
use crate::{Config, Extractor};

fn extract(text: &str, published: &str) -> crate::Extraction {
    let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let doc = Document { published: Some(published.into()), ..Document::new(text) };
    extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_verb_of_the_dictionaries_used_as_a_noun_is_no_trigger() {
    // "stock" is a dictionary verb (062); the tagger reads it as a noun before "exchanges".
    let out = extract(
        "The Indonesian, Indian and Hong Kong stock markets all rose on Monday, traders in Jakarta said.",
        "2005-01-10",
    );
    let triggers: Vec<&str> = out.events.iter().map(|e| e.trigger.text.as_str()).collect();
    assert!(!triggers.contains(&"stock"), "{triggers:?}");
}

#[test]
fn a_noun_group_is_not_coded_as_cooperating_with_itself() {
    for sentence in [
        // "US" and "regulators" code USA and ---GOV: one party, not two deciding together.
        "US food and drug regulators will decide next month whether to approve the drug.",
        // The venues host; Germany and Austria do not host each other.
        "German and Austrian venues will host the tour next year.",
    ] {
        let out = extract(sentence, "2023-01-26");
        let selves: Vec<_> =
            out.events.iter().filter(|e| e.target.as_ref().is_some_and(|t| t.text == e.source.text)).collect();
        assert!(selves.is_empty(), "{sentence}: {selves:#?}");
    }
}

#[test]
fn a_place_in_a_persons_name_is_no_actor() {
    let out = extract("Tyre Nichols's mother met President Joe Biden at the White House on Tuesday.", "2023-02-07");
    let codes: Vec<&str> =
        out.events.iter().flat_map(|e| std::iter::once(&e.source).chain(&e.target)).map(|a| a.code.as_str()).collect();
    assert!(!codes.iter().any(|c| c.starts_with("LBN")), "{codes:?}");
    let tyre = out.entities.iter().find(|e| e.name == "Tyre Nichols");
    assert!(tyre.is_some_and(|e| e.actor.is_none()), "{tyre:?}");
}

#[test]
fn a_participle_after_its_noun_group_is_a_passive() {
    // "killed" is a participle here, not the past tense: the soldiers did not kill Ukraine.
    let out = extract("Four Russian soldiers killed in eastern Ukraine, the army said on Monday.", "2023-02-07");
    let show: Vec<String> = out
        .events
        .iter()
        .map(|e| format!("{} {} {}", e.source.code, e.cameo, e.target.as_ref().map_or("-", |t| &t.code)))
        .collect();
    assert!(!out.events.iter().any(|e| e.source.code.starts_with("RUS") && e.cameo.starts_with("19")), "{show:?}");
}

#[test]
fn seed_article_events() {
    let text = include_str!("../../../../examples/seed.txt");
    let out = extract(text, "2024-09-11T08:00:00Z");
    let show: Vec<String> = out
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {}→{} {} {:?}",
                e.sentence,
                e.source.code,
                e.target.as_ref().map_or("-", |t| &t.code),
                e.cameo,
                e.mode
            )
        })
        .collect();
    // The visit: Iran's president (a leader newer than the dictionaries) to Iraq.
    assert!(
        out.events.iter().any(|e| e.source.code == "IRNGOV"
            && e.target.as_ref().is_some_and(|t| t.code.starts_with("IRQ"))
            && e.cameo == "042"),
        "{show:#?}"
    );
    // The agreements the two leaders are expected to sign.
    assert!(out.events.iter().any(|e| e.cameo == "057" && e.mode == EventMode::Anticipated), "{show:#?}");
    // Nothing from the detached headline at the end.
    let detached: Vec<usize> = out.segments.iter().enumerate().filter(|(_, s)| s.detached).map(|(i, _)| i).collect();
    assert!(!detached.is_empty(), "the seed's last line is a detached headline");
    let last_sentence = out.stats.sentences - 1;
    let story_countries: Vec<&str> = out
        .events
        .iter()
        .filter(|e| e.sentence != last_sentence)
        .flat_map(|e| std::iter::once(&e.source).chain(e.target.as_ref()))
        .filter_map(|a| a.code.get(..3))
        .filter(|c| *c != "---")
        .collect();
    assert!(!story_countries.is_empty());
    for e in out.events.iter().filter(|e| e.sentence == last_sentence) {
        for a in std::iter::once(&e.source).chain(e.target.as_ref()) {
            let country = a.code.get(..3).unwrap_or("");
            assert!(!story_countries.contains(&country), "headline event coded with the story's actors: {show:#?}");
        }
    }
    for e in &out.events {
        assert!((1..=4).contains(&e.quad_class), "{e:?}");
        assert!((-10.0..=10.0).contains(&e.goldstein));
    }
}

/// The events of one sentence as "source→target code" lines.
fn coded(sentence: &str, published: &str) -> Vec<String> {
    let out = extract(sentence, published);
    out.events
        .iter()
        .map(|e| format!("{}→{} {}", e.source.code, e.target.as_ref().map_or("-", |t| &t.code), e.cameo))
        .collect()
}

fn has(events: &[String], source: &str, target: &str, root: &str) -> bool {
    events.iter().any(|e| {
        let (dyad, code) = e.split_once(' ').unwrap_or((e, ""));
        let (s, t) = dyad.split_once('→').unwrap_or((dyad, ""));
        s.starts_with(source) && t.starts_with(target) && code.starts_with(root)
    })
}

#[test]
fn nominal_events_take_their_actors_from_the_noun_group_and_its_phrases() {
    // An adjectival demonym is the source, "on" the target, the weapon word the code (195, aerial weapons).
    let e = coded("The relationship has been marred by past Iranian missile attacks on Iraqi sites.", "2024-09-11");
    assert!(e.contains(&"IRN→IRQ 195".to_string()), "{e:?}");
    // A possessive is the source, "of" the target of an invasion.
    let e = coded("Prices rose after Russia's invasion of Ukraine last year.", "2023-05-01");
    assert!(has(&e, "RUS", "UKR", "192"), "{e:?}");
    // A light verb's subject does what its object noun says.
    let e = coded("The Syrian government launched attacks on Turkey on Monday.", "2023-05-01");
    assert!(has(&e, "SYR", "TUR", "19"), "{e:?}");
    // A noun that says nobody did it is no event.
    let e = coded("The attack on the port was the largest this year.", "2023-05-01");
    assert!(e.is_empty(), "{e:?}");
}

#[test]
fn a_stated_intention_is_coded_as_the_statement() {
    // CAMEO 035x (express intent to yield), not 08x (yield): the statement is the event.
    let e = coded("Iraq said it would allow the return of U.N. weapons inspectors.", "2002-09-17");
    assert!(e.iter().all(|x| !x.contains(" 08")), "{e:?}");
    assert!(has(&e, "IRQ", "", "03"), "{e:?}");
    // A promise to hurt is a threat (13x), not the hurting.
    let e = coded("Russia vowed to attack Ukraine's ports.", "2023-07-20");
    assert!(has(&e, "RUS", "UKR", "13") && !has(&e, "RUS", "UKR", "19"), "{e:?}");
}

#[test]
fn a_relative_clause_between_subject_and_verb_is_skipped() {
    let e = coded(
        "US President Joe Biden, who was scheduled to visit Poland this week, made his first visit to Kyiv.",
        "2023-02-20",
    );
    assert!(has(&e, "USA", "UKR", "04"), "{e:?}");
    assert!(!has(&e, "POL", "", ""), "{e:?}");
}

#[test]
fn a_passive_agent_is_the_source_with_and_without_the_parse() {
    let sentence = "Two Palestinian civilians were killed by Israeli soldiers in the West Bank on Monday.";
    let mut parsed = Config::default();
    parsed.events.parse = true;
    for extractor in [Extractor::new(Config::default()), Extractor::new(parsed)] {
        let extractor = extractor.unwrap_or_else(|e| panic!("{e}"));
        let out = extractor.extract(&Document::new(sentence)).unwrap_or_else(|e| panic!("{e}"));
        let e: Vec<String> = out
            .events
            .iter()
            .map(|e| format!("{}→{} {}", e.source.code, e.target.as_ref().map_or("-", |t| &t.code), e.cameo))
            .collect();
        assert!(has(&e, "ISR", "PSE", "19"), "{e:?}");
    }
}

/// The coder parses only the sentences where it needs the parse, when it needs it; what it codes is what it
/// codes with the whole document parsed (as it is when the tokens are output).
#[test]
fn parsing_on_demand_codes_what_the_whole_parse_codes() {
    let text = "Two Palestinian civilians were killed by Israeli soldiers in the West Bank on Monday. The talks \
                ended. Iran is expected to sign several agreements with Iraq. Russia's invasion of Ukraine was \
                condemned by France. Officials said they would visit Baghdad next week.";
    let events = |config: Config| -> Vec<String> {
        let extractor = Extractor::new(config).unwrap_or_else(|e| panic!("{e}"));
        let out = extractor.extract(&Document::new(text)).unwrap_or_else(|e| panic!("{e}"));
        out.events
            .iter()
            .map(|e| format!("{}→{} {}", e.source.code, e.target.as_ref().map_or("-", |t| &t.code), e.cameo))
            .collect()
    };
    let mut parsed = Config::default();
    parsed.events.parse = true;
    let on_demand = events(parsed.clone());
    let whole = events(Config { tokens: true, ..parsed });
    assert_eq!(on_demand, whole);
    assert!(has(&on_demand, "ISR", "PSE", "19"), "{on_demand:?}");
}

/// The coder asks for a sentence's parse only when a verb it coded has a side left empty, at most once, and codes
/// with it what it codes with the same parse given.
#[test]
fn the_parse_is_made_only_when_a_coded_verb_lacks_a_side() {
    use crate::events::actor::Memory;
    use crate::events::dict::Flavor;
    use crate::events::{Coder, DictKind, Known, Lexicon, Options, SentenceParse, read_dictionaries};
    use crate::parse::Dep;
    use std::cell::Cell;
    let files = [
        ("t.verbs", "PRAISE  [041]\n", DictKind::Verbs),
        ("t.actors", "ZEMBLA [ZEM]\nOSTERLICH [OST]\n", DictKind::Actors),
    ];
    let (dicts, diags) = read_dictionaries(&files, Flavor::Tabari);
    assert!(diags.is_empty(), "{diags:?}");
    let (lexicon, _) = Lexicon::compile(&dicts);
    let coder = Coder::new(&lexicon, Options { cameo_codes: false, ..Options::default() });
    let code = |words: &[&str], arcs: &[(Option<usize>, Dep)]| {
        let calls = Cell::new(0);
        let make = || {
            calls.set(calls.get() + 1);
            arcs.to_vec()
        };
        let lazy = Known { parse: Some(SentenceParse::Lazy(&make)), ..Known::default() };
        let on_demand = coder.code(words, lazy, None, &mut Memory::default()).events;
        let given = Known { parse: Some(SentenceParse::Given(arcs)), ..Known::default() };
        assert_eq!(on_demand, coder.code(words, given, None, &mut Memory::default()).events, "{words:?}");
        calls.get()
    };
    let (nsubj, obj, root, punct) = (Dep::Nsubj, Dep::Obj, Dep::Root, Dep::Punct);
    // Both sides found by the clause reading: no parse.
    let both = [(Some(1), nsubj), (None, root), (Some(1), obj), (Some(1), punct)];
    assert_eq!(code(&["Zembla", "praised", "Osterlich", "."], &both), 0);
    // No verb the dictionaries code: no parse.
    assert_eq!(code(&["Zembla", "slept", "well", "."], &both), 0);
    // A coded verb without a target: parsed once.
    let no_object = [(Some(1), nsubj), (None, root), (Some(1), punct)];
    assert_eq!(code(&["Zembla", "praised", "."], &no_object), 1);
}

/// The founding article as scraped (issue 19): one paragraph a line, curly apostrophes, a stray headline last.
const FOUNDING_ARTICLE: &str = include_str!("../../tests/fixtures/founding-article.txt");

#[test]
fn founding_article_as_scraped() {
    let extractor = Extractor::new(Config { sentences: true, ..Config::default() }).unwrap_or_else(|e| panic!("{e}"));
    let doc = Document { published: Some("2024-09-11".into()), ..Document::new(FOUNDING_ARTICLE) };
    let out = extractor.extract(&doc).unwrap_or_else(|e| panic!("{e}"));
    let show: Vec<String> = out
        .events
        .iter()
        .map(|e| {
            let target = e.target.as_ref().map_or("-", |t| &t.code);
            format!("{} {}→{} {} {:?} '{}'", e.sentence, e.source.code, target, e.cameo, e.mode, e.trigger.text)
        })
        .collect();
    let sentence_of = |start: &str| {
        let at = FOUNDING_ARTICLE.find(start).unwrap_or_else(|| panic!("{start}"));
        let at = FOUNDING_ARTICLE[..at].chars().count();
        out.sentences.iter().position(|s| s.start <= at && at < s.end).unwrap_or_else(|| panic!("{start}"))
    };
    // (sentence, CAMEO root, source country, target country, anticipated)
    let expected = [
        ("Iran’s President Masoud Pezeshkian began", "04", "IRN", "IRQ", false),
        ("During his visit", "04", "IRN", "IRQ", true),
        ("However, the relationship", "19", "IRN", "IRQ", false),
        ("However, the relationship", "19", "ISR", "IRN", false),
        // "strikes in response to an Israeli attack": the attacker answered is the target.
        ("However, the relationship", "19", "IRN", "ISR", false),
    ];
    for (start, root, source, target, anticipated) in expected {
        let sentence = sentence_of(start);
        let found = out.events.iter().any(|e| {
            e.sentence == sentence
                && e.cameo.starts_with(root)
                && e.source.code.starts_with(source)
                && (target.is_empty() || e.target.as_ref().is_some_and(|t| t.code.starts_with(target)))
                && (e.mode == EventMode::Anticipated) == anticipated
        });
        assert!(found, "{start}: {root} {source}→{target} {anticipated}\n{show:#?}");
    }
    // Not coded yet (issue 16): "He will also visit important sites … in Karbala and Najaf" (IRN → IRQ 042,
    // anticipated), "Pezeshkian is expected to sign several agreements" (IRN 057, anticipated), "Araghchi
    // emphasized …, expressing support for projects that foster Iraq's stability" (IRN → IRQ 05x), and
    // "an Iranian compound in Syria" still triggers IRN → SYR 060 with the noun "compound" read as a verb.
}

#[test]
fn bad_input_is_bounded() {
    // A 300-token sentence and a verb repeated 100 times: no panic, no explosion of events.
    let long: String = (0..300).map(|i| if i % 7 == 0 { "Iran " } else { "officials " }).collect();
    let out = extract(&long, "2024-01-01");
    assert!(out.events.len() < 50);
    let repeated = format!("Iran {} Iraq.", "attacked ".repeat(100));
    let out = extract(&repeated, "2024-01-01");
    assert!(out.events.len() < 10);
    let _ = extract("", "2024-01-01");
    let _ = extract("and and , , of of the the 's 's", "2024-01-01");
}

mod random_input {
    use proptest::prelude::*;

    use crate::events::actor::Memory;
    use crate::events::{Coder, Known, Options, Resources};

    const VOCAB: &[&str] = &[
        "Iran",
        "Iraq",
        "'s",
        "President",
        "officials",
        "said",
        "will",
        "not",
        "meet",
        "visit",
        "attack",
        "to",
        "and",
        ",",
        ".",
        "that",
        "who",
        "by",
        "was",
        "the",
        "of",
        "in",
        "with",
        "about",
        "expected",
        "sign",
        "agreement",
        "troops",
        "US",
        "forces",
        "he",
        "they",
        "two",
        "leaders",
        "\"",
        "(",
        ")",
        "which",
        "never",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_word_sequence_codes_without_panic(idx in proptest::collection::vec(0..VOCAB.len(), 0..80)) {
            let resources = Resources::embedded().unwrap_or_else(|e| panic!("{e}"));
            let coder = Coder::new(&resources.lexicon, Options::default());
            let words: Vec<&str> = idx.iter().map(|&i| VOCAB[i]).collect();
            let mut memory = Memory::default();
            let result = coder.code(&words, Known::default(), Some(20240101), &mut memory);
            prop_assert!(result.events.len() <= words.len() * 4 + 4);
        }
    }
}

#[test]
fn seed_article_entity_actors() {
    let text = include_str!("../../../../examples/seed.txt");
    let out = extract(text, "2024-09-11T08:00:00Z");
    let actor = |name: &str| {
        out.entities.iter().find(|e| e.name.contains(name)).and_then(|e| e.actor.as_ref()).map(|a| a.code.as_str())
    };
    let all: Vec<(&str, Option<&str>)> =
        out.entities.iter().map(|e| (e.name.as_str(), e.actor.as_ref().map(|a| a.code.as_str()))).collect();
    // Officials newer than the dictionaries get their country and role from the text.
    assert_eq!(actor("Araghchi"), Some("IRNGOV"), "{all:#?}");
    assert_eq!(actor("Pezeshkian"), Some("IRNGOV"), "{all:#?}");
    assert!(actor("Mohammed Shia").is_some_and(|c| c.starts_with("IRQ")), "{all:#?}");
    // A country is its bare code, not the role of the person it is the possessor of.
    assert_eq!(actor("Iran"), Some("IRN"), "{all:#?}");
    assert_eq!(actor("Iraq"), Some("IRQ"), "{all:#?}");
    // Every actor code is a CAMEO code: upper-case letters, at least a country or sector.
    for (name, code) in &all {
        assert!(code.is_none_or(|c| c.len() >= 3 && c.chars().all(|ch| ch.is_ascii_uppercase())), "{name}: {code:?}");
    }
}

#[test]
fn default_actors_fill_only_an_empty_side() {
    use crate::events::actor::Memory;
    use crate::events::{Coder, DefaultActors, Known, Options, Resources};
    let resources = Resources::embedded().unwrap_or_else(|e| panic!("{e}"));
    let code = |words: &[&str], defaults: DefaultActors| {
        let coder = Coder::new(&resources.lexicon, Options { defaults, ..Options::default() });
        let result = coder.code(words, Known::default(), Some(20240101), &mut Memory::default());
        result.events.iter().map(|e| (e.source.code.clone(), e.target.as_ref().map(|t| t.code.clone()))).collect()
    };
    let defaults = DefaultActors { source: Some("AAA".into()), target: Some("BBB".into()) };
    let no_target = ["Iran", "condemned", "the", "decision", "."];
    let both = ["Iran", "condemned", "Iraq", "."];
    let agent = ["The", "officials", "condemned", "the", "decision", "."];
    // Off by default: a sentence without a target yields no event.
    let off: Vec<(String, Option<String>)> = code(&no_target, DefaultActors::default());
    assert!(off.is_empty(), "{off:?}");
    // The default target stands in for the missing side only.
    let on: Vec<(String, Option<String>)> = code(&no_target, defaults.clone());
    assert_eq!(on, vec![("IRN".to_string(), Some("BBB".to_string()))]);
    let named: Vec<(String, Option<String>)> = code(&both, defaults.clone());
    assert_eq!(named, vec![("IRN".to_string(), Some("IRQ".to_string()))]);
    // An unattached agent facing a stand-in says nothing.
    let agents: Vec<(String, Option<String>)> = code(&agent, defaults);
    assert!(agents.is_empty(), "{agents:?}");
}

/// A coder over small invented TABARI-style dictionaries.
fn tabari_coder_words(
    verbs: &str,
    actors: &str,
    agents: &str,
    lone_agents: crate::events::LoneAgents,
    words: &[&str],
) -> Vec<String> {
    use crate::events::actor::Memory;
    use crate::events::dict::Flavor;
    use crate::events::{Coder, DictKind, Known, Lexicon, Options, read_dictionaries};
    let files = [
        ("t.verbs", verbs, DictKind::Verbs),
        ("t.actors", actors, DictKind::Actors),
        ("t.agents", agents, DictKind::Agents),
    ];
    let (dicts, diags) = read_dictionaries(&files, Flavor::Tabari);
    assert!(diags.is_empty(), "{diags:?}");
    let (lexicon, _) = Lexicon::compile(&dicts);
    let options = Options {
        sentence_patterns: true,
        cameo_codes: false,
        all_reverse_codes: true,
        lone_agents,
        ..Options::default()
    };
    let coder = Coder::new(&lexicon, options);
    let result = coder.code(words, Known::default(), Some(20240101), &mut Memory::default());
    result
        .events
        .iter()
        .map(|e| format!("{}/{}/{}", e.source.code, e.target.as_ref().map_or("-", |t| t.code.as_str()), e.code))
        .collect()
}

#[test]
fn lone_agents_as_tabari_reads_them() {
    use crate::events::LoneAgents;
    let verbs = "PRAISE  [041]\n";
    let actors = "ZEMBLA [ZEM]\nNOVA_TERRA [NTR]\n";
    let agents = "REBEL [~REB]\nSOLDIER [~MIL]\n";
    let words = ["Rebels", "praised", "Zembla", "."];
    let both = ["Rebels", "praised", "soldiers", "."];
    let run = |lone, w: &[&str]| tabari_coder_words(verbs, actors, agents, lone, w);
    assert_eq!(run(LoneAgents::Unknown, &words), vec!["---REB/ZEM/041"]);
    assert!(run(LoneAgents::Ignored, &words).is_empty());
    assert_eq!(run(LoneAgents::Converted, &words), vec!["~REB/ZEM/041"]);
    // Two converted agents face each other; two unknown actors do not.
    assert_eq!(run(LoneAgents::Converted, &both), vec!["~REB/~MIL/041"]);
    assert!(run(LoneAgents::Unknown, &both).is_empty());
}

#[test]
fn tabari_patterns_over_a_modal_verb_and_a_governing_clause() {
    use crate::events::LoneAgents;
    // "should" is a verb of the dictionary with patterns reaching back to the verb that governs it.
    let verbs =
        "DEMAND  [150]\nSHOULD  [101]\n- PROPOSED + * DEMAND TRIBUTE  [161]\n- PROPOSED * DEMAND TRIBUTE  [162]\n";
    let actors = "ZEMBLA [ZEM]\nNOVA_TERRA [NTR]\nOSTERLICH [OST]\n";
    let run = |w: &[&str]| tabari_coder_words(verbs, actors, "", LoneAgents::Ignored, w);
    let target_slot = ["Zembla", "proposed", "Osterlich", "should", "demand", "tribute", "from", "Nova", "Terra", "."];
    assert_eq!(run(&target_slot), vec!["ZEM/OST/161"]);
    let no_slot = ["Zembla", "proposed", "the", "council", "should", "demand", "tribute", "from", "Nova", "Terra", "."];
    assert_eq!(run(&no_slot), vec!["ZEM/NTR/162"]);
    // Without a matching pattern the group's main verb codes as usual.
    let plain = ["Osterlich", "should", "demand", "money", "from", "Nova", "Terra", "."];
    assert_eq!(run(&plain), vec!["OST/NTR/150"]);
}

#[test]
fn tabari_verb_after_a_possessive_when_the_clause_verb_is_null() {
    use crate::events::LoneAgents;
    let verbs = "LIFT  [---]\nBANNER  [020]\n- PROUDLY LIFTED *  [042]\n";
    let actors = "ZEMBLA [ZEM]\nOSTERLICH [OST]\n";
    let run = |w: &[&str]| tabari_coder_words(verbs, actors, "", LoneAgents::Ignored, w);
    let words = ["Zembla", "has", "proudly", "lifted", "its", "banner", "for", "Osterlich", "."];
    assert_eq!(run(&words), vec!["ZEM/OST/042"]);
    // After an article the word is a noun, as in TABARI.
    let article = ["Zembla", "has", "proudly", "lifted", "the", "banner", "for", "Osterlich", "."];
    assert!(run(&article).is_empty());
}

#[test]
fn a_pattern_slot_takes_the_innermost_phrase() {
    // `^` skips "the Osterlich"; `+` is the phrase after it, not the one the whole group starts with.
    use crate::events::LoneAgents;
    let verbs = "WARN  [160]\n- * AT ^ +  [162]\n";
    let actors = "ZEMBLA [ZEM]\nOSTERLICH [OST]\nPRINCE_OF_NOVA [NOV]\n";
    let run = |w: &[&str]| tabari_coder_words(verbs, actors, "", LoneAgents::Ignored, w);
    let words = ["Zembla", "warned", "at", "the", "Osterlich", "of", "the", "Prince", "of", "Nova", "."];
    assert_eq!(run(&words), vec!["ZEM/NOV/162"]);
}

#[test]
fn former_officials_are_elites() {
    use crate::events::LoneAgents;
    let verbs = "PRAISE  [041]\n";
    let actors = "ZEMBLA [ZEM]\nOSTERLICH [OST]\n";
    let agents = "OFFICIAL [~GOV]\nJUDGE [~JUD]\n";
    let run = |w: &[&str]| tabari_coder_words(verbs, actors, agents, LoneAgents::Ignored, w);
    assert_eq!(run(&["Zembla", "officials", "praised", "Osterlich", "judges", "."]), vec!["ZEMGOV/OSTJUD/041"]);
    assert_eq!(
        run(&["Zembla", "former", "officials", "praised", "former", "Osterlich", "judges", "."]),
        vec!["ZEMELI/OSTELI/041"]
    );
}

#[test]
fn a_place_the_gazetteer_puts_in_another_country_is_coded_as_that_country() {
    let resources = crate::events::Resources::embedded().unwrap_or_else(|e| panic!("{e}"));
    let lex = &resources.lexicon;
    let words = ["a", "judge", "in", "Georgia", "and", "police", "in", "Moscow", "said"];
    let upper: Vec<String> = words.iter().map(|w| crate::events::dict::upper(w)).collect();
    let toks = lex.token_words(&upper);
    let mut matches = crate::events::actor::Matches::new(lex, &toks);
    let code = |m: &crate::events::actor::Matches, i: usize| {
        let (record, _) = m.actors[i].unwrap_or_else(|| panic!("no match at {i}"));
        lex.actor_records[record as usize].codes.last().map(|c| c.codes.join("/")).unwrap_or_default()
    };
    assert_eq!((code(&matches, 3), code(&matches, 7)), ("GEO".to_string(), "RUS".to_string()));
    // The state of Georgia; Moscow, Idaho.
    matches.relocate(lex, &[(3, 4, "US"), (7, 8, "US")]);
    assert_eq!((code(&matches, 3), code(&matches, 7)), ("USA".to_string(), "USA".to_string()));
}

/// The events of a tokenized sentence with the embedded dictionaries and `options`, as "source→target code".
fn coded_with(words: &[&str], options: crate::events::Options) -> Vec<String> {
    use crate::events::actor::Memory;
    use crate::events::{Coder, Known, Resources};
    let resources = Resources::embedded().unwrap_or_else(|e| panic!("{e}"));
    let coder = Coder::new(&resources.lexicon, options);
    let result = coder.code(words, Known::default(), Some(20230301), &mut Memory::default());
    result
        .events
        .iter()
        .map(|e| format!("{}→{} {}", e.source.code, e.target.as_ref().map_or("-", |t| t.code.as_str()), e.code))
        .collect()
}

#[test]
fn roles_without_a_country_are_actors_when_asked() {
    use crate::events::Options;
    let on = Options { agent_events: true, lone_source_events: true, ..Options::default() };
    // Both sides named by a role only: two parties agreeing.
    let words = ["The", "government", "and", "its", "opponents", "agreed", "on", "a", "new", "constitution", "."];
    let e = coded_with(&words, on.clone());
    assert!(has(&e, "---GOV", "---OPP", "05") && has(&e, "---OPP", "---GOV", "05"), "{e:?}");
    assert!(coded_with(&words, Options::default()).is_empty());
    // A role alone, no target.
    let words = ["Police", "have", "allowed", "the", "rallies", "."];
    let e = coded_with(&words, on);
    assert!(e.iter().any(|x| x.starts_with("---COP→- 08")), "{e:?}");
}

#[test]
fn an_event_without_a_target_is_reported_when_asked_unless_it_is_a_mere_statement() {
    use crate::events::Options;
    let on = Options { lone_source_events: true, ..Options::default() };
    let e = coded_with(&["France", "complained", "about", "the", "long", "delays", "."], on.clone());
    assert!(e.iter().any(|x| x.starts_with("FRA→- 11")), "{e:?}");
    // "said" (CAMEO 01) with nobody addressed is no event.
    let e = coded_with(&["France", "said", "the", "delays", "were", "long", "."], on);
    assert!(!e.iter().any(|x| x.contains("→- 01")), "{e:?}");
}

#[test]
fn telling_someone_to_act_is_a_demand_and_a_lawsuit_is_115() {
    // The possessor gives the country and "leadership" the role. (An infinitive the dictionaries code on its own,
    // "told … to expel", is still coded as that act: the patterns cannot require the infinitive.)
    let e = coded("The Iranian foreign minister told Iraq's leadership to stay away from the talks.", "2023-03-01");
    assert!(has(&e, "IRNGOV", "IRQGOV", "10"), "{e:?}");
    let e = coded("Germany sued Poland at the European Court of Justice.", "2023-03-01");
    assert!(has(&e, "DEU", "POL", "115"), "{e:?}");
}
