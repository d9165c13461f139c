//! The geo stage on the hand-written seed article (examples/seed.txt) and on hard inputs: spans from string search,
//! and the seed through the whole pipeline with the tagger's own spans.

use gleaner_core::geo::{Gazetteer, Record, Resolver, Toponym, distance_km};
use gleaner_core::model::{Label, PlaceKind, PointSource};
use gleaner_core::text::Text;

const SEED: &str = include_str!("../../../examples/seed.txt");

fn gazetteer() -> &'static Gazetteer {
    Gazetteer::embedded().unwrap_or_else(|e| panic!("gazetteer: {e}"))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// The places of `doc`'s toponyms (found by `spans`), in text order.
fn resolved(doc: &str, names: &[(&str, Label)]) -> Vec<Option<Record<'static>>> {
    let gaz = gazetteer();
    let text = Text::new(doc);
    let out = Resolver::new(gaz).resolve(&text, &spans(&text, names));
    out.places.iter().map(|p| p.map(|p| gaz.record(p.record))).collect()
}

/// The place of `doc`'s one toponym `name`, a GPE.
fn resolved_one(doc: &str, name: &str) -> Option<Record<'static>> {
    resolved(doc, &[(name, Label::Gpe)]).first().copied().flatten()
}

/// Whole-word occurrences of each name, longest names first, without overlaps.
fn spans(text: &Text<'_>, names: &[(&str, Label)]) -> Vec<Toponym> {
    let s = text.normalized();
    let mut names = names.to_vec();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut out: Vec<Toponym> = Vec::new();
    for (name, label) in names {
        for (start, _) in s.match_indices(name) {
            let end = start + name.len();
            let bounded = (start == 0 || !is_word_byte(s.as_bytes()[start - 1]))
                && (end == s.len() || !is_word_byte(s.as_bytes()[end]));
            if bounded && !out.iter().any(|t| start < t.end && t.start < end) {
                let sentence = text.sentences.partition_point(|x| x.end <= start);
                out.push(Toponym { start, end, label: Some(label), sentence });
            }
        }
    }
    out.sort_by_key(|t| t.start);
    out
}

#[test]
fn seed_article_places() {
    let gaz = gazetteer();
    let text = Text::new(SEED);
    use Label::{Fac, Gpe};
    let names = [
        ("Iran", Gpe),
        ("Iraq", Gpe),
        ("Tehran", Gpe),
        ("Baghdad", Gpe),
        ("Baghdad International Airport", Fac),
        ("Karbala", Gpe),
        ("Najaf", Gpe),
        ("Basra", Gpe),
        ("Erbil", Gpe),
        ("Syria", Gpe),
        ("Gaza", Gpe),
        ("Israel", Gpe),
        ("United States", Gpe),
        ("US", Gpe),
        ("Nakuru", Gpe),
    ];
    let toponyms = spans(&text, &names);
    assert!(toponyms.len() >= names.len(), "every name is in the article");
    let out = Resolver::new(gaz).resolve(&text, &toponyms);
    let expected: &[(&str, &[u32])] = &[
        ("Iran", &[130758]),
        ("Iraq", &[99237]),
        ("Tehran", &[112931]),
        ("Baghdad", &[98182]),
        ("Karbala", &[94824]),
        ("Najaf", &[98860]),
        ("Basra", &[99532]),
        ("Erbil", &[95446]),
        ("Syria", &[163843]),
        // The city of Gaza or the Gaza Strip.
        ("Gaza", &[281133, 281132]),
        ("Israel", &[294640]),
        ("United States", &[6252001]),
        ("US", &[6252001]),
        ("Nakuru", &[184622]),
    ];
    for (t, place) in toponyms.iter().zip(&out.places) {
        let surface = &text.normalized()[t.start..t.end];
        let place = place.unwrap_or_else(|| panic!("{surface} is unresolved"));
        let rec = gaz.record(place.record);
        if surface == "Baghdad International Airport" {
            assert_eq!(rec.kind(), PlaceKind::Airport);
            let (lat, lon) = rec.point();
            assert!(distance_km(lat, lon, 33.2625, 44.2346) < 2.0, "airport at its point, not {lat},{lon}");
            continue;
        }
        let (_, ids) = expected.iter().find(|(n, _)| *n == surface).unwrap_or_else(|| panic!("unexpected {surface}"));
        assert!(
            rec.geonames_id().is_some_and(|id| ids.contains(&id)),
            "{surface} → {} ({:?}, {:?}, {:?})",
            rec.name(),
            rec.kind(),
            rec.country_code(),
            rec.geonames_id()
        );
    }
    // The article is about Iraq (and Iran); the detached Kenyan headline does not count.
    let focus: Vec<&str> = out.focus.iter().filter_map(|f| gaz.record(f.record).country_code()).collect();
    assert_eq!(focus.first(), Some(&"IQ"), "focus {focus:?}");
    assert!(!focus.contains(&"KE"), "focus {focus:?}");
}

/// The seed article through the whole pipeline: the tagger's own toponyms resolve as the gold spans do, and the
/// airport is a facility of its own, not the city it is named after.
#[test]
fn seed_article_end_to_end() {
    let extractor = gleaner_core::Extractor::new(gleaner_core::Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let out = extractor.extract(&gleaner_core::Document::new(SEED)).unwrap_or_else(|e| panic!("{e}"));
    let place_of = |name: &str| {
        let e = out.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entity {name}"));
        (e.label, e.place.clone().unwrap_or_else(|| panic!("{name} is unresolved")))
    };
    let (label, airport) = place_of("Baghdad International Airport");
    assert_eq!((label, airport.kind), (Label::Fac, PlaceKind::Airport));
    assert!(distance_km(airport.lat, airport.lon, 33.2625, 44.2346) < 2.0, "{airport:?}");
    for (name, id) in [
        ("Iran", 130758),
        ("Iraq", 99237),
        ("Tehran", 112931),
        ("Baghdad", 98182),
        ("Karbala", 94824),
        ("Najaf", 98860),
        ("Basra", 99532),
        ("Erbil", 95446),
        ("Syria", 163843),
        ("Israel", 294640),
        ("United States", 6252001),
        ("Nakuru", 184622),
    ] {
        let (label, place) = place_of(name);
        assert_eq!((label, place.geonames_id), (Label::Gpe, Some(id)), "{name}: {place:?}");
    }
    let (_, gaza) = place_of("Gaza");
    assert!(matches!(gaza.geonames_id, Some(281133 | 281132)), "{gaza:?}");
}

/// A name that only a dissimilar alternate name ties to a place, with nothing in the document for it, stays
/// unresolved when a tagger found it; a well-known other name of a large city still resolves.
#[test]
fn another_name_alone_is_not_enough() {
    let id = |doc: &str, name: &str| resolved_one(doc, name).and_then(|r| r.geonames_id());
    assert_eq!(id("Shares in Google rose after the search firm said profits doubled.", "Google"), None);
    assert_eq!(id("Shares rose in Bombay on Monday.", "Bombay"), Some(1275339));
    // A facility resolves to its own point or not at all, never to a town that shares its name.
    let places = resolved("The White House said on Monday that talks would resume.", &[("White House", Label::Fac)]);
    assert!(matches!(places.as_slice(), [None]));
}

#[test]
fn containment_and_abbreviations() {
    for (doc, name, admin1) in [
        ("He grew up in Paris, Texas, and never left.", "Paris", "Texas"),
        ("The rally in Springfield, Ill. drew thousands.", "Springfield", "Illinois"),
        ("Flooding hit Springfield, MO on Sunday.", "Springfield", "Missouri"),
        ("They moved to Portland, Maine, last year.", "Portland", "Maine"),
    ] {
        let rec = resolved_one(doc, name).unwrap_or_else(|| panic!("{doc}: unresolved"));
        assert_eq!(rec.admin1().map(|a| a.name()), Some(admin1), "{doc}");
    }
    // Without context the most likely reading wins.
    assert_eq!(resolved_one("She flew to Paris.", "Paris").and_then(|r| r.geonames_id()), Some(2988507));
}

/// A state is not "a division named like its city" because a town inside it has the state's name as an alternate
/// ("Montana City", "Maryland City"): alone, the name is the state.
#[test]
fn states_named_in_their_towns_alternate_names() {
    for (doc, name) in [
        ("A judge in Montana ruled on Tuesday.", "Montana"),
        ("Officials in Maryland said the talks would go on.", "Maryland"),
    ] {
        let rec = resolved_one(doc, name);
        assert_eq!(rec.map(|r| (r.kind(), r.country_code())), Some((PlaceKind::Admin1, Some("US"))), "{doc}");
    }
}

/// A county counts the people of its towns: in a British story, "Kent" is the English county of 1.8 million, not
/// the town of 130,000 in Washington (which won when counties had no population).
#[test]
fn counties_count_their_towns() {
    for (doc, name) in [
        ("A police raid on a pub in Essex has rekindled a row across Britain.", "Essex"),
        ("Asian hornets, spreading across Britain, were seen for the first time in Kent.", "Kent"),
    ] {
        let places = resolved(doc, &[("Britain", Label::Gpe), (name, Label::Gpe)]);
        let county = places.iter().flatten().find(|r| r.name() == name);
        assert_eq!(county.map(|r| (r.kind(), r.country_code())), Some((PlaceKind::Admin2, Some("GB"))), "{doc}");
    }
}

/// The regions news writes about outrank the hamlets named after them ("Middle East", Maryland), even in a
/// document about the hamlet's country.
#[test]
fn regions_outrank_their_namesake_hamlets() {
    for (doc, name) in [
        ("Ties between Russia and U.S. allies in the Middle East have frayed.", "Middle East"),
        ("U.S. trawlers were fishing in the North Sea.", "North Sea"),
    ] {
        let places = resolved(doc, &[("Russia", Label::Gpe), ("U.S.", Label::Gpe), (name, Label::Loc)]);
        let last = places.last().copied().flatten();
        assert_eq!(last.map(|r| (r.kind(), r.name())), Some((PlaceKind::Region, name)), "{doc}");
    }
}

/// A state that shares its name with the country's capital yields to the capital when nothing points to the state
/// ("talks in Washington"), and not when something does ("Seattle, Washington").
#[test]
fn the_capital_before_the_state_of_its_name() {
    let rec = resolved_one("Global finance chiefs gathered in Washington on Monday.", "Washington");
    assert_eq!(rec.map(|r| (r.kind(), r.is_capital())), Some((PlaceKind::City, true)));
    let doc = "A gun shop owner in Seattle, Washington, sold magazines.";
    let places = resolved(doc, &[("Seattle", Label::Gpe), ("Washington", Label::Gpe)]);
    assert_eq!(places.get(1).copied().flatten().map(|r| r.kind()), Some(PlaceKind::Admin1));
}

/// A name's own readings lend no support to each other: the many American towns called Cambridge do not make a
/// neighbouring country's Cambridge (Ontario) likelier than the English city.
#[test]
fn readings_of_one_name_do_not_support_each_other() {
    let rec = resolved_one("She studied at a college in Cambridge.", "Cambridge");
    assert_eq!(rec.and_then(|r| r.country_code()), Some("GB"));
}

/// "City of Westminster" is Westminster: GeoNames' administrative title is no part of the name, so the London borough
/// outranks the Colorado city.
#[test]
fn administrative_titles_are_no_part_of_the_name() {
    let rec = resolved_one("He is due to appear at Westminster magistrates court.", "Westminster");
    assert_eq!(rec.and_then(|r| r.country_code()), Some("GB"));
}

/// A demonym that names a country and a place in it names the place: "Scottish" is Scotland, which the United
/// Kingdom holds.
#[test]
fn demonyms_name_the_most_precise_place() {
    let places = resolved("The Scottish government said on Monday it would appeal.", &[("Scottish", Label::Norp)]);
    let rec = places.first().copied().flatten();
    assert_eq!(rec.map(|r| (r.kind(), r.name())), Some((PlaceKind::Admin1, "Scotland")));
}

/// English names a country's people with a demonym ("a Georgian woman"), so a name that modifies a person or an
/// office names a place below a country; abbreviations ("a U.S. judge") and banks ("the Bank of Canada governor")
/// are the exceptions.
#[test]
fn names_that_modify_a_person_are_below_a_country() {
    let kind = |doc: &str, name: &str| resolved_one(doc, name).map(|r| (r.kind(), r.country_code()));
    assert_eq!(kind("A Georgia woman has been charged.", "Georgia"), Some((PlaceKind::Admin1, Some("US"))));
    assert_eq!(kind("Georgia Gov. Brian Kemp signed the bill.", "Georgia"), Some((PlaceKind::Admin1, Some("US"))));
    assert_eq!(kind("Georgia has closed its border.", "Georgia"), Some((PlaceKind::Country, Some("GE"))));
    assert_eq!(kind("As a result, a U.S. judge blocked the rule.", "U.S."), Some((PlaceKind::Country, Some("US"))));
    assert_eq!(kind("The Bank of Canada governor spoke.", "Canada"), Some((PlaceKind::Country, Some("CA"))));
}

#[test]
fn dateline_and_demonyms() {
    let gaz = gazetteer();
    let text = Text::new("ALEXANDRIA, Va. (Reuters) - Officials said the Iranian delegation arrived late.");
    let toponyms = vec![spans(&text, &[("ALEXANDRIA", Label::Gpe)])[0], spans(&text, &[("Iranian", Label::Norp)])[0]];
    let out = Resolver::new(gaz).resolve(&text, &toponyms);
    let alexandria = gaz.record(out.places[0].expect("resolved").record);
    assert_eq!(alexandria.country_code(), Some("US"));
    assert_eq!(alexandria.admin1().map(|a| a.name()), Some("Virginia"));
    let iranian = gaz.record(out.places[1].expect("resolved").record);
    assert_eq!((iranian.kind(), iranian.country_code()), (PlaceKind::Country, Some("IR")));
    // A group is not a place.
    let text = Text::new("Shiite pilgrims gathered.");
    let out = Resolver::new(gaz).resolve(&text, &spans(&text, &[("Shiite", Label::Norp)]));
    assert_eq!(out.places, vec![None]);
}

#[test]
fn hard_inputs_do_not_blow_up() {
    let gaz = gazetteer();
    // A place repeated a thousand times shares one decision.
    let doc = "Reading is lovely. ".repeat(1000);
    let text = Text::new(&doc);
    let toponyms = spans(&text, &[("Reading", Label::Gpe)]);
    assert_eq!(toponyms.len(), 1000);
    let out = Resolver::new(gaz).resolve(&text, &toponyms);
    assert!(out.places.windows(2).all(|w| w[0] == w[1]));
    // Hundreds of distinct places, common words among them, and spans that are not names at all.
    let mut doc = String::new();
    let mut names = Vec::new();
    for r in (0..gaz.len() as u32).step_by(gaz.len() / 600) {
        let name = gaz.record(r).name().to_string();
        if !name.is_empty() && !doc.contains(&name) {
            doc.push_str(&format!("Officials in {name} said so. "));
            names.push(name);
        }
    }
    doc.push_str("Nice weather in Mobile. Split the bill. ,,, ' 's");
    let text = Text::new(&doc);
    let mut labels: Vec<(&str, Label)> = names.iter().map(|n| (n.as_str(), Label::Gpe)).collect();
    labels.extend([("Nice", Label::Gpe), ("Mobile", Label::Gpe), ("Split", Label::Gpe), (",,,", Label::Loc)]);
    labels.push(("'s", Label::Gpe));
    let mut toponyms = spans(&text, &labels);
    toponyms.push(Toponym { start: doc.len() + 10, end: doc.len() + 20, label: None, sentence: 99_999 });
    toponyms.push(Toponym { start: 5, end: 2, label: None, sentence: 0 });
    assert!(toponyms.len() > 400);
    let out = Resolver::new(gaz).resolve(&text, &toponyms);
    assert_eq!(out.places.len(), toponyms.len());
    assert!(out.places.iter().filter(|p| p.is_some()).count() > 300);
    assert_eq!(out.places[toponyms.len() - 1], None);
}

#[test]
fn airport_codes_only_where_safe() {
    let gaz = gazetteer();
    let text = Text::new("He landed at Baghdad International Airport (BGW) and saw BGW fans.");
    let mut toponyms = spans(&text, &[("BGW", Label::Gpe)]);
    assert_eq!(toponyms.len(), 2);
    let resolver = Resolver::new(gaz);
    let has_airport = |toponyms: &[Toponym], mention: usize| {
        resolver
            .groups(&text, toponyms)
            .iter()
            .filter(|g| g.mentions.contains(&mention))
            .any(|g| g.candidates.iter().any(|&r| gaz.record(r).kind() == PlaceKind::Airport))
    };
    // In parentheses the code is a candidate; loose in the text it is not.
    assert!(has_airport(&toponyms, 0));
    assert!(!has_airport(&toponyms, 1));
    // A facility named by its code resolves to the airport's point.
    toponyms[1].label = Some(Label::Fac);
    let out = resolver.resolve(&text, &toponyms[1..]);
    assert_eq!(out.places[0].map(|p| gaz.record(p.record).kind()), Some(PlaceKind::Airport));
}

#[test]
fn words_that_name_no_place_stay_unresolved() {
    let gaz = gazetteer();
    for w in ["Tuesday", "President", "Reuters", "Apple"] {
        let doc = format!("Yesterday {w} said so.");
        let text = Text::new(&doc);
        let out = Resolver::new(gaz).resolve(&text, &spans(&text, &[(w, Label::Gpe)]));
        assert_eq!(out.places, vec![None], "{w}");
    }
}

#[test]
fn places_with_a_geonames_id_carry_geonames_points() {
    // Canada (6251999) and Alberta (5883102) at GeoNames' own points, not a rounded centroid from another table.
    let gaz = gazetteer();
    let canada = resolved_one("Ottawa said Canada will act.", "Canada").expect("Canada");
    let place = canada.place(1.0);
    assert_eq!((place.geonames_id, place.lat, place.lon), (Some(6251999), 60.10867, -113.64258));
    assert_eq!(place.point_source, PointSource::Geonames);
    let alberta = resolved_one("Wildfires spread across Alberta on Monday.", "Alberta").expect("Alberta");
    assert_eq!(alberta.geonames_id(), Some(5883102));
    let (lat, lon) = alberta.point();
    assert!(distance_km(lat, lon, 52.28333, -117.469) < 0.1, "Alberta at {lat},{lon}");
    // Every country, and every division whose GeoNames point the sources hold, says where its point comes from; a
    // record without GeoNames' point never claims it.
    let mut sources = std::collections::HashMap::new();
    for r in 0..gaz.len() as u32 {
        let rec = gaz.record(r);
        *sources.entry((rec.kind(), rec.point_source())).or_insert(0usize) += 1;
        if rec.geonames_id().is_none() {
            assert_ne!(rec.point_source(), PointSource::Geonames, "{}", rec.name());
        }
    }
    assert!(sources.get(&(PlaceKind::Country, PointSource::Geonames)).is_some_and(|&n| n >= 240));
    assert!(sources.get(&(PlaceKind::Admin1, PointSource::Geonames)).is_some_and(|&n| n >= 2800));
    assert!(sources.get(&(PlaceKind::Admin1, PointSource::Towns)).is_some_and(|&n| n > 0));
}

/// The value of feature `name` for each candidate of the group of toponym `name_in_doc`.
fn feature_of(doc: &str, names: &[(&str, Label)], group: &str, feature: &str) -> Vec<(Record<'static>, f32)> {
    let gaz = gazetteer();
    let text = Text::new(doc);
    let k = gleaner_core::geo::FEATURE_NAMES.iter().position(|f| *f == feature).unwrap_or_else(|| panic!("{feature}"));
    let groups = Resolver::new(gaz).groups(&text, &spans(&text, names));
    let g = groups.iter().find(|g| g.key == group).unwrap_or_else(|| panic!("no group {group}"));
    g.candidates.iter().zip(&g.features).map(|(&r, f)| (gaz.record(r), f[k])).collect()
}

#[test]
fn the_most_populous_reading_is_marked() {
    let doc = "She flew to Paris.";
    let names = [("Paris", Label::Gpe)];
    let top = feature_of(doc, &names, "paris", "population_top");
    let gap = feature_of(doc, &names, "paris", "population_gap");
    assert!(top.len() > 3, "Paris has many readings");
    for ((rec, t), (_, g)) in top.iter().zip(&gap) {
        assert_eq!(*t == 1.0, *g == 0.0, "{}: top {t}, gap {g}", rec.name());
        assert!(*g <= 0.0 && *g >= -1.0, "{}: gap {g}", rec.name());
    }
    assert!(gap.iter().any(|x| x.1 < -0.1), "small namesakes fall below");
}

#[test]
fn the_country_share_of_the_other_names() {
    // Every other name is American: a US reading of "Paris" gets the whole share, the French one none.
    let doc = "Storms hit Ohio, Texas and Kentucky before reaching Paris.";
    let names = [("Ohio", Label::Gpe), ("Texas", Label::Gpe), ("Kentucky", Label::Gpe), ("Paris", Label::Gpe)];
    let share = feature_of(doc, &names, "paris", "country_share");
    let us = share.iter().filter(|(r, _)| r.country_code() == Some("US")).map(|x| x.1).fold(0.0f32, f32::max);
    let fr = share.iter().filter(|(r, _)| r.country_code() == Some("FR")).map(|x| x.1).fold(0.0f32, f32::max);
    assert!(us > 0.9, "US share {us}");
    assert!(fr < 0.05, "French share {fr}");
    // Alone, a name has no share.
    let alone = feature_of("She flew to Paris.", &[("Paris", Label::Gpe)], "paris", "country_share");
    assert!(alone.iter().all(|x| x.1 == 0.0));
}

#[test]
fn camel_cased_hashtags_and_towns_of_a_country() {
    let rec = resolved_one("Praying for #SierraLeone tonight", "SierraLeone");
    assert_eq!(rec.map(|r| (r.kind(), r.country_code())), Some((PlaceKind::Country, Some("SL"))));
    let rec = resolved_one("Rally tonight #SanFrancisco", "SanFrancisco");
    assert_eq!(rec.and_then(|r| r.admin1().map(|a| a.name())), Some("California"));
    // "Ukraine town" is a town in Ukraine: the name is the country.
    let rec = resolved_one("Ukraine town targeted by rebels.", "Ukraine");
    assert_eq!(rec.map(|r| (r.kind(), r.country_code())), Some((PlaceKind::Country, Some("UA"))));
}

#[test]
fn a_name_qualified_after_its_first_mention_is_another_place() {
    let doc = "Toledo is a city in Tama County, Iowa. Toledo was named for Toledo, Ohio.";
    let names = [("Toledo", Label::Gpe), ("Tama County", Label::Gpe), ("Iowa", Label::Gpe), ("Ohio", Label::Gpe)];
    let places = resolved(doc, &names);
    let admin1 = |i: usize| places.get(i).copied().flatten().and_then(|r| r.admin1().map(|a| a.name()));
    // Toledo, Tama County, Iowa, Toledo, Toledo, Ohio.
    assert_eq!(admin1(0), Some("Iowa"), "{places:?}");
    assert_eq!(admin1(3), Some("Iowa"), "{places:?}");
    assert_eq!(admin1(4), Some("Ohio"), "{places:?}");
    // Qualified at its first mention, the name keeps the qualification.
    let places =
        resolved("He grew up in Paris, Texas. Paris is small.", &[("Paris", Label::Gpe), ("Texas", Label::Gpe)]);
    let texas = |i: usize| places.get(i).copied().flatten().and_then(|r| r.admin1().map(|a| a.name()));
    assert_eq!((texas(0), texas(2)), (Some("Texas"), Some("Texas")), "{places:?}");
}

/// A phrase that says what a place is and where names its container as a comma does ("Lincoln is a town in Grafton
/// County"): the town of the named county, however small, over the namesake city (Lincoln, Nebraska; Lincoln,
/// England) that population favours. The county holds only the towns that GeoNames links to it.
#[test]
fn a_defining_phrase_names_the_container() {
    let doc = "Lincoln is a town in Grafton County. The town has a ski area.";
    let rec = resolved(doc, &[("Lincoln", Label::Gpe), ("Grafton County", Label::Gpe)]).first().copied().flatten();
    assert_eq!(rec.and_then(|r| r.admin1().map(|a| a.name())), Some("New Hampshire"), "{rec:?}");
    let doc = "Officials in Portland, a city in Cumberland County, said the harbour would reopen.";
    let rec = resolved(doc, &[("Portland", Label::Gpe), ("Cumberland County", Label::Gpe)]).first().copied().flatten();
    assert_eq!(rec.and_then(|r| r.admin1().map(|a| a.name())), Some("Maine"), "{rec:?}");
}

/// After a place and a comma, a division's abbreviation counts however it is written.
#[test]
fn abbreviations_after_a_place_and_a_comma() {
    for (doc, town, abbreviation, admin1) in [
        ("Storms hit Houston, tx on Sunday.", "Houston", "tx", "Texas"),
        ("A quake shook Oakland, Calif early today.", "Oakland", "Calif", "California"),
    ] {
        let places = resolved(doc, &[(town, Label::Gpe), (abbreviation, Label::Gpe)]);
        let names: Vec<Option<&str>> = places.iter().map(|p| p.map(|r| r.name())).collect();
        assert_eq!(names.get(1).copied().flatten(), Some(admin1), "{doc}: {names:?}");
        let town_admin1 = places.first().copied().flatten().and_then(|r| r.admin1().map(|a| a.name()));
        assert_eq!(town_admin1, Some(admin1), "{doc}");
    }
}
