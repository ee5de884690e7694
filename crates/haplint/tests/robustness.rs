//! `haplint check` on hostile input: binary, empty, huge and oddly encoded
//! files, a thousand files at once, paths that cannot be read, FIFOs and
//! devices. Whatever it is given, haplint must finish, exit with a
//! documented code (0 clean, 1 findings, 2 trouble), explain each problem
//! on one `haplint: error: ...` line, never panic, and still check every
//! other file.
//!
//! Inputs are generated at test time under `CARGO_TARGET_TMPDIR`. The big
//! file is 4 MB, to keep debug runs short; set `HAPLINT_BIG_FILE_MB=50`
//! (best with `--release`) to try the full size.

mod support;

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{stderr, stdout, workspace_root};

/// Far longer than any of these runs takes in a debug build: past it,
/// haplint is taken to hang.
const TIMEOUT: Duration = Duration::from_mins(3);

/// A config with no error but a warning on line 2 (a stray carriage
/// return): it shows up in the output when it was checked, without
/// changing the exit code.
const WITNESS: &str = "global\n    maxconn 100\r stray\n";

/// Runs `haplint ARGS` from the workspace root, with standard input closed;
/// fails the test if it does not finish within [`TIMEOUT`].
fn run(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_haplint"))
        .args(args)
        .current_dir(workspace_root())
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("haplint runs");
    // Drain both pipes while waiting: a full pipe would block haplint.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let out = drain(child.stdout.take().map(|pipe| Box::new(pipe) as _));
    let err = drain(child.stderr.take().map(|pipe| Box::new(pipe) as _));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for haplint") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("haplint {args:?} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}

/// A fresh directory for one test, under cargo's scratch space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("robustness")
        .join(name);
    // A failed run may have left a directory that cannot be listed.
    unlock(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Gives back the permissions the tests take away, so the tree can be removed.
fn unlock(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(metadata) = std::fs::symlink_metadata(path) else {
            return;
        };
        let mode = if metadata.is_dir() { 0o755 } else { 0o644 };
        if !metadata.is_symlink() {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
        }
        if metadata.is_dir() {
            for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
                unlock(&entry.path());
            }
        }
    }
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> PathBuf {
    std::fs::write(path, bytes).expect("write test input");
    path.to_path_buf()
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 scratch path")
}

/// What must hold after any run: no panic, the documented exit code, and
/// every line on standard error a `haplint: error: ...` message.
fn assert_sane(output: &Output, expected_code: i32) {
    let (out, err) = (stdout(output), stderr(output));
    for text in [&out, &err] {
        assert!(
            !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
            "haplint panicked:\n{err}"
        );
    }
    assert_eq!(
        output.status.code(),
        Some(expected_code),
        "stderr:\n{err}\nstdout (start):\n{}",
        out.chars().take(2000).collect::<String>()
    );
    for line in err.lines() {
        assert!(
            line.starts_with("haplint: error: ") && line.len() < 500,
            "not a one-line `haplint: error:` message: {line:?}"
        );
    }
}

/// The standard error lines, which [`assert_sane`] has checked.
fn error_lines(output: &Output) -> Vec<String> {
    stderr(output).lines().map(str::to_owned).collect()
}

/// `check --output-format json ARGS`: the number of files checked and
/// `(path, rule, line)` for every diagnostic.
fn check_json(args: &[&str], expected_code: i32) -> (Output, u64, Vec<(String, String, u64)>) {
    let mut all = vec!["check", "--output-format", "json"];
    all.extend_from_slice(args);
    let output = run(&all);
    assert_sane(&output, expected_code);
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    let files = json["summary"]["files"].as_u64().expect("summary.files");
    let diagnostics = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["path"].as_str().expect("path").to_owned(),
                diagnostic["rule"].as_str().expect("rule").to_owned(),
                diagnostic["start"]["line"].as_u64().expect("line"),
            )
        })
        .collect();
    (output, files, diagnostics)
}

fn has(diagnostics: &[(String, String, u64)], path: &Path, rule: &str) -> bool {
    diagnostics
        .iter()
        .any(|(at, name, _)| at == arg(path) && name == rule)
}

fn assert_witness_checked(diagnostics: &[(String, String, u64)], witness: &Path) {
    assert!(
        diagnostics.iter().any(|(at, name, line)| at == arg(witness)
            && name == "stray-carriage-return"
            && *line == 2),
        "{} was not checked: {diagnostics:?}",
        witness.display()
    );
}

/// Deterministic bytes that look random (xorshift64*), every 97th a NUL.
fn noise(length: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..length)
        .map(|index| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let byte = (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8;
            if index % 97 == 0 { 0 } else { byte }
        })
        .collect()
}

#[test]
fn binary_file_is_reported_not_a_crash() {
    let dir = scratch("binary");
    let binary = write(&dir.join("binary.cfg"), noise(64 * 1024));
    let witness = write(&dir.join("witness.cfg"), WITNESS);
    let (_, files, diagnostics) = check_json(&[arg(&binary), arg(&witness)], 1);
    assert_eq!(files, 2);
    assert!(
        has(&diagnostics, &binary, "invalid-utf8"),
        "{diagnostics:?}"
    );
    assert!(has(&diagnostics, &binary, "nul-byte"), "{diagnostics:?}");
    assert_witness_checked(&diagnostics, &witness);

    // The snippets quote the file: its control bytes (escape sequences
    // included) must not reach the terminal.
    let full = run(&["check", arg(&binary), arg(&witness)]);
    assert_sane(&full, 1);
    let shown = stdout(&full);
    assert!(
        !shown
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "control characters in the output"
    );
    assert!(
        shown.contains(&format!("[ {}:2:", arg(&witness))),
        "{shown}"
    );
}

#[test]
fn empty_and_comment_only_files_are_clean() {
    let dir = scratch("empty");
    let empty = write(&dir.join("empty.cfg"), "");
    let comments = write(
        &dir.join("comments.cfg"),
        "# nothing here\n\n   # but comments\n\t#\n",
    );
    let witness = write(&dir.join("witness.cfg"), WITNESS);
    let (_, files, diagnostics) = check_json(&[arg(&empty), arg(&comments), arg(&witness)], 0);
    assert_eq!(files, 3);
    assert_witness_checked(&diagnostics, &witness);
    let plain = run(&["check", arg(&empty), arg(&comments)]);
    assert_sane(&plain, 0);
}

/// A realistic configuration of about `bytes`: a frontend routing by host
/// to many backends of 20 servers each, then, on its last line, an error.
/// Returns the text and the number of that last line.
fn big_config(bytes: usize) -> (String, usize) {
    // About 890 bytes per backend, its `use_backend` line included.
    let backends = bytes / 890;
    let mut text = String::with_capacity(bytes + 4096);
    text.push_str(
        "global
    log /dev/log local0
    maxconn 20000
    stats socket /run/haproxy/admin.sock mode 660 level admin

defaults
    mode http
    log global
    option httplog
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe_web
    bind :80
",
    );
    for index in 0..backends {
        let _ = writeln!(
            text,
            "    use_backend be_{index} if {{ hdr(host) -i app{index}.example.com }}"
        );
    }
    text.push_str("    default_backend be_0\n");
    for index in 0..backends {
        let _ = write!(
            text,
            "\nbackend be_{index}\n    balance roundrobin\n    option httpchk GET /health\n"
        );
        for server in 0..20 {
            let _ = writeln!(
                text,
                "    server s{server} 10.{}.{}.{}:{} check",
                (index >> 16) & 0xff,
                (index >> 8) & 0xff,
                index & 0xff,
                8000 + server
            );
        }
    }
    text.push_str("    description \"never closed\n");
    let last_line = text.matches('\n').count();
    (text, last_line)
}

#[test]
fn big_file_is_checked_to_its_last_line() {
    let megabytes = std::env::var("HAPLINT_BIG_FILE_MB")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(4);
    let dir = scratch("big");
    let (text, last_line) = big_config(megabytes * 1024 * 1024);
    let big = write(&dir.join("big.cfg"), text);
    let witness = write(&dir.join("witness.cfg"), WITNESS);
    let started = Instant::now();
    let output = run(&[
        "check",
        "--output-format",
        "concise",
        arg(&big),
        arg(&witness),
    ]);
    eprintln!(
        "{megabytes} MB checked in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_sane(&output, 1);
    let shown = stdout(&output);
    let expected = format!("{}:{last_line}:17: error[unmatched-quote] ", arg(&big));
    assert!(shown.contains(&expected), "no `{expected}` in:\n{shown}");
    assert!(shown.contains(&format!("{}:2:", arg(&witness))), "{shown}");
}

#[test]
fn thousand_files_are_all_checked_in_path_order() {
    let dir = scratch("thousand");
    let mut expected = Vec::new();
    // Written in a scrambled order, in nested directories whose names sort
    // differently as strings (`a-b` < `a/`) and as paths (`a` < `a-b`).
    for step in 0..1000 {
        let index = step * 379 % 1000;
        let group = ["a", "a-b", "a/deep/er", "b", "Z"][index % 5];
        let file = dir.join(group).join(format!("c{index}.cfg"));
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        write(&file, WITNESS);
        expected.push(file);
    }
    // Not configurations: skipped.
    write(&dir.join("a").join("notes.txt"), "global\n\r");
    write(&dir.join("a").join("c1.cfg.bak"), "global\n\r");
    expected.sort();

    let first = run(&["check", "--output-format", "concise", arg(&dir)]);
    assert_sane(&first, 0);
    let second = run(&["check", "--output-format", "concise", arg(&dir)]);
    assert_eq!(first.stdout, second.stdout, "output differs between runs");
    let checked: Vec<PathBuf> = stdout(&first)
        .lines()
        .filter(|line| line.contains("[stray-carriage-return]"))
        .map(|line| PathBuf::from(line.split(":2:").next().expect("path")))
        .collect();
    assert_eq!(checked, expected);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_one_error_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable-file");
    let secret = write(&dir.join("secret.cfg"), WITNESS);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let witness = write(&dir.join("witness.cfg"), WITNESS);
    if std::fs::read(&secret).is_ok() {
        eprintln!("skipped: running as a user who can read a mode 000 file (root)");
        unlock(&dir);
        return;
    }
    let (output, files, diagnostics) = check_json(&[arg(&secret), arg(&witness)], 2);
    unlock(&dir);
    assert_eq!(files, 1);
    assert_witness_checked(&diagnostics, &witness);
    let errors = error_lines(&output);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!("haplint: error: cannot read `{}`: ", arg(&secret)))
            && errors[0].contains("ermission denied"),
        "{errors:?}"
    );
}

#[cfg(unix)]
#[test]
fn unlistable_directory_is_one_error_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unlistable");
    let witness = write(&dir.join("witness.cfg"), WITNESS);
    let locked = dir.join("locked");
    std::fs::create_dir(&locked).expect("mkdir");
    let inside = write(&locked.join("inside.cfg"), WITNESS);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read_dir(&locked).is_ok() {
        eprintln!("skipped: running as a user who can list a mode 000 directory (root)");
        unlock(&dir);
        return;
    }
    // The directory found while walking the tree, then a file in it named
    // explicitly: a permission problem, not a missing file.
    let (walked, files, diagnostics) = check_json(&[arg(&dir)], 2);
    let (named, named_files, _) = check_json(&[arg(&inside), arg(&witness)], 2);
    unlock(&dir);
    assert_eq!(files, 1);
    assert_witness_checked(&diagnostics, &witness);
    let errors = error_lines(&walked);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!(
            "haplint: error: cannot read directory `{}`: ",
            arg(&locked)
        )) && errors[0].contains("ermission denied"),
        "{errors:?}"
    );
    assert_eq!(named_files, 1);
    let errors = error_lines(&named);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!("haplint: error: cannot read `{}`: ", arg(&inside)))
            && errors[0].contains("ermission denied"),
        "{errors:?}"
    );
}

#[test]
fn latin1_file_is_checked_with_its_bytes_reported() {
    let dir = scratch("latin1");
    let latin1 = write(
        &dir.join("latin1.cfg"),
        b"global\n    maxconn 100\n    description caf\xe9 cr\xe8me\n",
    );
    let witness = write(&dir.join("witness.cfg"), WITNESS);
    let (_, files, diagnostics) = check_json(&[arg(&latin1), arg(&witness)], 1);
    assert_eq!(files, 2);
    let bad_bytes: Vec<u64> = diagnostics
        .iter()
        .filter(|(at, rule, _)| at == arg(&latin1) && rule == "invalid-utf8")
        .map(|(_, _, line)| *line)
        .collect();
    assert_eq!(bad_bytes, [3, 3], "{diagnostics:?}");
    assert_witness_checked(&diagnostics, &witness);
    let full = run(&["check", arg(&latin1)]);
    assert_sane(&full, 1);
}

#[test]
fn missing_path_among_good_ones_is_one_error_and_exit_two() {
    let dir = scratch("missing");
    let first = write(&dir.join("first.cfg"), WITNESS);
    let missing = dir.join("missing.cfg");
    let last = write(&dir.join("last.cfg"), WITNESS);
    let (output, files, diagnostics) = check_json(&[arg(&first), arg(&missing), arg(&last)], 2);
    assert_eq!(files, 2);
    assert_witness_checked(&diagnostics, &first);
    assert_witness_checked(&diagnostics, &last);
    assert_eq!(
        error_lines(&output),
        [format!(
            "haplint: error: cannot read `{}`: no such file or directory",
            arg(&missing)
        )]
    );
}

#[cfg(unix)]
#[test]
fn dev_null_is_an_empty_file() {
    let dir = scratch("dev-null");
    let witness = write(&dir.join("witness.cfg"), WITNESS);
    let (_, files, diagnostics) = check_json(&["/dev/null", arg(&witness)], 0);
    assert_eq!(files, 2);
    assert_witness_checked(&diagnostics, &witness);
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn fifo_named_on_the_command_line_is_read() {
    let dir = scratch("fifo-named");
    let fifo = dir.join("generated.cfg");
    mkfifo(&fifo);
    // What `haplint check <(generate-config)` does: the writer blocks
    // until haplint opens the FIFO.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, WITNESS).expect("write to the FIFO"))
    };
    let output = run(&["check", "--output-format", "json", arg(&fifo)]);
    if !writer.is_finished() {
        // haplint never opened the FIFO: release the writer, then fail.
        let _ = std::fs::read(&fifo);
    }
    writer.join().expect("writer");
    assert_sane(&output, 0);
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["diagnostics"][0]["path"], arg(&fifo));
}

#[cfg(unix)]
#[test]
fn fifo_found_in_a_directory_is_skipped_not_waited_on() {
    let dir = scratch("fifo-in-dir");
    mkfifo(&dir.join("pipe.cfg"));
    let witness = write(&dir.join("witness.cfg"), WITNESS);
    let (_, files, diagnostics) = check_json(&[arg(&dir)], 0);
    assert_eq!(files, 1);
    assert_witness_checked(&diagnostics, &witness);
}

#[test]
fn deep_if_nesting_does_not_overflow() {
    let dir = scratch("deep-if");
    let depth = 10_000;
    let closed = write(
        &dir.join("closed.cfg"),
        format!(
            "global\n{}    maxconn 100\n{}",
            ".if defined(HAPROXY_LOCALPEER)\n".repeat(depth),
            ".endif\n".repeat(depth)
        ),
    );
    // No stack overflow; HAProxy refuses the hundredth level, once.
    let (_, files, diagnostics) = check_json(&[arg(&closed)], 1);
    assert_eq!(files, 1);
    let blocks: Vec<_> = diagnostics
        .iter()
        .filter(|(_, rule, _)| rule == "conditional-block")
        .collect();
    assert_eq!(blocks.len(), 1, "{blocks:?}");
    assert_eq!(blocks[0].2, 101, "{blocks:?}");

    // Each unclosed `.if` is reported, at the end of the file (below
    // HAProxy's nesting limit, which would be one more finding).
    let unclosed_depth = 99;
    let unclosed = write(
        &dir.join("unclosed.cfg"),
        format!("global\n{}", ".if 1\n".repeat(unclosed_depth)),
    );
    let witness = write(&dir.join("witness.cfg"), WITNESS);
    let (_, files, diagnostics) = check_json(&[arg(&unclosed), arg(&witness)], 1);
    assert_eq!(files, 2);
    let never_closed = diagnostics
        .iter()
        .filter(|(at, rule, _)| at == arg(&unclosed) && rule == "conditional-block")
        .count();
    assert_eq!(never_closed, unclosed_depth);
    assert_witness_checked(&diagnostics, &witness);
}

#[test]
fn ten_megabyte_line_gets_a_short_report() {
    let dir = scratch("long-line");
    // 100 words of 100 kB: too many words for HAProxy, far past column 6,000,000.
    let word = "w".repeat(100_000);
    let long = write(
        &dir.join("long.cfg"),
        format!(
            "global\n    maxconn 100\n    description {}\n",
            vec![word.as_str(); 100].join(" ")
        ),
    );
    let witness = write(&dir.join("witness.cfg"), WITNESS);

    let concise = run(&[
        "check",
        "--output-format",
        "concise",
        arg(&long),
        arg(&witness),
    ]);
    assert_sane(&concise, 1);
    let shown = stdout(&concise);
    let expected = format!("{}:3:6300080: error[too-many-words] ", arg(&long));
    assert!(shown.contains(&expected), "no `{expected}` in:\n{shown}");

    // The snippet would repeat the line and pad the underline to its
    // column: tens of megabytes, the message out of sight.
    let full = run(&["check", arg(&long), arg(&witness)]);
    assert_sane(&full, 1);
    let shown = stdout(&full);
    assert!(shown.len() < 10_000, "{} bytes of output", shown.len());
    assert!(
        shown.contains(&format!("[ {}:3:6300080 ]", arg(&long)))
            && shown.contains("line 3 is not shown: it is 10000115 bytes long")
            && shown.contains("too many words"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("[ {}:2:", arg(&witness))),
        "{shown}"
    );
}

#[test]
fn carriage_return_line_endings_make_one_line() {
    let dir = scratch("cr-only");
    // Old Mac line endings: for HAProxy, only `\n` ends a line, so this is
    // one line cut short by its first `\r`, and no final newline.
    let text = "global\r    maxconn 100\r\rdefaults\r    mode http\r    timeout client 30s\r";
    let cr = write(&dir.join("cr.cfg"), text.repeat(50));
    let witness = write(&dir.join("witness.cfg"), WITNESS);
    let concise = run(&[
        "check",
        "--output-format",
        "concise",
        arg(&cr),
        arg(&witness),
    ]);
    assert_sane(&concise, 1);
    let shown = stdout(&concise);
    for expected in [
        format!("{}:1:7: warning[stray-carriage-return] ", arg(&cr)),
        format!(
            "{}:1:{}: error[missing-final-newline] ",
            arg(&cr),
            50 * text.len()
        ),
        format!("{}:2:", arg(&witness)),
    ] {
        assert!(shown.contains(&expected), "no `{expected}` in:\n{shown}");
    }
    let full = run(&["check", arg(&cr), arg(&witness)]);
    assert_sane(&full, 1);
    assert!(!stdout(&full).contains('\r'));
}
