//! Reading a configuration with a size limit (`--max-file-size`,
//! `max-file-size`): `haplint check - </dev/zero` must end with a message,
//! not when memory runs out. At most `limit + 1` bytes are ever read.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// 64 MiB: fifty times the largest real configurations seen, small enough
/// that checking it fits in memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;

#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    TooLarge { limit: u64 },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(error) => write!(f, "{error}"),
            Self::TooLarge { limit } => write!(
                f,
                "file is larger than the {} limit (--max-file-size)",
                show_size(*limit)
            ),
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(error: std::io::Error) -> Self {
        Self::Io(error)
    }
}

/// Everything `reader` gives, if that is at most `limit` bytes; one byte
/// more is enough to know it is too much, so the rest is never read.
pub fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Of unknown size (a pipe): read in chunks rather than into one
    // doubling buffer, which would hold up to three times the limit while
    // it grows; refusing then costs the limit and no more.
    const CHUNK: u64 = 1 << 20;
    let mut reader = reader.take(limit.saturating_add(1));
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    let mut total: u64 = 0;
    loop {
        let mut chunk = Vec::with_capacity(CHUNK as usize);
        let read = (&mut reader).take(CHUNK).read_to_end(&mut chunk)?;
        if read == 0 {
            break;
        }
        total += read as u64;
        chunks.push(chunk);
    }
    if total > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(if chunks.len() == 1 {
        chunks.swap_remove(0)
    } else {
        chunks.concat()
    })
}

fn read_into(reader: impl Read, limit: u64, mut bytes: Vec<u8>) -> Result<Vec<u8>, ReadError> {
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

pub fn read_file_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path)?;
    // A regular file says its size: no need to read 64 MiB to refuse it.
    // Others (FIFOs, `/dev/zero`, `<(generate)`) are read up to the limit.
    let mut bytes = Vec::new();
    if let Ok(metadata) = file.metadata()
        && metadata.is_file()
    {
        if metadata.len() > limit {
            return Err(ReadError::TooLarge { limit });
        }
        // One allocation of the right size (and one byte to see the end)
        // instead of doubling up to twice the file.
        bytes.reserve_exact(
            usize::try_from(metadata.len())
                .unwrap_or(0)
                .saturating_add(1),
        );
    }
    read_into(file, limit, bytes)
}

/// `64 MiB`, `512 KiB`, or bytes when not a round number.
pub fn show_size(bytes: u64) -> String {
    for (unit, size) in [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
        if bytes >= size && bytes.is_multiple_of(size) {
            return format!("{} {unit}", bytes / size);
        }
    }
    format!("{bytes} bytes")
}

/// `--max-file-size`: bytes, or a number with `K`, `M` or `G` (powers of
/// 1024, optionally followed by `iB` or `B`).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let upper = trimmed.to_ascii_uppercase();
    let digits = upper
        .strip_suffix("IB")
        .or_else(|| upper.strip_suffix('B'))
        .unwrap_or(&upper);
    let (number, factor) = match digits.as_bytes().last() {
        Some(b'K') => (&digits[..digits.len() - 1], 1u64 << 10),
        Some(b'M') => (&digits[..digits.len() - 1], 1 << 20),
        Some(b'G') => (&digits[..digits.len() - 1], 1 << 30),
        _ => (digits, 1),
    };
    number
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|number| number.checked_mul(factor))
        .ok_or_else(|| format!("`{text}` is not a size: write bytes, or a number with K, M or G"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("8KiB"), Ok(8 << 10));
        assert_eq!(parse_size("2MB"), Ok(2 << 20));
        assert!(parse_size("M").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999G").is_err());
        assert_eq!(show_size(64 << 20), "64 MiB");
        assert_eq!(show_size(1000), "1000 bytes");
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        let endless = std::io::repeat(0);
        assert!(matches!(
            read_bounded(endless, 10),
            Err(ReadError::TooLarge { limit: 10 })
        ));
        assert_eq!(
            read_bounded(&b"0123456789"[..], 10).ok(),
            Some(b"0123456789".to_vec())
        );
    }
}
