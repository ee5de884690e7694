//! `xtask graph-corpus DIR...`: draws every `*.cfg` under the directories
//! in every format and counts panics; `xtask graph-timing [N]`: how long
//! the graph of a generated configuration of N applications takes.

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use haplint_graph::{Format, GraphOptions, graph, graph_analyzed, render};
use haplint_semantic::ConfigSet;

use crate::corpus::collect_cfg_files;
use crate::gen_config::generate::generate;

pub fn run(dirs: &[String]) -> ExitCode {
    if dirs.is_empty() {
        eprintln!("usage: cargo run -p xtask -- graph-corpus DIR...");
        return ExitCode::from(2);
    }
    let mut files = Vec::new();
    for dir in dirs {
        if let Err(error) = collect_cfg_files(Path::new(dir), &mut files) {
            eprintln!("error: cannot read {dir}: {error}");
            return ExitCode::from(2);
        }
    }
    files.sort();
    // Panics are counted and named, not printed with their backtrace.
    panic::set_hook(Box::new(|_| {}));
    let options = GraphOptions {
        findings: true,
        ..GraphOptions::default()
    };
    let mut panics = Vec::new();
    let mut unreadable = 0;
    let mut nodes = 0;
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else {
            unreadable += 1;
            continue;
        };
        let set = ConfigSet::single(file, &bytes);
        let drawn = panic::catch_unwind(AssertUnwindSafe(|| {
            let Ok(graph) = graph(&set, &options) else {
                return 0;
            };
            for format in Format::ALL {
                let _ = render(&graph, format);
            }
            graph.nodes.len()
        }));
        match drawn {
            Ok(count) => nodes += count,
            Err(_) => panics.push(file.display().to_string()),
        }
    }
    let _ = panic::take_hook();
    println!(
        "graph-corpus: {} files in {} formats, {nodes} nodes, {} unreadable, {} panics",
        files.len(),
        Format::ALL.len(),
        unreadable,
        panics.len()
    );
    for file in &panics {
        println!("  panic: {file}");
    }
    if panics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The best of `runs` of `work`.
fn best(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

const TIMING_USAGE: &str = "usage: cargo run --release -p xtask -- graph-timing [N]";

pub fn timing(args: &[String]) -> ExitCode {
    let parsed = match args {
        [] => Some(10_000),
        [count] => count.parse().ok(),
        _ => None,
    };
    let Some(applications) = parsed else {
        eprintln!("{TIMING_USAGE}");
        return ExitCode::from(2);
    };
    let text = generate(applications);
    let set = ConfigSet::single(Path::new("generated.cfg"), text.as_bytes());
    let options = GraphOptions {
        findings: true,
        ..GraphOptions::default()
    };
    println!(
        "graph-timing: {} lines, {applications} applications (best of 3; analysis included, freeing it not)",
        text.lines().count()
    );
    let mut kept = Vec::new();
    let analysis = best(3, || {
        kept.push(haplint_graph::analyze(&set, &options));
    });
    kept.clear();
    println!(
        "  analysis alone {:>8.1} ms",
        analysis.as_secs_f64() * 1000.0
    );
    // The stages of the JSON graph, to see where its time goes.
    let analyzed = haplint_graph::analyze(&set, &options);
    let mut graphs = Vec::new();
    let build = best(3, || {
        graphs.push(graph_analyzed(&set, &analyzed.0, &analyzed.1, &options));
    });
    println!("  graph build    {:>8.1} ms", build.as_secs_f64() * 1000.0);
    if let Some(Ok(graph)) = graphs.first() {
        let json = best(3, || {
            let _ = render(graph, Format::Json);
        });
        println!("  json render    {:>8.1} ms", json.as_secs_f64() * 1000.0);
    }
    graphs.clear();
    drop(analyzed);
    // Like `haplint graph`: the analysis is kept, not freed, in the timing.
    let mut kept = Vec::new();
    for format in Format::ALL {
        let mut nodes = 0;
        let mut size = 0;
        let time = best(3, || {
            let analyzed = haplint_graph::analyze(&set, &options);
            if let Ok(graph) = graph_analyzed(&set, &analyzed.0, &analyzed.1, &options) {
                nodes = graph.nodes.len();
                size = render(&graph, format).len();
            }
            kept.push(analyzed);
        });
        kept.clear();
        println!(
            "  {:<14} {:>8.1} ms  ({nodes} nodes, {size} bytes)",
            format.name(),
            time.as_secs_f64() * 1000.0
        );
    }
    ExitCode::SUCCESS
}
