//! The embedded gazetteer: GeoNames countries, divisions and cities, continents, airports and curated regions,
//! looked up by normalized name.
//!
//! Two files compiled by `cargo xtask resources`: `gazetteer.fst` maps each normalized name to a run of postings
//! (record index and how the name matched), and `gazetteer.bin` holds the records as postcard-encoded columns. The
//! fst is used in place (zero-copy); the columns decode once per process.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::model::{Place, PlaceKind, PointSource};
use crate::{Error, Result};

/// How a name in the text matched a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// The record's own name (or its ASCII form, or a curated English name).
    Name = 0,
    /// One of GeoNames' alternate names.
    Alternate = 1,
    /// A demonym or adjectival form ("Iranian" → Iran).
    Demonym = 2,
    /// An abbreviation or code ("Ill.", "TX", an IATA code): trusted only where context makes it safe.
    Code = 3,
}

impl MatchKind {
    /// The two bits a posting keeps for it.
    pub const fn bits(self) -> u32 {
        (self as u32) << 30
    }

    fn from_posting(posting: u32) -> MatchKind {
        match posting >> 30 {
            0 => MatchKind::Name,
            1 => MatchKind::Alternate,
            2 => MatchKind::Demonym,
            _ => MatchKind::Code,
        }
    }
}

/// `PlaceKind` as stored in the `kind` column.
pub const KINDS: [PlaceKind; 7] = [
    PlaceKind::Continent,
    PlaceKind::Region,
    PlaceKind::Country,
    PlaceKind::Admin1,
    PlaceKind::Admin2,
    PlaceKind::City,
    PlaceKind::Airport,
];

/// The code of a `PlaceKind` in the `kind` column.
pub fn kind_code(kind: PlaceKind) -> u8 {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0) as u8
}

/// `PointSource` as stored in the `point_source` column.
pub const POINT_SOURCES: [PointSource; 6] = [
    PointSource::Geonames,
    PointSource::Towns,
    PointSource::Container,
    PointSource::Countryinfo,
    PointSource::Airports,
    PointSource::Gleaner,
];

/// The code of a `PointSource` in the `point_source` column.
pub fn point_source_code(source: PointSource) -> u8 {
    POINT_SOURCES.iter().position(|s| *s == source).unwrap_or(0) as u8
}

/// Record flag: the capital of its country.
pub const FLAG_CAPITAL: u8 = 1;

/// "No record" in the `admin1` column.
pub const NONE: u32 = u32::MAX;

/// The records, column by column (index = record id), and the postings the fst points into.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Tables {
    /// Record ids with the match kind in the top two bits (`MatchKind::bits`), in runs the fst points to.
    pub postings: Vec<u32>,
    /// GeoNames id, 0 when GeoNames has none (airports, curated regions).
    pub geonames_id: Vec<u32>,
    /// Index into `KINDS`.
    pub kind: Vec<u8>,
    /// Latitude in degrees.
    pub lat: Vec<f32>,
    /// Longitude in degrees.
    pub lon: Vec<f32>,
    /// Where the point comes from: index into `POINT_SOURCES`.
    pub point_source: Vec<u8>,
    /// Population (0 when unknown).
    pub population: Vec<u32>,
    /// Index into `countries`, `u16::MAX` for none.
    pub country: Vec<u16>,
    /// Record of the first-order division the place lies in, or `NONE`.
    pub admin1: Vec<u32>,
    /// Record of the second-order division the place lies in, or `NONE`.
    pub admin2: Vec<u32>,
    /// Roughly how far the place reaches from its point, in km.
    pub extent_km: Vec<u16>,
    /// `FLAG_*` bits.
    pub flags: Vec<u8>,
    /// End of each record's display name in `names`.
    pub name_end: Vec<u32>,
    /// Display names, concatenated.
    pub names: String,
    /// ISO 3166-1 alpha-2 code and record of each country.
    pub countries: Vec<(String, u32)>,
    /// The countries each country borders (indices into `countries`).
    pub neighbours: Vec<Vec<u16>>,
}

/// A gazetteer: names → records, and what each record is.
#[derive(Debug)]
pub struct Gazetteer {
    names: fst::Map<Cow<'static, [u8]>>,
    tables: Tables,
}

/// One candidate for a name: a record and how the name matched it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// The record.
    pub record: u32,
    /// How the name matched.
    pub how: MatchKind,
}

impl Gazetteer {
    /// The gazetteer embedded in the library, decoded once per process.
    #[cfg(feature = "embedded")]
    pub fn embedded() -> Result<&'static Gazetteer> {
        crate::resources::embedded::<Gazetteer>().map(|g| &**g)
    }

    /// A gazetteer from the payloads of its two files (the fst is used in place when borrowed).
    pub fn from_bytes(fst_bytes: Cow<'static, [u8]>, tables: &[u8]) -> Result<Gazetteer> {
        let bad = |reason: &str| Error::resource("gazetteer.bin", reason.to_string());
        let names = fst::Map::new(fst_bytes).map_err(|e| Error::resource("gazetteer.fst", e))?;
        let tables: Tables = postcard::from_bytes(tables).map_err(|e| Error::resource("gazetteer.bin", e))?;
        let n = tables.geonames_id.len();
        let columns = [
            tables.kind.len(),
            tables.lat.len(),
            tables.lon.len(),
            tables.point_source.len(),
            tables.population.len(),
            tables.country.len(),
            tables.admin1.len(),
            tables.admin2.len(),
            tables.extent_km.len(),
            tables.flags.len(),
            tables.name_end.len(),
        ];
        if columns.iter().any(|&len| len != n) {
            return Err(bad("columns of unequal length"));
        }
        if tables.postings.iter().any(|p| (p & 0x3FFF_FFFF) as usize >= n)
            || tables.name_end.iter().any(|&e| e as usize > tables.names.len())
        {
            return Err(bad("a posting or name points outside the tables"));
        }
        Ok(Gazetteer { names, tables })
    }

    /// The candidates for a normalized name (see `normalize_name`); empty when the name is unknown.
    pub fn lookup(&self, key: &str) -> impl Iterator<Item = Match> + '_ {
        let run = self.names.get(key).map(|v| ((v >> 32) as usize, (v & 0xFFFF_FFFF) as usize)).unwrap_or((0, 0));
        self.tables
            .postings
            .get(run.0..run.0 + run.1)
            .unwrap_or(&[])
            .iter()
            .map(|&p| Match { record: p & 0x3FFF_FFFF, how: MatchKind::from_posting(p) })
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.tables.geonames_id.len()
    }

    /// True when the gazetteer holds no record.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of distinct names.
    pub fn names(&self) -> usize {
        self.names.len()
    }

    /// A view of record `record` (which must be below `len()`).
    pub fn record(&self, record: u32) -> Record<'_> {
        Record { gazetteer: self, i: record as usize }
    }

    /// The countries that country `country` (an index into the country list) borders.
    pub fn neighbours(&self, country: u16) -> &[u16] {
        self.tables.neighbours.get(country as usize).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The record of the country with ISO code `iso2`.
    pub fn country(&self, iso2: &str) -> Option<Record<'_>> {
        self.tables.countries.iter().find(|(code, _)| code == iso2).map(|&(_, r)| self.record(r))
    }
}

/// One gazetteer record.
#[derive(Debug, Clone, Copy)]
pub struct Record<'g> {
    gazetteer: &'g Gazetteer,
    i: usize,
}

impl<'g> Record<'g> {
    fn t(&self) -> &'g Tables {
        &self.gazetteer.tables
    }

    /// Record id.
    pub fn id(&self) -> u32 {
        self.i as u32
    }

    /// GeoNames id, if GeoNames has the place.
    pub fn geonames_id(&self) -> Option<u32> {
        self.t().geonames_id.get(self.i).copied().filter(|&id| id != 0)
    }

    /// What kind of place it is.
    pub fn kind(&self) -> PlaceKind {
        self.t().kind.get(self.i).and_then(|&k| KINDS.get(k as usize)).copied().unwrap_or(PlaceKind::City)
    }

    /// Latitude and longitude in degrees.
    pub fn point(&self) -> (f64, f64) {
        let t = self.t();
        (t.lat.get(self.i).copied().unwrap_or(0.0) as f64, t.lon.get(self.i).copied().unwrap_or(0.0) as f64)
    }

    /// Where the point comes from.
    pub fn point_source(&self) -> PointSource {
        let code = self.t().point_source.get(self.i).copied().unwrap_or(0);
        POINT_SOURCES.get(code as usize).copied().unwrap_or(PointSource::Geonames)
    }

    /// Population, 0 when unknown.
    pub fn population(&self) -> u32 {
        self.t().population.get(self.i).copied().unwrap_or(0)
    }

    /// Index of its country in the gazetteer's country list.
    pub fn country_index(&self) -> Option<u16> {
        self.t().country.get(self.i).copied().filter(|&c| c != u16::MAX)
    }

    /// ISO 3166-1 alpha-2 code of its country.
    pub fn country_code(&self) -> Option<&'g str> {
        let c = self.country_index()?;
        self.t().countries.get(c as usize).map(|(code, _)| code.as_str())
    }

    /// The first-order division it lies in.
    pub fn admin1(&self) -> Option<Record<'g>> {
        let a = self.t().admin1.get(self.i).copied().filter(|&a| a != NONE)?;
        Some(self.gazetteer.record(a))
    }

    /// The second-order division it lies in.
    pub fn admin2(&self) -> Option<Record<'g>> {
        let a = self.t().admin2.get(self.i).copied().filter(|&a| a != NONE)?;
        Some(self.gazetteer.record(a))
    }

    /// Roughly how far the place reaches from its point, in km.
    pub fn extent_km(&self) -> f64 {
        self.t().extent_km.get(self.i).copied().unwrap_or(0) as f64
    }

    /// True for the capital of a country.
    pub fn is_capital(&self) -> bool {
        self.t().flags.get(self.i).is_some_and(|f| f & FLAG_CAPITAL != 0)
    }

    /// The display name.
    pub fn name(&self) -> &'g str {
        let t = self.t();
        let start = if self.i == 0 { 0 } else { t.name_end.get(self.i - 1).copied().unwrap_or(0) as usize };
        let end = t.name_end.get(self.i).copied().unwrap_or(0) as usize;
        t.names.get(start..end).unwrap_or("")
    }

    /// True when `self` lies within `other`: same country, division, or within a region's reach.
    pub fn within(&self, other: &Record<'_>) -> bool {
        if self.i == other.i {
            return false;
        }
        match other.kind() {
            PlaceKind::Country => self.kind() != PlaceKind::Country && self.country_index() == other.country_index(),
            PlaceKind::Admin1 => self.admin1().is_some_and(|a| a.i == other.i),
            PlaceKind::Admin2 => self.admin2().is_some_and(|a| a.i == other.i),
            PlaceKind::Continent | PlaceKind::Region => {
                let (a, b) = (self.point(), other.point());
                distance_km(a.0, a.1, b.0, b.1) <= other.extent_km()
            }
            PlaceKind::City | PlaceKind::Airport => false,
        }
    }

    /// The model's `Place` for this record with confidence `score`.
    pub fn place(&self, score: f32) -> Place {
        let (lat, lon) = self.point();
        let admin1 = match self.kind() {
            PlaceKind::City | PlaceKind::Admin2 | PlaceKind::Airport => self.admin1().map(|a| a.name().to_string()),
            _ => None,
        };
        Place {
            geonames_id: self.geonames_id().map(u64::from),
            name: self.name().to_string(),
            kind: self.kind(),
            country: self.country_code().map(str::to_string),
            admin1,
            lat: (lat * 1e5).round() / 1e5,
            lon: (lon * 1e5).round() / 1e5,
            point_source: self.point_source(),
            score,
        }
    }
}

/// Distance in km between two points given in degrees, by the equirectangular approximation: within a fraction of a
/// percent of the great-circle distance up to a few hundred km, and cheap (one cosine). For nearness scores that
/// fade out long before the approximation does.
pub fn approx_distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let mut dlon = (lon2 - lon1).abs();
    if dlon > 180.0 {
        dlon = 360.0 - dlon;
    }
    let x = dlon.to_radians() * ((lat1 + lat2) / 2.0).to_radians().cos();
    let y = (lat2 - lat1).to_radians();
    6371.0088 * (x * x + y * y).sqrt()
}

/// Great-circle distance in km between two points given in degrees.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}
