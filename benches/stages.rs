//! The pure stages of a build, per page: front matter parse, Markdown render, template render.
//!
//! ```text
//! cargo bench --bench stages                                          # the microsite
//! GONGJIANG_BENCH_CORPUS=/dev/shm/gongjiang-bench/gongjiang-1000 cargo bench --bench stages
//! ```
//! Each benchmark runs its stage over every page of the site once per iteration; criterion's
//! throughput line (`elem/s`) is pages per second, its time divided by the page count is the
//! cost of one page. The second form adds a synthetic site from `shared/bench/gen_corpus.py`
//! converted by `benches/convert_corpus.py` (what `benches/build_vs_hugo.sh` builds).

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gongjiang::build;
use gongjiang::front_matter;
use gongjiang::source;

fn stages(c: &mut Criterion, name: &str, root: &Path) {
    let files = source::read_site(root).expect("read the site");
    let pages = files.content.len() as u64;

    let mut group = c.benchmark_group(format!("stages/{name}"));
    group.throughput(Throughput::Elements(pages));
    group.bench_function("front_matter_parse", |b| {
        b.iter(|| {
            for file in &files.content {
                std::hint::black_box(front_matter::parse(file).expect("parse"));
            }
        })
    });

    let parsed = files
        .content
        .iter()
        .map(front_matter::parse)
        .collect::<Result<Vec<_>, _>>()
        .expect("parse");
    let prepared = build::prepare(parsed, &files, None, false).expect("prepare");
    let renderer = prepared.renderer();
    let pages = prepared.site.pages.len();
    group.bench_function("markdown_render", |b| {
        b.iter(|| {
            for i in 0..pages {
                std::hint::black_box(renderer.markdown(i).expect("markdown"));
            }
        })
    });

    let rendered: Vec<_> = (0..pages)
        .map(|i| renderer.markdown(i).expect("markdown"))
        .collect();
    group.bench_function("template_render", |b| {
        b.iter(|| {
            for (i, markdown) in rendered.iter().enumerate() {
                std::hint::black_box(renderer.page(i, markdown).expect("render"));
            }
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    stages(c, "microsite", &repo);
    if let Some(corpus) = std::env::var_os("GONGJIANG_BENCH_CORPUS") {
        stages(c, "corpus", Path::new(&corpus));
    }
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(group);
