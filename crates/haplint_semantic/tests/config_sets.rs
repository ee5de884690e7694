//! Several files loaded together, as `haproxy -f a.cfg -f conf.d/` does.

use std::path::Path;

use haplint_semantic::{ConfigSet, FileId, Options, Version, analyze, directory_files};

fn set_of(files: &[(&str, &str)]) -> ConfigSet {
    let mut set = ConfigSet::new();
    for (path, text) in files {
        set.add(Path::new(path), text.as_bytes());
    }
    set
}

#[test]
fn references_resolve_across_files() {
    let set = set_of(&[
        (
            "frontend.cfg",
            "frontend fe\n    mode http\n    bind :80\n    default_backend be\n",
        ),
        (
            "backend.cfg",
            "backend be\n    mode http\n    server s1 127.0.0.1:80\n",
        ),
    ]);
    let analysis = analyze(
        &set,
        &Options {
            target: Version::new(2, 6),
            ..Options::default()
        },
    );
    assert!(
        analysis.diagnostics.is_empty(),
        "{:?}",
        analysis.diagnostics
    );
}

#[test]
fn duplicates_across_files_point_at_the_first_file() {
    let set = set_of(&[
        ("a.cfg", "backend be\n    server s1 127.0.0.1:80\n"),
        ("b.cfg", "backend be\n    server s1 127.0.0.1:81\n"),
    ]);
    let analysis = analyze(
        &set,
        &Options {
            target: Version::new(2, 6),
            ..Options::default()
        },
    );
    assert_eq!(analysis.diagnostics.len(), 1, "{:?}", analysis.diagnostics);
    let diagnostic = &analysis.diagnostics[0];
    assert_eq!(diagnostic.rule.name(), "duplicate-name");
    assert_eq!(diagnostic.file, FileId(1));
    assert_eq!(diagnostic.related[0].file, FileId(0));
}

#[test]
fn a_section_does_not_carry_over_to_the_next_file() {
    let set = set_of(&[
        ("a.cfg", "global\n    daemon\n"),
        ("b.cfg", "    maxconn 100\n"),
    ]);
    let analysis = analyze(
        &set,
        &Options {
            target: Version::new(2, 6),
            ..Options::default()
        },
    );
    let rules: Vec<(&str, FileId)> = analysis
        .diagnostics
        .iter()
        .map(|diagnostic| (diagnostic.rule.name(), diagnostic.file))
        .collect();
    assert_eq!(rules, vec![("keyword-out-of-section", FileId(1))]);
}

#[test]
fn directories_load_their_cfg_files_in_lexical_order() {
    let dir = std::env::temp_dir().join(format!("haplint-set-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for name in ["20-backends.cfg", "10-frontends.cfg", "notes.txt", "B.cfg"] {
        std::fs::write(dir.join(name), "").expect("write");
    }
    let names: Vec<String> = directory_files(&dir)
        .expect("readable")
        .iter()
        .filter_map(|path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(names, vec!["10-frontends.cfg", "20-backends.cfg", "B.cfg"]);
}
