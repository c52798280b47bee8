//! Incremental rebuilds give exactly the output of a full build, after every kind of edit.

use std::path::{Path, PathBuf};

use gongjiang::incremental::{BaseUrl, Engine, Report, Sources};
use gongjiang::{build, source};

use crate::util;

/// A site on disk with the incremental engine beside it.
struct Session {
    site: tempfile::TempDir,
    sources: Sources,
    engine: Engine,
}

impl Session {
    fn new() -> Session {
        Session::with(|_| {})
    }

    /// A session on the `serve` fixture after `prepare` changed its files.
    fn with(prepare: impl FnOnce(&Path)) -> Session {
        let site = util::temp_fixture("serve");
        prepare(site.path());
        let mut sources = Sources::new(site.path());
        let mut engine = Engine::new(BaseUrl::Local("http://127.0.0.1:1111".into()), false);
        sources.update(&[]).expect("first read");
        engine.render(&sources).expect("first build");
        let session = Session {
            site,
            sources,
            engine,
        };
        session.assert_matches_full_build("first build");
        session
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    /// Applies file changes, tells the engine which paths changed (as the watcher would, with
    /// absolute paths), and checks the result against a full build.
    fn edit(&mut self, step: &str, changes: &[(&str, Option<&str>)]) -> Report {
        let paths = self.apply(changes);
        self.sources
            .update(&paths)
            .unwrap_or_else(|e| panic!("{step}: update: {e}"));
        let report = self
            .engine
            .render(&self.sources)
            .unwrap_or_else(|e| panic!("{step}: render: {e}"));
        self.assert_matches_full_build(step);
        report
    }

    /// Like [`Session::edit`] for an edit that breaks the site: the snapshot must stay as it was.
    fn edit_broken(&mut self, step: &str, changes: &[(&str, Option<&str>)]) {
        let paths = self.apply(changes);
        self.fail_after(step, &paths);
    }

    fn fail_after(&mut self, step: &str, paths: &[PathBuf]) {
        let before = self.engine.snapshot();
        let failed = self
            .sources
            .update(paths)
            .and_then(|()| self.engine.render(&self.sources));
        assert!(failed.is_err(), "{step}: should fail");
        let full = source::read_site(self.root())
            .and_then(|files| build::render_files(&files, None, false));
        assert!(full.is_err(), "{step}: a full build fails too");
        assert_eq!(
            *self.engine.snapshot(),
            *before,
            "{step}: the last good site stays"
        );
    }

    fn apply(&self, changes: &[(&str, Option<&str>)]) -> Vec<PathBuf> {
        let mut paths = Vec::new();
        for (rel, text) in changes {
            let path = self.root().join(rel);
            match text {
                Some(text) => util::write(self.root(), rel, text),
                None if path.is_dir() => std::fs::remove_dir_all(&path).expect("remove folder"),
                None => std::fs::remove_file(&path).expect("remove"),
            }
            paths.push(path);
        }
        paths
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).expect("read")
    }

    fn assert_matches_full_build(&self, step: &str) {
        let files = source::read_site(self.root()).expect("full read");
        assert_eq!(
            self.sources.files(),
            &files,
            "{step}: the sources are what a full read gives"
        );
        let base_url = self.engine.base_url_for(&self.sources).expect("base url");
        let full = build::render_files(&files, base_url.as_deref(), false)
            .expect("full build")
            .output;
        let incremental = self.engine.snapshot().to_output();
        if incremental != full {
            let paths = |o: &gongjiang::output::Output| o.files.keys().cloned().collect::<Vec<_>>();
            let differing: Vec<&String> = full
                .files
                .iter()
                .filter(|(p, b)| incremental.files.get(*p) != Some(*b))
                .map(|(p, _)| p)
                .collect();
            panic!(
                "{step}: incremental output differs from a full build\nfull: {:?}\nincremental: {:?}\ndiffering: {differing:?}",
                paths(&full),
                paths(&incremental)
            );
        }
    }
}

#[test]
fn every_edit_gives_the_full_build_byte_for_byte() {
    let mut s = Session::new();
    let alpha = s.read("content/alpha.md");

    let report = s.edit(
        "body edit",
        &[(
            "content/alpha.md",
            Some(&alpha.replace("ALPHA-BODY", "ALPHA-2")),
        )],
    );
    assert_eq!(report.rendered, 1, "a body-only edit renders one page");
    assert_eq!(report.changed_paths, vec!["alpha/index.html".to_owned()]);

    let home = s.read("content/_index.md");
    let guide = s.read("content/guide/_index.md");
    let report = s.edit(
        "bodies of home and a section in one batch",
        &[
            (
                "content/_index.md",
                Some(&home.replace("首页正文。", "首页正文改。")),
            ),
            (
                "content/guide/_index.md",
                Some(&guide.replace("指南列表。", "指南列表改。")),
            ),
        ],
    );
    assert_eq!(report.rendered, 2);
    let beta = s.read("content/beta.md");
    s.edit(
        "a body and a front matter edit in one batch",
        &[
            (
                "content/alpha.md",
                Some(&s.read("content/alpha.md").replace("ALPHA-2", "ALPHA-3")),
            ),
            (
                "content/beta.md",
                Some(&beta.replace("weight: 2", "weight: 0")),
            ),
        ],
    );
    s.edit("back again", &[("content/beta.md", Some(&beta))]);
    let report = s.edit(
        "same text saved again",
        &[("content/alpha.md", Some(&s.read("content/alpha.md")))],
    );
    assert_eq!((report.rendered, report.changed_paths.len()), (0, 0));

    let beta = s.read("content/beta.md");
    let report = s.edit(
        "title edit",
        &[(
            "content/beta.md",
            Some(&beta.replace("title: 乙页", "title: 乙页新")),
        )],
    );
    assert!(report.rendered > 1, "the menu and lists show titles");

    let gamma = "---\ntitle: 丙页\nweight: 4\n---\n丙页正文。\n";
    s.edit("new page", &[("content/gamma.md", Some(gamma))]);
    s.edit(
        "rename into a section",
        &[
            ("content/gamma.md", None),
            ("content/guide/gamma.md", Some(gamma)),
        ],
    );
    let one = s.read("content/guide/one.md");
    let report = s.edit(
        "title edit inside a section",
        &[(
            "content/guide/one.md",
            Some(&one.replace("指南一", "指南壹")),
        )],
    );
    assert_eq!(
        report.rendered, 4,
        "the page, its neighbour, its section and home (which lists all pages)"
    );
    s.edit(
        "reorder siblings",
        &[(
            "content/guide/one.md",
            Some(&one.replace("title: 指南一", "title: 指南一\nweight: 1")),
        )],
    );
    s.edit(
        "editor swap file is ignored",
        &[
            ("content/.alpha.md.swp", Some("garbage")),
            ("content/alpha.md~", Some("x")),
        ],
    );
    s.edit("delete a page", &[("content/alpha.md", None)]);
    s.edit(
        "new section in a new folder",
        &[
            ("content/more/_index.md", Some("---\ntitle: 更多\n---\n")),
            ("content/more/x.md", Some(gamma)),
        ],
    );
    s.edit("delete the folder", &[("content/more", None)]);

    let home = s.read("content/_index.md");
    s.edit(
        "key figure value",
        &[(
            "content/_index.md",
            Some(&home.replace("value: 3", "value: 4")),
        )],
    );
    s.edit(
        "figure edit on a page",
        &[(
            "content/beta.md",
            Some(&s.read("content/beta.md").replace("15000", "16000")),
        )],
    );
    s.edit(
        "draft page (not built)",
        &[(
            "content/draft.md",
            Some("---\ntitle: 草稿\ndraft: true\n---\n草稿\n"),
        )],
    );

    let page = s.read("templates/page.html");
    let report = s.edit(
        "template edit",
        &[(
            "templates/page.html",
            Some(&page.replace("<h1>", "<h1 class=\"t\">")),
        )],
    );
    assert!(report.rendered >= 3, "every page using the template");
    s.edit(
        "new partial",
        &[("templates/partials/note.html", Some("<p>note</p>"))],
    );

    let report = s.edit(
        "stylesheet edit",
        &[("static/css/site.css", Some("body { color: #111; }\n"))],
    );
    assert!(
        report
            .changed_paths
            .iter()
            .any(|p| p.starts_with("css/site.") && p != "css/site.css"),
        "{report:?}"
    );
    let report = s.edit(
        "unused static file",
        &[(
            "static/img/new.svg",
            Some("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        )],
    );
    // Asset names are content hashes computed before rendering, so a change to `static/`
    // renders the pages again (any of them may print any asset's name), and the new file is
    // served with its hashed copy.
    assert!(report.rendered >= 3, "{report:?}");
    assert!(
        report
            .changed_paths
            .iter()
            .any(|p| p.starts_with("img/new.") && p != "img/new.svg"),
        "{report:?}"
    );

    s.edit(
        "sub-path base URL",
        &[(
            "content/_index.md",
            Some(
                &s.read("content/_index.md")
                    .replace("https://example.org/", "https://example.org/reform/"),
            ),
        )],
    );
    assert_eq!(s.engine.snapshot().base_path, "/reform/");
}

#[test]
fn assets_named_at_render_time_follow_their_content() {
    let mut s = Session::new();
    let page = s.read("templates/page.html");
    let asking = page.replace(
        "{% block main %}",
        "{% block main %}{% if page.extra.icon %}<img src=\"{{ asset_url(path=page.extra.icon) }}\">{% endif %}",
    );
    s.edit(
        "template asks for a per-page asset",
        &[("templates/page.html", Some(&asking))],
    );
    let with_icon = "---\ntitle: 图标页\nextra:\n  icon: favicon.svg\n---\n正文\n";
    s.edit(
        "a page asks for the icon",
        &[("content/icon.md", Some(with_icon))],
    );
    let icon_src = |s: &Session| {
        let snapshot = s.engine.snapshot();
        let html = String::from_utf8_lossy(snapshot.get("icon/index.html").expect("page"));
        let (_, rest) = html.split_once("<img src=\"/favicon.")?;
        Some(rest.split('"').next()?.to_owned())
    };
    let first = icon_src(&s).expect("the page names the hashed icon");
    s.edit(
        "the icon changes",
        &[(
            "static/favicon.svg",
            Some("<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>\n"),
        )],
    );
    let second = icon_src(&s).expect("the page names the hashed icon");
    assert_ne!(first, second, "the page follows the icon's new hash");
    assert!(
        s.engine
            .snapshot()
            .files
            .contains_key(format!("favicon.{second}").as_str()),
        "the hashed copy the page names is served"
    );
    s.edit(
        "the page stops asking",
        &[("content/icon.md", Some("---\ntitle: 图标页\n---\n正文\n"))],
    );
    assert_eq!(icon_src(&s), None);
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_until_fixed() {
    let mut s = Session::new();
    let beta = s.read("content/beta.md");
    s.edit_broken(
        "bad front matter",
        &[(
            "content/beta.md",
            Some("---\ntitle: 乙页\nweight: x\n---\n"),
        )],
    );
    s.edit("fixed", &[("content/beta.md", Some(&beta))]);
    s.edit_broken(
        "bad template",
        &[("templates/page.html", Some("{% block main %}{{ oops"))],
    );
    s.edit_broken(
        "still bad, and a page edited meanwhile",
        &[("content/alpha.md", Some("---\ntitle: 甲\n---\nnew\n"))],
    );
    let page =
        std::fs::read_to_string(util::fixture("serve").join("templates/page.html")).expect("read");
    s.edit("template fixed", &[("templates/page.html", Some(&page))]);
    s.edit_broken(
        "static file over a generated one",
        &[("static/robots.txt", Some("x"))],
    );
    s.edit("removed again", &[("static/robots.txt", None)]);
    let alpha = s.root().join("content/alpha.md");
    std::fs::write(&alpha, b"---\ntitle: \xff\n---\n").expect("write");
    s.fail_after("not UTF-8", &[alpha]);
    let report = s.edit(
        "re-read after the error",
        &[("content/alpha.md", Some("---\ntitle: 甲\n---\nok\n"))],
    );
    assert!(report.rendered >= 1);
}

/// With search on, the `pagefind/` bundle follows every edit that changes a page's HTML, and
/// is left alone by edits that change none; `search: false` and turning search off work too.
#[test]
fn the_search_index_follows_edits_byte_for_byte() {
    let mut s = Session::with(|root| {
        let home = root.join("content/_index.md");
        let text = std::fs::read_to_string(&home).expect("read");
        let text = text.replacen(
            "  language: zh-CN\n",
            "  language: zh-CN\n  search: true\n",
            1,
        );
        std::fs::write(home, text).expect("write");
    });
    let index_files = |s: &Session| {
        s.engine
            .snapshot()
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("pagefind/"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    let first = index_files(&s);
    assert!(
        first.iter().any(|(p, _)| &**p == "pagefind/pagefind.js"),
        "the first build has the index"
    );

    let alpha = s.read("content/alpha.md");
    let report = s.edit(
        "body edit",
        &[(
            "content/alpha.md",
            Some(&alpha.replace("ALPHA-BODY", "ALPHA-SEARCHED")),
        )],
    );
    assert!(
        report
            .changed_paths
            .iter()
            .any(|p| p.starts_with("pagefind/")),
        "a body edit changes the index: {:?}",
        report.changed_paths
    );

    let css = s.read("static/css/site.css");
    s.edit(
        "css edit",
        &[("static/css/site.css", Some(&format!("{css}\n/* x */\n")))],
    );

    let beta = s.read("content/beta.md");
    s.edit(
        "leave a page out",
        &[(
            "content/beta.md",
            Some(&beta.replacen("---\n", "---\nsearch: false\n", 1)),
        )],
    );
    s.edit("remove a page", &[("content/alpha.md", None)]);

    let home = s.read("content/_index.md");
    s.edit(
        "search off",
        &[(
            "content/_index.md",
            Some(&home.replace("  search: true\n", "")),
        )],
    );
    assert!(index_files(&s).is_empty(), "no index once search is off");
}

#[test]
fn the_first_render_previews_the_home_page_and_static_files_as_the_whole_site_has_them() {
    let site = util::temp_fixture("serve");
    let mut sources = Sources::new(site.path());
    let mut engine = Engine::new(BaseUrl::Local("http://127.0.0.1:1111".into()), false);
    sources.update(&[]).expect("first read");
    let mut previews = Vec::new();
    engine
        .render_with_preview(&sources, &mut |snapshot| previews.push(snapshot))
        .expect("first build");
    assert_eq!(previews.len(), 1, "one preview, on the first render");
    let (preview, whole) = (&previews[0], engine.snapshot());
    assert!(preview.partial && !whole.partial);
    let html: Vec<&str> = preview
        .files
        .keys()
        .filter(|path| path.ends_with(".html"))
        .map(|path| &**path)
        .collect();
    assert_eq!(html, ["index.html"], "the home page alone");
    assert!(whole.files.len() > preview.files.len());
    for (path, bytes) in &preview.files {
        assert_eq!(
            whole.get(path),
            Some(&bytes[..]),
            "{path} as the whole site has it"
        );
    }
    let statics = whole.files.keys().filter(|p| p.starts_with("css/")).count();
    assert!(statics > 0, "the fixture has a style sheet");
    assert_eq!(
        statics,
        preview
            .files
            .keys()
            .filter(|p| p.starts_with("css/"))
            .count()
    );
    // A later render gives no preview.
    std::fs::write(
        site.path().join("content/alpha.md"),
        "---\ntitle: Alpha\n---\nnew\n",
    )
    .expect("edit");
    sources
        .update(&[site.path().join("content/alpha.md")])
        .expect("update");
    engine
        .render_with_preview(&sources, &mut |snapshot| previews.push(snapshot))
        .expect("rebuild");
    assert_eq!(previews.len(), 1);
}

/// A second language added, edited and removed while serving: each step gives what a full build
/// gives, byte for byte, and a translation that breaks the one set of figures keeps the last
/// good site.
#[test]
fn translations_follow_edits_byte_for_byte() {
    let mut s = Session::new();
    let home = s.read("content/_index.md");
    let home_en = "---\ntitle: Home\nfigures:\n  - id: years\n    label: Rated excellent\n    unit: years\nsite:\n  title: Test site\n---\nHome text.\n";
    let beta_en = "---\ntitle: B\nfigures:\n  - id: books\n    label: Reading rooms\n    unit: \"\"\n---\nB text {{books}} BETA-EN.\n";
    s.edit(
        "a second language",
        &[
            (
                "content/_index.md",
                Some(&home.replace(
                    "  language: zh-CN\n",
                    "  language: zh-CN\n  languages: [zh-CN, en]\n",
                )),
            ),
            ("content/_index.en.md", Some(home_en)),
            ("content/beta.en.md", Some(beta_en)),
        ],
    );
    let report = s.edit(
        "a translation's body",
        &[(
            "content/beta.en.md",
            Some(&beta_en.replace("BETA-EN", "BETA-EN-2")),
        )],
    );
    assert_eq!(
        report.rendered, 1,
        "a body-only edit of a translation renders one page"
    );
    s.edit(
        "the original's value, which the translation shows",
        &[(
            "content/beta.md",
            Some(&s.read("content/beta.md").replace("15000", "16000")),
        )],
    );
    s.edit_broken(
        "a translation giving another value",
        &[(
            "content/beta.en.md",
            Some(&beta_en.replace("    unit: \"\"\n", "    unit: \"\"\n    value: 1\n")),
        )],
    );
    s.edit("fixed", &[("content/beta.en.md", Some(beta_en))]);
    s.edit("a translation removed", &[("content/beta.en.md", None)]);
}
