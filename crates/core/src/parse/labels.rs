//! Universal Dependencies relations: the 37 universal ones and the English subtypes UD English EWT uses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! relations {
    ($($(#[$doc:meta])* $variant:ident = $name:literal => $universal:ident,)*) => {
        /// A Universal Dependencies relation between a token and its head ("nsubj", "obl:agent" …).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[repr(u8)]
        pub enum Dep {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)*
        }

        impl Dep {
            /// Every relation, in discriminant order.
            pub const ALL: &'static [Dep] = &[$(Dep::$variant,)*];

            /// The relation as UD writes it ("nsubj:pass").
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Dep::$variant => $name,)*
                }
            }

            /// The universal relation without its subtype (`NsubjPass` → `Nsubj`).
            pub const fn universal(self) -> Dep {
                match self {
                    $(Dep::$variant => Dep::$universal,)*
                }
            }
        }
    };
}

relations! {
    /// Clausal modifier of a noun.
    Acl = "acl" => Acl,
    /// Relative clause ("the man who came").
    AclRelcl = "acl:relcl" => Acl,
    /// Adverbial clause.
    Advcl = "advcl" => Advcl,
    /// Adverbial relative clause.
    AdvclRelcl = "advcl:relcl" => Advcl,
    /// Adverbial modifier.
    Advmod = "advmod" => Advmod,
    /// Adjectival modifier.
    Amod = "amod" => Amod,
    /// Apposition ("Pezeshkian, Iran's president").
    Appos = "appos" => Appos,
    /// Auxiliary.
    Aux = "aux" => Aux,
    /// Passive auxiliary ("was attacked").
    AuxPass = "aux:pass" => Aux,
    /// Case marking: prepositions, the possessive 's.
    Case = "case" => Case,
    /// Coordinating conjunction.
    Cc = "cc" => Cc,
    /// Preconjunct ("both", "either").
    CcPreconj = "cc:preconj" => Cc,
    /// Clausal complement ("said [that he would go]").
    Ccomp = "ccomp" => Ccomp,
    /// Classifier.
    Clf = "clf" => Clf,
    /// Compound ("Foreign Minister").
    Compound = "compound" => Compound,
    /// Phrasal verb particle ("pulled out").
    CompoundPrt = "compound:prt" => Compound,
    /// Conjunct.
    Conj = "conj" => Conj,
    /// Copula.
    Cop = "cop" => Cop,
    /// Clausal subject.
    Csubj = "csubj" => Csubj,
    /// Outer clausal subject of a copular clause.
    CsubjOuter = "csubj:outer" => Csubj,
    /// Clausal subject of a passive.
    CsubjPass = "csubj:pass" => Csubj,
    /// Unspecified dependency.
    Dep = "dep" => Dep,
    /// Determiner.
    Det = "det" => Det,
    /// Predeterminer ("all the").
    DetPredet = "det:predet" => Det,
    /// Discourse element ("well", emoticons).
    Discourse = "discourse" => Discourse,
    /// Dislocated element.
    Dislocated = "dislocated" => Dislocated,
    /// Expletive ("there is", "it is clear").
    Expl = "expl" => Expl,
    /// Fixed multiword expression ("because of").
    Fixed = "fixed" => Fixed,
    /// Flat multiword expression (names, dates).
    Flat = "flat" => Flat,
    /// A word split by a typo.
    Goeswith = "goeswith" => Goeswith,
    /// Indirect object.
    Iobj = "iobj" => Iobj,
    /// List item.
    List = "list" => List,
    /// Marker ("that", "to", "because").
    Mark = "mark" => Mark,
    /// Nominal modifier ("attacks [on Iraqi sites]").
    Nmod = "nmod" => Nmod,
    /// Descriptive nominal modifier ("President Bush").
    NmodDesc = "nmod:desc" => Nmod,
    /// Possessive nominal modifier ("Israel's [strikes]").
    NmodPoss = "nmod:poss" => Nmod,
    /// Nominal modifier without a case marker ("[a year] ago").
    NmodUnmarked = "nmod:unmarked" => Nmod,
    /// Nominal subject.
    Nsubj = "nsubj" => Nsubj,
    /// Outer subject of a copular clause.
    NsubjOuter = "nsubj:outer" => Nsubj,
    /// Subject of a passive ("[Iraq] was attacked").
    NsubjPass = "nsubj:pass" => Nsubj,
    /// Numeric modifier.
    Nummod = "nummod" => Nummod,
    /// Direct object.
    Obj = "obj" => Obj,
    /// Oblique nominal ("met [in Baghdad]").
    Obl = "obl" => Obl,
    /// Agent of a passive ("attacked [by Hamas]").
    OblAgent = "obl:agent" => Obl,
    /// Oblique without a case marker ("met [Tuesday]").
    OblUnmarked = "obl:unmarked" => Obl,
    /// Orphan in an ellipsis.
    Orphan = "orphan" => Orphan,
    /// Parataxis ("the trip, he said, …").
    Parataxis = "parataxis" => Parataxis,
    /// Punctuation.
    Punct = "punct" => Punct,
    /// Disfluency overridden by a repair.
    Reparandum = "reparandum" => Reparandum,
    /// The root of a sentence.
    Root = "root" => Root,
    /// Vocative.
    Vocative = "vocative" => Vocative,
    /// Open clausal complement ("expected [to sign]").
    Xcomp = "xcomp" => Xcomp,
}

impl Dep {
    /// The relation UD writes as `name`.
    pub fn parse(name: &str) -> Option<Dep> {
        Dep::ALL.iter().copied().find(|d| d.as_str() == name)
    }
}

impl std::fmt::Display for Dep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &d in Dep::ALL {
            assert_eq!(Dep::parse(d.as_str()), Some(d));
            assert!(!d.universal().as_str().contains(':'));
        }
        assert_eq!(Dep::NsubjPass.universal(), Dep::Nsubj);
        assert_eq!(serde_json::to_string(&Dep::OblAgent).ok().as_deref(), Some("\"obl:agent\""));
        assert_eq!(Dep::parse("nsubjpass"), None);
    }
}
