//! Measures the server as an editor sees it, on a generated configuration
//! of about 24,000 lines: the time from a one-character `didChange` to
//! its `publishDiagnostics` (the work, with no debounce, over 2,000 edits
//! by default, and then with the default adaptive pacing), completion and
//! hover latencies, and the memory of the process after the first analysis
//! and after every edit.
//!
//! `cargo run --release -p haplint_lsp --example latency [LINES [EDITS]]`
//!
//! The server runs in this process over an in-memory pipe, so the memory
//! figure includes the small client too.
#![allow(clippy::print_stdout)] // a measuring tool prints its results

// The `haplint` binary allocates with mimalloc: memory figures must too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../tests/support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use serde_json::json;
use support::{TestClient, edit};

/// A configuration in the style of large real ones: many small frontends
/// and backends with ACLs, rules and servers.
fn generate(lines: usize) -> String {
    let mut text = String::from(
        "global\n    maxconn 50000\n    stats socket /run/haproxy.sock mode 600 level admin\n\ndefaults\n    mode http\n    log stdout format raw local0\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    option httplog\n\n",
    );
    let mut index = 0;
    while text.lines().count() < lines {
        let _ = write!(
            text,
            "frontend fe{index}\n    bind 10.{}.{}.1:80\n    acl is_api{index} path_beg /api{index}\n    acl is_static{index} path_end .css .js\n    http-request set-header X-Fe fe{index}\n    use_backend be{index} if is_api{index}\n    http-request set-header X-Static 1 if is_static{index}\n    default_backend be{index}\n\nbackend be{index}\n    balance roundrobin\n    option httpchk GET /health\n    server s{index}a 10.1.{}.{}:8080 check\n    server s{index}b 10.2.{}.{}:8080 check\n\n",
            index / 250,
            index % 250,
            index / 250,
            index % 250,
            index / 250,
            index % 250,
        );
        index += 1;
    }
    text
}

/// The sample below which `percent` percent of them fall.
fn percentile(samples: &mut [Duration], percent: usize) -> Duration {
    samples.sort_unstable();
    let position = (samples.len().saturating_sub(1) * percent + 50) / 100;
    samples.get(position).copied().unwrap_or_default()
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

#[tokio::main]
async fn main() {
    let lines = std::env::args()
        .nth(1)
        .and_then(|value| value.parse().ok())
        .unwrap_or(24_000);
    let edit_count: i64 = std::env::args()
        .nth(2)
        .and_then(|value| value.parse().ok())
        .unwrap_or(2_000);
    let text = generate(lines);
    let doc = "file:///nonexistent-haplint-bench/haproxy.cfg";
    let mut client = TestClient::start().await;
    let started = Instant::now();
    client.open_and_lint(doc, &text).await;
    println!(
        "{} lines, {} bytes: first diagnostics after {:?}",
        text.lines().count(),
        text.len(),
        started.elapsed()
    );
    // The server builds the index that hover and completion read right
    // after publishing: a first hover waits for it, so that the memory
    // compared below holds the same things before and after the edits.
    let middle = u32::try_from(text.lines().count() / 2).unwrap_or(0);
    client.at("textDocument/hover", doc, middle + 3, 5).await;
    let rss_first = rss_mib();
    println!("RSS after the first analysis and its index: {rss_first:.0} MiB");

    // One character typed in a comment-free spot near the middle, then
    // removed again, alternately; each is a new version.
    let line = u32::try_from(text.lines().count() / 2).unwrap_or(0);
    let mut edits = Vec::new();
    for version in 2..2 + edit_count {
        let change = if version % 2 == 0 {
            edit((line, 0), (line, 0), "#")
        } else {
            edit((line, 0), (line, 1), "")
        };
        let sent = Instant::now();
        client.change(doc, version, json!([change])).await;
        client.diagnostics(doc, version).await;
        edits.push(sent.elapsed());
    }
    println!(
        "didChange -> publishDiagnostics over {edit_count} edits (no debounce): p50 {:?}, p95 {:?}",
        percentile(&mut edits, 50),
        percentile(&mut edits, 95)
    );
    let rss_edited = rss_mib();
    println!(
        "RSS after {edit_count} edits: {rss_edited:.0} MiB ({:+.1}% of the first analysis)",
        (rss_edited / rss_first - 1.0) * 100.0
    );
    let mut version = 2 + edit_count;

    // Requests on the current version, spread over the file.
    let mut completions = Vec::new();
    let mut hovers = Vec::new();
    for step in 0..100u32 {
        let at = line / 100 * step + 5;
        let sent = Instant::now();
        client.at("textDocument/completion", doc, at, 4).await;
        completions.push(sent.elapsed());
        let sent = Instant::now();
        client.at("textDocument/hover", doc, at, 5).await;
        hovers.push(sent.elapsed());
    }
    println!(
        "completion: p50 {:?}, p95 {:?}",
        percentile(&mut completions, 50),
        percentile(&mut completions, 95)
    );
    println!(
        "hover: p50 {:?}, p95 {:?}",
        percentile(&mut hovers, 50),
        percentile(&mut hovers, 95)
    );
    // A hover right after each edit's diagnostics: the model of the new
    // version may still be in the making.
    let mut fresh = Vec::new();
    for _ in 0..10 {
        let change = if version % 2 == 0 {
            edit((line, 0), (line, 0), "#")
        } else {
            edit((line, 0), (line, 1), "")
        };
        version += 1;
        client.change(doc, version, json!([change])).await;
        client.diagnostics(doc, version).await;
        let sent = Instant::now();
        client.at("textDocument/hover", doc, line + 3, 5).await;
        fresh.push(sent.elapsed());
    }
    println!(
        "hover right after an edit's diagnostics: p50 {:?}, p95 {:?}",
        percentile(&mut fresh, 50),
        percentile(&mut fresh, 95)
    );
    // The same edits as the editor sends them, with the server's default
    // pacing (no `debounceMs`): at once after a fast analysis, else 30 ms.
    let mut paced_client = TestClient::start_with(json!({}), json!({})).await;
    paced_client.open_and_lint(doc, &text).await;
    let mut paced = Vec::new();
    for paced_version in 2..=31 {
        let change = if paced_version % 2 == 0 {
            edit((line, 0), (line, 0), "#")
        } else {
            edit((line, 0), (line, 1), "")
        };
        let sent = Instant::now();
        paced_client
            .change(doc, paced_version, json!([change]))
            .await;
        paced_client.diagnostics(doc, paced_version).await;
        paced.push(sent.elapsed());
    }
    println!(
        "didChange -> publishDiagnostics with the default pacing: p50 {:?}, p95 {:?}",
        percentile(&mut paced, 50),
        percentile(&mut paced, 95)
    );
    println!("RSS at the end: {:.0} MiB", rss_mib());
}
