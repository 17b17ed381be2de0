//! The HTML report in a real browser: headless Chromium (Debian's `chromium`), driven
//! over the DevTools protocol on a pipe (`--remote-debugging-pipe`: messages are
//! NUL-separated JSON on file descriptors 3 and 4), so no JS test framework and no
//! websocket client are needed. Every assertion is made on the page as Chromium
//! rendered it: its DOM, layout boxes, resource timing, network events, dialogs, and
//! the PDF it prints.
//!
//! Without Chromium the tests skip with a message on stderr, except under CI (`CI`
//! set), where they fail: CI installs it (.ci/run). `ATTAIN_CHROMIUM` names another
//! binary. Screenshots go to `target/browser-screenshots/`.
// Layout boxes are floats.
#![allow(clippy::float_arithmetic)]

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value as Json};

use crate::util::{attain_p, in_ci, read, root, tmp};

/// The flags of every run: headless, no sandbox (CI runs as root), nothing in the
/// background, and every host name resolving to nowhere, so that a request that
/// tried to leave the machine would fail (and show up in the network log).
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--no-default-browser-check",
    "--disable-extensions",
    "--mute-audio",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
];

/// A line on the real stderr, past the test harness's capture, so that a skip and the
/// paths of the screenshots show in a plain `cargo test` run.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// How long one protocol call may take.
const TIMEOUT: Duration = Duration::from_secs(60);

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn chromium_exe() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ATTAIN_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .find_map(|n| on_path(n))
}

/// A tool the test needs: found, or a skip outside CI, or a failure in CI.
fn need(tool: Option<PathBuf>, what: &str, test: &str) -> Option<PathBuf> {
    match tool {
        Some(t) => Some(t),
        None if in_ci() => panic!(
            "{what} is missing and CI is set: the browser tests must run in CI \
             (.ci/run installs it with apt-get)"
        ),
        None => {
            note!(
                "SKIPPED {test}: {what} not found (install it with `apt-get install chromium \
                 poppler-utils fonts-noto-cjk`; under CI this is a failure)"
            );
            None
        }
    }
}

/// A running Chromium and its protocol pipe.
struct Browser {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Json>,
    /// Every event received so far, in order.
    events: Vec<Json>,
    next_id: u64,
    stderr_log: PathBuf,
    _profile: tempfile::TempDir,
}

/// A page (target) the browser has open, by its protocol session.
#[derive(Debug, Clone)]
struct Tab {
    session: String,
}

impl Browser {
    fn launch(exe: &Path) -> Browser {
        let profile = tmp();
        let stderr_log = profile.path().join("chromium-stderr.log");
        let user_data = format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        );
        // Chromium talks on fds 3 (in) and 4 (out); the shell moves our pipes there
        // (std has no safe way to place a child's descriptors).
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>&2"#)
            .arg(exe)
            .args(FLAGS)
            .arg(user_data)
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(
                File::create(&stderr_log).expect("a log file for chromium"),
            ))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display()));
        let input = child.stdin.take().expect("chromium's pipe in");
        let output = child.stdout.take().expect("chromium's pipe out");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(output);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match r.read_until(0, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if buf.last() == Some(&0) {
                            buf.pop();
                        }
                        if let Ok(v) = serde_json::from_slice::<Json>(&buf) {
                            if tx.send(v).is_err() {
                                break;
                            }
                        }
                    }
                }
            }
        });
        Browser {
            child,
            input,
            messages: rx,
            events: Vec::new(),
            next_id: 0,
            stderr_log,
            _profile: profile,
        }
    }

    fn stderr_tail(&self) -> String {
        let s = std::fs::read_to_string(&self.stderr_log).unwrap_or_default();
        let lines: Vec<&str> = s.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    fn recv(&mut self, deadline: Instant) -> Option<Json> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.messages.recv_timeout(left) {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => panic!(
                "chromium closed its protocol pipe; its stderr ends:\n{}",
                self.stderr_tail()
            ),
        }
    }

    /// Call a protocol method and return its result.
    fn call(&mut self, tab: Option<&Tab>, method: &str, params: Json) -> Json {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(t) = tab {
            msg["sessionId"] = json!(t.session);
        }
        let mut bytes = serde_json::to_vec(&msg).expect("JSON");
        bytes.push(0);
        self.input
            .write_all(&bytes)
            .and_then(|_| self.input.flush())
            .unwrap_or_else(|e| panic!("writing to chromium: {e}\n{}", self.stderr_tail()));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let Some(m) = self.recv(deadline) else {
                panic!("no answer to {method} within {TIMEOUT:?}");
            };
            if m.get("id").and_then(Json::as_u64) == Some(id) {
                if let Some(e) = m.get("error") {
                    panic!("{method} failed: {e}");
                }
                return m["result"].clone();
            }
            self.events.push(m);
        }
    }

    /// Wait for an event of `tab` named `method` among those from index `from` on.
    fn wait_event(&mut self, tab: &Tab, method: &str, from: usize) -> Json {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(e) = self.events[from..]
                .iter()
                .find(|e| e["method"] == method && e["sessionId"] == tab.session.as_str())
            {
                return e.clone();
            }
            match self.recv(deadline) {
                Some(m) => self.events.push(m),
                None => panic!("no {method} within {TIMEOUT:?}"),
            }
        }
    }

    /// Events of `tab` named `method` received so far.
    fn events_of(&self, tab: &Tab, method: &str) -> Vec<Json> {
        self.events
            .iter()
            .filter(|e| e["method"] == method && e["sessionId"] == tab.session.as_str())
            .cloned()
            .collect()
    }

    /// Open `path` in a new tab with a viewport of `width` × `height` CSS pixels
    /// (`mobile` for a phone), with the network log on; returns once the page has
    /// loaded and its fonts are ready.
    fn open(&mut self, path: &Path, width: u32, height: u32, mobile: bool) -> Tab {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        let tab = Tab {
            session: attached["sessionId"]
                .as_str()
                .expect("a session id")
                .to_string(),
        };
        self.call(Some(&tab), "Page.enable", json!({}));
        self.call(Some(&tab), "Network.enable", json!({}));
        self.call(
            Some(&tab),
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
        let from = self.events.len();
        let url = format!("file://{}", path.display());
        let nav = self.call(Some(&tab), "Page.navigate", json!({"url": url}));
        assert!(
            nav.get("errorText").is_none(),
            "cannot open {url}: {}",
            nav["errorText"]
        );
        self.wait_event(&tab, "Page.loadEventFired", from);
        let fonts = self.eval(
            &tab,
            "document.fonts.ready.then(() => document.fonts.status)",
        );
        assert_eq!(fonts, "loaded");
        tab
    }

    /// Evaluate a JavaScript expression in the page (awaiting a promise) and return
    /// its value as JSON.
    fn eval(&mut self, tab: &Tab, expr: &str) -> Json {
        let r = self.call(
            Some(tab),
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{expr} threw: {e}");
        }
        r["result"]["value"].clone()
    }

    /// The names of the fonts Chromium drew the first element matching `selector`
    /// with.
    fn fonts_of(&mut self, tab: &Tab, selector: &str) -> Vec<String> {
        self.call(Some(tab), "DOM.enable", json!({}));
        self.call(Some(tab), "CSS.enable", json!({}));
        let doc = self.call(Some(tab), "DOM.getDocument", json!({}));
        let node = self.call(
            Some(tab),
            "DOM.querySelector",
            json!({"nodeId": doc["root"]["nodeId"], "selector": selector}),
        );
        let fonts = self.call(
            Some(tab),
            "CSS.getPlatformFontsForNode",
            json!({"nodeId": node["nodeId"]}),
        );
        fonts["fonts"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|f| f["familyName"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A screenshot of the whole page (not just the viewport) as PNG bytes.
    fn full_page_png(&mut self, tab: &Tab) -> Vec<u8> {
        let m = self.call(Some(tab), "Page.getLayoutMetrics", json!({}));
        let size = &m["cssContentSize"];
        let r = self.call(
            Some(tab),
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
            }),
        );
        base64(r["data"].as_str().expect("screenshot data"))
    }

    /// The page printed to PDF as the print dialog would: on the page's own @page
    /// size, or on `paper` (width, height in inches) when given; backgrounds, no
    /// header or footer lines of the browser's own.
    fn pdf(&mut self, tab: &Tab, paper: Option<(f64, f64)>) -> Vec<u8> {
        let mut params = json!({
            "preferCSSPageSize": paper.is_none(),
            "printBackground": true,
            "displayHeaderFooter": false
        });
        if let Some((w, h)) = paper {
            params["paperWidth"] = json!(w);
            params["paperHeight"] = json!(h);
        }
        let r = self.call(Some(tab), "Page.printToPDF", params);
        base64(r["data"].as_str().expect("PDF data"))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ask it to quit; end our own child if it does not.
        self.next_id += 1;
        let mut bytes = serde_json::to_vec(&json!({"id": self.next_id, "method": "Browser.close"}))
            .unwrap_or_default();
        bytes.push(0);
        let _ = self.input.write_all(&bytes);
        let _ = self.input.flush();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 (the protocol's encoding of binary data).
fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let clean: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for chunk in clean.chunks(4) {
        let data: Vec<u8> = chunk.iter().copied().filter(|c| *c != b'=').collect();
        let mut n = 0u32;
        for (i, c) in data.iter().enumerate() {
            n |= val(*c) << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..data.len().saturating_sub(1)]);
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64("aGVsbG8="), b"hello");
    assert_eq!(base64("aGVsbG8h"), b"hello!");
    assert_eq!(base64("aGk="), b"hi");
}

// ---------- the reports ----------

fn unit() -> PathBuf {
    root().join("data/jiangsu-wb-office-2026")
}

/// Write the HTML report of `dir` as of `month` into a temporary folder.
fn html_report(dir: &Path, month: &str, lang: &str) -> (tempfile::TempDir, PathBuf) {
    let t = tmp();
    let out = t.path().join("r");
    let (code, stdout, stderr) = attain_p(&[
        &"report",
        &dir,
        &"--as-of",
        &month,
        &"--out",
        &out,
        &"--format",
        &"html,md",
        &"--lang",
        &lang,
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    (t, out)
}

/// The browser, or `None` (skip) without one outside CI.
fn browser(test: &str) -> Option<Browser> {
    need(chromium_exe(), "chromium", test).map(|exe| Browser::launch(&exe))
}

/// Bounding boxes `[width, height]` of the elements `selector` matches.
fn boxes(b: &mut Browser, tab: &Tab, selector: &str) -> Vec<(f64, f64)> {
    let v = b.eval(
        tab,
        &format!(
            "[...document.querySelectorAll({})].map(e => {{ const r = e.getBoundingClientRect(); return [r.width, r.height]; }})",
            json!(selector)
        ),
    );
    v.as_array()
        .expect("an array")
        .iter()
        .map(|p| (p[0].as_f64().unwrap_or(0.0), p[1].as_f64().unwrap_or(0.0)))
        .collect()
}

#[test]
fn june_report_shows_title_headline_and_charts() {
    let Some(mut b) = browser("june_report_shows_title_headline_and_charts") else {
        return;
    };
    let (_t, out) = html_report(&unit(), "2026-06", "zh");
    let tab = b.open(&out.join("progress.html"), 1280, 900, false);

    let md = read(&out.join("progress.md"));
    let title = md.lines().next().unwrap().trim_start_matches("# ");
    assert_eq!(b.eval(&tab, "document.title"), title);
    assert_eq!(b.eval(&tab, "document.documentElement.lang"), "zh-CN");
    assert_eq!(
        b.eval(&tab, "document.querySelector('h1').innerText"),
        title
    );
    // The headline paragraph as rendered, with the June figures.
    let headline = b.eval(&tab, "document.querySelector('.headline').innerText");
    let headline = headline.as_str().unwrap();
    for figure in ["41.20%", "303.05", "735.55", "46.00%", "4.80 个百分点"] {
        assert!(headline.contains(figure), "{figure} in {headline}");
    }
    // The same headline as progress.md.
    assert!(md.contains(headline), "{headline}");
    // The total row of the budget table, as the browser lays it out.
    let total = b.eval(
        &tab,
        "[...document.querySelector('table.lines tr.total').cells].map(c => c.innerText)",
    );
    assert_eq!(total[0], "合计");
    assert_eq!(total[2], "303.05");
    assert_eq!(total[3], "41.20%");
    assert_eq!(total[8], "● 绿");

    // Both charts drawn at a useful size on a desktop screen; the phone drawings hidden.
    let wide = boxes(&mut b, &tab, ".chart-wide svg");
    assert_eq!(wide.len(), 2, "the execution and the indicator chart");
    for (w, h) in &wide {
        assert!(*w >= 600.0 && *h >= 300.0, "chart drawn at {w}×{h}");
    }
    assert!(boxes(&mut b, &tab, ".chart-narrow svg")
        .iter()
        .all(|(w, h)| *w == 0.0 && *h == 0.0));
    // Their parts are laid out too: plot areas, and the title text (a font was found).
    for (w, h) in boxes(&mut b, &tab, ".chart-wide .plot-area")
        .into_iter()
        .chain(boxes(&mut b, &tab, ".chart-wide text.title"))
    {
        assert!(w > 10.0 && h > 5.0, "a chart part drawn at {w}×{h}");
    }
    // The execution chart shows the actual rate at June and the gap.
    let labels = b.eval(
        &tab,
        "[...document.querySelectorAll('.chart-wide svg.execution text')].map(t => t.textContent)",
    );
    let labels: Vec<&str> = labels
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Json::as_str)
        .collect();
    assert!(labels.contains(&"41.20%"), "{labels:?}");
    assert!(labels.contains(&"−4.80 个百分点"), "{labels:?}");
    assert!(
        labels.iter().any(|l| l.starts_with("按1–6月月均进度预测")),
        "the legend names the forecast: {labels:?}"
    );

    // Every indicator has a row, its light in words and colour.
    let lights = b.eval(
        &tab,
        "[...document.querySelectorAll('table.indicators td.light')].map(c => [c.innerText, getComputedStyle(c).backgroundColor])",
    );
    let lights = lights.as_array().unwrap();
    assert_eq!(lights.len(), 45);
    let yellow = lights
        .iter()
        .find(|l| l[0] == "▲ 黄")
        .expect("a yellow light");
    let green = lights
        .iter()
        .find(|l| l[0] == "● 绿")
        .expect("a green light");
    assert_ne!(yellow[1], green[1], "lights differ in colour");
    assert_ne!(green[1], "rgba(0, 0, 0, 0)", "lights have a colour");

    // No script anywhere in the rendered document.
    assert_eq!(b.eval(&tab, "document.scripts.length"), 0);
}

#[test]
fn english_report_is_english() {
    let Some(mut b) = browser("english_report_is_english") else {
        return;
    };
    let (_t, out) = html_report(&unit(), "2026-06", "en");
    let tab = b.open(&out.join("progress.html"), 1280, 900, false);
    assert_eq!(b.eval(&tab, "document.documentElement.lang"), "en");
    let text = b.eval(&tab, "document.body.innerText");
    let text = text.as_str().unwrap();
    assert!(
        text.contains("budget execution is 41.20% (303.05 of 735.55 万元 spent)"),
        "{text}"
    );
    assert!(text.contains("Budget execution") && text.contains("Indicators"));
}

#[test]
fn june_report_makes_no_request() {
    let Some(mut b) = browser("june_report_makes_no_request") else {
        return;
    };
    let (_t, out) = html_report(&unit(), "2026-06", "zh");
    let page = out.join("progress.html");
    for (w, h, mobile) in [(1280, 900, false), (390, 844, true)] {
        let tab = b.open(&page, w, h, mobile);
        // Resource timing: nothing was loaded besides the document itself.
        assert_eq!(
            b.eval(&tab, "performance.getEntriesByType('resource').length"),
            0,
            "resources: {}",
            b.eval(
                &tab,
                "JSON.stringify(performance.getEntriesByType('resource').map(e => e.name))"
            )
        );
        // The network log: one request, the page; nothing failed (every host name
        // resolves to nowhere in this browser, so anything external would fail).
        let requests: Vec<String> = b
            .events_of(&tab, "Network.requestWillBeSent")
            .iter()
            .map(|e| {
                e["params"]["request"]["url"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        assert_eq!(
            requests,
            vec![format!("file://{}", page.display())],
            "requests"
        );
        assert!(b.events_of(&tab, "Network.loadingFailed").is_empty());
        // Nothing in the rendered document could fetch later either: no element with
        // a source or link, no style sheet rule with a URL, no web font.
        assert_eq!(
            b.eval(
                &tab,
                "document.querySelectorAll('[src],[href],[srcset],[poster],[data],link,img,iframe,object,embed,video,audio,source,use,image').length"
            ),
            0
        );
        let css = b.eval(
            &tab,
            "[...document.styleSheets].flatMap(s => [...s.cssRules]).map(r => r.cssText).join('\\n')",
        );
        let css = css.as_str().unwrap();
        assert!(!css.is_empty());
        for bad in ["url(", "@import", "@font-face"] {
            assert!(!css.contains(bad), "{bad} in the style sheet");
        }
        assert_eq!(b.eval(&tab, "document.fonts.size"), 0, "no web fonts");
    }
}

/// The report at a phone's width: nothing wider than the screen but the tables,
/// which scroll sideways in their own box; the phone drawings of the charts shown.
#[test]
fn june_report_fits_a_phone() {
    let Some(mut b) = browser("june_report_fits_a_phone") else {
        return;
    };
    let (_t, out) = html_report(&unit(), "2026-06", "zh");
    let tab = b.open(&out.join("progress.html"), 390, 844, true);
    assert_eq!(b.eval(&tab, "window.innerWidth"), 390);
    assert_eq!(
        b.eval(
            &tab,
            "document.documentElement.scrollWidth <= window.innerWidth"
        ),
        true,
        "the page scrolls sideways: {}",
        b.eval(&tab, "document.documentElement.scrollWidth")
    );
    let narrow = boxes(&mut b, &tab, ".chart-narrow svg");
    assert_eq!(narrow.len(), 2);
    for (w, h) in &narrow {
        assert!(
            *w > 300.0 && *w <= 390.0 && *h > 200.0,
            "chart drawn at {w}×{h}"
        );
    }
    assert!(boxes(&mut b, &tab, ".chart-wide svg")
        .iter()
        .all(|(w, h)| *w == 0.0 && *h == 0.0));
    // The indicator table is wider than the phone and scrolls in its box.
    let scroll = b.eval(
        &tab,
        "(() => { const w = document.querySelector('table.indicators').parentElement; return [w.className, w.scrollWidth, w.clientWidth, getComputedStyle(w).overflowX]; })()",
    );
    assert_eq!(scroll[0], "table-wrap");
    assert!(scroll[1].as_f64() > scroll[2].as_f64(), "{scroll}");
    assert_eq!(scroll[3], "auto");
    // Text stays readable: body text at least 12 px.
    let size = b.eval(
        &tab,
        "parseFloat(getComputedStyle(document.querySelector('td')).fontSize)",
    );
    assert!(size.as_f64().unwrap() >= 11.0, "{size}");
}

/// Screenshots for a person to look at.
#[test]
fn june_report_screenshots() {
    let Some(mut b) = browser("june_report_screenshots") else {
        return;
    };
    let (_t, out) = html_report(&unit(), "2026-06", "zh");
    let dir = root().join("target/browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, w, h, mobile) in [("desktop", 1280, 900, false), ("phone", 390, 844, true)] {
        let tab = b.open(&out.join("progress.html"), w, h, mobile);
        let png = b.full_page_png(&tab);
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
        let path = dir.join(format!("june-{name}.png"));
        std::fs::write(&path, &png).unwrap();
        note!("screenshot: {}", path.display());
    }
}

// ---------- printing ----------

/// `pdftotext -raw` of each page, whitespace removed (pages end with a form feed).
fn pdf_pages_text(pdftotext: &Path, pdf: &Path) -> Vec<String> {
    let out = Command::new(pdftotext)
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    if pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

/// The text of each page of a PDF as its non-empty lines, white space removed.
fn pdf_pages_lines(pdftotext: &Path, pdf: &Path) -> Vec<Vec<String>> {
    let out = Command::new(pdftotext)
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|p| {
            p.lines()
                .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
                .filter(|l| !l.is_empty())
                .collect()
        })
        .collect();
    if pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
}

/// The number of page objects in a PDF (`/Type /Page`, not `/Pages`).
fn pdf_page_objects(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

/// The cells of every body row of every table, whitespace removed.
fn table_rows(b: &mut Browser, tab: &Tab) -> Vec<(String, Vec<String>)> {
    let v = b.eval(
        tab,
        "[...document.querySelectorAll('table')].flatMap(t => [...t.tBodies[0].rows].map(r => [t.className, [...r.cells].map(c => c.textContent)]))",
    );
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let cells = r[1]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    c.as_str()
                        .unwrap()
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect()
                })
                .collect();
            (r[0].as_str().unwrap().to_string(), cells)
        })
        .collect()
}

/// The rows whose text is not found whole on one page of the PDF: each row's cells,
/// in order, must appear together on one page (Chromium writes a page's text in
/// reading order, cell after cell); a row split across pages has its cells' text
/// cut between two pages.
fn split_rows(rows: &[(String, Vec<String>)], pages: &[String]) -> Vec<String> {
    rows.iter()
        .filter_map(|(_, cells)| {
            let joined: String = cells.concat();
            (!pages.iter().any(|p| p.contains(&joined))).then_some(joined)
        })
        .collect()
}

fn print_to_pdf(b: &mut Browser, tab: &Tab, path: &Path, paper: Option<(f64, f64)>) -> Vec<u8> {
    let pdf = b.pdf(tab, paper);
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    std::fs::write(path, &pdf).unwrap();
    pdf
}

#[test]
fn june_report_prints_on_a4_without_splitting_rows() {
    let test = "june_report_prints_on_a4_without_splitting_rows";
    let Some(mut b) = browser(test) else {
        return;
    };
    let Some(pdftotext) = need(on_path("pdftotext"), "pdftotext (poppler-utils)", test) else {
        return;
    };
    let (_t, out) = html_report(&unit(), "2026-06", "zh");
    let tab = b.open(&out.join("progress.html"), 1280, 900, false);
    let dir = root().join("target/browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf_path = dir.join("june.pdf");
    let pdf = print_to_pdf(&mut b, &tab, &pdf_path, None);
    note!("printed: {}", pdf_path.display());

    // A4 pages: 210 × 297 mm is 595.3 × 841.9 points.
    let pages = pdf_page_objects(&pdf);
    let boxes = String::from_utf8_lossy(&pdf)
        .matches("/MediaBox [0 0 ")
        .count();
    assert_eq!(boxes, pages, "a media box per page");
    let text = String::from_utf8_lossy(&pdf);
    for m in text.match_indices("/MediaBox [0 0 ") {
        let dims: Vec<f64> = text[m.0 + 15..]
            .split(']')
            .next()
            .unwrap()
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        assert!(
            (dims[0] - 595.3).abs() < 1.5 && (dims[1] - 841.9).abs() < 1.5,
            "A4 portrait: {dims:?}"
        );
    }
    let page_text = pdf_pages_text(&pdftotext, &pdf_path);
    assert_eq!(page_text.len(), pages, "pdftotext sees every page");
    // The expected count for the June report with Noto Sans CJK (Debian's
    // fonts-noto-cjk, as CI installs): 1. title, headline, execution chart and
    // budget table; 2. the indicator chart; 3. the indicator table; 4. notes and
    // footnote. Each page numbered "n / 4" at its foot. With another font the text
    // runs differently, so the count is only checked with that one.
    let fonts = b.fonts_of(&tab, "td.name");
    note!("{test}: table text drawn with {fonts:?}");
    if fonts.iter().any(|f| f.starts_with("Noto Sans CJK")) {
        assert_eq!(
            pages, EXPECTED_JUNE_PAGES,
            "page count of the printed June report"
        );
    } else if in_ci() {
        panic!("the page is drawn with {fonts:?}, not Noto Sans CJK: CI installs fonts-noto-cjk");
    } else {
        note!(
            "{test}: page count not checked: the page is drawn with {fonts:?}, not Noto Sans CJK \
             (apt-get install fonts-noto-cjk)"
        );
    }
    for (n, p) in page_text.iter().enumerate() {
        // The page's number ("1 / 4", in the bottom margin) comes first in its text.
        let number = format!("{}/{pages}", n + 1);
        assert!(p.starts_with(&number), "{number} on page {}: {p}", n + 1);
    }
    assert!(page_text[0].contains("预算执行率41.20%（累计支出303.05万元"));
    assert!(page_text[0].contains("合计735.55303.0541.20%46.00%50.00%−4.80−35.30●绿"));

    let rows = table_rows(&mut b, &tab);
    assert_eq!(rows.iter().filter(|(c, _)| c == "indicators").count(), 45);
    assert_eq!(rows.iter().filter(|(c, _)| c == "lines").count(), 5);
    let split = split_rows(&rows, &page_text);
    assert!(
        split.is_empty(),
        "rows split across pages on A4: {split:#?}"
    );
    assert_header_on_every_page(&rows, &page_text);
}

/// A copy of the example unit with every indicator twice (the copy named
/// `<name>（复）`, id `<id>-B`, the weight split between the two), so that its
/// indicator table runs over more than one A4 page.
fn big_unit(into: &Path) -> PathBuf {
    let dir = into.join("big");
    std::fs::create_dir_all(dir.join("actuals")).unwrap();
    let from = unit();
    for f in ["unit.toml", "budget.csv"] {
        std::fs::copy(from.join(f), dir.join(f)).unwrap();
    }
    for e in std::fs::read_dir(from.join("actuals")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join("actuals").join(p.file_name().unwrap())).unwrap();
    }
    let text = read(&from.join("targets.csv"));
    let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = rdr.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, name, weight) = (col("id"), col("name"), col("weight"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let total: rust_decimal::Decimal = rec[weight].parse().unwrap();
        let half = (total / rust_decimal::Decimal::TWO).round_dp(2);
        let mut a: Vec<String> = rec.iter().map(str::to_string).collect();
        let mut b = a.clone();
        a[weight] = half.to_string();
        b[weight] = (total - half).to_string();
        b[id] = format!("{}-B", &rec[id]);
        b[name] = format!("{}（复）", &rec[name]);
        w.write_record(&a).unwrap();
        w.write_record(&b).unwrap();
    }
    std::fs::write(dir.join("targets.csv"), w.into_inner().unwrap()).unwrap();
    dir
}

#[test]
fn a_long_indicator_table_prints_whole_rows_and_repeats_its_header() {
    let test = "a_long_indicator_table_prints_whole_rows_and_repeats_its_header";
    let Some(mut b) = browser(test) else {
        return;
    };
    let Some(pdftotext) = need(on_path("pdftotext"), "pdftotext (poppler-utils)", test) else {
        return;
    };
    let t = tmp();
    let (_r, out) = html_report(&big_unit(t.path()), "2026-06", "zh");
    let tab = b.open(&out.join("progress.html"), 1280, 900, false);
    let dir = root().join("target/browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf_path = dir.join("long-table.pdf");
    let pdf = print_to_pdf(&mut b, &tab, &pdf_path, None);
    note!("printed: {}", pdf_path.display());
    let pages = pdf_pages_text(&pdftotext, &pdf_path);
    assert_eq!(pages.len(), pdf_page_objects(&pdf));
    let rows = table_rows(&mut b, &tab);
    assert_eq!(rows.iter().filter(|(c, _)| c == "indicators").count(), 90);
    let table_pages = pages
        .iter()
        .filter(|p| {
            rows.iter()
                .any(|(c, cells)| c == "indicators" && p.contains(&cells.concat()))
        })
        .count();
    assert!(
        table_pages >= 2,
        "the indicator table spans {table_pages} page(s)"
    );
    let split = split_rows(&rows, &pages);
    assert!(split.is_empty(), "rows split across pages: {split:#?}");
    assert_header_on_every_page(&rows, &pages);
}

/// Every page that has indicator rows has the header row above the first of them.
fn assert_header_on_every_page(rows: &[(String, Vec<String>)], pages: &[String]) {
    for (n, p) in pages.iter().enumerate() {
        let Some(at) = rows
            .iter()
            .filter(|(c, _)| c == "indicators")
            .filter_map(|(_, cells)| p.find(&cells.concat()))
            .min()
        else {
            continue;
        };
        let header = p.find("一级二级三级指标半年指标值全年指标值");
        assert!(
            header.is_some_and(|h| h < at),
            "page {} has indicator rows but no header row above them: {p}",
            n + 1
        );
    }
}

/// The split-row check is not vacuous: on a page built to split (tall rows with
/// breaking inside them allowed) it finds split rows.
#[test]
fn the_split_row_check_finds_split_rows() {
    let test = "the_split_row_check_finds_split_rows";
    let Some(mut b) = browser(test) else {
        return;
    };
    let Some(pdftotext) = need(on_path("pdftotext"), "pdftotext (poppler-utils)", test) else {
        return;
    };
    let t = tmp();
    let mut html = String::from(
        "<!DOCTYPE html><html><head><meta charset=utf-8><style>@page{size:A4}\
         tr,td{break-inside:auto}td{border:1px solid #999;font-size:14pt}</style></head><body><table><tbody>",
    );
    for i in 0..60 {
        html.push_str(&format!(
            "<tr><td>row{i:02}</td><td>first{i:02}<br>second{i:02}<br>third{i:02}<br>fourth{i:02}</td></tr>"
        ));
    }
    html.push_str("</tbody></table></body></html>");
    let page = t.path().join("split.html");
    std::fs::write(&page, html).unwrap();
    let tab = b.open(&page, 1280, 900, false);
    let pdf_path = t.path().join("split.pdf");
    print_to_pdf(&mut b, &tab, &pdf_path, None);
    let rows = table_rows(&mut b, &tab);
    let pages = pdf_pages_text(&pdftotext, &pdf_path);
    assert!(pages.len() > 1);
    assert!(
        !split_rows(&rows, &pages).is_empty(),
        "a 4-line row should straddle a page break somewhere"
    );
}

const EXPECTED_JUNE_PAGES: usize = 4;

// ---------- hostile input ----------

/// A copy of the example unit whose unit name, one indicator's name and one note are
/// markup; returns the folder.
fn hostile_unit(into: &Path) -> PathBuf {
    let dir = into.join("unit");
    std::fs::create_dir_all(dir.join("actuals")).unwrap();
    let from = unit();
    let swap = |s: String| s.replace("结转结余率", "<script>alert(1)</script>");
    let toml = read(&from.join("unit.toml")).replacen(
        "name = \"江苏省环境保护利用世界银行贷款项目办公室\"",
        r#"name = "</title><script>alert(3)</script><b>江苏 & \"引号\"</b>""#,
        1,
    );
    std::fs::write(dir.join("unit.toml"), toml).unwrap();
    std::fs::write(
        dir.join("targets.csv"),
        swap(read(&from.join("targets.csv"))),
    )
    .unwrap();
    std::fs::copy(from.join("budget.csv"), dir.join("budget.csv")).unwrap();
    for e in std::fs::read_dir(from.join("actuals")).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        // Most months are UTF-8; those in GB18030 do not name the indicator.
        let bytes = match String::from_utf8(bytes) {
            Ok(s) => swap(s).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        std::fs::write(dir.join("actuals").join(p.file_name().unwrap()), bytes).unwrap();
    }
    std::fs::write(
        dir.join("actuals/2026-01-notes.csv"),
        "month,item,value,note\n2026-01,<script>alert(1)</script>,0%,<img src=x onerror=alert(2)>\n",
    )
    .unwrap();
    dir
}

#[test]
fn markup_in_names_and_notes_shows_as_text_and_runs_nothing() {
    let Some(mut b) = browser("markup_in_names_and_notes_shows_as_text_and_runs_nothing") else {
        return;
    };
    let t = tmp();
    let dir = hostile_unit(t.path());
    let (_r, out) = html_report(&dir, "2026-06", "zh");
    let tab = b.open(&out.join("progress.html"), 1280, 900, false);
    // Ran nothing: no dialog opened, no script element, no image element.
    assert!(b.events_of(&tab, "Page.javascriptDialogOpening").is_empty());
    assert_eq!(
        b.eval(&tab, "document.querySelectorAll('script').length"),
        0
    );
    assert_eq!(b.eval(&tab, "document.querySelectorAll('img,b').length"), 0);
    // Shown literally: the indicator's name as the text of its table cell, in the
    // chart's label, the note and the unit name in the title and heading.
    let cells = b.eval(
        &tab,
        "[...document.querySelectorAll('table.indicators td')].filter(c => c.textContent === '<script>alert(1)</script>').length",
    );
    assert_eq!(cells, 1);
    let chart_text = b.eval(
        &tab,
        "[...document.querySelectorAll('.chart-wide svg.indicators text')].some(t => t.textContent === '<script>alert(1)</script>')",
    );
    assert_eq!(chart_text, true);
    let notes = b.eval(&tab, "document.querySelector('ul.notes').innerText");
    assert!(
        notes
            .as_str()
            .unwrap()
            .contains("<script>alert(1)</script>（2026-01）：<img src=x onerror=alert(2)>"),
        "{notes}"
    );
    let unit_name = r#"</title><script>alert(3)</script><b>江苏 & "引号"</b>"#;
    assert!(b
        .eval(&tab, "document.title")
        .as_str()
        .unwrap()
        .starts_with(unit_name));
    assert!(b
        .eval(&tab, "document.querySelector('h1').textContent")
        .as_str()
        .unwrap()
        .starts_with(unit_name));
    // And nothing was fetched for the would-be image.
    assert_eq!(
        b.eval(&tab, "performance.getEntriesByType('resource').length"),
        0
    );
    assert_eq!(b.events_of(&tab, "Network.requestWillBeSent").len(), 1);
}

/// The mid-year and year-end pages: rendered title and figures, the chart drawn, no
/// request, and printed on A4 without a split row.
#[test]
fn evaluation_pages_render_and_print() {
    let test = "evaluation_pages_render_and_print";
    let Some(mut b) = browser(test) else {
        return;
    };
    let Some(pdftotext) = need(on_path("pdftotext"), "pdftotext (poppler-utils)", test) else {
        return;
    };
    for (month, kind, title, figures) in [
        (
            "2026-06",
            "midyear",
            "部门整体绩效运行监控表（2026 年 1–6 月）",
            ["41.20%", "704.36", "【待填写】"],
        ),
        (
            "2026-12",
            "yearend",
            "部门整体支出绩效自评表（2026 年度）",
            ["99.30", "自评等级", "规则得分 0.29"],
        ),
    ] {
        let t = tmp();
        let out = t.path().join("r");
        let (code, _, err) = attain_p(&[
            &"report",
            &unit(),
            &"--as-of",
            &month,
            &"--kind",
            &kind,
            &"--format",
            &"html",
            &"--out",
            &out,
        ]);
        assert_eq!(code, 0, "{err}");
        let page = out.join(format!("{kind}.html"));
        let tab = b.open(&page, 1280, 900, false);
        let doc_title = b.eval(&tab, "document.title");
        assert!(doc_title.as_str().unwrap().contains(title), "{doc_title}");
        let text = b.eval(&tab, "document.body.innerText");
        let text = text.as_str().unwrap();
        for f in figures {
            assert!(text.contains(f), "{kind}: {f} not rendered");
        }
        let charts = boxes(&mut b, &tab, "figure.chart.execution svg");
        assert!(
            charts.iter().any(|(w, h)| *w > 600.0 && *h > 300.0),
            "{kind}: {charts:?}"
        );
        // At 1280 px no table is cut off: nothing to scroll sideways in any table.
        let cut = b.eval(
            &tab,
            "[...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.querySelector('table').className)",
        );
        assert_eq!(
            cut,
            serde_json::json!([]),
            "{kind}: tables cut off at 1280 px"
        );
        assert_eq!(
            b.eval(&tab, "performance.getEntriesByType('resource').length"),
            0
        );
        assert_eq!(
            b.eval(&tab, "document.querySelectorAll('script').length"),
            0
        );
        let pdf_path = t.path().join(format!("{kind}.pdf"));
        let pdf = print_to_pdf(&mut b, &tab, &pdf_path, None);
        assert!(pdf_page_objects(&pdf) >= 2, "{kind}: pages");
        // A form prints on landscape A4: 841.9 × 595.3 points.
        let text = String::from_utf8_lossy(&pdf);
        for m in text.match_indices("/MediaBox [0 0 ") {
            let dims: Vec<f64> = text[m.0 + 15..]
                .split(']')
                .next()
                .unwrap()
                .split_whitespace()
                .map(|n| n.parse().unwrap())
                .collect();
            assert!(
                (dims[0] - 841.9).abs() < 1.5 && (dims[1] - 595.3).abs() < 1.5,
                "{kind}: landscape A4, got {dims:?}"
            );
        }
        // No heading is left alone at the foot of a page: the last line of every page
        // but the last is not a section heading.
        let headings: Vec<String> = b
            .eval(
                &tab,
                "[...document.querySelectorAll('h2')].map(h => h.innerText)",
            )
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                h.as_str()
                    .unwrap()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect()
            })
            .collect();
        let lines = pdf_pages_lines(&pdftotext, &pdf_path);
        for (k, page) in lines.iter().enumerate().take(lines.len().saturating_sub(1)) {
            if let Some(last) = page.last() {
                assert!(
                    !headings.contains(last),
                    "{kind}: heading `{last}` orphaned at the foot of page {}",
                    k + 1
                );
            }
        }
        let pages = pdf_pages_text(&pdftotext, &pdf_path);
        let rows = table_rows(&mut b, &tab);
        assert!(rows.len() > 45, "{kind}: {} rows", rows.len());
        let split = split_rows(&rows, &pages);
        assert!(
            split.is_empty(),
            "{kind}: rows split across pages: {split:?}"
        );
    }
}
