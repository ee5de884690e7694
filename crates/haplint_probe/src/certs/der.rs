//! Just enough DER reading for key structures that x509-parser does not
//! cover (PKCS#1, SEC1, PKCS#8 private keys, DH parameters), on top of the
//! generic element parser of the asn1-rs crate it re-exports.

use x509_parser::asn1_rs::{Any, Class, FromDer, Tag};

/// The elements a constructed value's content is made of, or `None` when
/// the content is not a run of whole elements.
pub(super) fn elements(content: &[u8]) -> Option<Vec<Any<'_>>> {
    let mut rest = content;
    let mut found = Vec::new();
    while !rest.is_empty() {
        let (next, element) = Any::from_der(rest).ok()?;
        found.push(element);
        rest = next;
    }
    Some(found)
}

/// The elements of the SEQUENCE that `der` starts with.
pub(super) fn sequence(der: &[u8]) -> Option<Vec<Any<'_>>> {
    let (_, element) = Any::from_der(der).ok()?;
    if !is_universal(&element, Tag::Sequence) {
        return None;
    }
    elements(element.data)
}

pub(super) fn is_universal(element: &Any<'_>, tag: Tag) -> bool {
    element.class() == Class::Universal && element.tag() == tag
}

/// A `[number]` tagged element.
pub(super) fn is_context(element: &Any<'_>, number: u32) -> bool {
    element.class() == Class::ContextSpecific && element.tag() == Tag(number)
}

/// The magnitude of a non-negative INTEGER, without leading zero bytes,
/// so that two encodings of the same number compare equal.
pub(super) fn unsigned(element: &Any<'_>) -> Option<Vec<u8>> {
    if !is_universal(element, Tag::Integer) || element.data.first()? & 0x80 != 0 {
        return None;
    }
    let start = element
        .data
        .iter()
        .position(|&byte| byte != 0)
        .unwrap_or(element.data.len());
    Some(element.data[start..].to_vec())
}

/// The bytes of a BIT STRING's content (`unused-bits` octet first) that
/// holds whole bytes, as every key encoding does.
pub(super) fn bit_string_bytes(content: &[u8]) -> Option<&[u8]> {
    match content.split_first()? {
        (0, bytes) => Some(bytes),
        _ => None,
    }
}

/// `DHParameter ::= SEQUENCE { prime INTEGER, base INTEGER, ... }` (PKCS#3;
/// X9.42 parameters start with the same two).
pub(super) fn is_dh_parameters(der: &[u8]) -> bool {
    sequence(der).is_some_and(|fields| {
        fields.len() >= 2
            && fields[..2]
                .iter()
                .all(|field| is_universal(field, Tag::Integer))
    })
}

#[cfg(test)]
mod tests {
    use x509_parser::asn1_rs::{Any, FromDer};

    use super::{bit_string_bytes, is_dh_parameters, sequence, unsigned};

    #[test]
    fn integers_compare_without_their_sign_byte() {
        let (_, padded) = Any::from_der(&[0x02, 0x03, 0x00, 0x80, 0x01]).expect("integer");
        assert_eq!(unsigned(&padded), Some(vec![0x80, 0x01]));
        let (_, negative) = Any::from_der(&[0x02, 0x01, 0x80]).expect("integer");
        assert_eq!(unsigned(&negative), None);
    }

    #[test]
    fn a_sequence_must_hold_whole_elements() {
        assert_eq!(
            sequence(&[0x30, 0x03, 0x02, 0x01, 0x05]).map(|s| s.len()),
            Some(1)
        );
        assert!(sequence(&[0x30, 0x02, 0x02, 0x05]).is_none());
        assert!(sequence(&[0x02, 0x01, 0x05]).is_none());
    }

    #[test]
    fn bit_strings_with_unused_bits_are_not_keys() {
        assert_eq!(bit_string_bytes(&[0, 4, 1]), Some(&[4, 1][..]));
        assert_eq!(bit_string_bytes(&[3, 0xf8]), None);
        assert_eq!(bit_string_bytes(&[]), None);
    }

    #[test]
    fn dh_parameters_are_two_integers() {
        assert!(is_dh_parameters(&[
            0x30, 0x06, 0x02, 0x01, 0x17, 0x02, 0x01, 0x02
        ]));
        assert!(!is_dh_parameters(&[0x30, 0x03, 0x02, 0x01, 0x17]));
    }
}
