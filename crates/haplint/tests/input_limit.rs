//! `--max-file-size` / `max-file-size`: an endless or huge input ends with
//! one message and exit code 2, promptly and in bounded memory, and the
//! other files are still checked.

mod support;

use std::io::Write as _;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use support::{haplint, haplint_in, path_arg, scratch, stderr, stdout};

/// Far more than reading 64 MiB takes, even in a debug build.
const PROMPTLY: Duration = Duration::from_mins(1);

/// A stray carriage return on line 2: a warning that shows it was checked.
const WITNESS: &str = "global\n    maxconn 100\r stray\n";

/// Runs haplint with `stdin` as standard input, killing it if it is not
/// done within [`PROMPTLY`].
fn run_bounded(args: &[&str], stdin: Stdio) -> (Output, Duration) {
    let child = Command::new(env!("CARGO_BIN_EXE_haplint"))
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("haplint runs");
    let started = Instant::now();
    let id = child.id();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if finished.recv_timeout(PROMPTLY).is_err() {
            // Still there: it does not stop at the limit.
            let _ = Command::new("kill").args(["-9", &id.to_string()]).status();
        }
    });
    let output = child.wait_with_output().expect("haplint ends");
    let _ = done.send(());
    watchdog.join().expect("watchdog");
    (output, started.elapsed())
}

#[cfg(unix)]
#[test]
fn dev_zero_on_standard_input_stops_at_the_limit() {
    let zero = std::fs::File::open("/dev/zero").expect("/dev/zero");
    let (output, took) = run_bounded(&["check", "--max-file-size", "1M", "-"], zero.into());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "haplint: error: cannot read `<stdin>`: file is larger than the 1 MiB limit (--max-file-size)\n"
    );
    assert!(took < PROMPTLY, "took {took:?}");
}

#[test]
fn an_endless_pipe_is_read_only_up_to_the_default_limit() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_haplint"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("haplint runs");
    let mut pipe = child.stdin.take().expect("stdin");
    let written = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&written);
    // Writes zeros until haplint closes its end (the write then fails).
    let writer = std::thread::spawn(move || {
        let chunk = vec![0u8; 64 << 10];
        while pipe.write_all(&chunk).is_ok() {
            counter.fetch_add(chunk.len() as u64, Ordering::Relaxed);
        }
    });
    let output = child.wait_with_output().expect("haplint ends");
    writer.join().expect("writer");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("file is larger than the 64 MiB limit (--max-file-size)"),
        "{}",
        stderr(&output)
    );
    // Never more than the limit, one byte and what the pipe buffers.
    let written = written.load(Ordering::Relaxed);
    assert!(
        written <= (64 << 20) + (2 << 20),
        "{written} bytes were taken"
    );
}

#[test]
fn a_file_over_the_limit_is_one_error_and_the_others_are_checked() {
    let dir = scratch("limit-among-others");
    let big = dir.join("a-big.cfg");
    std::fs::write(&big, "global\n".repeat(200)).expect("write");
    std::fs::write(dir.join("b-witness.cfg"), WITNESS).expect("write");
    let output = haplint(&[
        "check",
        "--max-file-size",
        "1K",
        "--output-format",
        "concise",
        path_arg(&dir),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "haplint: error: cannot read `{}`: file is larger than the 1 KiB limit (--max-file-size)\n",
            big.display()
        )
    );
    assert!(
        stdout(&output).contains("b-witness.cfg:2:"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn the_settings_file_sets_the_limit_and_the_command_line_overrides_it() {
    let dir = scratch("limit-settings");
    std::fs::write(dir.join("haplint.toml"), "max-file-size = \"1k\"\n").expect("write");
    std::fs::write(dir.join("big.cfg"), "global\n".repeat(200)).expect("write");
    let limited = haplint_in(&dir, &["check", "big.cfg"]);
    assert_eq!(limited.status.code(), Some(2), "{}", stderr(&limited));
    assert!(
        stderr(&limited).contains("larger than the 1 KiB limit"),
        "{}",
        stderr(&limited)
    );
    let allowed = haplint_in(&dir, &["check", "--max-file-size", "4096", "big.cfg"]);
    assert_eq!(allowed.status.code(), Some(0), "{}", stderr(&allowed));

    std::fs::write(dir.join("haplint.toml"), "max-file-size = \"lots\"\n").expect("write");
    let invalid = haplint_in(&dir, &["check", "big.cfg"]);
    assert_eq!(invalid.status.code(), Some(2));
    assert!(
        stdout(&invalid).contains("`max-file-size` must be"),
        "{}",
        stdout(&invalid)
    );
}

#[test]
fn a_size_that_is_not_one_is_a_usage_error() {
    let output = haplint(&["check", "--max-file-size", "lots", "-"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`lots` is not a size"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn standard_input_of_several_megabytes_under_the_limit_is_checked_whole() {
    // Read in 1 MiB chunks: the parts must join up again exactly.
    let mut config = "# padding line\n".repeat(200_000);
    config.push_str(WITNESS);
    let lines = config.lines().count();
    let output = support::run_with_stdin(
        &[
            "check",
            "--max-file-size",
            "4M",
            "--output-format",
            "concise",
            "-",
        ],
        config.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(&format!("<stdin>:{lines}:")),
        "{}",
        stdout(&output)
    );
}
