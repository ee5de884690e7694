//! Durations: `<digits>[us|ms|s|m|h|d]`; a bare number is in milliseconds.

/// The largest timer HAProxy accepts: `INT_MAX` milliseconds (~24.8 days).
pub const MAX_MILLISECONDS: u64 = 2_147_483_647;

/// A parsed duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration {
    pub microseconds: u64,
}

impl Duration {
    pub fn milliseconds(self) -> u64 {
        self.microseconds / 1000
    }
}

/// Why a duration does not parse; offsets are byte offsets in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    /// No digits at the start.
    NotANumber,
    /// An unknown unit starts at this offset.
    BadUnit(usize),
    /// A valid value followed by extra characters HAProxy only warns about.
    TrailingCharacters { value: Duration, at: usize },
    /// Larger than HAProxy's timers can hold.
    Overflow,
}

/// Parses a duration the way HAProxy's `parse_time_err()` does.
pub fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Err(DurationError::NotANumber);
    }
    let number: u64 = text[..digits]
        .parse()
        .map_err(|_| DurationError::Overflow)?;
    let rest = &text[digits..];
    let (unit_len, factor) = if rest.starts_with("us") {
        (2, 1)
    } else if rest.starts_with("ms") {
        (2, 1_000)
    } else if rest.starts_with('s') {
        (1, 1_000_000)
    } else if rest.starts_with('m') {
        (1, 60_000_000)
    } else if rest.starts_with('h') {
        (1, 3_600_000_000)
    } else if rest.starts_with('d') {
        (1, 86_400_000_000)
    } else if rest.is_empty() {
        (0, 1_000)
    } else {
        return Err(DurationError::BadUnit(digits));
    };
    let microseconds = number.checked_mul(factor).ok_or(DurationError::Overflow)?;
    let value = Duration { microseconds };
    if value.milliseconds() > MAX_MILLISECONDS {
        return Err(DurationError::Overflow);
    }
    let at = digits + unit_len;
    if at < text.len() {
        return Err(DurationError::TrailingCharacters { value, at });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(parse_duration("5").map(Duration::milliseconds), Ok(5));
        assert_eq!(
            parse_duration("30s").map(Duration::milliseconds),
            Ok(30_000)
        );
        assert_eq!(parse_duration("1m").map(Duration::milliseconds), Ok(60_000));
        assert_eq!(
            parse_duration("2h").map(Duration::milliseconds),
            Ok(7_200_000)
        );
        assert_eq!(
            parse_duration("1d").map(Duration::milliseconds),
            Ok(86_400_000)
        );
        assert_eq!(parse_duration("500ms").map(Duration::milliseconds), Ok(500));
        assert_eq!(
            parse_duration("1500us").map(|value| value.microseconds),
            Ok(1500)
        );
    }

    #[test]
    fn errors() {
        assert_eq!(parse_duration(""), Err(DurationError::NotANumber));
        assert_eq!(parse_duration("s"), Err(DurationError::NotANumber));
        assert_eq!(parse_duration("30x"), Err(DurationError::BadUnit(2)));
        assert!(matches!(
            parse_duration("30sec"),
            Err(DurationError::TrailingCharacters { at: 3, .. })
        ));
        assert_eq!(parse_duration("3000000000s"), Err(DurationError::Overflow));
        assert_eq!(
            parse_duration("24d").map(Duration::milliseconds),
            Ok(2_073_600_000)
        );
        assert_eq!(parse_duration("25d"), Err(DurationError::Overflow));
    }
}
