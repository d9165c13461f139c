//! Statements of intent. In CAMEO a stated intention is an event of its own, coded with the statement's code and
//! not the intended act's: "Iraq said it would allow the return of U.N. weapons inspectors" is 035x (express intent
//! to yield), "Palestinian leaders said they would boycott all official contact with the United States" a threat,
//! 13x. The tables below follow CAMEO's own structure (CAMEO.eventcodes.txt): each cooperative act (roots 04 to
//! 08) has its "express intent to …" code under root 03, each hostile one (14, 16 to 20) its "threaten to …" code
//! under root 13. Statements, appeals, demands, accusations and refusals (01, 02, 09 to 13) and mobilisation (15)
//! have none: the act keeps its code.

/// The CAMEO code of a statement that the speaker will do `act` (a CAMEO event code), when CAMEO has one.
pub fn intent_code(act: &str) -> Option<&'static str> {
    let code = match act {
        "040" | "041" | "042" | "043" | "044" | "046" => "036",
        "045" => "039",
        "061" => "0311",
        "062" => "0312",
        "063" => "0313",
        "064" => "0314",
        "071" => "0331",
        "072" => "0332",
        "073" => "0333",
        "074" => "0334",
        "081" | "0811" | "0812" | "0813" | "0814" => "0351",
        "082" => "0352",
        "083" | "0831" | "0832" | "0833" | "0834" => "034",
        "084" | "0841" | "0842" => "0353",
        "085" => "0354",
        "086" | "0861" | "0862" | "0863" => "0355",
        "087" | "0871" | "0872" | "0873" | "0874" => "0356",
        "161" => "1313",
        "162" => "1311",
        "163" => "1312",
        "164" => "134",
        "165" => "135",
        "166" | "1661" | "1662" | "1663" => "136",
        "172" | "1721" | "1722" | "1723" | "1724" => "132",
        "191" => "1381",
        "192" => "1382",
        "204" | "2041" | "2042" => "1385",
        _ => match act.get(..2)? {
            "04" => "036",
            "05" => "032",
            "06" => "031",
            "07" => "033",
            "08" => "035",
            "14" => "133",
            "16" => "131",
            "17" => "137",
            "18" => "1383",
            "19" => "1384",
            "20" => "138",
            _ => return None,
        },
    };
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::intent_code;

    #[test]
    fn cooperation_intended_is_agreement_and_hostility_intended_a_threat() {
        // "Iraq said it would allow the return of inspectors": intent to yield, not the yielding.
        assert_eq!(intent_code("080"), Some("035"));
        assert_eq!(intent_code("0861"), Some("0355"));
        assert_eq!(intent_code("042"), Some("036"));
        assert_eq!(intent_code("057"), Some("032"));
        assert_eq!(intent_code("072"), Some("0332"));
        // "said they would boycott all official contact": a threat to cut relations or boycott.
        assert_eq!(intent_code("163"), Some("1312"));
        assert_eq!(intent_code("190"), Some("1384"));
        assert_eq!(intent_code("192"), Some("1382"));
        // Statements, appeals, demands, refusals and threats have no intent code of their own.
        for act in ["010", "020", "100", "112", "120", "130", "150"] {
            assert_eq!(intent_code(act), None, "{act}");
        }
    }
}
