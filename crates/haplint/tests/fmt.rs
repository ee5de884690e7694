//! `haplint fmt`: writing, `--check`, `--diff`, standard input, settings,
//! symbolic links and refusals.

#![cfg(unix)]

mod support;

use std::os::unix::fs::PermissionsExt;

use support::{haplint, haplint_in, path_arg, run_with_stdin, scratch, stderr, stdout};

const UGLY: &str =
    "frontend  www\n  bind   :80\n\n\n\n  mode http\nbackend b\n server s 10.0.0.1:80\n";
const PRETTY: &str =
    "frontend www\n    bind :80\n\n    mode http\n\nbackend b\n    server s 10.0.0.1:80\n";

#[test]
fn writes_only_what_changes_and_keeps_the_mode() {
    let dir = scratch("fmt-write");
    let ugly = dir.join("ugly.cfg");
    let pretty = dir.join("pretty.cfg");
    std::fs::write(&ugly, UGLY).expect("write");
    std::fs::write(&pretty, PRETTY).expect("write");
    std::fs::set_permissions(&ugly, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let before = std::fs::metadata(&pretty)
        .expect("meta")
        .modified()
        .expect("mtime");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let output = haplint(&["fmt", path_arg(&dir)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&ugly).expect("read"), PRETTY);
    let mode = std::fs::metadata(&ugly).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let after = std::fs::metadata(&pretty)
        .expect("meta")
        .modified()
        .expect("mtime");
    assert_eq!(before, after, "an unchanged file is not rewritten");
}

#[test]
fn check_lists_the_files_that_would_change() {
    let dir = scratch("fmt-check");
    std::fs::write(dir.join("ugly.cfg"), UGLY).expect("write");
    std::fs::write(dir.join("pretty.cfg"), PRETTY).expect("write");
    let output = haplint(&["fmt", "--check", path_arg(&dir)]);
    assert_eq!(output.status.code(), Some(1));
    let listed = stdout(&output);
    assert!(
        listed.contains("ugly.cfg") && !listed.contains("pretty.cfg"),
        "{listed}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("ugly.cfg")).expect("read"),
        UGLY
    );
    let clean = haplint(&["fmt", "--check", path_arg(&dir.join("pretty.cfg"))]);
    assert_eq!(clean.status.code(), Some(0));
}

#[test]
fn diff_prints_a_unified_diff() {
    let dir = scratch("fmt-diff");
    let file = dir.join("ugly.cfg");
    std::fs::write(&file, UGLY).expect("write");
    let output = haplint(&["fmt", "--diff", path_arg(&file)]);
    assert_eq!(output.status.code(), Some(1));
    let diff = stdout(&output);
    assert!(
        diff.contains("-  bind   :80\n") && diff.contains("+    bind :80\n"),
        "{diff}"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), UGLY);
}

#[test]
fn standard_input_goes_to_standard_output() {
    let output = run_with_stdin(&["fmt", "-"], UGLY.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), PRETTY);
    // A file with syntax errors comes back unchanged, with the reason.
    let broken = "frontend f\n  acl a \"open\n";
    let output = run_with_stdin(&["fmt", "-"], broken.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), broken);
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
}

#[test]
fn settings_apply_by_stdin_filename() {
    let dir = scratch("fmt-settings");
    std::fs::write(dir.join("haplint.toml"), "[format]\nindent-width = 2\n").expect("write");
    let name = dir.join("x.cfg");
    let output = run_with_stdin(
        &["fmt", "--stdin-filename", path_arg(&name), "-"],
        b"frontend f\nbind :80\n",
    );
    assert_eq!(stdout(&output), "frontend f\n  bind :80\n");
}

#[test]
fn invalid_settings_are_reported_where_written() {
    let dir = scratch("fmt-bad-settings");
    std::fs::write(
        dir.join("haplint.toml"),
        "[format]\nindent-width = 2\nindent-size = 4\n",
    )
    .expect("write");
    std::fs::write(dir.join("a.cfg"), PRETTY).expect("write");
    let output = haplint_in(&dir, &["fmt", "a.cfg"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("haplint.toml:3:1: unknown format option `indent-size`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn symbolic_links_are_written_through_inside_the_tree_only() {
    let dir = scratch("fmt-links");
    let tree = dir.join("tree");
    let outside = dir.join("outside");
    std::fs::create_dir_all(&tree).expect("mkdir");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(tree.join("real.cfg"), UGLY).expect("write");
    std::os::unix::fs::symlink("real.cfg", tree.join("link.cfg")).expect("link");
    let output = haplint(&["fmt", path_arg(&tree.join("link.cfg"))]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        std::fs::symlink_metadata(tree.join("link.cfg"))
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(tree.join("real.cfg")).expect("read"),
        PRETTY
    );

    std::fs::write(outside.join("secret.cfg"), UGLY).expect("write");
    std::os::unix::fs::symlink(outside.join("secret.cfg"), tree.join("out.cfg")).expect("link");
    let output = haplint(&["fmt", path_arg(&tree)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("outside"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(outside.join("secret.cfg")).expect("read"),
        UGLY
    );
}

#[test]
fn syntax_errors_refuse_unless_forced() {
    let dir = scratch("fmt-broken");
    let file = dir.join("broken.cfg");
    let broken = "frontend  f\n  acl a \"open\n  bind   :80\n";
    std::fs::write(&file, broken).expect("write");
    let output = haplint(&["fmt", path_arg(&file)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("line 2: unmatched quote"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), broken);
    let output = haplint(&["fmt", "--force", path_arg(&file)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "frontend f\n  acl a \"open\n    bind :80\n"
    );
}

#[test]
fn a_missing_final_newline_is_added_with_a_note() {
    let dir = scratch("fmt-final-newline");
    let file = dir.join("last.cfg");
    std::fs::write(&file, "frontend f\n  bind :80").expect("write");
    let output = haplint(&["fmt", path_arg(&file)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("newline it lacked"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "frontend f\n    bind :80\n"
    );
}

#[test]
fn missing_file_is_trouble() {
    let output = haplint(&["fmt", "/nonexistent/haplint-fmt.cfg"]);
    assert_eq!(output.status.code(), Some(2));
}
