//! The gazetteer compiler: GeoNames countries, continents, first- and second-order divisions and cities1000
//! (../shared/data/geonames), airports (../shared/data/airports), and the tables of `data/` (GeoNames' own points of
//! countries and divisions, stand-in points where GeoNames' are missing, English country names, demonyms, division
//! abbreviations, regions) → `gazetteer.fst` (normalized name → postings) and `gazetteer.bin` (postcard-encoded
//! record columns).

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result, anyhow, bail};
use gleaner_core::geo::{
    FLAG_CAPITAL, MatchKind, NONE, Tables, distance_km, is_latin, kind_code, normalize_name, point_source_code,
};
use gleaner_core::model::{PlaceKind, PointSource};
use serde_json::Value;

use super::{Output, Sources};
use crate::geonames::{self, read, rows};

/// The population a curated region counts as. GeoNames gives the regions news writes about ("Middle East", "North
/// Sea") none, yet they are famous by construction: as much as a large city lets one outrank a hamlet of the same
/// name ("Middle East", Maryland) unless the document points to the hamlet.
const REGION_POPULATION: u64 = 1_000_000;

/// One record while compiling.
struct Rec {
    geonames_id: u32,
    kind: PlaceKind,
    lat: f64,
    lon: f64,
    point_source: PointSource,
    population: u64,
    country: u16,
    admin1: u32,
    admin2: u32,
    extent_km: f64,
    flags: u8,
    name: String,
}

#[derive(Default)]
struct Builder {
    records: Vec<Rec>,
    /// (normalized key, posting) pairs.
    names: Vec<(String, u32)>,
    by_geonames: HashMap<u32, u32>,
}

impl Builder {
    fn push(&mut self, rec: Rec) -> u32 {
        let id = self.records.len() as u32;
        if rec.geonames_id != 0 {
            self.by_geonames.entry(rec.geonames_id).or_insert(id);
        }
        self.records.push(rec);
        id
    }

    fn name(&mut self, record: u32, name: &str, how: MatchKind) {
        let key = normalize_name(name);
        if !key.is_empty() {
            self.names.push((key, record | how.bits()));
        }
    }

    fn rec(&self, id: u32) -> Option<&Rec> {
        self.records.get(id as usize)
    }
}

fn num(v: &Value) -> f64 {
    v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).unwrap_or(0.0)
}

pub fn compile(src: &Sources) -> Result<Vec<Output>> {
    let mut b = Builder::default();

    // GeoNames' own points of countries and divisions, by country or division code.
    let geonames_points_text = read(&src.data("geonames_points.tsv"))?;
    let mut geonames_points: HashMap<&str, (u32, f64, f64)> = HashMap::new();
    for r in rows(&geonames_points_text) {
        let [code, gid, lat, lon] = r[..] else { bail!("geonames_points.tsv: bad row {r:?}") };
        geonames_points.insert(code, (gid.parse()?, lat.parse()?, lon.parse()?));
    }
    // GeoNames' point for a place with id `gid` and code `code`, if the table holds it.
    let geonames_point = |code: &str, gid: u32| {
        geonames_points.get(code).filter(|p| p.0 == gid).map(|p| (p.1, p.2, PointSource::Geonames))
    };

    // Countries: GeoNames facts and points, stand-in points and English names, demonyms.
    let countries = geonames::countries(&src.shared("geonames"))?;
    let countries = countries.as_object().ok_or_else(|| anyhow!("countries.json is not an object"))?;
    let curated = read(&src.data("countries.tsv"))?;
    let mut points: HashMap<&str, (f64, f64, PointSource, Vec<&str>)> = HashMap::new();
    for r in rows(&curated) {
        let [iso, lat, lon, source, names] = r[..] else { bail!("countries.tsv: bad row {r:?}") };
        let source = if source == "countryinfo" { PointSource::Countryinfo } else { PointSource::Gleaner };
        points.insert(iso, (lat.parse()?, lon.parse()?, source, names.split('|').collect()));
    }
    let mut isos: Vec<&String> = countries.keys().collect();
    isos.sort();
    let mut country_index: HashMap<String, u16> = HashMap::new();
    let mut country_list: Vec<(String, u32)> = Vec::new();
    let mut capitals: Vec<(u16, String)> = Vec::new();
    for (i, iso) in isos.iter().enumerate() {
        let c = &countries[iso.as_str()];
        let Some((lat, lon, source, names)) = points.get(iso.as_str()) else { bail!("countries.tsv lacks {iso}") };
        let area = num(&c["areakm2"]);
        let geonames_id = num(&c["geonameid"]) as u32;
        let (lat, lon, point_source) = geonames_point(iso, geonames_id).unwrap_or((*lat, *lon, *source));
        let id = b.push(Rec {
            geonames_id,
            kind: PlaceKind::Country,
            lat,
            lon,
            point_source,
            population: num(&c["population"]) as u64,
            country: i as u16,
            admin1: NONE,
            admin2: NONE,
            extent_km: (area.sqrt() / 1.5).max(10.0),
            flags: 0,
            name: c["name"].as_str().unwrap_or_default().trim().to_string(),
        });
        for n in names {
            b.name(id, n, MatchKind::Name);
        }
        country_index.insert(iso.to_string(), i as u16);
        country_list.push((iso.to_string(), id));
        if let Some(cap) = c["capital"].as_str().filter(|s| !s.is_empty()) {
            capitals.push((i as u16, normalize_name(cap)));
        }
    }
    let country_record = |iso: &str| country_index.get(iso).map(|&c| country_list[c as usize].1);
    for r in rows(&read(&src.data("demonyms.tsv"))?) {
        let [iso, form, _kind] = r[..] else { bail!("demonyms.tsv: bad row {r:?}") };
        let record = country_record(iso).ok_or_else(|| anyhow!("demonyms.tsv: unknown country {iso}"))?;
        b.name(record, form, MatchKind::Demonym);
    }

    // Continents.
    // GeoNames' dump has no table of continents: data/continents.json is the extract's (GeoNames, CC BY 4.0).
    let continents: Value = serde_json::from_str(&read(&src.data("continents.json"))?)?;
    let mut codes: Vec<&String> = continents.as_object().map(|o| o.keys().collect()).unwrap_or_default();
    codes.sort();
    for code in codes {
        let c = &continents[code.as_str()];
        let bbox = &c["bbox"];
        let extent =
            distance_km(num(&bbox["north"]), num(&bbox["west"]), num(&bbox["south"]), num(&bbox["east"])) / 2.0;
        let name = c["toponymName"].as_str().unwrap_or_default().to_string();
        let id = b.push(Rec {
            geonames_id: num(&c["geonameId"]) as u32,
            kind: PlaceKind::Continent,
            lat: num(&c["lat"]),
            lon: num(&c["lng"]),
            point_source: PointSource::Geonames,
            population: num(&c["population"]) as u64,
            country: u16::MAX,
            admin1: NONE,
            admin2: NONE,
            extent_km: extent.min(6000.0),
            flags: 0,
            name: name.clone(),
        });
        b.name(id, &name, MatchKind::Name);
        for alt in c["alternateNames"].as_array().into_iter().flatten() {
            if alt["lang"].as_str() == Some("en")
                && let Some(n) = alt["name"].as_str()
            {
                b.name(id, n, MatchKind::Name);
            }
        }
    }

    // Stand-in points of the divisions whose GeoNames point the sources lack: the mean of their towns.
    let admin_points_text = read(&src.data("admin_points.tsv"))?;
    let mut admin_points: HashMap<&str, (f64, f64)> = HashMap::new();
    for r in rows(&admin_points_text) {
        let [code, _gid, lat, lon, _n] = r[..] else { bail!("admin_points.tsv: bad row {r:?}") };
        admin_points.insert(code, (lat.parse()?, lon.parse()?));
    }
    // A division's point: GeoNames' own, else the mean of its towns.
    let division_point = |code: &str, gid: u32| {
        geonames_point(code, gid).or_else(|| admin_points.get(code).map(|&(lat, lon)| (lat, lon, PointSource::Towns)))
    };

    // Cities, read first: divisions take their population and reach from them. cities1000, then the smaller places
    // of cities500 (data/city_points.tsv.gz), which also names the second-order division of most of them.
    let cities = geonames::cities(&src.shared("geonames"), "cities1000")?;
    let cities = cities.as_object().ok_or_else(|| anyhow!("cities1000 is not an object"))?;
    let city_points = read(&src.data("city_points.tsv.gz"))?;
    let (small_places, city_admin2) = small_places(&city_points, cities)?;
    let mut city_list: Vec<&Value> = cities.values().chain(&small_places).collect();
    city_list.sort_by_key(|c| num(&c["geonameid"]) as u64);
    let mut admin1_cities: HashMap<String, Vec<(f64, f64, u64)>> = HashMap::new();
    for c in &city_list {
        let code = format!("{}.{}", c["countrycode"].as_str().unwrap_or(""), c["admin1code"].as_str().unwrap_or(""));
        admin1_cities.entry(code).or_default().push((
            num(&c["latitude"]),
            num(&c["longitude"]),
            num(&c["population"]) as u64,
        ));
    }

    // First-order divisions.
    let mut admin1_index: HashMap<String, u32> = HashMap::new();
    let admin1_text = read(&src.shared("geonames/admin1CodesASCII.txt"))?;
    let mut admin1_rows: Vec<Vec<&str>> = rows(&admin1_text).collect();
    admin1_rows.sort();
    for r in admin1_rows {
        let [code, name, ascii, gid] = r[..] else { bail!("admin1CodesASCII: bad row {r:?}") };
        let iso = code.split('.').next().unwrap_or("");
        let Some(&country) = country_index.get(iso) else { continue };
        let members = admin1_cities.get(code).map(Vec::as_slice).unwrap_or(&[]);
        let country_rec = &b.records[country_list[country as usize].1 as usize];
        let geonames_id: u32 = gid.parse()?;
        let (lat, lon, point_source) =
            division_point(code, geonames_id).unwrap_or((country_rec.lat, country_rec.lon, PointSource::Container));
        let mut spread: Vec<f64> = members.iter().map(|m| distance_km(lat, lon, m.0, m.1)).collect();
        spread.sort_by(f64::total_cmp);
        let extent = spread.get(spread.len() * 9 / 10).copied().unwrap_or(50.0).clamp(20.0, 1500.0);
        let id = b.push(Rec {
            geonames_id,
            kind: PlaceKind::Admin1,
            lat,
            lon,
            point_source,
            population: members.iter().map(|m| m.2).max().unwrap_or(0),
            country,
            admin1: NONE,
            admin2: NONE,
            extent_km: extent,
            flags: 0,
            name: name.to_string(),
        });
        b.records[id as usize].admin1 = id;
        b.name(id, name, MatchKind::Name);
        b.name(id, ascii, MatchKind::Name);
        admin1_index.insert(code.to_string(), id);
        // US postal codes are the GeoNames codes themselves ("TX").
        if iso == "US"
            && let Some(postal) = code.strip_prefix("US.")
        {
            b.name(id, postal, MatchKind::Code);
        }
    }
    for r in rows(&read(&src.data("division_abbreviations.tsv"))?) {
        let [code, abbr] = r[..] else { bail!("division_abbreviations.tsv: bad row {r:?}") };
        let id = *admin1_index.get(code).ok_or_else(|| anyhow!("division_abbreviations.tsv: unknown {code}"))?;
        b.name(id, abbr, MatchKind::Code);
    }

    // Second-order divisions.
    let admin2_text = geonames::admin2_codes(&src.shared("geonames"))?;
    let mut admin2_rows: Vec<Vec<&str>> = rows(&admin2_text).collect();
    admin2_rows.sort();
    // The second-order divisions with a point of their own, by first-order division: the cities' populations go to
    // the nearest of them.
    let mut admin2_in: HashMap<String, Vec<u32>> = HashMap::new();
    let mut admin2_index: HashMap<String, u32> = HashMap::new();
    for r in admin2_rows {
        let [code, name, ascii, gid] = r[..] else { bail!("admin2Codes: bad row {r:?}") };
        let mut parts = code.splitn(3, '.');
        let (Some(iso), Some(a1)) = (parts.next(), parts.next()) else { continue };
        let Some(&country) = country_index.get(iso) else { continue };
        let admin1 = admin1_index.get(&format!("{iso}.{a1}")).copied().unwrap_or(NONE);
        let geonames_id: u32 = gid.parse()?;
        let fallback = b
            .rec(admin1)
            .or_else(|| b.rec(country_list[country as usize].1))
            .map(|r| (r.lat, r.lon, PointSource::Container));
        let Some((lat, lon, point_source)) = division_point(code, geonames_id).or(fallback) else { continue };
        let id = b.push(Rec {
            geonames_id,
            kind: PlaceKind::Admin2,
            lat,
            lon,
            point_source,
            population: 0,
            country,
            admin1,
            admin2: NONE,
            extent_km: 30.0,
            flags: 0,
            name: name.to_string(),
        });
        b.records[id as usize].admin2 = id;
        admin2_index.insert(code.to_string(), id);
        if point_source != PointSource::Container {
            admin2_in.entry(format!("{iso}.{a1}")).or_default().push(id);
        }
        b.name(id, name, MatchKind::Name);
        b.name(id, ascii, MatchKind::Name);
        // US news names counties without the word: "Clarke and Oconee counties", "Miami-Dade".
        if iso == "US"
            && let Some(bare) =
                [" County", " Parish", " Borough", " Census Area"].iter().find_map(|s| name.strip_suffix(s))
        {
            b.name(id, bare, MatchKind::Alternate);
        }
    }

    // GeoNames gives second-order divisions no population: each counts the cities nearer its point than any other
    // division's of the same first-order division ("Kent" is a county of 1.8 million, not a hamlet).
    for (code, divisions) in &admin2_in {
        for &(lat, lon, population) in admin1_cities.get(code).map(Vec::as_slice).unwrap_or(&[]) {
            let nearest = divisions.iter().copied().min_by(|&x, &y| {
                let (rx, ry) = (&b.records[x as usize], &b.records[y as usize]);
                distance_km(lat, lon, rx.lat, rx.lon).total_cmp(&distance_km(lat, lon, ry.lat, ry.lon))
            });
            if let Some(d) = nearest {
                b.records[d as usize].population += population;
            }
        }
    }

    // Cities.
    for c in city_list {
        let iso = c["countrycode"].as_str().unwrap_or("");
        let Some(&country) = country_index.get(iso) else { continue };
        let admin1 =
            admin1_index.get(&format!("{iso}.{}", c["admin1code"].as_str().unwrap_or(""))).copied().unwrap_or(NONE);
        let name = c["name"].as_str().unwrap_or_default();
        let population = num(&c["population"]) as u64;
        let geonames_id = num(&c["geonameid"]) as u32;
        let admin2 = city_admin2.get(&geonames_id).and_then(|code| admin2_index.get(*code)).copied().unwrap_or(NONE);
        let id = b.push(Rec {
            geonames_id,
            kind: PlaceKind::City,
            lat: num(&c["latitude"]),
            lon: num(&c["longitude"]),
            point_source: PointSource::Geonames,
            population,
            country,
            admin1,
            admin2,
            extent_km: (5.0 + (population as f64).sqrt() / 100.0).min(60.0),
            flags: 0,
            name: name.to_string(),
        });
        b.name(id, name, MatchKind::Name);
        // "City of Westminster" is Westminster: the prefix is an administrative title, not part of the name.
        if let Some(bare) = name.strip_prefix("City of ") {
            b.name(id, bare, MatchKind::Name);
        }
        for alt in c["alternatenames"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if is_english_alternate(alt) {
                b.name(id, alt, MatchKind::Alternate);
            }
        }
    }
    // Capitals: the most populous city of the country that bears the capital's name.
    let mut by_key: HashMap<(u16, &str), (u64, u32)> = HashMap::new();
    for (key, posting) in &b.names {
        let r = posting & 0x3FFF_FFFF;
        let rec = &b.records[r as usize];
        if rec.kind == PlaceKind::City && posting >> 30 <= 1 {
            let e = by_key.entry((rec.country, key.as_str())).or_insert((0, NONE));
            if rec.population > e.0 || e.1 == NONE {
                *e = (rec.population, r);
            }
        }
    }
    let capital_records: Vec<u32> =
        capitals.iter().filter_map(|(c, key)| by_key.get(&(*c, key.as_str())).map(|x| x.1)).collect();
    for r in capital_records {
        b.records[r as usize].flags |= FLAG_CAPITAL;
    }

    // Airports: named ones with an IATA code, and air bases.
    let airports = read(&src.shared("airports/airports.csv"))?;
    let mut admin1_by_name: HashMap<(u16, String), u32> = HashMap::new();
    for (code, &id) in &admin1_index {
        let iso = code.split('.').next().unwrap_or("");
        if let (Some(&c), Some(rec)) = (country_index.get(iso), b.rec(id)) {
            admin1_by_name.insert((c, normalize_name(&rec.name)), id);
        }
    }
    let mut lines = airports.lines();
    let header: Vec<String> = lines.next().map(csv_fields).unwrap_or_default();
    let col = |name: &str| header.iter().position(|h| h == name).ok_or_else(|| anyhow!("airports.csv lacks {name}"));
    let (ci, cn, cc, cs, clat, clon, ccity) =
        (col("iata")?, col("name")?, col("country")?, col("subd")?, col("lat")?, col("lon")?, col("city")?);
    let mut airport_rows: Vec<Vec<String>> = lines.map(csv_fields).collect();
    airport_rows.sort();
    for f in airport_rows {
        let get = |i: usize| f.get(i).map(String::as_str).unwrap_or("");
        let (iata, name) = (get(ci), get(cn));
        if name.is_empty() || !(iata.len() == 3 || name.contains("Air Base")) {
            continue;
        }
        let Some(&country) = country_index.get(get(cc)) else { continue };
        let (Ok(lat), Ok(lon)) = (get(clat).parse::<f64>(), get(clon).parse::<f64>()) else { continue };
        let admin1 = admin1_by_name.get(&(country, normalize_name(get(cs)))).copied().unwrap_or(NONE);
        let id = b.push(Rec {
            geonames_id: 0,
            kind: PlaceKind::Airport,
            lat,
            lon,
            point_source: PointSource::Airports,
            population: 0,
            country,
            admin1,
            admin2: NONE,
            extent_km: 3.0,
            flags: 0,
            name: name.to_string(),
        });
        b.name(id, name, MatchKind::Name);
        let short = name.replace(" International ", " ");
        b.name(id, &short, MatchKind::Name);
        let city = get(ccity);
        if !city.is_empty()
            && let Some(rest) = name.strip_prefix(city).map(str::trim_start).filter(|r| r.split(' ').count() >= 2)
        {
            b.name(id, rest, MatchKind::Name);
        }
        if iata.len() == 3 {
            b.name(id, iata, MatchKind::Code);
        }
    }

    // Curated regions, and English names for GeoNames places.
    let mut regions: HashMap<String, u32> = HashMap::new();
    for r in rows(&read(&src.data("regions.tsv"))?) {
        let [name, aliases, lat, lon, radius, gid, iso, _source] = r[..] else { bail!("regions.tsv: bad row {r:?}") };
        let id = if lat.is_empty() {
            let gid: u32 = gid.parse().with_context(|| format!("regions.tsv: {name} needs a point or an id"))?;
            *b.by_geonames.get(&gid).ok_or_else(|| anyhow!("regions.tsv: no GeoNames place {gid} for {name}"))?
        } else {
            b.push(Rec {
                geonames_id: if gid.is_empty() { 0 } else { gid.parse()? },
                kind: PlaceKind::Region,
                lat: lat.parse()?,
                lon: lon.parse()?,
                point_source: PointSource::Gleaner,
                population: REGION_POPULATION,
                country: country_index.get(iso).copied().unwrap_or(u16::MAX),
                admin1: NONE,
                admin2: NONE,
                extent_km: radius.parse()?,
                flags: 0,
                name: name.to_string(),
            })
        };
        b.name(id, name, MatchKind::Name);
        for a in aliases.split('|').filter(|a| !a.is_empty()) {
            b.name(id, a, MatchKind::Name);
        }
        regions.insert(name.to_string(), id);
    }
    for r in rows(&read(&src.data("place_demonyms.tsv"))?) {
        let [target, form] = r[..] else { bail!("place_demonyms.tsv: bad row {r:?}") };
        let id = admin1_index
            .get(target)
            .or_else(|| regions.get(target))
            .ok_or_else(|| anyhow!("place_demonyms.tsv: unknown target {target}"))?;
        b.name(*id, form, MatchKind::Demonym);
    }

    let neighbours = isos
        .iter()
        .map(|iso| {
            let list = countries[iso.as_str()]["neighbours"].as_str().unwrap_or("");
            let mut n: Vec<u16> = list.split(',').filter_map(|c| country_index.get(c.trim()).copied()).collect();
            n.sort_unstable();
            n
        })
        .collect();
    let (fst_bytes, tables) = finish(b, country_list, neighbours)?;
    Ok(vec![
        Output { name: "gazetteer.fst", bytes: fst_bytes },
        Output { name: "gazetteer.bin", bytes: postcard::to_allocvec(&tables)? },
    ])
}

/// The places of `data/city_points.tsv.gz` that `cities1000` lacks, in the extract's shape (villages of 500 to 999
/// people, and seats of divisions: WikToR's articles are about such places), and the second-order division code
/// (CC.admin1.admin2) of every place the file links to one.
fn small_places<'a>(
    text: &'a str,
    cities1000: &serde_json::Map<String, Value>,
) -> Result<(Vec<Value>, HashMap<u32, &'a str>)> {
    let (mut places, mut admin2) = (Vec::new(), HashMap::new());
    for r in rows(text) {
        let [gid, name, division, population, lat, lon] = r[..] else { bail!("city_points.tsv: bad row {r:?}") };
        let geonames_id: u32 = gid.parse()?;
        let mut code = division.split('.');
        let (iso, admin1) = (code.next().unwrap_or(""), code.next().unwrap_or(""));
        if code.next().is_some() {
            admin2.insert(geonames_id, division);
        }
        if name.is_empty() || cities1000.contains_key(gid) {
            continue;
        }
        places.push(serde_json::json!({
            "geonameid": geonames_id, "name": name, "latitude": lat.parse::<f64>()?,
            "longitude": lon.parse::<f64>()?, "countrycode": iso, "population": population.parse::<u64>()?,
            "admin1code": admin1, "alternatenames": [],
        }));
    }
    Ok((places, admin2))
}

/// An alternate name that English text may use: Latin letters, no digits, not a code in parentheses.
fn is_english_alternate(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && name.len() <= 48
        && is_latin(name)
        && !name.chars().any(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | '/' | ','))
}

/// The fields of one CSV line (double-quoted fields, "" for a quote).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    out.push(field);
    out
}

/// Sorts the names into the fst and the postings, and lays the records out in columns.
fn finish(b: Builder, countries: Vec<(String, u32)>, neighbours: Vec<Vec<u16>>) -> Result<(Vec<u8>, Tables)> {
    let mut keys: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (key, posting) in b.names {
        keys.entry(key).or_default().push(posting);
    }
    let mut tables = Tables { countries, neighbours, ..Tables::default() };
    let mut map = fst::MapBuilder::memory();
    for (key, mut postings) in keys {
        // One posting per record: the best way it matched.
        postings.sort_by_key(|p| (p & 0x3FFF_FFFF, p >> 30));
        postings.dedup_by_key(|p| *p & 0x3FFF_FFFF);
        let start = tables.postings.len() as u64;
        tables.postings.extend(&postings);
        map.insert(&key, (start << 32) | postings.len() as u64)?;
    }
    for r in &b.records {
        tables.geonames_id.push(r.geonames_id);
        tables.kind.push(kind_code(r.kind));
        tables.lat.push(r.lat as f32);
        tables.lon.push(r.lon as f32);
        tables.point_source.push(point_source_code(r.point_source));
        tables.population.push(r.population.min(u32::MAX as u64) as u32);
        tables.country.push(r.country);
        tables.admin1.push(r.admin1);
        tables.admin2.push(r.admin2);
        tables.extent_km.push(r.extent_km.round().clamp(1.0, 65535.0) as u16);
        tables.flags.push(r.flags);
        tables.names.push_str(&r.name);
        tables.name_end.push(tables.names.len() as u32);
    }
    Ok((map.into_inner()?, tables))
}
