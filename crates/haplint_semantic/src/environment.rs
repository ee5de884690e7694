//! The environment HAProxy will be started with, when the user gives it
//! (`--env`, `--env-file`, `env` in `haplint.toml`, the editor's settings).
//! With it, `"${VAR}"` references are evaluated the way HAProxy evaluates
//! them and the resulting words are checked like literal ones; without it,
//! their values are unknown and never the cause of an error.

use std::collections::BTreeMap;

/// Variable names and their values. A name that is absent is unset, which
/// HAProxy treats differently from a name set to the empty string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    variables: BTreeMap<String, String>,
}

impl Environment {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name`; a later value replaces an earlier one, as in a shell.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.variables.insert(name.into(), value.into());
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.variables.get(name).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.variables.is_empty()
    }

    pub fn len(&self) -> usize {
        self.variables.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.variables
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }

    /// Adds every variable of `other`, which wins over what is set here.
    pub fn extend(&mut self, other: &Self) {
        for (name, value) in other.iter() {
            self.set(name, value);
        }
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Environment {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut environment = Self::new();
        for (name, value) in iter {
            environment.set(name, value);
        }
        environment
    }
}

/// HAProxy sets `HAPROXY_LOCALPEER`, `HAPROXY_CFGFILES`, `HAPROXY_BRANCH`,
/// `HAPROXY_HTTP_LOG_FMT` and others itself while it starts: unless the
/// user set such a name, its value is unknown rather than unset.
pub fn set_by_haproxy(name: &str) -> bool {
    name.starts_with("HAPROXY_")
}

/// A variable HAProxy sets itself, not given by the user: its value is
/// unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unknown;

impl Environment {
    /// The value of `name` (`None`: unset), or [`Unknown`] for a name
    /// HAProxy sets itself that the user did not give.
    pub fn lookup(&self, name: &str) -> Result<Option<&str>, Unknown> {
        match self.get(name) {
            None if set_by_haproxy(name) => Err(Unknown),
            found => Ok(found),
        }
    }
}

/// Whether HAProxy can refer to `name` (`$NAME`, `${NAME}`): a letter or
/// `_`, then letters, digits and `_`. Other names may be set, but no
/// configuration can read them.
pub fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Reads `NAME=VALUE` (the value may be empty, and may hold `=`).
pub fn parse_assignment(text: &str) -> Result<(String, String), String> {
    let Some((name, value)) = text.split_once('=') else {
        return Err(format!("`{text}` is not NAME=VALUE"));
    };
    if !is_variable_name(name) {
        return Err(format!(
            "`{name}` is not a variable name HAProxy can expand: a letter or `_`, then letters, digits or `_`"
        ));
    }
    Ok((name.to_owned(), value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignments() {
        assert_eq!(
            parse_assignment("PORT=8080"),
            Ok(("PORT".to_owned(), "8080".to_owned()))
        );
        assert_eq!(
            parse_assignment("EMPTY="),
            Ok(("EMPTY".to_owned(), String::new()))
        );
        assert_eq!(
            parse_assignment("A=b=c"),
            Ok(("A".to_owned(), "b=c".to_owned()))
        );
        assert!(parse_assignment("NOVALUE").is_err());
        assert!(parse_assignment("1X=a").is_err());
        assert!(parse_assignment("=a").is_err());
        assert!(parse_assignment("A-B=a").is_err());
    }

    #[test]
    fn later_values_win() {
        let mut environment: Environment = [("A", "1"), ("B", "2")].into_iter().collect();
        environment.extend(&[("A", "3")].into_iter().collect());
        assert_eq!(environment.get("A"), Some("3"));
        assert_eq!(environment.get("B"), Some("2"));
        assert_eq!(environment.get("C"), None);
    }
}
