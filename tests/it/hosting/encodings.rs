//! The precompressed copies as nginx serves them (`brotli_static`, `gzip_static`): for every
//! text file of the microsite (built with its own `precompress: true`) a client that accepts
//! `br` gets `Content-Encoding: br` and the bytes of `X.br`, one that accepts only `gzip` gets
//! those of `X.gz`, a browser's `gzip, deflate, br` gets Brotli, and a client that accepts
//! neither (or refuses one with `q=0`) gets `X` itself; every answer says
//! `Vary: Accept-Encoding`; folder URLs (`/skills/`) get the copies of their `index.html`.
//!
//! Spoken over a plain TCP socket rather than `ureq`, which would ask for gzip and decode it
//! behind the test's back.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use gongjiang::precompress;

use super::files::site_files;
use super::nginx::Hosted;

/// One raw HTTP/1.1 answer.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    /// A header's value, `""` when absent (names compared without case).
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or("", |(_, v)| v.as_str())
    }
}

/// `GET path` on 127.0.0.1:`port` with `Accept-Encoding: accept` when given; one connection.
fn get(port: u16, path: &str, accept: Option<&str>) -> Answer {
    assert!(path.is_ascii(), "the microsite's paths are ASCII: {path}");
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to nginx");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("read timeout");
    let mut request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    if let Some(accept) = accept {
        request.push_str(&format!("Accept-Encoding: {accept}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).expect("send request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read answer");
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("GET {path}: no end of headers"));
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("GET {path}: bad status line in {head}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let answer = Answer {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    };
    assert_eq!(
        answer.header("content-length"),
        answer.body.len().to_string(),
        "GET {path}: the whole body"
    );
    answer
}

/// What a request accepting `accept` must get for a file whose copies are `gz` and `br`:
/// `(Content-Encoding, body)`.
fn expected<'a>(
    accept: Option<&str>,
    plain: &'a [u8],
    gz: Option<&'a [u8]>,
    br: Option<&'a [u8]>,
) -> (&'static str, &'a [u8]) {
    let accepts = |coding: &str| {
        accept.is_some_and(|a| {
            a.split(',')
                .any(|item| item.trim() == coding || item.trim() == format!("{coding};q=1"))
        })
    };
    match (br, gz) {
        (Some(br), _) if accepts("br") => ("br", br),
        (_, Some(gz)) if accepts("gzip") => ("gzip", gz),
        _ => ("", plain),
    }
}

#[test]
fn each_client_gets_the_copy_it_accepts_and_its_exact_bytes() {
    let hosted = Hosted::microsite("");
    let port = hosted.nginx.port;
    let files = site_files(&hosted.site);
    let read = |rel: &str| std::fs::read(hosted.site.join(rel)).ok();
    let accepts = [
        None,
        Some("gzip"),
        Some("br"),
        Some("gzip, deflate, br"),
        Some("gzip, br;q=0"),
        Some("identity"),
    ];
    let mut problems = Vec::new();
    let (mut with_copies, mut checked) = (0, 0);
    for (rel, path) in &files {
        if !precompress::is_compressible(rel) {
            continue;
        }
        let plain = std::fs::read(path).expect("read built file");
        let (gz, br) = (read(&format!("{rel}.gz")), read(&format!("{rel}.br")));
        with_copies += usize::from(gz.is_some() && br.is_some());
        let mut urls = vec![format!("/{rel}")];
        if let Some(folder) = rel.strip_suffix("index.html") {
            urls.push(format!("/{folder}"));
        }
        for url in &urls {
            for accept in accepts {
                let got = get(port, url, accept);
                checked += 1;
                let (encoding, body) = expected(accept, &plain, gz.as_deref(), br.as_deref());
                let said = format!("GET {url} (Accept-Encoding: {accept:?})");
                if got.status != 200 {
                    problems.push(format!("{said}: status {}", got.status));
                    continue;
                }
                if got.header("content-encoding") != encoding {
                    problems.push(format!(
                        "{said}: Content-Encoding {:?}, want {encoding:?}",
                        got.header("content-encoding")
                    ));
                }
                if got.body != body {
                    problems.push(format!("{said}: not the bytes of {rel} {encoding}"));
                }
                if (gz.is_some() || br.is_some()) && got.header("vary") != "Accept-Encoding" {
                    problems.push(format!("{said}: Vary {:?}", got.header("vary")));
                }
                if !got
                    .header("content-type")
                    .starts_with(super::http::expected_type(rel).unwrap_or(""))
                {
                    problems.push(format!(
                        "{said}: Content-Type {:?}",
                        got.header("content-type")
                    ));
                }
            }
        }
    }
    assert!(
        with_copies >= 20,
        "the microsite sets `precompress: true`: only {with_copies} files have both copies"
    );
    assert!(
        problems.is_empty(),
        "{} of {checked} answers wrong:\n{}\nnginx error log:\n{}",
        problems.len(),
        problems.join("\n"),
        hosted.nginx.error_log()
    );
}
