//! Incremental rebuild: time to re-render after a one-page body edit, against a full build.
//!
//! ```text
//! cargo bench --bench incremental                      # the microsite (this repository)
//! GONGJIANG_BENCH_CORPUS=/dev/shm/site cargo bench --bench incremental   # + a large site
//! ```
//! The large site comes from `shared/bench/gen_corpus.py` through `benches/convert_corpus.py`.
//! Each iteration appends a line to one page's body, then updates the sources from that path
//! (as the watcher would) and renders; it asserts that exactly one page was rendered.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use gongjiang::build::{self, BuildOptions};
use gongjiang::incremental::{BaseUrl, Engine, Sources};

/// A scratch copy of a site, on tmpfs when there is one.
fn scratch_copy(root: &Path) -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("temp dir");
    // The microsite's own files; its templates are the built-in theme's.
    for folder in ["content", "static"] {
        for entry in walkdir::WalkDir::new(root.join(folder)) {
            let entry = entry.expect("walk");
            let target = dir
                .path()
                .join(entry.path().strip_prefix(root).expect("inside"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("mkdir");
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
    }
    dir
}

fn one_page_edit(c: &mut Criterion, name: &str, root: &Path, page: &str) {
    let site = scratch_copy(root);
    let mut sources = Sources::new(site.path());
    let mut engine = Engine::new(BaseUrl::Local("http://127.0.0.1:1111".into()), false);
    let started = Instant::now();
    sources.update(&[]).expect("read");
    let first = engine.render(&sources).expect("first build");
    eprintln!(
        "{name}: first build of {} pages in {:?}",
        first.pages,
        started.elapsed()
    );
    let path: PathBuf = site.path().join(page);
    let original = std::fs::read_to_string(&path).expect("page");
    let mut round = 0u64;
    c.bench_function(&format!("one_page_edit/{name}"), |b| {
        b.iter(|| {
            round += 1;
            std::fs::write(&path, format!("{original}\nEDIT {round}\n")).expect("write");
            sources.update(std::slice::from_ref(&path)).expect("update");
            let report = engine.render(&sources).expect("render");
            assert_eq!(report.rendered, 1);
        })
    });
}

fn full_build(c: &mut Criterion, name: &str, root: &Path) {
    let options = BuildOptions::new(root);
    c.bench_function(&format!("full_build/{name}"), |b| {
        b.iter(|| build::render(&options).expect("build"))
    });
}

fn microsite(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    one_page_edit(c, "microsite", root, "content/skills.md");
    full_build(c, "microsite", root);
}

fn corpus(c: &mut Criterion) {
    let Some(root) = std::env::var_os("GONGJIANG_BENCH_CORPUS").map(PathBuf::from) else {
        return;
    };
    let started = Instant::now();
    let built = build::render(&BuildOptions::new(&root)).expect("full build");
    eprintln!(
        "corpus: full build (in memory) of {} pages in {:?}",
        built.site.pages.len(),
        started.elapsed()
    );
    one_page_edit(c, "corpus", &root, "content/news/page-00000.md");
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(10));
    targets = microsite, corpus
}
criterion_main!(benches);
