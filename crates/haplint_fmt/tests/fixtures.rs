//! One fixture per rule of the style: `NAME.cfg` formats to `NAME.out`,
//! with the options of `NAME.options` (`key = value` lines) if present.
//! `UPDATE_FIXTURES=1` rewrites the `.out` files.

use std::path::Path;

use haplint_fmt::{FormatOptions, IndentStyle, LineEnding, format};

fn options_from(text: &str) -> FormatOptions {
    let mut options = FormatOptions::default();
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let (key, value) = line.split_once('=').expect("key = value");
        let (key, value) = (key.trim(), value.trim());
        match key {
            "indent-width" => options.indent_width = value.parse().expect("number"),
            "indent-style" => {
                options.indent_style = if value == "tabs" {
                    IndentStyle::Tabs
                } else {
                    IndentStyle::Spaces
                };
            }
            "align-arguments" => options.align_arguments = value == "true",
            "max-blank-lines" => options.max_blank_lines = value.parse().expect("number"),
            "blank-lines-between-sections" => {
                options.blank_lines_between_sections = value.parse().expect("number");
            }
            "indent-conditional-blocks" => options.indent_conditional_blocks = value == "true",
            "line-ending" => {
                options.line_ending = if value == "lf" {
                    LineEnding::Lf
                } else {
                    LineEnding::Keep
                };
            }
            "force" => {}
            other => panic!("unknown fixture option {other}"),
        }
    }
    options
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .filter_map(|entry| {
            let path = entry.expect("entry").path();
            if path.extension()? == "cfg" {
                Some(path.file_stem()?.to_string_lossy().into_owned())
            } else {
                None
            }
        })
        .collect();
    names.sort();
    assert!(names.len() >= 10, "fixtures missing");
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    for name in names {
        let input = std::fs::read_to_string(dir.join(format!("{name}.cfg"))).expect("input");
        let options_text =
            std::fs::read_to_string(dir.join(format!("{name}.options"))).unwrap_or_default();
        let force = options_text.contains("force = true");
        let options = options_from(&options_text);
        let output = format(&input, &options, force).expect("formats");
        let again = format(&output.text, &options, force).expect("formats again");
        assert_eq!(again.text, output.text, "{name}: not idempotent");
        let expected_path = dir.join(format!("{name}.out"));
        if update {
            std::fs::write(&expected_path, &output.text).expect("write");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != output.text {
            failures.push(format!(
                "{name}:\n--- expected\n{expected}\n--- got\n{}",
                output.text
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
