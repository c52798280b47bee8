//! `gongjiang serve`: incremental rebuilds that match a full build byte for byte, and the
//! server itself over real HTTP on 127.0.0.1 (a free port each, `--port 0`).
//!
//! Every wait is bounded (see [`WAIT`]), so a failure reports instead of hanging.

mod http;
mod incremental;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::util;

/// The longest any test waits for something to happen.
pub const WAIT: Duration = Duration::from_secs(10);

/// A running `gongjiang serve` on a temporary copy of a fixture.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/` (with the site's base path).
    pub url: String,
    /// The port.
    pub port: u16,
    /// The site root (a temporary copy; edit it freely).
    pub site: tempfile::TempDir,
    /// Lines the server printed on stdout after the first.
    pub lines: mpsc::Receiver<String>,
    /// Lines the server printed on stderr (errors and warnings).
    pub errors: mpsc::Receiver<String>,
}

impl Server {
    /// Starts the server on a copy of `fixture`, after `prepare` edits the copy.
    pub fn start_with(fixture: &str, prepare: impl FnOnce(&Path)) -> Server {
        Server::start_with_args(fixture, &[], prepare)
    }

    /// [`Server::start_with`], with more arguments for `gongjiang serve` (`--lang zh`).
    pub fn start_with_args(fixture: &str, args: &[&str], prepare: impl FnOnce(&Path)) -> Server {
        let site = util::temp_fixture(fixture);
        prepare(site.path());
        let mut command = util::bin();
        command
            .args(["serve", "--port", "0", "--root"])
            .arg(site.path())
            .args(args);
        Server::spawn(site, command)
    }

    /// Starts the server from inside a copy of `tests/fixtures/serve` with `--root .`.
    pub fn start_in_site() -> Server {
        let site = util::temp_fixture("serve");
        let mut command = util::bin();
        command
            .args(["serve", "--port", "0", "--root", "."])
            .current_dir(site.path());
        Server::spawn(site, command)
    }

    fn spawn(site: tempfile::TempDir, mut command: std::process::Command) -> Server {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("gongjiang serve starts");
        let (sender, lines) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .try_for_each(|l| sender.send(l))
        });
        // Errors go to the terminal as they would, and to `errors`.
        let (error_sender, errors) = mpsc::channel();
        std::thread::spawn(move || {
            BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
                .for_each(|l| {
                    eprintln!("server: {l}");
                    let _ = error_sender.send(l);
                })
        });
        let first = lines.recv_timeout(WAIT).unwrap_or_default();
        // `Serving http://127.0.0.1:PORT/ (Ctrl-C to stop)`, in whichever language.
        let Some(url) = first
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
        else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the first line names the URL, got {first:?}");
        };
        let url = url.to_owned();
        let port = url
            .trim_start_matches("http://127.0.0.1:")
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("port");
        Server {
            child,
            url,
            port,
            site,
            lines,
            errors,
        }
    }

    /// Starts the server on a copy of `tests/fixtures/serve`.
    pub fn start() -> Server {
        Server::start_with("serve", |_| {})
    }

    /// `GET path` with the right Host header.
    pub fn get(&self, path: &str) -> Response {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n",
            self.port
        ))
    }

    /// Sends a request head (without the final blank line); adds `Connection: close`.
    pub fn request(&self, head: &str) -> Response {
        request(self.port, head)
    }

    /// Opens the live-reload event stream (after its `hello`).
    pub fn events(&self) -> EventStream {
        EventStream::open(self.port, None)
    }

    /// Edits a file of the site.
    pub fn write(&self, rel: &str, text: &str) {
        util::write(self.site.path(), rel, text);
    }

    /// Sends SIGINT and waits (bounded) for the exit status.
    pub fn interrupt(mut self) -> std::process::ExitStatus {
        let status = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        assert!(status.expect("kill runs").success());
        let started = Instant::now();
        while started.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the server did not stop within {WAIT:?} of SIGINT");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends a request head to `port` on 127.0.0.1 and reads the whole response.
pub fn request(port: u16, head: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(WAIT)).expect("timeout");
    stream
        .write_all(format!("{head}Connection: close\r\n\r\n").as_bytes())
        .expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read the response");
    Response::parse(&bytes)
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Header lines, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The body as text (lossy).
    pub body: String,
    /// The body's length in bytes.
    pub body_len: usize,
}

impl Response {
    fn parse(bytes: &[u8]) -> Response {
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(bytes.len());
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let body = bytes.get(split + 4..).unwrap_or_default();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Response {
            status,
            headers,
            body: String::from_utf8_lossy(body).into_owned(),
            body_len: body.len(),
        }
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A raw connection to the event stream, read with bounded waits.
pub struct EventStream {
    stream: TcpStream,
    /// Everything read so far.
    pub text: String,
}

impl EventStream {
    /// Connects (with an `Origin` header when given) and waits for the `hello` event.
    pub fn open(port: u16, origin: Option<&str>) -> EventStream {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        let origin = origin
            .map(|o| format!("Origin: {o}\r\n"))
            .unwrap_or_default();
        let head = format!(
            "GET /__gongjiang/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{origin}Accept: text/event-stream\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).expect("send");
        let mut events = EventStream {
            stream,
            text: String::new(),
        };
        assert!(
            events.wait_for("event: hello"),
            "no hello event: {}",
            events.text
        );
        events
    }

    /// Reads until `needle` appears after what was already seen; false after [`WAIT`].
    pub fn wait_for(&mut self, needle: &str) -> bool {
        let from = self.text.len();
        let started = Instant::now();
        let mut buffer = [0u8; 4096];
        while started.elapsed() < WAIT {
            if self.text[from..].contains(needle) {
                return true;
            }
            match self.stream.read(&mut buffer) {
                Ok(0) => return self.text[from..].contains(needle),
                Ok(n) => self.text.push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(_) => {}
            }
        }
        false
    }
}

impl Server {
    /// Waits (bounded) for a stdout line starting with `prefix`.
    pub fn wait_line(&self, prefix: &str) -> String {
        let started = Instant::now();
        while let Some(left) = WAIT.checked_sub(started.elapsed()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("no line starting with {prefix:?} within {WAIT:?}");
    }
}

/// Waits (bounded) until `check` is true.
pub fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let started = Instant::now();
    while started.elapsed() < WAIT {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("timed out after {WAIT:?} waiting for {what}");
}
