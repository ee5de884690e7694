//! Sizes: `<digits>[k|m|g]` (powers of 1024), as HAProxy's `parse_size_err()`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeError {
    NotANumber,
    /// An unknown unit at this byte offset.
    BadUnit(usize),
    Overflow,
}

/// Parses a size in bytes.
pub fn parse_size(text: &str) -> Result<u64, SizeError> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Err(SizeError::NotANumber);
    }
    let number: u64 = text[..digits].parse().map_err(|_| SizeError::Overflow)?;
    let factor: u64 = match &text[digits..] {
        "" => 1,
        "k" | "K" => 1 << 10,
        "m" | "M" => 1 << 20,
        "g" | "G" => 1 << 30,
        _ => return Err(SizeError::BadUnit(digits)),
    };
    let value = number.checked_mul(factor).ok_or(SizeError::Overflow)?;
    if value > u64::from(u32::MAX) {
        return Err(SizeError::Overflow);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("16384"), Ok(16384));
        assert_eq!(parse_size("16k"), Ok(16384));
        assert_eq!(parse_size("1m"), Ok(1 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("k"), Err(SizeError::NotANumber));
        assert_eq!(parse_size("16kb"), Err(SizeError::BadUnit(2)));
        assert_eq!(parse_size("8g"), Err(SizeError::Overflow));
    }
}
