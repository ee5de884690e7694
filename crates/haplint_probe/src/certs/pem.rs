//! PEM blocks, found the way OpenSSL finds them: a `-----BEGIN LABEL-----`
//! line, optional RFC 1421 headers, base64 lines, `-----END LABEL-----`.
//! Text between blocks is ignored.
//!
//! A block whose body does not decode is still returned, so that callers
//! can tell "a damaged certificate" from "no certificate at all", and the
//! headers are looked at because legacy encrypted keys are only marked
//! there (`Proc-Type: 4,ENCRYPTED`).

pub(super) struct Block {
    pub label: String,
    /// The decoded body; `None` when it is not base64 or the block has no
    /// matching END line.
    pub der: Option<Vec<u8>>,
    /// Whether the headers mark the body as encrypted.
    pub encrypted: bool,
}

pub(super) fn blocks(text: &[u8]) -> Vec<Block> {
    let mut lines = text
        .split(|&byte| byte == b'\n')
        .map(<[u8]>::trim_ascii_end);
    let mut found = Vec::new();
    while let Some(line) = lines.next() {
        let Some(label) = armour_label(line, b"-----BEGIN ") else {
            continue;
        };
        found.push(read_block(label, &mut lines));
    }
    found
}

/// The body of the block opened by a BEGIN line with `label`, up to and
/// including its END line.
fn read_block<'a>(label: &[u8], lines: &mut impl Iterator<Item = &'a [u8]>) -> Block {
    let mut body = Vec::new();
    let mut in_headers = true;
    let mut encrypted = false;
    let mut closed = false;
    for line in lines.by_ref() {
        if let Some(end) = armour_label(line, b"-----END ") {
            closed = end == label;
            break;
        }
        if in_headers {
            // Headers come first and end at a blank line; a block without
            // them starts with base64, which never holds a colon.
            if line.contains(&b':') {
                encrypted |= line.starts_with(b"Proc-Type:") && line.ends_with(b"ENCRYPTED");
                continue;
            }
            in_headers = false;
            if line.is_empty() {
                continue;
            }
        }
        body.extend_from_slice(line);
    }
    Block {
        label: String::from_utf8_lossy(label).into_owned(),
        der: if closed { decode_base64(&body) } else { None },
        encrypted,
    }
}

/// The label of a `-----BEGIN LABEL-----` or `-----END LABEL-----` line.
fn armour_label<'a>(line: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    line.strip_prefix(prefix)?.strip_suffix(b"-----")
}

/// Standard base64 with optional padding; whitespace is skipped, anything
/// else outside the alphabet makes the body invalid.
fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    let mut symbols = 0_usize;
    let mut padding = 0_usize;
    for &byte in text {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            _ if byte.is_ascii_whitespace() => continue,
            _ => return None,
        };
        if padding > 0 {
            return None;
        }
        symbols += 1;
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    // One symbol alone cannot make a byte; padding only fills a quartet.
    let whole =
        symbols % 4 != 1 && padding <= 2 && (padding == 0 || (symbols + padding).is_multiple_of(4));
    whole.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::{blocks, decode_base64};

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(decode_base64(b"aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(decode_base64(b"aGVs\n bG8"), Some(b"hello".to_vec()));
        assert_eq!(decode_base64(b"aGVsbA=="), Some(b"hell".to_vec()));
        assert_eq!(decode_base64(b""), Some(Vec::new()));
    }

    #[test]
    fn base64_rejects_foreign_bytes_and_stray_symbols() {
        assert_eq!(decode_base64(b"aGV*bG8="), None);
        assert_eq!(decode_base64(b"aGVsbG8=x"), None);
        assert_eq!(decode_base64(b"aGVsb"), None);
        assert_eq!(decode_base64(b"aGVsbG8==="), None);
    }

    #[test]
    fn blocks_are_found_between_other_text() {
        let text = b"subject=CN=x\r\n-----BEGIN CERTIFICATE-----\r\naGVs\r\nbG8=\r\n-----END CERTIFICATE-----\r\nnoise\n-----BEGIN X509 CRL-----\nAAEC\n-----END X509 CRL-----\n";
        let found = blocks(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].label, "CERTIFICATE");
        assert_eq!(found[0].der.as_deref(), Some(&b"hello"[..]));
        assert_eq!(found[1].label, "X509 CRL");
        assert_eq!(found[1].der.as_deref(), Some(&[0, 1, 2][..]));
    }

    #[test]
    fn a_block_without_its_end_has_no_body() {
        let found = blocks(b"-----BEGIN CERTIFICATE-----\naGVsbG8=\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].der, None);
        let found = blocks(b"-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END X509 CRL-----\n");
        assert_eq!(found[0].der, None);
    }

    #[test]
    fn legacy_encryption_headers_are_noticed_and_skipped() {
        let text = b"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\naGVsbG8=\n-----END RSA PRIVATE KEY-----\n";
        let found = blocks(text);
        assert!(found[0].encrypted);
        assert_eq!(found[0].der.as_deref(), Some(&b"hello"[..]));
    }

    #[test]
    fn text_and_binary_without_armour_have_no_blocks() {
        assert!(blocks(b"just some text\n").is_empty());
        assert!(blocks(&[0x30, 0x82, 0xff, 0x00, 0x0a, 0x81]).is_empty());
    }
}
