//! `haplint check -f a.cfg -f conf.d/`: several files as one configuration.

mod support;

use std::path::Path;

use support::{haplint, haplint_in, scratch, stderr, stdout};

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("directory");
    }
    std::fs::write(path, text).expect("write");
}

#[test]
fn names_resolve_across_the_files_of_a_set() {
    let dir = scratch("config-set");
    write(
        &dir.join("global.cfg"),
        "global\n    stats socket /run/haproxy.sock mode 600 level admin\ndefaults\n    mode http\n    timeout client 30s\n    timeout server 30s\n    timeout connect 5s\n",
    );
    write(
        &dir.join("conf.d/20-web.cfg"),
        "frontend web\n    bind :80\n    use_backend app if { path_beg /app }\n    default_backend static\n",
    );
    write(
        &dir.join("conf.d/30-app.cfg"),
        "backend app\n    server a1 10.0.0.1:80 check\nbackend static\n    server s1 10.0.0.2:80 check\nbackend app\n    server a2 10.0.0.3:80 check\n",
    );
    // A directory nested in conf.d is not read (HAProxy does not recurse).
    write(&dir.join("conf.d/old/10-broken.cfg"), "frontend \"broken\n");
    let global = dir.join("global.cfg");
    let conf_d = dir.join("conf.d");
    let args = [
        "check",
        "--output-format",
        "concise",
        "-f",
        global.to_str().expect("UTF-8"),
        "-f",
        conf_d.to_str().expect("UTF-8"),
    ];
    let output = haplint(&args);
    let text = stdout(&output);
    // Defaults and backends come from the other files: only the duplicate is left.
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("30-app.cfg:5:9: error[duplicate-name]"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));

    // The same file alone misses what the others define.
    let alone = haplint(&[
        "check",
        "--output-format",
        "concise",
        dir.join("conf.d/20-web.cfg").to_str().expect("UTF-8"),
    ]);
    assert!(
        stdout(&alone).contains("error[undefined-backend]"),
        "{}",
        stdout(&alone)
    );
}

#[test]
fn a_missing_set_file_is_reported_and_the_rest_still_checked() {
    let output = haplint(&[
        "check",
        "--output-format",
        "concise",
        "-f",
        "no/such.cfg",
        "-f",
        "test-corpus/syntax/broken.cfg",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot read `no/such.cfg`"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).contains("broken.cfg:4:17: error[unmatched-quote]"));
}

#[test]
fn per_file_ignores_match_however_the_path_is_written() {
    let dir = scratch("per-file-ignores");
    write(
        &dir.join("haplint.toml"),
        "[per-file-ignores]\n\"legacy/*.cfg\" = [\"missing-timeout\"]\n",
    );
    write(&dir.join("legacy/a.cfg"), "frontend fe\n    bind :80\n");
    let ran_in = |cwd: &Path, path: &str| {
        stdout(&haplint_in(
            cwd,
            &["check", "--output-format", "concise", path],
        ))
    };
    for (cwd, path) in [
        (dir.clone(), "legacy/a.cfg"),
        (dir.clone(), "./legacy/a.cfg"),
        (dir.join("legacy"), "a.cfg"),
        (dir.join("legacy"), "../legacy/a.cfg"),
    ] {
        let text = ran_in(&cwd, path);
        assert!(
            !text.contains("missing-timeout"),
            "{path} from {}: {text}",
            cwd.display()
        );
    }
    let parent = dir.parent().expect("parent");
    let text = ran_in(parent, "per-file-ignores/legacy/a.cfg");
    assert!(!text.contains("missing-timeout"), "{text}");
}
