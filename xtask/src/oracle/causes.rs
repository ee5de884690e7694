//! Whether a message is the environment's doing, judged with what the rest
//! of the output and the configuration's own lines say (`category` judges
//! one message's words alone).
//!
//! - A line that expands a variable (`${VAR}`, `"$VAR"`) gets whatever
//!   value the environment had: without `# ORACLE-ENV:` values that is
//!   empty, and what HAProxy then says of the line is about the environment.
//! - A second alert on a line that already had an environment alert is its
//!   consequence (`'filter' : error encountered while processing 'spoe'`
//!   after the SPOE file could not be opened).
//! - `no such ACL : 'x'` after ACL `x` failed to load its pattern file.

use std::collections::BTreeSet;

use super::category::{Category, classify_in, is_lua_load_failure};
use super::messages::{Level, Message};

pub struct Causes {
    lua_failed: bool,
    /// (file name, line) of lines that expand a variable.
    expanding_lines: BTreeSet<(String, usize)>,
    /// (file name, line) of lines with an environment-caused alert.
    environment_lines: BTreeSet<(String, usize)>,
    /// ACLs whose pattern file could not be read.
    failed_acls: Vec<String>,
    /// A configuration file HAProxy was told to read (SPOE...) is missing.
    missing_configuration_file: bool,
}

impl Causes {
    /// `env_given`: the run had `# ORACLE-ENV:` values, so expansions had
    /// the values the case chose and are judged like literal text.
    pub fn new<'t>(
        messages: &[Message],
        texts: impl Iterator<Item = (&'t str, &'t str)>,
        env_given: bool,
    ) -> Self {
        let lua_failed = messages
            .iter()
            .any(|message| is_lua_load_failure(&message.text));
        let mut expanding_lines = BTreeSet::new();
        if !env_given {
            for (name, text) in texts {
                for (index, line) in text.lines().enumerate() {
                    if expands_a_variable(line) {
                        expanding_lines.insert((name.to_owned(), index + 1));
                    }
                }
            }
        }
        let mut causes = Self {
            lua_failed,
            expanding_lines,
            environment_lines: BTreeSet::new(),
            failed_acls: Vec::new(),
            missing_configuration_file: false,
        };
        for message in messages {
            if !classify_in(&message.text, lua_failed).environment {
                continue;
            }
            if let Some(location) = &message.location {
                causes.environment_lines.insert(location.clone());
            }
            if message.text.contains("configuration file") {
                causes.missing_configuration_file = true;
            }
            if let Some(acl) = quoted_after(&message.text, "while parsing ACL '") {
                causes.failed_acls.push(acl.to_owned());
            }
        }
        causes
    }

    pub fn classify(&self, message: &Message) -> Category {
        let category = classify_in(&message.text, self.lua_failed);
        if category.environment {
            return category;
        }
        if let Some(location) = &message.location {
            if self.expanding_lines.contains(location) {
                return Category::environment("value of an environment variable (environment)");
            }
            if message.level == Level::Alert && self.environment_lines.contains(location) {
                return Category::environment("follows an environment problem (environment)");
            }
        }
        // A filter whose own configuration file could not be read.
        if message.text.contains("error encountered while processing")
            && self.missing_configuration_file
        {
            return Category::environment("follows an environment problem (environment)");
        }
        if let Some(acl) = quoted_after(&message.text, "no such ACL : '")
            && self.failed_acls.iter().any(|failed| failed == acl)
        {
            return Category::environment("follows an environment problem (environment)");
        }
        category
    }
}

/// `${VAR}` anywhere, or `$VAR` inside double quotes (HAProxy expands both).
fn expands_a_variable(line: &str) -> bool {
    if line.contains("${") {
        return true;
    }
    let mut in_double_quotes = false;
    let mut previous = ' ';
    for c in line.chars() {
        match c {
            '"' if previous != '\\' => in_double_quotes = !in_double_quotes,
            '$' if in_double_quotes => return true,
            '#' if !in_double_quotes && previous.is_whitespace() => return false,
            _ => {}
        }
        previous = c;
    }
    false
}

/// The text between `prefix` and the next `'`.
fn quoted_after<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = text.split(prefix).nth(1)?;
    rest.split_once('\'').map(|(quoted, _)| quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_expand_variables() {
        assert!(expands_a_variable("    bind :${PORT}"));
        assert!(expands_a_variable(r#"    server s "$HOST":80"#));
        assert!(!expands_a_variable("    server s $HOST:80"));
        assert!(!expands_a_variable(
            r#"    http-request set-var(txn.x) str("a") # "$x""#
        ));
        assert!(!expands_a_variable("    bind :80"));
    }

    #[test]
    fn acl_names_are_read_from_quotes() {
        assert_eq!(
            quoted_after(
                "error detected while parsing ACL 'bad' : failed to open pattern file </x>.",
                "while parsing ACL '"
            ),
            Some("bad")
        );
    }
}
