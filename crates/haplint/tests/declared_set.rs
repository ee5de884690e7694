//! `haplint check FILE` where FILE belongs to a `config-sets` entry of
//! `haplint.toml`: the whole set is checked, only FILE is reported.

mod support;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use support::{haplint_in, scratch, stderr, stdout};

const MAIN: &str = "global
    stats socket /run/haproxy.sock mode 600 level admin
defaults
    mode http
    timeout client 30s
    timeout server 30s
    timeout connect 5s
frontend web
    bind :80
    default_backend app
";

/// The backend `haproxy.cfg` uses, and an error of this file's own.
const BACKENDS: &str = "backend app
    server a1 10.0.0.1:80 check
backend app
    server a2 10.0.0.2:80 check
";

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("directory");
    }
    std::fs::write(path, text).expect("write");
}

/// haproxy.cfg + conf.d/20-app.cfg declared as one set; other.cfg alone.
fn project(name: &str) -> PathBuf {
    let dir = scratch(name);
    write(
        &dir.join("haplint.toml"),
        "config-sets = [[\"haproxy.cfg\", \"conf.d\"]]\n",
    );
    write(&dir.join("haproxy.cfg"), MAIN);
    write(&dir.join("conf.d/20-app.cfg"), BACKENDS);
    write(&dir.join("other.cfg"), MAIN);
    dir
}

fn concise(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["check", "--output-format", "concise"];
    all.extend(args);
    haplint_in(dir, &all)
}

#[test]
fn a_file_of_a_set_is_checked_with_the_others_and_reported_alone() {
    let dir = project("declared-set-one");
    let output = concise(&dir, &["haproxy.cfg"]);
    // The backend comes from conf.d; conf.d's own error is not reported
    // and does not fail the check, but it is mentioned.
    assert_eq!(stdout(&output), "", "{}", stderr(&output));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("other files of the configuration set have findings")
            && stderr(&output).contains("conf.d/20-app.cfg"),
        "{}",
        stderr(&output)
    );
    // `-q` keeps standard error for errors.
    let quiet = concise(&dir, &["-q", "haproxy.cfg"]);
    assert_eq!(stderr(&quiet), "");

    // A file outside every set stays on its own.
    let other = concise(&dir, &["other.cfg"]);
    assert!(
        stdout(&other).contains("other.cfg:10:21: error[undefined-backend]"),
        "{}",
        stdout(&other)
    );
    assert_eq!(other.status.code(), Some(1));
}

#[test]
fn the_files_asked_for_are_reported_once_each_as_they_were_named() {
    let dir = project("declared-set-several");
    for args in [
        vec!["haproxy.cfg", "conf.d/20-app.cfg"],
        vec!["./haproxy.cfg", "conf.d/../conf.d/20-app.cfg"],
        vec!["."],
    ] {
        let output = concise(&dir, &args);
        let text = stdout(&output);
        let duplicates: Vec<&str> = text
            .lines()
            .filter(|line| line.contains("duplicate-name"))
            .collect();
        assert_eq!(duplicates.len(), 1, "{args:?}: {text}");
        assert!(
            duplicates[0].contains("20-app.cfg:3:9:") && !text.contains("haproxy.cfg:"),
            "{args:?}: {text}"
        );
        if args == ["."] {
            // The walk also finds other.cfg, checked alone.
            assert!(
                text.contains("other.cfg:10:21: error[undefined-backend]"),
                "{text}"
            );
        } else {
            assert!(!text.contains("undefined-backend"), "{args:?}: {text}");
            assert!(
                text.contains(&format!("{}:3:9:", args[1])),
                "named as asked: {args:?}: {text}"
            );
        }
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    }
    // From another directory, with the path spelled from there.
    let parent = dir.parent().expect("parent");
    let output = concise(parent, &["declared-set-several/haproxy.cfg"]);
    assert_eq!(stdout(&output), "", "{}", stderr(&output));
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn an_unreadable_member_is_an_error_and_the_rest_is_still_checked() {
    let dir = scratch("declared-set-missing");
    write(
        &dir.join("haplint.toml"),
        "config-sets = [[\"haproxy.cfg\", \"backends.cfg\"]]\n",
    );
    write(&dir.join("haproxy.cfg"), MAIN);
    let output = concise(&dir, &["haproxy.cfg"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot read `") && stderr(&output).contains("backends.cfg"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).contains("error[undefined-backend]"));
}

#[test]
fn a_file_asked_for_that_cannot_be_read_is_reported_once() {
    let dir = project("declared-set-too-large");
    let output = concise(&dir, &["--max-file-size", "100", "haproxy.cfg"]);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert_eq!(errors.matches("haproxy.cfg").count(), 1, "{errors}");
}

#[test]
fn fix_changes_the_files_asked_for_only() {
    let dir = project("declared-set-fix");
    let main = MAIN.replace("timeout connect 5s", "timeout connect 5000");
    write(&dir.join("haproxy.cfg"), &main);
    let backends = format!("{BACKENDS}    timeout server 30000\n");
    write(&dir.join("conf.d/20-app.cfg"), &backends);

    let diff = concise(&dir, &["--diff", "haproxy.cfg"]);
    let text = stdout(&diff);
    assert!(text.contains("+    timeout connect 5000ms"), "{text}");
    assert!(!text.contains("20-app.cfg"), "{text}");
    assert_eq!(diff.status.code(), Some(1));

    let fix = concise(&dir, &["--fix", "haproxy.cfg"]);
    assert_eq!(stdout(&fix), "", "{}", stderr(&fix));
    assert_eq!(fix.status.code(), Some(0), "{}", stderr(&fix));
    assert!(stderr(&fix).contains("applied 1 fix"), "{}", stderr(&fix));
    let fixed = std::fs::read_to_string(dir.join("haproxy.cfg")).expect("read");
    assert_eq!(
        fixed,
        MAIN.replace("timeout connect 5s", "timeout connect 5000ms")
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("conf.d/20-app.cfg")).expect("read"),
        backends,
        "a file not asked for is never written"
    );

    // Asked for too, it is fixed with the set.
    let fix = concise(&dir, &["--fix", "haproxy.cfg", "conf.d/20-app.cfg"]);
    assert!(stderr(&fix).contains("applied 1 fix"), "{}", stderr(&fix));
    assert!(
        std::fs::read_to_string(dir.join("conf.d/20-app.cfg"))
            .expect("read")
            .contains("timeout server 30000ms\n")
    );
}

#[test]
fn standard_input_stands_in_for_the_member_it_is_named_after() {
    let dir = project("declared-set-stdin");
    let mut child = Command::new(env!("CARGO_BIN_EXE_haplint"))
        .args([
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "haproxy.cfg",
            "-",
        ])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn haplint");
    let edited = MAIN.replace("default_backend app", "default_backend missing");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(edited.as_bytes())
        .expect("write stdin");
    let output = child.wait_with_output().expect("wait");
    let text = stdout(&output);
    // What is piped in is checked, not the file on disk, with the set.
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("haproxy.cfg:10:21: error[undefined-backend]"),
        "{text}"
    );
}
