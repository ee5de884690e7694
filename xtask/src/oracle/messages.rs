//! Reads HAProxy's `[ALERT]` and `[WARNING]` lines out of `haproxy -c` output.

/// How loud HAProxy was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Warning,
    Alert,
}

/// One message, continuation lines (`   | ...`) folded into `text`.
#[derive(Debug, Clone)]
pub struct Message {
    pub level: Level,
    /// `parsing [FILE:LINE]`, when HAProxy gave a location.
    pub location: Option<(String, usize)>,
    /// The text after the location (or after `config :`).
    pub text: String,
}

impl Message {
    /// Trailers that only repeat that something failed earlier.
    pub fn is_summary(&self) -> bool {
        const SUMMARIES: [&str; 3] = [
            "Fatal errors found in configuration",
            "Error(s) found in configuration file",
            "Failed to initialize server(s) addr",
        ];
        SUMMARIES
            .iter()
            .any(|summary| self.text.starts_with(summary))
    }
}

/// Every ALERT and WARNING of `output`, in order.
pub fn parse(output: &str) -> Vec<Message> {
    let mut messages: Vec<Message> = Vec::new();
    for line in output.lines() {
        if let Some(rest) = line.trim_start().strip_prefix("| ") {
            if let Some(last) = messages.last_mut() {
                last.text.push(' ');
                last.text.push_str(rest.trim());
            }
            continue;
        }
        let (level, rest) = if let Some(rest) = line.strip_prefix("[ALERT]") {
            (Level::Alert, rest)
        } else if let Some(rest) = line.strip_prefix("[WARNING]") {
            (Level::Warning, rest)
        } else {
            continue;
        };
        messages.push(parse_body(level, rest));
    }
    messages
}

/// `   (PID) : config : parsing [f.cfg:12] : text` (the `: ` after the
/// location is sometimes missing its space before).
fn parse_body(level: Level, rest: &str) -> Message {
    let rest = rest.trim_start();
    let rest = match rest.strip_prefix('(') {
        Some(after) => after.split_once(')').map_or(after, |(_, tail)| tail),
        None => rest,
    };
    let rest = rest.trim_start().trim_start_matches(':').trim_start();
    // Messages come from a subsystem: `config`, `Proxy 'x'`...
    let rest = rest.strip_prefix("config :").unwrap_or(rest).trim_start();
    // `parsing [f:1] :`, `Parsing [f:1]:` and plain `[f:1] :` all occur.
    let located = rest
        .strip_prefix("parsing [")
        .or_else(|| rest.strip_prefix("Parsing ["))
        .or_else(|| rest.strip_prefix('['));
    if let Some(after) = located
        && let Some((place, tail)) = after.split_once(']')
        && let Some((file, line)) = place.rsplit_once(':')
        && let Ok(line) = line.parse()
    {
        let text = tail.trim_start().trim_start_matches(':').trim_start();
        return Message {
            level,
            location: Some((file.to_string(), line)),
            text: text.to_string(),
        };
    }
    Message {
        level,
        location: trailing_location(rest),
        text: rest.to_string(),
    }
}

/// `... for bind '127.0.0.1:443' at [f.cfg:9].` or `... (declared at
/// f.cfg:242).`: some checks run after parsing put the location at the end.
fn trailing_location(text: &str) -> Option<(String, usize)> {
    let place = if let Some((_, after)) = text.rsplit_once(" at [") {
        after.split_once(']')?.0
    } else {
        let (_, after) = text.rsplit_once("(declared at ")?;
        after.split_once(')')?.0
    };
    let (file, line) = place.rsplit_once(':')?;
    Some((file.to_string(), line.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_located_and_unlocated_messages_with_continuations() {
        let output = "\
[NOTICE]   (PID) : haproxy version is 2.6.12
[ALERT]    (12) : config : parsing [a.cfg:5]: unknown keyword 'x' out of section.
[WARNING]  (PID) : config : missing timeouts for frontend 'fe'.
   | While not properly invalid,
   | timeouts are set.
[ALERT]    (PID) : config : Proxy 'fe': unable to set SSL cipher list to 'X' for bind ':1' at [b.cfg:9].
[WARNING]  (PID) : config : Proxy 'be1': L6 sample fetches ignored on HTTP proxies (declared at c.cfg:13).
[ALERT]    (PID) : config : Fatal errors found in configuration.
";
        let messages = parse(output);
        assert_eq!(messages.len(), 5);
        assert_eq!(messages[3].location, Some(("c.cfg".to_string(), 13)));
        assert_eq!(messages[2].location, Some(("b.cfg".to_string(), 9)));
        assert_eq!(messages[0].level, Level::Alert);
        assert_eq!(messages[0].location, Some(("a.cfg".to_string(), 5)));
        assert_eq!(messages[0].text, "unknown keyword 'x' out of section.");
        assert_eq!(messages[1].location, None);
        assert_eq!(
            messages[1].text,
            "missing timeouts for frontend 'fe'. While not properly invalid, timeouts are set."
        );
        assert!(messages[4].is_summary());
        assert!(!messages[0].is_summary());
    }
}
