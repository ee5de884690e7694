//! The `haplint` binary as users run it.

mod support;

use std::process::Command;

use support::{haplint, haplint_in, run_with_stdin, scratch, stderr, stdout, workspace_root};

#[test]
fn clean_file_exits_zero_and_prints_nothing() {
    // (test-corpus/syntax/tokenizer.cfg is clean too, but for the note that
    // its `"${VAR}"` words were not checked: see tests/environment.rs.)
    let output = haplint(&["check", "test-corpus/showcase/clean.cfg"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn warnings_alone_exit_zero() {
    let output = haplint(&[
        "check",
        "--output-format",
        "concise",
        "test-corpus/syntax/stray-cr.cfg",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).contains(
            "test-corpus/syntax/stray-cr.cfg:2:25: warning[stray-carriage-return] carriage return in the middle of a line: HAProxy ignores the rest of the line\n"
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn errors_exit_one_and_concise_lines_are_sorted() {
    let output = haplint(&[
        "check",
        "--output-format",
        "concise",
        "test-corpus/syntax/broken.cfg",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let positions: Vec<(usize, usize)> = text
        .lines()
        .map(|line| {
            let mut parts = line.split(':');
            let _path = parts.next();
            let line_number = parts
                .next()
                .and_then(|part| part.parse().ok())
                .expect("line number");
            let column = parts
                .next()
                .and_then(|part| part.parse().ok())
                .expect("column");
            (line_number, column)
        })
        .collect();
    assert!(positions.len() >= 8, "{text}");
    assert!(
        positions.windows(2).all(|pair| pair[0] <= pair[1]),
        "{text}"
    );
    assert!(
        text.contains("test-corpus/syntax/broken.cfg:4:17: error[unmatched-quote] "),
        "{text}"
    );
}

#[test]
fn missing_file_is_a_one_line_error_with_exit_two() {
    let output = haplint(&["check", "does/not/exist.cfg"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains("does/not/exist.cfg"), "{message}");
}

#[test]
fn usage_error_exits_two() {
    let output = haplint(&["check", "--output-format", "fancy", "x.cfg"]);
    assert_eq!(output.status.code(), Some(2));
    let output = haplint(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    let output = haplint(&["check", "--fail-level", "sometimes", "x.cfg"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn full_output_names_the_rule_and_shows_the_source() {
    let output = haplint(&[
        "check",
        "--color",
        "never",
        "test-corpus/syntax/no-final-newline.cfg",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("missing-final-newline"), "{text}");
    assert!(
        text.contains("test-corpus/syntax/no-final-newline.cfg:2:15"),
        "{text}"
    );
    assert!(text.contains("maxconn 100"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no color codes with --color never"
    );
}

#[test]
fn color_always_and_no_color() {
    let colored = haplint(&[
        "check",
        "--color",
        "always",
        "test-corpus/syntax/no-final-newline.cfg",
    ]);
    assert!(stdout(&colored).contains('\u{1b}'));
    let plain = Command::new(env!("CARGO_BIN_EXE_haplint"))
        .args(["check", "test-corpus/syntax/no-final-newline.cfg"])
        .current_dir(workspace_root())
        .env("NO_COLOR", "1")
        .output()
        .expect("haplint runs");
    assert!(!stdout(&plain).contains('\u{1b}'));
}

#[test]
fn dump_cst_prints_the_tree() {
    let output = haplint(&["dump-cst", "test-corpus/syntax/crlf.cfg"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("SOURCE_FILE@0.."), "{text}");
    assert!(text.contains("NEWLINE@6..8 \"\\r\\n\""), "{text}");
}

#[test]
fn several_files_and_one_missing_still_reports_the_others() {
    let output = haplint(&[
        "check",
        "--output-format",
        "concise",
        "test-corpus/syntax/no-final-newline.cfg",
        "missing.cfg",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("missing-final-newline"));
}

#[test]
fn binary_garbage_does_not_crash() {
    let dir = std::env::temp_dir().join(format!("haplint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("garbage.cfg");
    let garbage: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    std::fs::write(&path, garbage).expect("write garbage");
    let path_text = path.to_string_lossy().into_owned();
    for format in ["full", "concise"] {
        let output = haplint(&["check", "--output-format", format, &path_text]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert!(stdout(&output).contains("invalid-utf8"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_lists_every_rule_and_explain_prints_the_doc() {
    let output = haplint(&["rules"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("HAP124  missing-timeout"), "{text}");
    assert!(text.contains("HAP001  unmatched-quote"), "{text}");
    // How often a fix exists, and how safe it is.
    let line_of = |code: &str| {
        text.lines()
            .find(|line| line.starts_with(code))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(line_of("HAP204").contains(" sometimes (unsafe) "), "{text}");
    assert!(line_of("HAP005").contains(" always (safe) "), "{text}");
    assert!(
        line_of("HAP405").contains(" always (display-only) "),
        "{text}"
    );
    assert!(line_of("HAP001").contains(" never "), "{text}");
    let json = haplint(&["rules", "--output-format", "json"]);
    let parsed: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).expect("JSON list");
    assert!(
        parsed
            .iter()
            .any(|rule| rule["name"] == "weak-dh-param" && rule["fix"] == "always")
    );
    let explain = haplint(&["explain", "HAP124"]);
    assert!(stdout(&explain).contains("## Why is this bad"));
    let unknown = haplint(&["explain", "no-such-rule"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn rules_and_explain_read_fix_safety_from_the_metadata() {
    let json = haplint(&["rules", "--output-format", "json"]);
    let parsed: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).expect("JSON list");
    let fix_of = |code: &str| {
        parsed
            .iter()
            .find(|rule| rule["code"] == code)
            .map(|rule| (rule["fix"].clone(), rule["fix_safety"].clone()))
    };
    // The model's diagnostics with fixes: only some findings get one.
    for code in ["HAP103", "HAP201", "HAP302"] {
        assert_eq!(
            fix_of(code),
            Some((serde_json::json!("sometimes"), serde_json::json!("unsafe"))),
            "{code}"
        );
    }
    // Removing `nbproc` is the same decision in both rules.
    assert_eq!(
        fix_of("HAP305").map(|(_, safety)| safety),
        Some(serde_json::json!("unsafe"))
    );
    assert_eq!(
        fix_of("HAP001"),
        Some((serde_json::json!("never"), serde_json::Value::Null))
    );
    let explain = stdout(&haplint(&["explain", "removed-keyword"]));
    assert!(explain.contains("fix: sometimes (unsafe)"), "{explain}");
    assert!(!explain.contains("No fix yet"), "{explain}");
    let explain = stdout(&haplint(&["explain", "nbproc-with-nbthread"]));
    assert!(explain.contains("fix: always (unsafe)"), "{explain}");
}

#[test]
fn haplint_toml_is_found_above_the_file_and_applied() {
    let dir = std::env::temp_dir().join(format!("haplint-settings-{}", std::process::id()));
    let nested = dir.join("conf.d");
    std::fs::create_dir_all(&nested).expect("temp dir");
    std::fs::write(
        dir.join("haplint.toml"),
        "target-version = \"2.4\"\nignore = [\"missing-stats-socket\"]\n[severity]\nserver-without-check = \"error\"\n",
    )
    .expect("write settings");
    let config = "global\n    nbproc 2\ndefaults\n    timeout connect 5s\n    timeout server 30s\nbackend app\n    server a 10.0.0.1:80 check\n    server b 10.0.0.2:80\n";
    std::fs::write(nested.join("app.cfg"), config).expect("write config");
    let output = haplint_in(
        &dir,
        &["check", "--output-format", "concise", "conf.d/app.cfg"],
    );
    let text = stdout(&output);
    assert!(
        text.contains("warning[deprecated-keyword] `nbproc` is deprecated in HAProxy 2.4"),
        "{text}"
    );
    assert!(text.contains("error[server-without-check]"), "{text}");
    assert!(!text.contains("missing-stats-socket"), "{text}");
    assert_eq!(output.status.code(), Some(1));

    std::fs::write(dir.join("haplint.toml"), "slect = [\"x\"]\n").expect("write settings");
    let output = haplint_in(
        &dir,
        &["check", "--output-format", "concise", "conf.d/app.cfg"],
    );
    let text = stdout(&output);
    assert!(
        text.contains("haplint.toml:1:1: error[invalid-config] unknown setting `slect`"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

const BROKEN: &str = "test-corpus/syntax/broken.cfg";

#[test]
fn json_has_the_documented_shape() {
    let output = haplint(&["check", "--output-format", "json", BROKEN]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["version"], 1);
    assert_eq!(report["tool"]["name"], "haplint");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics array");
    let first = diagnostics
        .iter()
        .find(|d| d["rule"] == "unmatched-quote")
        .expect("unmatched-quote reported");
    for key in [
        "path", "rule", "code", "severity", "message", "start", "end", "labels", "help", "url",
        "fix",
    ] {
        assert!(first.get(key).is_some(), "missing `{key}` in {first}");
    }
    assert_eq!(first["start"]["line"], 4);
    assert_eq!(first["start"]["column"], 17);
    assert!(first["start"]["offset"].is_u64());
    let summary = &report["summary"];
    assert_eq!(summary["files"], 1);
    assert!(summary["errors"].as_u64().unwrap_or(0) >= 8);
}

#[test]
fn json_lines_is_one_object_per_diagnostic() {
    let output = haplint(&["check", "--output-format", "json-lines", BROKEN]);
    let text = stdout(&output);
    assert!(text.lines().count() >= 8);
    for line in text.lines() {
        let value: serde_json::Value =
            serde_json::from_str(line).expect("one JSON object per line");
        assert!(value["rule"].is_string());
    }
}

#[test]
fn sarif_github_checkstyle_and_junit() {
    let sarif: serde_json::Value =
        serde_json::from_slice(&haplint(&["check", "--output-format", "sarif", BROKEN]).stdout)
            .expect("SARIF JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert!(
        run["tool"]["driver"]["rules"]
            .as_array()
            .is_some_and(|rules| rules.len() > 45)
    );
    let results = run["results"].as_array().expect("results array");
    let result = results
        .iter()
        .find(|r| r["ruleId"] == "HAP001")
        .expect("unmatched-quote result");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
    let rule_index = result["ruleIndex"].as_u64().expect("rule index") as usize;
    assert_eq!(
        run["tool"]["driver"]["rules"][rule_index]["id"],
        result["ruleId"]
    );

    let github = stdout(&haplint(&["check", "--output-format", "github", BROKEN]));
    assert!(
        github.lines().any(|line| line.starts_with("::error file=test-corpus/syntax/broken.cfg,line=4,col=17,endLine=4,endColumn=18,title=unmatched-quote (HAP001)::")),
        "{github}"
    );

    let checkstyle = stdout(&haplint(&[
        "check",
        "--output-format",
        "checkstyle",
        BROKEN,
    ]));
    assert!(checkstyle.starts_with("<?xml"));
    assert!(
        checkstyle.contains("<error line=\"4\" column=\"17\" severity=\"error\""),
        "{checkstyle}"
    );

    let junit = stdout(&haplint(&["check", "--output-format", "junit", BROKEN]));
    assert!(junit.contains("<testsuites name=\"haplint\""));
    assert!(
        junit.contains("<failure type=\"unmatched-quote\""),
        "{junit}"
    );
}

#[test]
fn fail_level_exit_zero_and_selection() {
    let stray = "test-corpus/syntax/stray-cr.cfg";
    assert_eq!(haplint(&["check", stray]).status.code(), Some(0));
    assert_eq!(
        haplint(&["check", "--fail-level", "warning", stray])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        haplint(&["check", "--fail-level", "warning", "--exit-zero", stray])
            .status
            .code(),
        Some(0)
    );
    let selected = stdout(&haplint(&[
        "check",
        "--output-format",
        "concise",
        "--select",
        "HAP007",
        stray,
    ]));
    assert_eq!(selected.lines().count(), 1, "{selected}");
    let ignored = stdout(&haplint(&[
        "check",
        "--output-format",
        "concise",
        "--ignore",
        "syntax,suspicious",
        stray,
    ]));
    assert_eq!(ignored, "");
}

#[test]
fn directories_are_walked_and_stdin_is_read() {
    let output = haplint(&["check", "--output-format", "concise", "test-corpus/syntax"]);
    let text = stdout(&output);
    assert!(text.contains("test-corpus/syntax/broken.cfg:"));
    assert!(text.contains("test-corpus/syntax/stray-cr.cfg:"));
    let output = run_with_stdin(
        &[
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "from-stdin.cfg",
            "-",
        ],
        b"global\n    maxcon 10\n",
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("from-stdin.cfg:2:5: error[unknown-keyword]"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn statistics_count_findings_per_rule() {
    let output = haplint(&[
        "check",
        "--output-format",
        "concise",
        "--statistics",
        BROKEN,
    ]);
    let text = stdout(&output);
    assert!(
        text.lines()
            .any(|line| line.trim_start().starts_with("3  HAP003  invalid-variable")),
        "{text}"
    );
}

#[test]
fn a_selector_that_matches_no_rule_is_a_usage_error() {
    let output = haplint(&[
        "check",
        "--select",
        "undefined-backnd",
        "test-corpus/showcase/clean.cfg",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`--select undefined-backnd` matches no rule"),
        "{}",
        stderr(&output)
    );
    let fine = haplint(&[
        "check",
        "--select",
        "HAP1,security,syntax",
        "--ignore",
        "server-without-check",
        "test-corpus/showcase/clean.cfg",
    ]);
    assert_eq!(fine.status.code(), Some(0), "{}", stderr(&fine));
}

/// `haplint server` speaks LSP on standard input and output: a whole
/// session (initialize, shutdown, exit) ends with exit code 0 and nothing
/// but protocol frames on standard output.
#[test]
fn server_answers_on_stdio() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = Command::new(env!("CARGO_BIN_EXE_haplint"))
        .arg("server")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("haplint runs");
    let mut input = child.stdin.take().expect("stdin");
    let mut output = BufReader::new(child.stdout.take().expect("stdout"));
    let mut send = move |body: &str| {
        write!(input, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        input.flush().expect("flush");
    };
    // Like a real client, wait for each answer before the next request.
    let mut receive = || {
        let mut length = 0;
        loop {
            let mut line = String::new();
            output.read_line(&mut line).expect("read");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let value = line.strip_prefix("Content-Length: ");
            length = value.and_then(|value| value.parse().ok()).expect(line);
        }
        let mut body = vec![0; length];
        output.read_exact(&mut body).expect("body");
        String::from_utf8(body).expect("UTF-8")
    };
    send(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    let initialized = receive();
    assert!(
        initialized.contains(r#""positionEncoding":"utf-16""#),
        "{initialized}"
    );
    send(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
    send(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#);
    let mut answer = receive();
    // The server may first ask to watch `haplint.toml`.
    if answer.contains("client/registerCapability") {
        answer = receive();
    }
    assert!(answer.contains(r#""id":2"#), "{answer}");
    send(r#"{"jsonrpc":"2.0","method":"exit"}"#);
    drop(send);
    let status = child.wait().expect("exit");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn directory_walks_follow_include_and_exclude_of_haplint_toml() {
    let dir = scratch("walk-filter");
    for sub in ["conf.d", "vendor/deep", "legacy"] {
        std::fs::create_dir_all(dir.join(sub)).expect("create dirs");
    }
    let config = "global\n    nbproc 2\n";
    for file in [
        "haproxy.cfg",
        "conf.d/10-web.conf",
        "conf.d/notes.txt",
        "vendor/deep/v.cfg",
        "legacy/old.cfg",
    ] {
        std::fs::write(dir.join(file), config).expect("write config");
    }
    std::fs::write(
        dir.join("haplint.toml"),
        "include = [\"*.cfg\", \"conf.d/*.conf\"]\nexclude = [\"vendor\", \"legacy/**\"]\n",
    )
    .expect("write settings");
    let output = haplint_in(&dir, &["check", "--output-format", "concise", "."]);
    let text = stdout(&output);
    let files: std::collections::BTreeSet<&str> = text
        .lines()
        .filter_map(|line| line.split(':').next())
        .collect();
    assert_eq!(
        files,
        ["./conf.d/10-web.conf", "./haproxy.cfg"]
            .into_iter()
            .collect(),
        "{text}"
    );
    // A file named on the command line is checked whatever the patterns say.
    let output = haplint_in(
        &dir,
        &["check", "--output-format", "concise", "legacy/old.cfg"],
    );
    assert!(
        stdout(&output).contains("legacy/old.cfg:2:5"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn rule_names_in_haplint_toml_must_exist() {
    let dir = scratch("unknown-rule-in-settings");
    std::fs::write(dir.join("a.cfg"), "global\n    maxconn 10\n").expect("write config");
    std::fs::write(
        dir.join("haplint.toml"),
        "ignore = [\"missing-stats-socket\", \"no-such-rule\"]\n[severity]\nmissing-timout = \"error\"\n",
    )
    .expect("write settings");
    let output = haplint_in(&dir, &["check", "--output-format", "concise", "a.cfg"]);
    let text = stdout(&output);
    assert!(
        text.contains("haplint.toml:1:35: error[invalid-config] `no-such-rule` matches no rule"),
        "{text}"
    );
    assert!(
        text.contains("haplint.toml:3:1: error[invalid-config] `missing-timout` matches no rule"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(2));
}
