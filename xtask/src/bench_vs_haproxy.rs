//! `xtask bench-vs-haproxy [--runs N] [--haproxy PATH]`: wall time and
//! peak memory of `haplint check` next to `haproxy -c` on generated
//! configurations of about 1k, 12k and 120k lines.
//!
//! Builds haplint in release mode, writes the configs under
//! `target/bench-vs-haproxy/`, then runs the two tools alternately (so
//! that a noisy moment of the machine hits both) and prints the median
//! wall time and the peak RSS of each, their ratio, and how each grows
//! from 12k to 120k lines.
//!
//! Each run is measured by a child `xtask measure-child` process: it
//! starts the command, times it, and reads the peak RSS of its only child
//! from `getrusage(RUSAGE_CHILDREN)`, which would otherwise mix every run.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use crate::gen_config::generate;

const USAGE: &str = "usage: cargo run -p xtask -- bench-vs-haproxy [--runs N] [--haproxy PATH]";

/// Label and number of generated applications (about 12 lines each).
const SIZES: [(&str, usize); 3] = [("1k", 80), ("12k", 1_000), ("120k", 10_000)];

/// One measured run.
#[derive(Debug, Clone, Copy)]
struct Run {
    millis: f64,
    peak_rss_kib: u64,
}

/// The medians of one tool on one file.
#[derive(Debug, Clone, Copy)]
struct Summary {
    millis: f64,
    peak_rss_mib: f64,
}

pub fn run(args: &[String]) -> ExitCode {
    let mut runs = 7;
    let mut haproxy = PathBuf::from("haproxy");
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--runs", Some(value)) if value.parse::<usize>().is_ok_and(|n| n > 0) => {
                runs = value.parse().unwrap_or(runs);
            }
            ("--haproxy", Some(path)) => haproxy = PathBuf::from(path),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let root = workspace_root();
    let Some(haplint) = build_haplint(&root) else {
        return ExitCode::FAILURE;
    };
    let dir = target_dir(&root).join("bench-vs-haproxy");
    if let Err(error) = std::fs::create_dir_all(&dir) {
        eprintln!("bench-vs-haproxy: cannot create {}: {error}", dir.display());
        return ExitCode::FAILURE;
    }
    println!(
        "bench-vs-haproxy: {runs} alternating runs per tool and size; median wall time, peak RSS"
    );
    println!(
        "{:>5} {:>8} {:>10} | {:>11} {:>9} | {:>11} {:>9} | {:>8} {:>8}",
        "size",
        "lines",
        "bytes",
        "haplint ms",
        "RSS MiB",
        "haproxy ms",
        "RSS MiB",
        "speedup",
        "RSS x"
    );
    let mut results = Vec::new();
    for (label, applications) in SIZES {
        let text = match loadable_by_haproxy(&dir, &generate::generate(applications)) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("bench-vs-haproxy: {error}");
                return ExitCode::FAILURE;
            }
        };
        let file = dir.join(format!("gen_{label}_lines.cfg"));
        if let Err(error) = std::fs::write(&file, &text) {
            eprintln!("bench-vs-haproxy: cannot write {}: {error}", file.display());
            return ExitCode::FAILURE;
        }
        let haplint_command = command_line(
            &haplint,
            &[
                "check",
                "--target-version",
                "2.6",
                "--output-format",
                "concise",
            ],
            &file,
        );
        let haproxy_command = command_line(&haproxy, &["-c", "-q", "-f"], &file);
        let mut haplint_runs = Vec::new();
        let mut haproxy_runs = Vec::new();
        for _ in 0..runs {
            match (
                measure(&haplint_command, &dir),
                measure(&haproxy_command, &dir),
            ) {
                (Ok(ours), Ok(theirs)) => {
                    haplint_runs.push(ours);
                    haproxy_runs.push(theirs);
                }
                (Err(error), _) | (_, Err(error)) => {
                    eprintln!("bench-vs-haproxy: {error}");
                    return ExitCode::FAILURE;
                }
            }
        }
        let ours = summarize(&haplint_runs);
        let theirs = summarize(&haproxy_runs);
        println!(
            "{:>5} {:>8} {:>10} | {:>11.1} {:>9.1} | {:>11.1} {:>9.1} | {:>7.1}x {:>7.2}x",
            label,
            text.lines().count(),
            text.len(),
            ours.millis,
            ours.peak_rss_mib,
            theirs.millis,
            theirs.peak_rss_mib,
            theirs.millis / ours.millis,
            ours.peak_rss_mib / theirs.peak_rss_mib
        );
        results.push((label, ours, theirs));
    }
    let find = |wanted: &str| results.iter().find(|(label, _, _)| *label == wanted);
    if let (Some((_, small_ours, small_theirs)), Some((_, big_ours, big_theirs))) =
        (find("12k"), find("120k"))
    {
        println!(
            "scaling 12k -> 120k lines (10x): haplint {:.1}x time, haproxy {:.1}x time",
            big_ours.millis / small_ours.millis,
            big_theirs.millis / small_theirs.millis
        );
    }
    ExitCode::SUCCESS
}

/// `xtask measure-child PROGRAM ARGS...`: runs the program with its output
/// discarded, then prints `MILLIS PEAK_RSS_KIB EXIT`.
pub fn measure_child(args: &[String]) -> ExitCode {
    let Some((program, rest)) = args.split_first() else {
        eprintln!("usage: xtask measure-child PROGRAM ARGS...");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let status = Command::new(program)
        .args(rest)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let elapsed = started.elapsed();
    let status = match status {
        Ok(status) => status,
        Err(error) => {
            eprintln!("cannot run {program}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let usage = match nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN) {
        Ok(usage) => usage,
        Err(error) => {
            eprintln!("getrusage: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Linux reports ru_maxrss in KiB.
    println!(
        "{} {} {}",
        elapsed.as_secs_f64() * 1000.0,
        usage.max_rss(),
        status.code().unwrap_or(-1)
    );
    ExitCode::SUCCESS
}

/// The generated config refers to a certificate directory and pattern
/// files under `/etc/haproxy/`; `haproxy -c` stops checking early when they
/// are missing, which would make it look fast. Point them into `dir` and
/// create them: a self-signed certificate (made by the `openssl` command),
/// the `ca.pem` servers verify against (relative: both tools run in `dir`)
/// and empty pattern files.
fn loadable_by_haproxy(dir: &Path, text: &str) -> Result<String, String> {
    let files = dir.join("etc");
    let certs = files.join("certs");
    let deny = files.join("deny");
    for path in [&certs, &deny] {
        std::fs::create_dir_all(path)
            .map_err(|error| format!("cannot create {}: {error}", path.display()))?;
    }
    let certificate = certs.join("site.pem");
    if !certificate.exists() {
        make_certificate(&certificate)?;
    }
    std::fs::copy(&certificate, dir.join("ca.pem"))
        .map_err(|error| format!("cannot write {}/ca.pem: {error}", dir.display()))?;
    let text = text.replace("/etc/haproxy/", &format!("{}/", files.display()));
    for name in text
        .split(&format!("{}/", deny.display()))
        .skip(1)
        .filter_map(|rest| rest.split_whitespace().next())
    {
        let path = deny.join(name);
        std::fs::write(&path, "")
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    }
    Ok(text)
}

fn make_certificate(path: &Path) -> Result<(), String> {
    let key = path.with_extension("key");
    let certificate = path.with_extension("crt");
    let status = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
        ])
        .args([
            "-nodes",
            "-days",
            "30",
            "-subj",
            "/CN=bench.example.com",
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&certificate)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|error| format!("cannot run openssl to make a test certificate: {error}"))?;
    if !status.success() {
        return Err(format!("openssl req failed ({status})"));
    }
    let mut pem = std::fs::read(&certificate).map_err(|error| error.to_string())?;
    pem.extend(std::fs::read(&key).map_err(|error| error.to_string())?);
    std::fs::write(path, pem).map_err(|error| error.to_string())?;
    // Only the combined file may sit in the directory HAProxy loads.
    let _ = std::fs::remove_file(&key);
    let _ = std::fs::remove_file(&certificate);
    Ok(())
}

fn command_line(program: &Path, args: &[&str], file: &Path) -> Vec<String> {
    let mut line = vec![program.display().to_string()];
    line.extend(args.iter().map(|arg| (*arg).to_string()));
    line.push(file.display().to_string());
    line
}

fn measure(command: &[String], dir: &Path) -> Result<Run, String> {
    let xtask = std::env::current_exe().map_err(|error| format!("current exe: {error}"))?;
    let output = Command::new(xtask)
        .current_dir(dir)
        .arg("measure-child")
        .args(command)
        .output()
        .map_err(|error| format!("cannot start the measuring process: {error}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut fields = text.split_whitespace();
    let millis = fields.next().and_then(|field| field.parse().ok());
    let peak_rss_kib = fields.next().and_then(|field| field.parse().ok());
    let exit = fields.next().and_then(|field| field.parse::<i32>().ok());
    match (millis, peak_rss_kib, exit) {
        // haplint exits 1 on findings, haproxy -c 2 when nothing listens.
        (Some(millis), Some(peak_rss_kib), Some(0..=2)) => Ok(Run {
            millis,
            peak_rss_kib,
        }),
        (_, _, Some(exit)) => Err(format!("`{}` exited with {exit}", command.join(" "))),
        _ => Err(format!(
            "`{}`: no measurement ({})",
            command.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )),
    }
}

#[allow(clippy::cast_precision_loss)]
fn summarize(runs: &[Run]) -> Summary {
    let mut millis: Vec<f64> = runs.iter().map(|run| run.millis).collect();
    millis.sort_by(f64::total_cmp);
    let mut rss: Vec<u64> = runs.iter().map(|run| run.peak_rss_kib).collect();
    rss.sort_unstable();
    Summary {
        millis: millis.get(millis.len() / 2).copied().unwrap_or_default(),
        peak_rss_mib: rss.get(rss.len() / 2).copied().unwrap_or_default() as f64 / 1024.0,
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

fn build_haplint(root: &Path) -> Option<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--locked", "-p", "haplint"])
        .current_dir(root)
        .status();
    match status {
        Ok(status) if status.success() => Some(target_dir(root).join("release").join("haplint")),
        Ok(status) => {
            eprintln!("bench-vs-haproxy: building haplint failed ({status})");
            None
        }
        Err(error) => {
            eprintln!("bench-vs-haproxy: cannot run cargo: {error}");
            None
        }
    }
}
