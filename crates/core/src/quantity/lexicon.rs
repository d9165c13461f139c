//! Words around numbers: currencies, units of measure, people counted, and what happened to them.

use std::sync::OnceLock;

use crate::fasthash::WordTable;
use crate::model::CountEvent;

/// True for a lower-cased word an amount can start with: number words, ordinals, approximations, currency
/// symbols and codes, vague plurals ("dozens"), "between", "a". One lookup instead of a dozen matches per word.
pub fn starts_amount(word: &str) -> bool {
    static WORDS: OnceLock<WordTable<()>> = OnceLock::new();
    WORDS.get_or_init(|| WordTable::new(AMOUNT_STARTS.iter().map(|w| (*w, ())))).get(word).is_some()
}

#[rustfmt::skip]
const AMOUNT_STARTS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fourty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "zero", "nil", "first", "second", "third", "fourth", "fifth",
    "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth",
    "sixtieth", "seventieth", "eightieth", "ninetieth", "hundredth", "at", "more", "less", "fewer", "up", "close",
    "upwards", "as", "no", "an", "a", "about", "around", "nearly", "almost", "some", "roughly", "approximately",
    "over", "under", "approx.", "circa", "c.", "estimated", "perhaps", "possibly", "reportedly", "between",
    "dozens", "hundreds", "thousands", "millions", "billions", "tens", "scores", "dozen", "half", "us", "u.s.", "c",
    "ca", "can", "au", "hk", "s", "nz", "r", "nt", "usd", "gbp", "eur", "jpy", "rs", "rs.", "inr", "ngn", "rub",
    "krw", "try", "php", "ils", "brl", "cad", "aud", "hkd", "sgd", "nzd", "chf", "cny", "rmb", "ksh", "kes", "zar",
    "us$", "r$", "c$", "a$", "hk$", "s$", "nz$",
];

/// The ISO 4217 code of a currency symbol written before an amount ("$", "£", "Rs").
pub fn currency_symbol(token: &str) -> Option<&'static str> {
    Some(match token {
        "$" | "us$" | "usd" => "USD",
        "£" | "gbp" => "GBP",
        "€" | "eur" => "EUR",
        "¥" | "jpy" => "JPY",
        "₹" | "rs" | "rs." | "inr" => "INR",
        "₦" | "ngn" => "NGN",
        "₽" | "rub" => "RUB",
        "₩" | "krw" => "KRW",
        "₺" | "try" => "TRY",
        "₱" | "php" => "PHP",
        "₪" | "ils" => "ILS",
        "r$" | "brl" => "BRL",
        "c$" | "cad" => "CAD",
        "a$" | "aud" => "AUD",
        "hk$" | "hkd" => "HKD",
        "s$" | "sgd" => "SGD",
        "nz$" | "nzd" => "NZD",
        "chf" => "CHF",
        "cny" | "rmb" => "CNY",
        "ksh" | "kes" => "KES",
        "zar" => "ZAR",
        _ => return None,
    })
}

/// The currency of a dollar sign led by a country letter ("C" + "$" → CAD), as tokens split them.
pub fn dollar_prefix(letters: &str) -> Option<&'static str> {
    Some(match letters {
        "us" | "u.s." => "USD",
        "c" | "ca" | "can" => "CAD",
        "a" | "au" => "AUD",
        "hk" => "HKD",
        "s" => "SGD",
        "nz" => "NZD",
        "r" => "BRL",
        "nt" => "TWD",
        _ => return None,
    })
}

/// The ISO 4217 code of a currency word written after an amount ("dollars", Reuters' "dlrs", "stg").
pub fn currency_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "dollar" | "dollars" | "dlr" | "dlrs" | "usd" => "USD",
        "euro" | "euros" | "eur" => "EUR",
        "pound" | "pounds" | "sterling" | "stg" | "gbp" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" | "rupees" => "INR",
        "franc" | "francs" => "CHF",
        "mark" | "marks" | "deutschmarks" => "DEM",
        "lira" | "lire" => "TRY",
        "peso" | "pesos" => "MXN",
        "rand" => "ZAR",
        "naira" => "NGN",
        "shilling" | "shillings" => "KES",
        "riyal" | "riyals" => "SAR",
        "dirham" | "dirhams" => "AED",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "won" => "KRW",
        "rupiah" => "IDR",
        "ringgit" => "MYR",
        "baht" => "THB",
        "hryvnia" | "hryvnias" => "UAH",
        "guilders" => "NLG",
        _ => return None,
    })
}

/// A nationality before "dollars" that names the currency ("Canadian dollars", "Australian dlrs").
pub fn dollar_nation(word: &str) -> Option<&'static str> {
    Some(match word {
        "u.s." | "us" | "american" => "USD",
        "canadian" => "CAD",
        "australian" => "AUD",
        "hong" => "HKD",
        "singapore" => "SGD",
        "new" => "NZD",
        "taiwan" => "TWD",
        _ => return None,
    })
}

/// A nationality before a currency word that names the currency ("Swiss francs", "Hong Kong dollars").
pub fn national_currency(nation: &str, currency: &str) -> Option<&'static str> {
    let dollar = matches!(currency, "dollar" | "dollars" | "dlr" | "dlrs");
    Some(match (nation, currency) {
        (n, _) if dollar => dollar_nation(n)?,
        ("swiss", "franc" | "francs") => "CHF",
        ("french", "franc" | "francs") => "FRF",
        ("belgian", "franc" | "francs") => "BEF",
        ("south", "rand") => "ZAR",
        ("mexican", "peso" | "pesos") => "MXN",
        ("philippine", "peso" | "pesos") => "PHP",
        ("argentine", "peso" | "pesos") => "ARS",
        ("indian", "rupee" | "rupees") => "INR",
        ("pakistani", "rupee" | "rupees") => "PKR",
        ("sri", "rupee" | "rupees") => "LKR",
        ("egyptian", "pound" | "pounds") => "EGP",
        ("lebanese", "pound" | "pounds") => "LBP",
        ("japanese", "yen") => "JPY",
        ("chinese", "yuan") => "CNY",
        ("turkish", "lira" | "lire") => "TRY",
        ("italian", "lira" | "lire") => "ITL",
        ("saudi", "riyal" | "riyals") => "SAR",
        ("german", "mark" | "marks") => "DEM",
        _ => return None,
    })
}

/// A unit of measure after a number, and the name it is reported under.
pub fn measure_unit(word: &str) -> Option<&'static str> {
    Some(match word {
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
        "m" | "metre" | "metres" | "meter" | "meters" => "m",
        "cm" | "centimetres" | "centimeters" => "cm",
        "mm" | "millimetres" | "millimeters" => "mm",
        "mile" | "miles" => "mi",
        "ft" | "foot" | "feet" => "ft",
        "inch" | "inches" => "in",
        "yard" | "yards" => "yd",
        "kg" | "kgs" | "kilo" | "kilos" | "kilogram" | "kilograms" | "kilogrammes" => "kg",
        "g" | "gram" | "grams" => "g",
        "mg" => "mg",
        "lb" | "lbs" | "pound-weight" => "lb",
        "oz" | "ounce" | "ounces" => "oz",
        "tonne" | "tonnes" | "ton" | "tons" | "mt" => "t",
        "litre" | "litres" | "liter" | "liters" => "l",
        "gallon" | "gallons" => "gal",
        "barrel" | "barrels" | "bbl" => "barrels",
        "bpd" => "barrels/day",
        "acre" | "acres" => "acre",
        "hectare" | "hectares" | "ha" => "ha",
        "mw" | "megawatts" => "MW",
        "gw" | "gigawatts" => "GW",
        "kw" | "kilowatts" => "kW",
        "kwh" => "kWh",
        "mph" => "mph",
        "kph" | "km/h" => "km/h",
        "knots" => "kn",
        "degrees" | "°" | "°c" | "°f" => "degrees",
        "mb" | "megabytes" => "MB",
        "gb" | "gigabytes" => "GB",
        "tb" | "terabytes" => "TB",
        _ => return None,
    })
}

/// Nouns for people, whose counts GDELT-style event coding cares about.
pub fn is_people(noun: &str) -> bool {
    matches!(
        noun,
        "people"
            | "persons"
            | "person"
            | "civilians"
            | "civilian"
            | "soldiers"
            | "soldier"
            | "troops"
            | "protesters"
            | "protestors"
            | "demonstrators"
            | "marchers"
            | "activists"
            | "children"
            | "kids"
            | "women"
            | "men"
            | "students"
            | "police"
            | "policemen"
            | "officers"
            | "militants"
            | "fighters"
            | "rebels"
            | "insurgents"
            | "gunmen"
            | "workers"
            | "migrants"
            | "refugees"
            | "residents"
            | "villagers"
            | "passengers"
            | "pilgrims"
            | "journalists"
            | "hostages"
            | "prisoners"
            | "detainees"
            | "victims"
            | "bodies"
            | "casualties"
            | "dead"
            | "wounded"
            | "injured"
            | "suspects"
            | "members"
            | "supporters"
            | "farmers"
            | "miners"
            | "sailors"
            | "crew"
            | "staff"
            | "employees"
            | "inmates"
            | "worshippers"
            | "tourists"
            | "doctors"
            | "nurses"
            | "teachers"
            | "patients"
            | "individuals"
            | "citizens"
            | "nationals"
            | "personnel"
            | "guards"
            | "peacekeepers"
            | "boys"
            | "girls"
            | "infants"
            | "babies"
            | "adults"
            | "families"
            | "households"
            | "others"
    )
}

/// What a word says happened to people counted near it.
pub fn event_cue(word: &str) -> Option<CountEvent> {
    Some(match word {
        "killed" | "kill" | "kills" | "killing" | "dead" | "died" | "die" | "dies" | "deaths" | "death" | "slain"
        | "massacred" | "executed" | "murdered" | "fatalities" | "perished" | "drowned" | "beheaded" | "bodies"
        | "toll" => CountEvent::Killed,
        "wounded" | "wounding" | "injured" | "injuring" | "hurt" | "injuries" | "wounds" | "maimed" => {
            CountEvent::Wounded
        }
        "arrested" | "arrest" | "arrests" | "arresting" | "detained" | "detaining" | "detainees" | "jailed"
        | "imprisoned" | "custody" | "apprehended" | "nabbed" | "captured" | "rounded" | "held" | "prisoners" => {
            CountEvent::Arrested
        }
        "kidnapped" | "kidnapping" | "abducted" | "abducting" | "hostage" | "hostages" | "kidnappers" => {
            CountEvent::Kidnapped
        }
        "displaced" | "evacuated" | "fled" | "flee" | "fleeing" | "homeless" | "refugees" | "uprooted"
        | "evacuation" | "relocated" => CountEvent::Displaced,
        "protesters" | "protestors" | "demonstrators" | "protested" | "protesting" | "protest" | "protests"
        | "rallied" | "marched" | "marchers" | "demonstrated" | "rally" | "strikers" => CountEvent::Protesting,
        _ => return None,
    })
}

/// Words before a number that make it a name or an identifier, not an amount ("Boeing 737", "No. 5").
pub fn is_identifier_head(word: &str) -> bool {
    matches!(
        word,
        "no."
            | "no"
            | "nos."
            | "number"
            | "#"
            | "page"
            | "pages"
            | "article"
            | "section"
            | "chapter"
            | "clause"
            | "resolution"
            | "flight"
            | "route"
            | "room"
            | "platform"
            | "gate"
            | "line"
            | "bus"
            | "highway"
            | "interstate"
            | "version"
            | "model"
            | "channel"
            | "level"
            | "phase"
            | "stage"
            | "grade"
            | "class"
            | "category"
            | "game"
            | "round"
            | "week"
            | "day"
            | "vol."
            | "episode"
            | "season"
            | "act"
            | "psalm"
            | "verse"
            | "paragraph"
            | "item"
            | "exhibit"
            | "rule"
            | "amendment"
            | "bill"
            | "code"
            | "tel"
            | "tel."
            | "phone"
            | "ext"
            | "ext."
            | "fax"
            | "call"
            | "box"
            | "unit"
            | "suite"
            | "apt"
            | "apt."
            | "floor"
            | "id"
            | "pin"
            | "covid"
            | "covid-"
            | "windows"
            | "ios"
            | "android"
            | "iphone"
            | "galaxy"
            | "top"
    )
}

/// Words before a number that say it is approximate ("about", "nearly", "at least").
pub fn approximation(words: &[&str]) -> Option<usize> {
    let w0 = *words.first()?;
    let w1 = words.get(1).copied().unwrap_or("");
    let w2 = words.get(2).copied().unwrap_or("");
    match (w0, w1, w2) {
        ("at", "least" | "most", _) | ("more" | "less" | "fewer", "than", _) | ("up", "to", _) => Some(2),
        ("close", "to", _) | ("upwards", "of", _) | ("as", "many", "as") | ("as", "much", "as") => {
            Some(if w0 == "as" { 3 } else { 2 })
        }
        ("no", "more" | "fewer" | "less", "than") => Some(3),
        ("an", "estimated", _) => Some(2),
        (
            "about" | "around" | "nearly" | "almost" | "some" | "roughly" | "approximately" | "over" | "under"
            | "approx." | "circa" | "c." | "estimated" | "perhaps" | "possibly" | "reportedly" | "~",
            _,
            _,
        ) => Some(1),
        _ => None,
    }
}

/// Words after a number that describe a dimension, so "1.5m" is metres ("1.5m tall").
pub fn is_dimension(word: &str) -> bool {
    matches!(word, "tall" | "high" | "long" | "wide" | "deep" | "thick" | "away" | "above" | "below" | "underground")
}

/// Adjectives and other modifiers that may stand between a number and the thing counted
/// ("12 Palestinian civilians", "300 more troops").
pub fn is_count_modifier(word: &str) -> bool {
    matches!(
        word,
        "more"
            | "other"
            | "new"
            | "additional"
            | "extra"
            | "armed"
            | "unarmed"
            | "young"
            | "old"
            | "foreign"
            | "local"
            | "innocent"
            | "elderly"
            | "suspected"
            | "alleged"
            | "senior"
            | "junior"
            | "small"
            | "large"
            | "major"
            | "top"
            | "key"
            | "former"
            | "female"
            | "male"
            | "pro-democracy"
            | "anti-government"
            | "opposition"
            | "government"
            | "security"
            | "police"
            | "army"
            | "military"
            | "rebel"
            | "migrant"
            | "civilian"
            | "medical"
            | "aid"
            | "un"
            | "u.n."
            | "u.s."
            | "us"
            | "british"
            | "american"
            | "israeli"
            | "palestinian"
            | "ukrainian"
            | "russian"
            | "iraqi"
            | "afghan"
            | "syrian"
            | "iranian"
            | "chinese"
            | "indian"
            | "pakistani"
            | "french"
            | "german"
            | "turkish"
            | "kurdish"
            | "nigerian"
            | "kenyan"
    )
}
