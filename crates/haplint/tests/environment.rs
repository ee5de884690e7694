//! `--env`, `--env-file` and `env`/`env-file` in `haplint.toml`: the
//! environment HAProxy runs with, used to evaluate `"${VAR}"`.

mod support;

use support::{haplint, haplint_in, scratch, stderr, stdout};

const CONFIG: &str = "\
global
    stats socket /run/haproxy.sock
defaults
    mode http
    timeout client 1s
    timeout server 1s
    timeout connect 1s
frontend f
    bind \":${PORT}\"
    default_backend b
backend b
    server s1 127.0.0.1:80 check \"${OPTS[*]}\"
";

fn setup(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("haproxy.cfg"), CONFIG).expect("write config");
    dir
}

fn check(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--output-format", "concise", "-q", "haproxy.cfg"];
    args.extend_from_slice(extra);
    haplint_in(dir, &args)
}

#[test]
fn without_an_environment_variables_are_never_errors() {
    let dir = setup("env-none");
    let output = check(&dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn env_values_are_expanded_and_checked() {
    let dir = setup("env-flags");
    let output = check(&dir, &["--env", "PORT=8080", "--env", "OPTS=weight 10"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = check(&dir, &["--env", "PORT=abc", "--env", "OPTS=weight 300"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("haproxy.cfg:9:10: error[invalid-value] invalid `bind` address `:abc`"),
        "{text}"
    );
    assert!(text.contains("haproxy.cfg:12:"), "{text}");
}

#[test]
fn env_files_are_read_in_order_and_env_wins() {
    let dir = setup("env-files");
    std::fs::write(
        dir.join("a.env"),
        "# deploy\nexport PORT=abc\nOPTS='weight 10'\n",
    )
    .expect("write env file");
    std::fs::write(dir.join("b.env"), "PORT=\"8080\"\n").expect("write env file");
    let output = check(&dir, &["--env-file", "a.env", "--env-file", "b.env"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = check(&dir, &["--env-file", "b.env", "--env", "PORT=x"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
}

#[test]
fn a_malformed_env_file_names_the_line_and_exits_two() {
    let dir = setup("env-malformed");
    std::fs::write(dir.join("bad.env"), "PORT=1\nnot an assignment\n").expect("write env file");
    let output = check(&dir, &["--env-file", "bad.env"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("bad.env:2: expected KEY=value, found `not an assignment`"),
        "{}",
        stderr(&output)
    );
    let output = check(&dir, &["--env-file", "missing.env"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("missing.env"),
        "{}",
        stderr(&output)
    );
    let output = check(&dir, &["--env", "NOEQUALS"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--env: `NOEQUALS` is not NAME=VALUE"));
}

#[test]
fn haplint_toml_gives_an_environment_the_command_line_overrides() {
    let dir = setup("env-toml");
    std::fs::create_dir_all(dir.join("deploy")).expect("deploy directory");
    std::fs::write(dir.join("deploy/prod.env"), "PORT=abc\n").expect("write env file");
    std::fs::write(
        dir.join("haplint.toml"),
        "env-file = \"deploy/prod.env\"\n[env]\nOPTS = \"weight 10\"\n",
    )
    .expect("write settings");
    let output = check(&dir, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stdout(&output).contains("`:abc`"), "{}", stdout(&output));
    let output = check(&dir, &["--env", "PORT=443"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    std::fs::write(dir.join("deploy/prod.env"), "PORT\n").expect("write env file");
    let output = check(&dir, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("prod.env:1: expected KEY=value"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_unknown_environment_is_said_once_at_info_level() {
    let output = haplint(&[
        "check",
        "--output-format",
        "concise",
        "-q",
        "test-corpus/syntax/tokenizer.cfg",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("test-corpus/syntax/tokenizer.cfg:4:17: info[environment-unknown] 3 words built from environment variables were not checked (the first is `${HOSTNAME}`)"),
        "{text}"
    );
}
