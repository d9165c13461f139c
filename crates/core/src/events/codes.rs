//! CAMEO event codes: names, Goldstein scale, PLOVER category, QuadClass, and PETRARCH2's hierarchical
//! re-coding of CAMEO that lets a governing verb combine with the verb it governs ("agreed to [lift
//! sanctions]", "will not [provide aid]").

use rustc_hash::FxHashMap;

/// The code tables compiled from GDELT's CAMEO lookups and the CAMEO → PLOVER table.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CodeTables {
    /// CAMEO code → name.
    pub names: FxHashMap<String, String>,
    /// CAMEO code → Goldstein value.
    pub goldstein: FxHashMap<String, f32>,
    /// CAMEO code → PLOVER category (codes dropped by PLOVER are absent).
    pub plover: FxHashMap<String, String>,
}

impl CodeTables {
    /// Reads GDELT's `CAMEO.eventcodes.txt`, `CAMEO.goldsteinscale.txt` and `CAMEO2PLOVER-2021.txt`.
    ///
    /// GDELT's event-code file has a known defect: the line of 1056 swallows code 106 ("…engagement106:[-5.0]
    /// Demand withdrawal"); such a glued code is split off into its own entry.
    pub fn parse(eventcodes: &str, goldstein: &str, plover: &str) -> CodeTables {
        let mut t = CodeTables::default();
        for line in eventcodes.lines().skip(1) {
            let Some((code, name)) = line.split_once('\t') else { continue };
            let code = code.trim();
            if !is_code(code) {
                continue;
            }
            let (name, glued) = split_glued(name);
            t.names.insert(code.to_string(), name.trim().to_string());
            if let Some((c, value, n)) = glued {
                t.names.entry(c.clone()).or_insert_with(|| n.trim().to_string());
                t.goldstein.entry(c).or_insert(value);
            }
        }
        for line in goldstein.lines().skip(1) {
            let Some((code, value)) = line.split_once('\t') else { continue };
            if let (true, Ok(v)) = (is_code(code.trim()), value.trim().parse::<f32>()) {
                t.goldstein.insert(code.trim().to_string(), v);
            }
        }
        for line in plover.lines() {
            let line = line.split('#').next().unwrap_or("");
            let Some((code, rest)) = line.split_once(':') else { continue };
            let code = code.trim();
            if !is_code(code) || code.len() < 3 {
                continue;
            }
            let category = rest.split(',').next().unwrap_or("").trim();
            if !category.is_empty() && category.chars().all(|c| c.is_ascii_uppercase()) {
                t.plover.insert(code.to_string(), category.to_string());
            }
        }
        t
    }

    /// The Goldstein value of a code, or of its nearest listed ancestor (1234 → 123 → 12).
    pub fn goldstein(&self, code: &str) -> Option<f32> {
        ancestors(code).find_map(|c| self.goldstein.get(c).copied())
    }

    /// The PLOVER category of a code, or of its nearest listed ancestor.
    pub fn plover(&self, code: &str) -> Option<&str> {
        ancestors(code).find_map(|c| self.plover.get(c).map(String::as_str))
    }

    /// The CAMEO name of a code.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.names.get(code).map(String::as_str)
    }

    /// True when the code is a CAMEO event code the tables know.
    pub fn knows(&self, code: &str) -> bool {
        self.names.contains_key(code)
    }
}

/// QuadClass by root code: 01–05 verbal cooperation (1), 06–08 material cooperation (2), 09–13 verbal
/// conflict (3), 14–20 material conflict (4). `None` for a code without a CAMEO root.
pub fn quad_class(code: &str) -> Option<u8> {
    let root: u8 = code.get(..2)?.parse().ok()?;
    match root {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

fn is_code(s: &str) -> bool {
    (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// The code and its ancestors, longest first: "1234", "123", "12".
fn ancestors(code: &str) -> impl Iterator<Item = &str> {
    (2..=code.len()).rev().filter_map(move |n| code.get(..n))
}

/// Splits "…engagement106:[-5.0] Demand withdrawal" into the name and the glued (code, value, name).
fn split_glued(name: &str) -> (&str, Option<(String, f32, &str)>) {
    let bytes = name.as_bytes();
    for (i, w) in bytes.windows(2).enumerate() {
        if w[0].is_ascii_alphabetic() && w[1].is_ascii_digit() {
            let rest = &name[i + 1..];
            let Some(colon) = rest.find(":[") else { continue };
            let code = &rest[..colon];
            let Some(close) = rest.find(']') else { continue };
            if is_code(code)
                && let Ok(v) = rest[colon + 2..close].parse::<f32>()
            {
                return (&name[..=i], Some((code.to_string(), v, &rest[close + 1..])));
            }
        }
    }
    (name, None)
}

/// PETRARCH2's internal coding ontology: each CAMEO code as a hierarchical number, so that the code of a
/// governing verb and the code of the verb it governs can be added ("Intend" 0x3000 + "Ease sanctions"
/// 0x0205 = 0x3205, "Express intent to ease economic sanctions", 0354). Negation subtracts 0xFFFF, which
/// turns a cooperative code into the matching "Reject" code (060 → 121). From PETRARCH2's `utilities.py`
/// (MIT licence).
const HIERARCHY: &[(&str, i32)] = &[
    ("010", 0x1000),
    ("011", 0x1000 - 0xFFFF),
    ("012", 0x100C),
    ("013", 0x1001),
    ("014", 0x1002),
    ("015", 0x10a0),
    ("016", 0x10a0 - 0xFFFF),
    ("017", 0x1003),
    ("018", 0x1004),
    ("019", 0x1005),
    ("020", 0x2000),
    ("021", 0x2070),
    ("0211", 0x2075),
    ("0212", 0x2076),
    ("0213", 0x2078),
    ("0214", 0x207A),
    ("022", 0x2080),
    ("023", 0x2040),
    ("0231", 0x2045),
    ("0232", 0x2046),
    ("0233", 0x2047),
    ("0234", 0x2049),
    ("024", 0x2060),
    ("0241", 0x2061),
    ("0242", 0x2062),
    ("0243", 0x2063),
    ("0244", 0x2064),
    ("025", 0x2200),
    ("0251", 0x220B),
    ("0252", 0x220C),
    ("0253", 0x220D),
    ("0254", 0x2205),
    ("0255", 0x220E),
    ("0256", 0x220F),
    ("026", 0x2010),
    ("027", 0x2020),
    ("028", 0x2030),
    ("030", 0x3000),
    ("031", 0x3070),
    ("0311", 0x3075),
    ("0312", 0x3076),
    ("0313", 0x3078),
    ("0314", 0x307A),
    ("032", 0x3080),
    ("033", 0x3040),
    ("0331", 0x3045),
    ("0332", 0x3046),
    ("0333", 0x3047),
    ("0334", 0x3049),
    ("034", 0x3060),
    ("0341", 0x3061),
    ("0342", 0x3062),
    ("0343", 0x3063),
    ("0344", 0x3064),
    ("035", 0x3200),
    ("0351", 0x320B),
    ("0352", 0x320C),
    ("0353", 0x320D),
    ("0354", 0x3205),
    ("0355", 0x320E),
    ("0356", 0x320F),
    ("036", 0x3010),
    ("037", 0x3020),
    ("038", 0x3230),
    ("039", 0x3030),
    ("040", 0xB000),
    ("041", 0xB001),
    ("042", 0xB002),
    ("043", 0xB003),
    ("044", 0xB010),
    ("045", 0xB030),
    ("046", 0xB010),
    ("050", 0x0080),
    ("051", 0x0081),
    ("052", 0x0082),
    ("053", 0x0083),
    ("054", 0x0084),
    ("055", 0x0085),
    ("056", 0x0086),
    ("057", 0x0087),
    ("060", 0x0070),
    ("061", 0x0075),
    ("062", 0x0076),
    ("063", 0x0078),
    ("064", 0x007A),
    ("070", 0x0040),
    ("071", 0x0045),
    ("072", 0x0046),
    ("073", 0x0047),
    ("074", 0x0049),
    ("075", 0x004E),
    ("080", 0x0200),
    ("081", 0x020B),
    ("0811", 0x0203),
    ("0812", 0x0201),
    ("0813", 0x0204),
    ("0814", 0x0206),
    ("082", 0x020C),
    ("083", 0x0260),
    ("0831", 0x0261),
    ("0832", 0x0262),
    ("0833", 0x0263),
    ("0834", 0x0264),
    ("084", 0x0250),
    ("0841", 0x020C),
    ("0842", 0x020C),
    ("085", 0x0205),
    ("086", 0x020E),
    ("0861", 0x0209),
    ("0862", 0x020A),
    ("0863", 0x0207),
    ("087", 0x02C0),
    ("0871", 0x02C9),
    ("0872", 0x02C1),
    ("0873", 0x02C6),
    ("0874", 0x02C2),
    ("090", 0xA000),
    ("091", 0xA001),
    ("092", 0xA002),
    ("093", 0xA003),
    ("094", 0xA004),
    ("100", 0x4000),
    ("101", 0x4070),
    ("1011", 0x4075),
    ("1012", 0x4076),
    ("1013", 0x4078),
    ("1014", 0x407A),
    ("102", 0x4080),
    ("103", 0x4040),
    ("1031", 0x4045),
    ("1032", 0x4046),
    ("1033", 0x4047),
    ("1034", 0x4049),
    ("104", 0x4060),
    ("1041", 0x4061),
    ("1042", 0x4062),
    ("1043", 0x4063),
    ("1044", 0x4064),
    ("105", 0x4200),
    ("1051", 0x420B),
    ("1052", 0x420C),
    ("1053", 0x420D),
    ("1054", 0x4205),
    ("1055", 0x420E),
    ("1056", 0x420F),
    ("106", 0x4010),
    ("107", 0x4020),
    ("108", 0x4030),
    ("110", 0x7000),
    ("111", 0x7001),
    ("112", 0x70a0),
    ("1121", 0x70a1),
    ("1122", 0x70a2),
    ("1123", 0x70a3),
    ("1124", 0x70a4),
    ("1125", 0x70a5),
    ("113", 0x7002),
    ("114", 0x7003),
    ("115", 0x7008),
    ("116", 0x7005),
    ("120", -0xFFFF),
    ("121", -0xFFFF + 0x0070),
    ("1211", -0xFFFF + 0x0075),
    ("1212", -0xFFFF + 0x0076),
    ("122", -0xFFFF + 0x2040 + 0x300),
    ("1221", -0xFFFF + 0x2045 + 0x300),
    ("1222", -0xFFFF + 0x2046 + 0x300),
    ("1223", -0xFFFF + 0x2047 + 0x300),
    ("1224", -0xFFFF + 0x2049 + 0x300),
    ("123", -0xFFFF + 0x2060 + 0x300),
    ("1231", -0xFFFF + 0x2061 + 0x300),
    ("1232", -0xFFFF + 0x2062 + 0x300),
    ("1233", -0xFFFF + 0x2063 + 0x300),
    ("1234", -0xFFFF + 0x2064 + 0x300),
    ("124", -0xFFFF + 0x0200),
    ("1241", -0xFFFF + 0x020B),
    ("1242", -0xFFFF + 0x020C),
    ("1243", -0xFFFF + 0x020D),
    ("1244", -0xFFFF + 0x0205),
    ("1245", -0xFFFF + 0x020E),
    ("1246", -0xFFFF + 0x02C0),
    ("125", -0xFFFF + 0x0010),
    ("126", -0xFFFF + 0x0030),
    ("127", -0xFFFF + 0x0020),
    ("128", -0xFFFF + 0x0002),
    ("129", -0xFFFF + 0x0001),
    ("130", 0x6000),
    ("131", 0x6100),
    ("1311", 0x6140),
    ("1312", 0x6105),
    ("1313", 0x6180),
    ("132", 0x600B),
    ("1321", 0x6003),
    ("1322", 0x6001),
    ("1323", 0x6004),
    ("1324", 0x6006),
    ("133", 0x600C),
    ("134", 0x6010),
    ("135", 0x6030),
    ("136", 0x600E),
    ("137", 0x6004),
    ("138", 0x60A0),
    ("1381", 0x60A1),
    ("1382", 0x60A2),
    ("1383", 0x60A3),
    ("1384", 0x60A4),
    ("1385", 0x60B0),
    ("139", 0x6005),
    ("140", 0x5000),
    ("145", 0x50A0),
    ("150", 0x8000),
    ("151", 0x8001),
    ("152", 0x8002),
    ("153", 0x8003),
    ("154", 0x8004),
    ("160", 0x0100),
    ("161", 0x0180),
    ("162", 0x0140),
    ("1621", 0x0145),
    ("1622", 0x0146),
    ("1623", 0x0147),
    ("163", 0x000B),
    ("164", 0x0110),
    ("165", 0x0130),
    ("166", 0x0150),
    ("1661", 0x0159),
    ("1662", 0x015A),
    ("1663", 0x015E),
    ("170", 0x9000),
    ("171", 0x9010),
    ("1711", 0x9011),
    ("1712", 0x9012),
    ("172", 0x900B),
    ("1721", 0x9003),
    ("1722", 0x9001),
    ("1723", 0x9004),
    ("1724", 0x9006),
    ("173", 0x9020),
    ("174", 0x9030),
    ("175", 0x9040),
    ("180", 0x0090),
    ("181", 0x0091),
    ("182", 0x0092),
    ("1821", 0x0093),
    ("1822", 0x0094),
    ("1823", 0x0095),
    ("1824", 0x0096),
    ("183", 0x0097),
    ("1831", 0x0098),
    ("1832", 0x0099),
    ("1833", 0x009A),
    ("1834", 0x009B),
    ("184", 0x009C),
    ("185", 0x009D),
    ("186", 0x009E),
    ("190", 0x00A0),
    ("191", 0x00A1),
    ("192", 0x00A2),
    ("193", 0x00A3),
    ("194", 0x00A4),
    ("195", 0x00A5),
    ("1951", 0x00A6),
    ("1952", 0x00A7),
    ("196", 0x00A8),
    ("200", 0x00B0),
];

/// Special cases of the reverse mapping: "want to attack" is a threat of force.
const REVERSE_EXTRA: &[(i32, &str)] = &[(0x30a0, "138")];

/// The hierarchical value of a CAMEO code; a code missing from the table takes its root's `X0` value
/// (PETRARCH2 does the same). `None` for codes outside CAMEO.
pub fn to_hierarchy(code: &str) -> Option<i32> {
    if let Some(v) = lookup(code) {
        return Some(v);
    }
    let root = code.get(..2)?;
    lookup(&format!("{root}0"))
}

fn lookup(code: &str) -> Option<i32> {
    HIERARCHY.iter().find(|(c, _)| *c == code).map(|(_, v)| *v)
}

/// The CAMEO code of a hierarchical value, if it names one (the first, most general code when several share
/// a value).
pub fn from_hierarchy(value: i32) -> Option<&'static str> {
    if let Some((_, c)) = REVERSE_EXTRA.iter().find(|(v, _)| *v == value) {
        return Some(c);
    }
    HIERARCHY.iter().find(|(_, v)| *v == value).map(|(c, _)| *c)
}

/// Combines the code of a governing verb with the code of the verb it governs (PETRARCH2's
/// `combine_code`): a negative lower code is added; of two high-level codes the lower one wins; a lower code
/// at or above the upper one replaces it; otherwise they add.
pub fn combine(upper: i32, lower: i32) -> i32 {
    if lower < 0 {
        return lower + upper;
    }
    if upper >= 0x1000 && lower >= 0x1000 {
        return lower;
    }
    if lower >= upper {
        return lower;
    }
    upper + lower
}

/// The value of a negated code ("will not provide aid").
pub fn negate(value: i32) -> i32 {
    value - 0xFFFF
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_line_is_split() {
        let codes = "CAMEOEVENTCODE\tEVENTDESCRIPTION\n105\tDemand mediation\n\
                     1056\tDemand de-escalation of military engagement106:[-5.0] Demand withdrawal\n";
        let t = CodeTables::parse(codes, "CAMEOEVENTCODE\tGOLDSTEINSCALE\n1056\t-5.0\n", "");
        assert_eq!(t.name("1056"), Some("Demand de-escalation of military engagement"));
        assert_eq!(t.name("106"), Some("Demand withdrawal"));
        assert_eq!(t.goldstein("106"), Some(-5.0));
        assert_eq!(t.goldstein("1059"), Some(-5.0).filter(|_| false).or(t.goldstein("105")));
    }

    #[test]
    fn quad_classes() {
        assert_eq!(quad_class("042"), Some(1));
        assert_eq!(quad_class("057"), Some(1));
        assert_eq!(quad_class("0871"), Some(2));
        assert_eq!(quad_class("112"), Some(3));
        assert_eq!(quad_class("190"), Some(4));
        assert_eq!(quad_class("ABC"), None);
    }

    #[test]
    fn hierarchy_combines() {
        let intend = to_hierarchy("030").expect("present");
        let ease = to_hierarchy("085").expect("present");
        assert_eq!(from_hierarchy(combine(intend, ease)), Some("0354"));
        assert_eq!(from_hierarchy(negate(to_hierarchy("060").expect("present"))), Some("121"));
        assert_eq!(from_hierarchy(combine(intend, to_hierarchy("190").expect("present"))), Some("138"));
        assert_eq!(to_hierarchy("047"), to_hierarchy("040"), "unknown codes fall back to the root");
        assert_eq!(to_hierarchy("903"), None);
    }
}
