//! Names and places only, with resources read from a directory (for instance a retrained tagger):
//!
//!     cargo run --release -p gleaner-core --example names_and_places -- crates/core/resources "Text …"
//!
//! Prints each entity with its label and, for places, the GeoNames record it resolved to.

use gleaner_core::{Document, Extractor, Resources, Stages};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/resources").to_string());
    let text = args.next().unwrap_or_else(|| {
        "Iran's President Masoud Pezeshkian began his first international visit to Iraq.".to_string()
    });
    let extractor =
        Extractor::builder().resources(Resources::from_dir(&dir)?).stages(Stages::names_and_places()).build()?;
    let out = extractor.extract(&Document::new(text))?;
    for entity in &out.entities {
        match &entity.place {
            Some(p) => {
                println!("{:?}\t{}\t{} ({:?}, {:?})", entity.label, entity.name, p.name, p.country, p.geonames_id)
            }
            None => println!("{:?}\t{}", entity.label, entity.name),
        }
    }
    Ok(())
}
