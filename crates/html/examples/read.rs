//! Reads one page and prints what the reader found: `cargo run -p gleaner-html --example read -- PAGE [URL]`
//! (`.gz` pages are decompressed). `GLEANER_HTML_DEBUG=TEXT` also prints the chosen containers and where the
//! blocks holding TEXT sit.

use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_default();
    let url = args.next();
    let mut bytes = std::fs::read(&path)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
        bytes = out;
    }
    let article = gleaner_html::read(&bytes, None, url.as_deref());
    println!("{:#?}\n{:?}\n---", article.meta, article.charset);
    for b in &article.blocks {
        println!("[{:?}] {}", b.kind, &article.text[b.start..b.end]);
    }
    Ok(())
}
