//! Configurations checked with and without the environment HAProxy runs
//! with: each expectation is what HAProxy 2.6.12, 2.8.25, 3.0.11, 3.2.26
//! and 3.4.7 did with `env -i VAR=... haproxy -c`.

use std::path::Path;

use haplint_semantic::{ConfigSet, Environment, Options, Severity, Version, analyze};

fn findings(
    text: &str,
    version: Version,
    environment: Option<&[(&str, &str)]>,
) -> Vec<(usize, &'static str, String)> {
    let set = ConfigSet::single(Path::new("test.cfg"), text.as_bytes());
    let options = Options {
        target: version,
        environment: environment.map(|pairs| pairs.iter().copied().collect::<Environment>()),
        ..Options::default()
    };
    analyze(&set, &options)
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let line = text[..usize::from(diagnostic.range.start())]
                .matches('\n')
                .count()
                + 1;
            let severity = if diagnostic.severity == Severity::Error {
                "error"
            } else {
                "warning"
            };
            (line, severity, diagnostic.message.clone())
        })
        .collect()
}

fn lines(found: &[(usize, &'static str, String)]) -> Vec<(usize, &'static str)> {
    found
        .iter()
        .map(|(line, severity, _)| (*line, *severity))
        .collect()
}

const V26: Version = Version::new(2, 6);
const V28: Version = Version::new(2, 8);
const V32: Version = Version::new(3, 2);
const V34: Version = Version::new(3, 4);

const BINDS: &str = "frontend f\n    bind \":${PORT}\"\n    bind :$PORT2\n    default_backend b\nbackend b\n    server s1 127.0.0.1:80\n";

#[test]
fn addresses_are_unknown_without_an_environment() {
    for version in [V26, V32, V34] {
        assert_eq!(findings(BINDS, version, None), vec![]);
    }
}

#[test]
fn addresses_are_checked_with_an_environment() {
    let good = [("PORT", "8080"), ("PORT2", "8081")];
    assert_eq!(findings(BINDS, V32, Some(&good)), vec![]);
    // HAProxy: "invalid character 'a' in port number 'abc' in ':abc'", and
    // for the unquoted one, expanded by str2sa_range(), in ':${PORT2}'.
    let bad = [("PORT", "abc"), ("PORT2", "x")];
    assert_eq!(
        lines(&findings(BINDS, V32, Some(&bad))),
        vec![(2, "error"), (3, "error")]
    );
    // Unset: "missing port specification in ':'".
    assert_eq!(
        lines(&findings(BINDS, V26, Some(&[]))),
        vec![(2, "error"), (3, "error")]
    );
}

const WEIGHT: &str = "backend b\n    server s1 127.0.0.1:80 \"$X\" weight 300\n";

#[test]
fn an_unset_variable_by_version() {
    // 2.6 and 3.4 see an empty word and ignore `weight 300` (2.6 silently,
    // which haplint warns about); 3.4 refuses the empty word itself. 2.8 to
    // 3.2 drop the word and read the weight.
    assert_eq!(
        lines(&findings(WEIGHT, V26, Some(&[]))),
        vec![(2, "warning")]
    );
    assert_eq!(lines(&findings(WEIGHT, V28, Some(&[]))), vec![(2, "error")]);
    assert_eq!(lines(&findings(WEIGHT, V32, Some(&[]))), vec![(2, "error")]);
    assert_eq!(lines(&findings(WEIGHT, V34, Some(&[]))), vec![(2, "error")]);
    let found = findings(WEIGHT, V34, Some(&[]));
    assert!(found[0].2.contains("argument 3 is empty"), "{found:?}");
}

#[test]
fn an_empty_variable_ends_the_line() {
    let empty = [("X", "")];
    // Before 3.2 HAProxy drops `weight 300` without a word: a warning.
    for version in [V26, V28] {
        let found = findings(WEIGHT, version, Some(&empty));
        assert_eq!(lines(&found), vec![(2, "warning")]);
        assert!(found[0].2.contains("ignores the 2 words"), "{found:?}");
    }
    assert_eq!(
        lines(&findings(WEIGHT, V32, Some(&empty))),
        vec![(2, "warning")]
    );
    assert_eq!(
        lines(&findings(WEIGHT, V34, Some(&empty))),
        vec![(2, "error")]
    );
    let set = [("X", "check")];
    assert_eq!(
        lines(&findings(WEIGHT, V26, Some(&set))),
        vec![(2, "error")]
    );
}

#[test]
fn word_expansion_makes_several_words() {
    let text = "backend b\n    server s1 127.0.0.1:80 \"${OPTS[*]}\"\n";
    let options = [("OPTS", "check weight 300")];
    assert_eq!(
        lines(&findings(text, V32, Some(&options))),
        vec![(2, "error")]
    );
    // Without an environment the words are unknown: no error.
    assert_eq!(lines(&findings(text, V32, None)), vec![]);
    // 3.4: `"${OPTS[*]}"` that expands to nothing is no word at all.
    assert_eq!(lines(&findings(text, V34, Some(&[("OPTS", "")]))), vec![]);
}

#[test]
fn conditions_read_the_environment() {
    let text = ".if defined(ON)\nbackend b\n    timeout server 30x\n.endif\n.if streq(\"$MODE\",prod)\nbackend c\n    timeout server 31x\n.endif\n";
    assert_eq!(
        lines(&findings(text, V32, None)),
        vec![(3, "error"), (7, "error")]
    );
    assert_eq!(lines(&findings(text, V32, Some(&[]))), vec![]);
    assert_eq!(
        lines(&findings(text, V32, Some(&[("ON", ""), ("MODE", "prod")]))),
        vec![(3, "error"), (7, "error")]
    );
    assert_eq!(
        lines(&findings(text, V32, Some(&[("MODE", "dev")]))),
        vec![]
    );
}

#[test]
fn a_message_split_into_several_words_is_refused() {
    // HAProxy 2.8 to 3.4: "Unexpected argument 'b' for '.notice'".
    let text = "global\n    .notice \"${LIST[*]}\"\n";
    assert_eq!(lines(&findings(text, V32, None)), vec![]);
    let found = findings(text, V32, Some(&[("LIST", "a b  c")]));
    assert_eq!(lines(&found), vec![(2, "error")]);
    assert!(found[0].2.contains("`b` of `.notice`"), "{found:?}");
    assert_eq!(
        lines(&findings(text, V32, Some(&[("LIST", "one")]))),
        vec![]
    );
    // `"${NONE[*]}"` unset: no word, or an empty one that ends the line.
    let unset = "global\n    .notice \"x\" \"${NONE[*]}\"\n";
    for version in [V26, V28, V32, V34] {
        assert_eq!(lines(&findings(unset, version, Some(&[]))), vec![]);
    }
}

#[test]
fn a_mode_from_a_variable_is_unknown_without_an_environment() {
    let text = "frontend f\n    mode http\n    bind :80\n    http-request deny if { path /x }\n    default_backend b\nbackend b\n    mode \"${MODE}\"\n    server s1 127.0.0.1:80\n";
    assert_eq!(lines(&findings(text, V32, None)), vec![]);
    // HAProxy: "http frontend 'f' tries to use incompatible tcp backend 'b'".
    assert_eq!(
        lines(&findings(text, V32, Some(&[("MODE", "tcp")]))),
        vec![(5, "error")]
    );
    assert_eq!(
        lines(&findings(text, V32, Some(&[("MODE", "http")]))),
        vec![]
    );
}
