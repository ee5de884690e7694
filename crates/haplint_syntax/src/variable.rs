//! Environment variable references inside double quotes, scanned the way
//! HAProxy's `parse_line()` does it (2.2+ syntax).
//!
//! ```text
//! var  := '$' name | '${' name [ '[*]' ] [ '-' default ] '}'
//! name := ( ALPHA | '_' ) ( ALNUM | '_' )* | '.LINE' | '.FILE' | '.SECTION'
//! ```

/// The pseudo-variables HAProxy defines itself (2.4+).
pub const PSEUDO_VARIABLES: [&str; 3] = [".LINE", ".FILE", ".SECTION"];

/// Why a variable reference is malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariableError {
    /// The name starts with something other than a letter, `_` or `.`.
    ForbiddenFirstChar,
    /// `${.NAME}` with a pseudo-variable HAProxy does not know.
    UnknownPseudoVariable,
    /// `[` after the name that is not exactly `[*]`.
    BadWordExpansion,
    /// `${` without its `}`.
    UnmatchedBrace,
}

impl VariableError {
    pub fn message(self) -> &'static str {
        match self {
            Self::ForbiddenFirstChar => {
                "forbidden first character in environment variable name: it must be a letter, `_` or `.`"
            }
            Self::UnknownPseudoVariable => {
                "unknown pseudo-variable: only `.LINE`, `.FILE` and `.SECTION` exist"
            }
            Self::BadWordExpansion => {
                "invalid word expansion: only `[*]` may follow a variable name"
            }
            Self::UnmatchedBrace => "unmatched brace in environment variable reference",
        }
    }
}

/// The result of scanning one variable reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VariableScan {
    /// Bytes consumed after the `$`. On error, the scan stops before the
    /// offending character so the rest of the string still lexes.
    pub len_after_dollar: usize,
    /// The error and the byte offset, from the `$`, of the character at fault.
    pub error: Option<(VariableError, usize)>,
}

/// The parts of a well-formed reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VariableParts<'a> {
    pub name: &'a str,
    /// `${NAME[*]}`: the value is split into several words.
    pub word_expansion: bool,
    /// `${NAME-default}`: used only when the variable is unset.
    pub default: Option<&'a str>,
}

/// Scans a reference; `rest` is the text right after the `$`.
pub fn scan_variable(rest: &str) -> VariableScan {
    let bytes = rest.as_bytes();
    let fail = |len: usize, error: VariableError, at: usize| VariableScan {
        len_after_dollar: len,
        error: Some((error, at + 1)),
    };
    let braced = bytes.first() == Some(&b'{');
    let mut i = usize::from(braced);
    match bytes.get(i) {
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' || *c == b'.' => {}
        _ => return fail(i, VariableError::ForbiddenFirstChar, i),
    }
    let name_start = i;
    if bytes[i] == b'.' {
        i += 1;
    }
    while bytes
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    {
        i += 1;
    }
    if bytes[name_start] == b'.' && !PSEUDO_VARIABLES.contains(&&rest[name_start..i]) {
        return fail(i, VariableError::UnknownPseudoVariable, name_start);
    }
    if !braced {
        return VariableScan {
            len_after_dollar: i,
            error: None,
        };
    }
    if bytes.get(i) == Some(&b'[') {
        if bytes.get(i + 1) == Some(&b'*') && bytes.get(i + 2) == Some(&b']') {
            i += 3;
        } else {
            return fail(i, VariableError::BadWordExpansion, i);
        }
    }
    match bytes.get(i) {
        Some(b'}') => i += 1,
        Some(b'-') => {
            // The default runs to the next `}`, across quotes if need be.
            let default_end = bytes[i..]
                .iter()
                .position(|c| matches!(c, b'}' | b'\n' | b'\r' | 0))
                .map(|offset| i + offset);
            match default_end {
                Some(end) if bytes[end] == b'}' => i = end + 1,
                _ => return fail(i, VariableError::UnmatchedBrace, 0),
            }
        }
        _ => return fail(i, VariableError::UnmatchedBrace, 0),
    }
    VariableScan {
        len_after_dollar: i,
        error: None,
    }
}

/// Splits a well-formed reference (`$NAME`, `${NAME[*]-default}`) into its parts.
pub fn variable_parts(reference: &str) -> Option<VariableParts<'_>> {
    let rest = reference.strip_prefix('$')?;
    let Some(inner) = rest.strip_prefix('{') else {
        return Some(VariableParts {
            name: rest,
            word_expansion: false,
            default: None,
        });
    };
    let inner = inner.strip_suffix('}')?;
    let (head, default) = match inner.find('-') {
        Some(dash) => (&inner[..dash], Some(&inner[dash + 1..])),
        None => (inner, None),
    };
    let (name, word_expansion) = match head.strip_suffix("[*]") {
        Some(name) => (name, true),
        None => (head, false),
    };
    Some(VariableParts {
        name,
        word_expansion,
        default,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(rest: &str) -> Option<(VariableError, usize)> {
        scan_variable(rest).error
    }

    #[test]
    fn well_formed_references() {
        for (rest, len) in [
            ("FOO", 3),
            ("FOO-bar", 3),
            ("{FOO}x", 5),
            ("{A[*]}", 6),
            ("{A-x\" y}", 8),
            ("{.LINE}", 7),
            ("_1", 2),
        ] {
            assert_eq!(
                scan_variable(rest),
                VariableScan {
                    len_after_dollar: len,
                    error: None
                },
                "{rest}"
            );
        }
    }

    #[test]
    fn errors_point_where_haproxy_points() {
        // Offsets count from the `$`.
        assert_eq!(error_of("5"), Some((VariableError::ForbiddenFirstChar, 1)));
        assert_eq!(error_of("{FOO\""), Some((VariableError::UnmatchedBrace, 1)));
        assert_eq!(
            error_of("{FOO[1]}"),
            Some((VariableError::BadWordExpansion, 5))
        );
        assert_eq!(
            error_of("{EMPTY:-d}"),
            Some((VariableError::UnmatchedBrace, 1))
        );
        assert_eq!(
            error_of("{.NOPE}"),
            Some((VariableError::UnknownPseudoVariable, 2))
        );
        assert_eq!(error_of(""), Some((VariableError::ForbiddenFirstChar, 1)));
    }

    #[test]
    fn parts() {
        assert_eq!(
            variable_parts("${A[*]-x-y}"),
            Some(VariableParts {
                name: "A",
                word_expansion: true,
                default: Some("x-y")
            })
        );
        assert_eq!(
            variable_parts("$B"),
            Some(VariableParts {
                name: "B",
                word_expansion: false,
                default: None
            })
        );
    }
}
