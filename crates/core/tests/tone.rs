//! Document tone against a human reading: hand-written news sentences whose sign a reader has no doubt about
//! (written for this test; not from any corpus).

use gleaner_core::{Config, Document, Extractor};

const POSITIVE: &[&str] = &[
    "The two leaders praised the talks as a great success and promised closer friendship.",
    "Rescuers pulled all twelve miners out alive, and their families celebrated the happy news.",
    "The charity said the generous donations had helped thousands of children.",
    "Shares rose strongly after the company reported excellent results and a healthy outlook.",
    "Fans cheered as the team won the cup in a brilliant final.",
    "The new hospital will improve care for patients and create hundreds of jobs.",
    "Both sides welcomed the peace agreement and said they were optimistic about the future.",
    "The minister said she was delighted with the outcome of the summit.",
    "Critics loved the film, calling it a beautiful and inspiring story.",
    "Villagers were grateful for the aid, which arrived safely on Monday.",
    "The prize honours her outstanding work to protect endangered wildlife.",
    "Doctors said the patient was recovering well and was in good spirits.",
];

const NEGATIVE: &[&str] = &[
    "At least 40 people were killed and dozens injured when a bomb exploded in a crowded market.",
    "The company warned of heavy losses and said hundreds of workers would lose their jobs.",
    "Police arrested three men after a violent attack on a journalist.",
    "The floods destroyed thousands of homes and left families homeless and afraid.",
    "Protesters accused the government of corruption and demanded that the minister resign.",
    "The report condemned the prison's cruel treatment of inmates.",
    "Talks collapsed amid bitter disagreement, and both sides blamed each other for the failure.",
    "The economy shrank for a third quarter as fears of a deep recession grew.",
    "Fighting has killed hundreds and forced thousands to flee their burning villages.",
    "The star's new album was a disappointment, critics said, calling it dull and lifeless.",
    "The minister did not deny that the plan was a failure.",
    "Residents said the crisis was not good for anyone and complained about the lack of help.",
];

/// Cases a reader gets from knowing the world rather than from the words ("unemployment fell" is good news): a
/// word-counting tone reads some of them wrongly. Reported, not required.
const NEEDS_KNOWLEDGE: &[(&str, f32)] = &[
    ("Unemployment has fallen to its lowest level in years.", 1.0),
    ("The attack was foiled and nobody was hurt.", 1.0),
    ("Inflation soared and food prices doubled.", -1.0),
    ("The team's hopes of a title ended in a 3-0 defeat.", -1.0),
];

#[test]
fn tone_agrees_in_sign_with_a_reader() {
    let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let tone = |text: &str| {
        let out = extractor.extract(&Document::new(text)).unwrap_or_else(|e| panic!("{e}"));
        out.tone.unwrap_or_else(|| panic!("no tone for {text:?}"))
    };
    let mut wrong = Vec::new();
    for (cases, sign) in [(POSITIVE, 1.0), (NEGATIVE, -1.0)] {
        for text in cases {
            let t = tone(text);
            if t.tone * sign <= 0.0 {
                wrong.push(format!("{text:?}: tone {:.2}", t.tone));
            }
        }
    }
    assert!(wrong.is_empty(), "tone disagrees with the reader on:\n{}", wrong.join("\n"));
    let agree = NEEDS_KNOWLEDGE.iter().filter(|(text, sign)| tone(text).tone * sign > 0.0).count();
    println!("cases that need world knowledge: tone agrees on {agree} of {}", NEEDS_KNOWLEDGE.len());
}

#[test]
fn negation_and_intensifiers_move_tone() {
    let extractor = Extractor::new(Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let tone = |text: &str| extractor.extract(&Document::new(text)).ok().and_then(|o| o.tone).map_or(0.0, |t| t.tone);
    assert!(tone("The results were good.") > 0.0);
    assert!(tone("The results were not good.") < 0.0);
    // Same number of words, so the shares compare the words' weights.
    assert!(tone("The results were very good.") > tone("The results were also good."));
    assert!(tone("The results were very bad.") < tone("The results were also bad."));
    assert!(tone("The results were slightly bad.") > tone("The results were also bad."));
}
