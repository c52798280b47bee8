//! Images and other files beside the pages (`tests/fixtures/images`): published at their path,
//! found from the Markdown file's folder (then `static/`), written with the right URL at the
//! root and under a sub-path, sized, captioned, checked, and followed by `serve`.

use std::path::Path;

use gongjiang::incremental::{BaseUrl, Engine, Sources};
use gongjiang::{build, source};

use crate::serve::{Server, eventually};
use crate::util::{build_ok, fixture, run, temp_fixture, write};

/// Builds the fixture (with extra flags) and returns the output folder.
fn built(extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    build_ok(&fixture("images"), out.path(), extra);
    out
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn files_beside_pages_are_published_at_their_path() {
    let out = built(&[]);
    let site = fixture("images");
    for (source, published) in [
        ("content/chart.png", "chart.png"),
        ("content/report.pdf", "report.pdf"),
        ("content/skills/bars.svg", "skills/bars.svg"),
        // Whitespace in a name becomes `-`, as in page URLs.
        ("content/skills/team photo.svg", "skills/team-photo.svg"),
    ] {
        assert_eq!(
            std::fs::read(out.path().join(published)).ok(),
            std::fs::read(site.join(source)).ok(),
            "{source} is published as {published}"
        );
    }
}

#[test]
fn images_carry_their_size_and_a_lone_titled_image_is_a_figure() {
    let out = built(&[]);
    let out = out.path();
    // A page file (`content/results.md`, at /results/) finds `chart.png` in its own folder,
    // `content/`: the URL is the file's, not one relative to the page's URL.
    let results = read(out, "results/index.html");
    assert!(
        results.contains(
            "<p><img src=\"/chart.png\" alt=\"成果图表\" width=\"48\" height=\"24\" decoding=\"async\" /></p>"
        ),
        "{results}"
    );
    assert!(
        results.contains(
            "<figure><img src=\"/chart.png\" alt=\"成果图表\" width=\"48\" height=\"24\" loading=\"lazy\" decoding=\"async\" /><figcaption>图 1：三年成果</figcaption></figure>"
        ),
        "{results}"
    );
    assert!(
        results.contains("<a href=\"/report.pdf\">下载报告</a>"),
        "{results}"
    );
    // A section's index (`content/skills/_index.md`, at /skills/) finds files in `content/skills/`;
    // an SVG's size comes from its viewBox.
    let skills = read(out, "skills/index.html");
    assert!(
        skills.contains(
            "<figure><img src=\"/skills/bars.svg\" alt=\"技能分布\" width=\"300\" height=\"150\" decoding=\"async\" /><figcaption>图 2：各类技能人数</figcaption></figure>"
        ),
        "{skills}"
    );
    // A page of the section, one folder down in URLs, finds the same file.
    let welding = read(out, "skills/welding/index.html");
    assert!(
        welding.contains("<img src=\"/skills/bars.svg\" alt=\"技能分布\" width=\"300\""),
        "{welding}"
    );
    assert!(
        welding.contains("<img src=\"/skills/team-photo.svg\" alt=\"全体合影\" width=\"160\" height=\"90\" loading=\"lazy\""),
        "{welding}"
    );
    // A site-wide image in `static/` is found when the page's folder has none.
    let home = read(out, "index.html");
    assert!(
        home.contains("<img src=\"/img/badge.svg\" alt=\"徽章\" width=\"120\" height=\"40\""),
        "{home}"
    );
}

#[test]
fn urls_work_under_a_sub_path() {
    let out = built(&["--base-url", "https://example.org/reform/"]);
    let out = out.path();
    let results = read(out, "results/index.html");
    assert!(results.contains("src=\"/reform/chart.png\""), "{results}");
    assert!(results.contains("href=\"/reform/report.pdf\""), "{results}");
    let skills = read(out, "skills/index.html");
    assert!(
        skills.contains("src=\"/reform/skills/bars.svg\""),
        "{skills}"
    );
    let home = read(out, "index.html");
    assert!(home.contains("src=\"/reform/img/badge.svg\""), "{home}");
    assert!(!home.contains("src=\"img/"), "{home}");
}

#[test]
fn check_finds_the_files_beside_the_pages() {
    let output = run(&[
        "check",
        "--root",
        fixture("images").to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{report}");
    assert!(!report.contains("broken_link"), "{report}");
}

/// Each edit through the incremental engine gives what a full build of the same files gives.
#[test]
fn incremental_rebuilds_follow_images() {
    let site = temp_fixture("images");
    let root = site.path();
    let mut sources = Sources::new(root);
    let mut engine = Engine::new(BaseUrl::Site, false);
    sources.update(&[]).expect("first read");
    engine.render(&sources).expect("first render");
    let mut step = |what: &str, paths: &[&str]| {
        let paths: Vec<_> = paths.iter().map(|p| root.join(p)).collect();
        sources.update(&paths).expect("update");
        let result = engine.render(&sources);
        let full = source::read_site(root)
            .and_then(|files| build::render_files(&files, None, false).map(|b| b.output));
        match (result, full) {
            (Ok(_), Ok(full)) => {
                assert_eq!(engine.snapshot().to_output(), full, "{what}");
                Ok(engine.snapshot())
            }
            (Err(e), Err(_)) => Err(e),
            (a, b) => panic!("{what}: incremental {:?}, full {:?}", a.err(), b.err()),
        }
    };
    // A new image, and a page that shows it.
    let svg =
        |w: u32| format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"10\"/>");
    write(root, "content/skills/new.svg", &svg(20));
    let snapshot = step("new image", &["content/skills/new.svg"]).expect("renders");
    assert!(snapshot.get("skills/new.svg").is_some());
    let welding = root.join("content/skills/welding.md");
    let text = std::fs::read_to_string(&welding).expect("read") + "\n![新图](new.svg)\n";
    std::fs::write(&welding, text).expect("write");
    let snapshot = step("page shows it", &["content/skills/welding.md"]).expect("renders");
    let page = String::from_utf8_lossy(snapshot.get("skills/welding/index.html").expect("page"));
    assert!(
        page.contains("src=\"/skills/new.svg\" alt=\"新图\" width=\"20\""),
        "{page}"
    );
    // The image changes size: the page follows.
    write(root, "content/skills/new.svg", &svg(30));
    let snapshot = step("image changed", &["content/skills/new.svg"]).expect("renders");
    let page = String::from_utf8_lossy(snapshot.get("skills/welding/index.html").expect("page"));
    assert!(page.contains("width=\"30\""), "{page}");
    // The image goes: the page names it as missing, and the last good site stays.
    std::fs::remove_file(root.join("content/skills/new.svg")).expect("remove");
    let error = step("image removed", &["content/skills/new.svg"]).expect_err("missing image");
    assert!(
        error.to_string().contains("content/skills/new.svg"),
        "{error}"
    );
    // A folder of images appears at once.
    write(root, "content/gallery/a.svg", &svg(5));
    write(root, "content/skills/new.svg", &svg(40));
    let snapshot = step(
        "folder added",
        &["content/gallery", "content/skills/new.svg"],
    )
    .expect("renders");
    assert!(snapshot.get("gallery/a.svg").is_some());
}

#[test]
fn serve_picks_up_a_new_image() {
    let server = Server::start_with("images", |_| {});
    assert_eq!(server.get("/skills/new.svg").status, 404);
    server.write(
        "content/skills/new.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"32\"/>",
    );
    eventually("the new image is served", || {
        server.get("/skills/new.svg").status == 200
    });
    server.write(
        "content/skills/welding.md",
        "---\ntitle: 焊接\n---\n![新图](new.svg)\n",
    );
    eventually("the page shows it with its size", || {
        server
            .get("/skills/welding/")
            .body
            .contains("src=\"/skills/new.svg\" alt=\"新图\" width=\"64\" height=\"32\"")
    });
}
