//! What a word says about the thing it refers to: the pronouns, the titles and nouns that give a person's sex, and
//! the nouns of the definite descriptions the stage resolves (the given names are in `names`).

/// A person's sex as the text gives it, for agreement with "he" and "she".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    /// He, him, his.
    Male,
    /// She, her, hers.
    Female,
}

/// What kind of thing a referent is, as far as pronouns care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A person.
    Person,
    /// A company, party, club, institution.
    Organisation,
    /// A country, city, region or building.
    Place,
    /// A people or group named by a demonym ("Palestinians").
    Group,
    /// Anything else (products, events, works).
    Thing,
}

/// What a third-person pronoun asks of its antecedent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pronoun {
    /// He/him/his (male), she/her/hers (female), it/its or they/them/their (none).
    pub sex: Option<Sex>,
    /// They, them, their, theirs.
    pub plural: bool,
    /// Him, her (as object), them, it as an object: not bound by the subject of its own clause.
    pub object: bool,
    /// His, her, its, their: a determiner.
    pub possessive: bool,
}

impl Pronoun {
    /// The third-person pronoun a lower-cased word is, if any. `her` counts as possessive; reflexives are left
    /// out (they corefer with their clause's subject, which is no news for the reader).
    pub fn of(word: &str) -> Option<Pronoun> {
        let p = |sex, plural, object, possessive| Some(Pronoun { sex, plural, object, possessive });
        match word {
            "he" => p(Some(Sex::Male), false, false, false),
            "him" => p(Some(Sex::Male), false, true, false),
            "his" => p(Some(Sex::Male), false, false, true),
            "she" => p(Some(Sex::Female), false, false, false),
            "her" => p(Some(Sex::Female), false, false, true),
            "hers" => p(Some(Sex::Female), false, false, false),
            "it" => p(None, false, false, false),
            "its" => p(None, false, false, true),
            "they" => p(None, true, false, false),
            "them" => p(None, true, true, false),
            "their" => p(None, true, false, true),
            "theirs" => p(None, true, false, false),
            _ => None,
        }
    }

    /// Whether a referent of this kind and sex can be what the pronoun points at. Organisations are "it" and, in
    /// British usage, "they" ("Chelsea … they"); so are teams named after their country ("England … They").
    pub fn agrees(&self, kind: Kind, sex: Option<Sex>) -> bool {
        match (self.sex, self.plural) {
            (Some(want), _) => kind == Kind::Person && sex.is_none_or(|s| s == want),
            (None, true) => matches!(kind, Kind::Organisation | Kind::Group | Kind::Place),
            (None, false) => matches!(kind, Kind::Organisation | Kind::Place | Kind::Thing),
        }
    }
}

/// Titles and words right before a name that give the person's sex.
pub fn title_sex(word: &str) -> Option<Sex> {
    const MALE: &[&str] = &[
        "mr",
        "mr.",
        "sir",
        "lord",
        "king",
        "prince",
        "duke",
        "father",
        "brother",
        "monsieur",
        "herr",
        "senor",
        "sheikh",
        "emir",
        "sultan",
        "pope",
        "rabbi",
        "ayatollah",
        "imam",
        "cardinal",
        "archbishop",
        "baron",
        "count",
        "earl",
        "congressman",
        "spokesman",
        "chairman",
        "businessman",
        "actor",
        "uncle",
        "son",
        "husband",
        "boyfriend",
    ];
    const FEMALE: &[&str] = &[
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "mme",
        "lady",
        "dame",
        "queen",
        "princess",
        "duchess",
        "baroness",
        "countess",
        "sister",
        "mother",
        "senora",
        "madame",
        "congresswoman",
        "spokeswoman",
        "chairwoman",
        "businesswoman",
        "actress",
        "aunt",
        "daughter",
        "wife",
        "girlfriend",
        "widow",
    ];
    if MALE.contains(&word) {
        Some(Sex::Male)
    } else if FEMALE.contains(&word) {
        Some(Sex::Female)
    } else {
        None
    }
}

/// Nouns of people that make an unnamed referent a person ("a man", "the girl", "officials"), with the sex the
/// noun gives. A description made of them that the stage cannot resolve still competes with the named people for
/// a pronoun, so that "A man … he" is not read as the last person named.
pub fn person_noun(word: &str) -> Option<Option<Sex>> {
    const MALE: &[&str] = &["man", "boy", "father", "husband", "son", "brother", "grandfather", "uncle", "gentleman"];
    const FEMALE: &[&str] =
        &["woman", "girl", "mother", "wife", "daughter", "sister", "grandmother", "aunt", "lady", "widow"];
    const ANY: &[&str] = &[
        "person",
        "child",
        "teenager",
        "victim",
        "suspect",
        "driver",
        "resident",
        "official",
        "spokesperson",
        "worker",
        "employee",
        "student",
        "patient",
        "passenger",
        "customer",
        "user",
        "voter",
        "fan",
        "friend",
        "partner",
        "lawyer",
        "doctor",
        "nurse",
        "teacher",
        "pilot",
        "soldier",
        "officer",
        "parent",
        "baby",
        "aide",
        "source",
        "analyst",
        "expert",
        "witness",
        "owner",
        "investor",
        "member",
        "candidate",
    ];
    if MALE.contains(&word) {
        Some(Some(Sex::Male))
    } else if FEMALE.contains(&word) {
        Some(Some(Sex::Female))
    } else if ANY.contains(&word) || word.ends_with("man") || word.ends_with("woman") {
        Some(title_sex(word))
    } else {
        None
    }
}

/// Organisation nouns that name any organisation ("the company", "the club"); the others ("the party", "the
/// bank") need an organisation named or described with the noun.
pub fn generic_organisation(head: &str) -> bool {
    matches!(
        head,
        "company"
            | "firm"
            | "group"
            | "business"
            | "corporation"
            | "club"
            | "side"
            | "team"
            | "organisation"
            | "organization"
    )
}

/// Head nouns of the definite descriptions the stage resolves to an entity named before ("the company", "the
/// minister", "the 34-year-old"), with the kind of entity each can name.
pub fn description_kind(head: &str) -> Option<Kind> {
    const ORGANISATIONS: &[&str] = &[
        "company",
        "firm",
        "group",
        "club",
        "team",
        "side",
        "bank",
        "carmaker",
        "automaker",
        "airline",
        "retailer",
        "insurer",
        "lender",
        "broadcaster",
        "publisher",
        "network",
        "party",
        "union",
        "band",
        "chain",
        "giant",
        "conglomerate",
        "operator",
        "manufacturer",
        "maker",
        "supermarket",
        "agency",
        "organisation",
        "organization",
        "charity",
        "studio",
        "label",
        "watchdog",
        "regulator",
        "brewer",
        "drugmaker",
        "chipmaker",
        "corporation",
        "business",
    ];
    const PLACES: &[&str] = &["country", "nation", "city", "kingdom", "republic", "state", "island", "capital"];
    const PEOPLE: &[&str] = &[
        "president",
        "minister",
        "chancellor",
        "premier",
        "leader",
        "chairman",
        "chairwoman",
        "boss",
        "manager",
        "coach",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "captain",
        "singer",
        "actor",
        "actress",
        "star",
        "rapper",
        "musician",
        "player",
        "spokesman",
        "spokeswoman",
        "governor",
        "mayor",
        "senator",
        "secretary",
        "executive",
        "founder",
        "director",
        "chief",
        "prince",
        "princess",
        "king",
        "queen",
        "pope",
        "candidate",
        "champion",
        "frontman",
        "guitarist",
        "presenter",
        "comedian",
        "writer",
        "author",
        "novelist",
        "veteran",
        "winger",
        "batsman",
        "bowler",
        "rider",
        "driver",
        "prosecutor",
        "judge",
        "ambassador",
        "envoy",
        "general",
        "commander",
        "businessman",
        "businesswoman",
        "billionaire",
        "tycoon",
        "entrepreneur",
        "quarterback",
        "international",
        "year-old",
        "congressman",
        "congresswoman",
        "lawmaker",
        "mp",
        "mep",
        "head",
    ];
    if ORGANISATIONS.contains(&head) {
        Some(Kind::Organisation)
    } else if PLACES.contains(&head) {
        Some(Kind::Place)
    } else if PEOPLE.contains(&head) || head.ends_with("-year-old") {
        Some(Kind::Person)
    } else {
        None
    }
}
