//! `cargo xtask resources [--check]`: compiles the readable sources (tables under `data/` and `../shared/data`) into
//! the files under `crates/core/resources/` that the library embeds. Each compiler returns its files; this module
//! writes them, or with `--check` fails when a committed file differs from what would be compiled.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

pub mod admin_points;
mod coref;
mod gazetteer;
mod summary;

/// Where the sources are.
pub struct Sources {
    /// The workspace root (for `data/`).
    pub root: PathBuf,
    /// The shared data directory (`../shared/data` unless `--data` says otherwise).
    pub shared: PathBuf,
}

impl Sources {
    /// A file under `data/`.
    pub fn data(&self, name: &str) -> PathBuf {
        self.root.join("data").join(name)
    }

    /// A file under the shared data directory.
    pub fn shared(&self, name: &str) -> PathBuf {
        self.shared.join(name)
    }
}

/// A compiled file: its name under `crates/core/resources/` and its bytes (without the header, which `run` adds).
pub struct Output {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

/// A resource compiler: reads its sources, returns its files.
type Compiler = fn(&Sources) -> Result<Vec<Output>>;

/// Every compiler, by name. Add new ones here.
const COMPILERS: &[(&str, Compiler)] = &[
    ("coref", coref::compile),
    ("gazetteer", gazetteer::compile),
    ("events", crate::events::compile),
    ("summary", summary::compile),
];

/// Compiles every resource (or only `only`), writing the files or, with `check`, comparing them.
pub fn run(root: &Path, shared: &Path, check: bool, only: Option<&str>) -> Result<()> {
    let sources = Sources { root: root.to_path_buf(), shared: shared.to_path_buf() };
    let out_dir = root.join("crates/core/resources");
    let mut stale = Vec::new();
    for (name, compile) in COMPILERS {
        if only.is_some_and(|o| o != *name) {
            continue;
        }
        let started = std::time::Instant::now();
        let outputs = compile(&sources).with_context(|| format!("compiling {name}"))?;
        for mut out in outputs {
            let path = out_dir.join(out.name);
            // Resource files start with a header (magic number, name, format version); text tables do not.
            if gleaner_core::resources::file::VERSIONS.iter().any(|(name, _)| *name == out.name) {
                out.bytes = gleaner_core::resources::file::encode(out.name, &out.bytes)?;
            }
            if check {
                let committed = std::fs::read(&path).unwrap_or_default();
                if committed != out.bytes {
                    stale.push(out.name);
                }
            } else {
                std::fs::create_dir_all(&out_dir)?;
                std::fs::write(&path, &out.bytes).with_context(|| format!("writing {}", path.display()))?;
                eprintln!("{name}: wrote {} ({} bytes)", path.display(), out.bytes.len());
            }
        }
        eprintln!("{name}: {:.1}s", started.elapsed().as_secs_f64());
    }
    if !stale.is_empty() {
        bail!("stale resources (run `cargo xtask resources`): {}", stale.join(", "));
    }
    Ok(())
}
