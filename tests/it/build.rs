//! `gongjiang build` on the `basic` fixture: the output tree, URLs, escaping, the table of
//! contents, figure display strings, Chinese Markdown, drafts, sub-paths and determinism.

use crate::util::{build_ok, fixture, read, run, temp_fixture, tree, write};

fn built(extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    build_ok(&fixture("basic"), out.path(), extra);
    out
}

#[test]
fn writes_pretty_urls_and_site_files() {
    let out = built(&[]);
    let files: Vec<String> = tree(out.path()).into_iter().map(|(p, _)| p).collect();
    for expected in [
        "index.html",
        "skills/index.html",
        "about/index.html",
        "about/team/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "css/site.css",
        "img/dot.svg",
    ] {
        assert!(
            files.contains(&expected.to_owned()),
            "{expected} missing from {files:?}"
        );
    }
    assert!(
        !files.iter().any(|f| f.starts_with("draft")),
        "drafts are left out: {files:?}"
    );
    let hashed: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("css/site.") && f.len() == "css/site.0123456789.css".len())
        .collect();
    assert_eq!(hashed.len(), 1, "one content-hashed stylesheet: {files:?}");
    let home = read(out.path(), "index.html");
    assert!(
        home.contains(&format!("href=\"/{}\"", hashed[0])),
        "home links the hashed CSS"
    );
}

#[test]
fn prints_one_summary_line() {
    let out = tempfile::tempdir().expect("temp dir");
    let stdout = build_ok(&fixture("basic"), out.path(), &[]);
    let line = stdout.trim();
    assert!(
        // Its own two, and the built-in theme's favicon and search script.
        line.starts_with("Built 4 pages, 4 static files in "),
        "{line}"
    );
    assert!(line.contains(" ms -> "), "{line}");
    assert_eq!(stdout.lines().count(), 1);
}

#[test]
fn drafts_flag_includes_drafts() {
    let out = built(&["--drafts"]);
    assert!(read(out.path(), "draft/index.html").contains("草稿"));
}

/// The display strings the fixture's figures must show, as a Chinese reader expects.
const DISPLAY: &[(&str, &str, &str)] = &[
    ("books", "1.5万余", "家"),
    ("palaces", "114", "家"),
    ("wages", "超过2.5亿", "元"),
    ("members", "900多万", "人"),
    ("studios", "近1.5万", "家"),
    ("trades", "上百", "个"),
    ("law", "首", "部"),
    ("rank", "第一", ""),
];

#[test]
fn figures_show_their_display_strings() {
    let out = built(&[]);
    let page = read(out.path(), "skills/index.html");
    for (id, display, unit) in DISPLAY {
        let card = format!(
            "<div class=\"card\" id=\"fig-{id}\"><span class=\"num\">{display}</span><span class=\"unit\">{unit}</span>"
        );
        assert!(page.contains(&card), "card for {id} shows {display}{unit}");
    }
    assert!(
        page.contains("<p class=\"filter\">超2.5亿元</p>"),
        "the cn_number filter formats any number"
    );
    let home = read(out.path(), "index.html");
    assert!(
        home.contains("<span class=\"num\">连续3</span><span class=\"unit\">年</span>"),
        "key figures reach the home page"
    );
}

#[test]
fn figure_labels_are_escaped_everywhere() {
    let out = built(&[]);
    for file in ["skills/index.html", "feed.xml"] {
        let text = read(out.path(), file);
        assert!(
            !text.contains("<script>alert(1)"),
            "{file} carries a live script"
        );
        assert!(
            text.contains("&lt;script&gt;alert(1)"),
            "{file} shows the label escaped"
        );
    }
    let svg_start = read(out.path(), "skills/index.html");
    let svg = &svg_start[svg_start.find("<svg").expect("a chart")..];
    assert!(
        svg.contains("&lt;script&gt;"),
        "the inline SVG escapes the label"
    );
}

#[test]
fn charts_come_from_groups() {
    let out = built(&[]);
    let page = read(out.path(), "skills/index.html");
    assert_eq!(
        page.matches("<svg class=\"chart\" role=\"img\"").count(),
        1,
        "one group of two"
    );
    assert!(page.contains("<figcaption>书屋与文化宫</figcaption>"));
    assert!(page.contains("aria-label=\"书屋与文化宫：职工书屋"));
}

#[test]
fn headings_get_readable_chinese_ids_and_a_toc() {
    let out = built(&[]);
    let page = read(out.path(), "skills/index.html");
    assert!(page.contains("<h2 id=\"深化职业教育改革\">深化职业教育改革</h2>"));
    assert!(
        page.contains("<h2 id=\"integration\">推进产教融合</h2>"),
        "explicit ids win"
    );
    assert!(
        page.contains("<h2 id=\"深化职业教育改革-1\">"),
        "duplicates get a suffix"
    );
    let toc = page
        .split("<ol class=\"toc\">")
        .nth(1)
        .and_then(|s| s.split("</ol>").next())
        .expect("toc");
    assert_eq!(
        toc,
        "<li><a href=\"#深化职业教育改革\">深化职业教育改革</a></li><li><a href=\"#integration\">推进产教融合</a></li><li><a href=\"#深化职业教育改革-1\">深化职业教育改革</a></li>"
    );
}

#[test]
fn chinese_markdown_comes_out_right() {
    let out = built(&[]);
    let home = read(out.path(), "index.html");
    assert!(
        home.contains("自强不息，厚德载物。"),
        "no space inside a Chinese paragraph"
    );
    assert!(
        home.contains("获得<strong>“优秀”</strong>等次"),
        "bold next to Chinese quotes"
    );
    let page = read(out.path(), "skills/index.html");
    assert!(page.contains("<strong>优秀</strong>。"));
    assert!(
        page.contains("<table>") && page.contains("<del>删除</del>") && page.contains("footnote")
    );
}

#[test]
fn navigation_and_neighbours() {
    let out = built(&[]);
    let page = read(out.path(), "skills/index.html");
    assert!(page.contains("<a href=\"/skills/\" aria-current=\"page\">技能形成</a>"));
    assert!(page.contains("<a rel=\"next\" href=\"/about/\">关于</a>"));
    let section = read(out.path(), "about/index.html");
    assert!(
        section.contains("<li><a href=\"/about/team/\">团队</a></li>"),
        "sections list their pages"
    );
}

#[test]
fn sub_path_base_url_prefixes_every_internal_link() {
    let out = built(&["--base-url", "https://host.example/reform"]);
    let page = read(out.path(), "skills/index.html");
    assert!(page.contains("href=\"/reform/about/\""), "markdown links");
    assert!(page.contains("href=\"/reform/css/site."), "asset links");
    assert!(page.contains("<link rel=\"canonical\" href=\"https://host.example/reform/skills/\">"));
    for (name, text) in tree(out.path())
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8_lossy(b)))
    {
        for href in text
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
        {
            let internal = href.starts_with('/');
            assert!(
                !internal || href.starts_with("/reform/"),
                "{name}: {href} escapes the sub-path"
            );
        }
    }
    assert!(
        read(out.path(), "sitemap.xml")
            .contains("<loc>https://host.example/reform/about/team/</loc>")
    );
    assert!(
        read(out.path(), "robots.txt").contains("Sitemap: https://host.example/reform/sitemap.xml")
    );
}

#[test]
fn builds_are_deterministic() {
    let a = built(&[]);
    let b = built(&[]);
    let (ta, tb) = (tree(a.path()), tree(b.path()));
    assert_eq!(ta.len(), tb.len());
    for ((pa, ba), (pb, bb)) in ta.iter().zip(&tb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two builds");
    }
}

#[test]
fn default_output_is_public_under_root_and_rebuilds_replace_it() {
    let site = temp_fixture("basic");
    let root = site.path().to_str().expect("utf-8");
    assert!(run(&["build", "--root", root]).status.success());
    assert!(site.path().join("public/index.html").is_file());
    write(
        site.path(),
        "content/new.md",
        "---\ntitle: 新页\n---\n新。\n",
    );
    std::fs::remove_file(site.path().join("content/about/team.md")).expect("remove");
    assert!(run(&["build", "--root", root]).status.success());
    assert!(site.path().join("public/new/index.html").is_file());
    assert!(
        !site.path().join("public/about/team").exists(),
        "stale pages do not survive a rebuild"
    );
    let stray: Vec<_> = std::fs::read_dir(site.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("gongjiang"))
        .collect();
    assert!(stray.is_empty(), "no staging folders left: {stray:?}");
}

#[test]
fn help_explains_the_flags() {
    let help = String::from_utf8(run(&["build", "--help"]).stdout).expect("utf-8");
    for flag in ["--root", "--output", "--base-url", "--drafts"] {
        assert!(help.contains(flag), "{flag} in build --help");
    }
    assert!(run(&["--help"]).status.success());
}

/// The microsite (search included) built on one thread, built on four, and rendered in memory
/// (what `check` and `serve` use) are the same files with the same bytes; the build adds only
/// the precompressed copies the site asks for (`precompress: true`), made from those bytes.
#[test]
fn parallel_streamed_build_matches_one_thread_and_in_memory_render() {
    let root = crate::util::repo_root();
    let out = tempfile::tempdir().expect("temp dir");
    let build_with = |threads: &str, dest: &std::path::Path| {
        let status = crate::util::bin()
            .env("RAYON_NUM_THREADS", threads)
            .args(["build", "--root"])
            .arg(&root)
            .arg("--output")
            .arg(dest)
            .output()
            .expect("run");
        assert!(status.status.success(), "{status:?}");
        tree(dest)
    };
    let one = build_with("1", &out.path().join("one"));
    let four = build_with("4", &out.path().join("four"));
    assert!(one.iter().any(|(path, _)| path.starts_with("pagefind/")));
    assert_eq!(one, four, "one thread and four threads differ");

    let built = gongjiang::build::render(&gongjiang::build::BuildOptions::new(&root))
        .expect("render in memory");
    assert!(built.site.config.precompress, "the microsite precompresses");
    let copies: Vec<(String, Vec<u8>)> = built
        .output
        .files
        .iter()
        .flat_map(|(path, bytes)| gongjiang::precompress::copies(path, bytes).expect("compress"))
        .collect();
    assert!(copies.iter().any(|(path, _)| path == "index.html.br"));
    let in_memory: Vec<(String, Vec<u8>)> = built
        .output
        .files
        .into_iter()
        .chain(copies)
        .chain([(
            gongjiang::output::MARKER.to_owned(),
            std::fs::read(out.path().join("one").join(gongjiang::output::MARKER)).expect("marker"),
        )])
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .collect();
    assert_eq!(
        one.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        in_memory.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, disk), (_, memory)) in one.iter().zip(&in_memory) {
        assert!(disk == memory, "{path} differs between build and render");
    }
}

/// A rebuild hard-links each file whose bytes did not change from the previous output (so it
/// keeps its modification time) and writes the changed ones afresh.
#[cfg(unix)]
#[test]
fn rebuild_links_unchanged_files_and_rewrites_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = temp_fixture("basic");
    let out = tempfile::tempdir().expect("temp dir");
    let dest = out.path().join("public");
    build_ok(site.path(), &dest, &[]);
    let inode = |rel: &str| std::fs::metadata(dest.join(rel)).expect("built file").ino();
    let (about, home) = (inode("about/index.html"), inode("index.html"));
    let team = std::fs::read_to_string(site.path().join("content/about/team.md")).expect("read");
    write(
        site.path(),
        "content/about/team.md",
        &format!("{team}\n多一句。\n"),
    );
    build_ok(site.path(), &dest, &[]);
    assert_eq!(
        inode("about/index.html"),
        about,
        "an unchanged page is linked, not rewritten"
    );
    assert_eq!(inode("index.html"), home);
    assert!(read(&dest, "about/team/index.html").contains("多一句"));
    assert_eq!(
        std::fs::metadata(dest.join("about/team/index.html"))
            .expect("team")
            .nlink(),
        1,
        "a changed page is a new file"
    );
}
