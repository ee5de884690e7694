//! Private keys, and whether one belongs to a certificate.
//!
//! No crypto library is used: a private key file carries its public half
//! (the RSA modulus and exponent; for EC and Ed25519, a public key field
//! most tools write), and that half is compared with the certificate's
//! public key. When the file leaves it out, the answer is "unknown" rather
//! than a guess.

use x509_parser::asn1_rs::Tag;
use x509_parser::oid_registry::{
    OID_KEY_TYPE_EC_PUBLIC_KEY, OID_PKCS1_RSAENCRYPTION, OID_PKCS1_RSASSAPSS, OID_SIG_ED25519,
};
use x509_parser::x509::SubjectPublicKeyInfo;

use super::KeyMatch;
use super::der;
use super::pem::Block;

/// What a key shows of its public half.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PublicHalf {
    Rsa {
        modulus: Vec<u8>,
        exponent: Vec<u8>,
    },
    /// `None`: a private key saved without its public point.
    Ec(Option<EcPoint>),
    /// `None`: a PKCS#8 v1 key, which has no room for the public key.
    Ed25519(Option<Vec<u8>>),
    /// A kind of key not compared here (DSA, Ed448, ...).
    Other,
}

/// An elliptic-curve point reduced to its x coordinate and the parity of
/// y, which is all the compressed form keeps: the compressed and the
/// uncompressed encoding of one point then compare equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct EcPoint {
    x: Vec<u8>,
    y_odd: bool,
}

/// What a private key block holds.
pub(super) enum KeyContent {
    Readable(PublicHalf),
    /// Passphrase-protected: neither HAProxy nor this module can read it.
    Encrypted,
    /// Labelled as a key but not one.
    Damaged,
}

/// OpenSSL's reader takes any label ending so (`PRIVATE KEY`,
/// `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, ...).
pub(super) fn is_private_key(label: &str) -> bool {
    label.ends_with("PRIVATE KEY")
}

pub(super) fn read(block: &Block) -> KeyContent {
    if block.encrypted || block.label == "ENCRYPTED PRIVATE KEY" {
        return KeyContent::Encrypted;
    }
    let Some(der) = block.der.as_deref() else {
        return KeyContent::Damaged;
    };
    let public = match block.label.as_str() {
        "PRIVATE KEY" => pkcs8(der),
        "RSA PRIVATE KEY" => rsa_private(der),
        "EC PRIVATE KEY" => sec1(der),
        _ => Some(PublicHalf::Other),
    };
    public.map_or(KeyContent::Damaged, KeyContent::Readable)
}

/// The public half of a certificate's key.
pub(super) fn of_certificate(info: &SubjectPublicKeyInfo<'_>) -> PublicHalf {
    let algorithm = info.algorithm.algorithm.as_bytes();
    let bits: &[u8] = &info.subject_public_key.data;
    if is_rsa(algorithm) {
        rsa_public(bits).unwrap_or(PublicHalf::Other)
    } else if algorithm == OID_KEY_TYPE_EC_PUBLIC_KEY.as_bytes() {
        ec_point(bits).map_or(PublicHalf::Other, |point| PublicHalf::Ec(Some(point)))
    } else if algorithm == OID_SIG_ED25519.as_bytes() {
        PublicHalf::Ed25519(Some(bits.to_vec()))
    } else {
        PublicHalf::Other
    }
}

/// Whether `key` (from a private key) and `certificate` are one key pair.
pub(super) fn compare(key: &PublicHalf, certificate: &PublicHalf) -> KeyMatch {
    let same = match (key, certificate) {
        (PublicHalf::Other, _) | (_, PublicHalf::Other) => None,
        (PublicHalf::Rsa { .. }, PublicHalf::Rsa { .. }) => Some(key == certificate),
        (PublicHalf::Ec(a), PublicHalf::Ec(b)) => a.as_ref().zip(b.as_ref()).map(|(a, b)| a == b),
        (PublicHalf::Ed25519(a), PublicHalf::Ed25519(b)) => {
            a.as_ref().zip(b.as_ref()).map(|(a, b)| a == b)
        }
        // Keys of different kinds never pair.
        _ => Some(false),
    };
    match same {
        Some(true) => KeyMatch::Matches,
        Some(false) => KeyMatch::Mismatch,
        None => KeyMatch::Unknown,
    }
}

fn is_rsa(algorithm: &[u8]) -> bool {
    algorithm == OID_PKCS1_RSAENCRYPTION.as_bytes() || algorithm == OID_PKCS1_RSASSAPSS.as_bytes()
}

/// `OneAsymmetricKey` (RFC 5958; PKCS#8 v1 and v2): version, algorithm,
/// the algorithm's own private key encoding, then optional `[0]`
/// attributes and `[1]` public key.
fn pkcs8(der: &[u8]) -> Option<PublicHalf> {
    let fields = der::sequence(der)?;
    let [version, algorithm, private, rest @ ..] = fields.as_slice() else {
        return None;
    };
    if !der::is_universal(version, Tag::Integer)
        || !der::is_universal(algorithm, Tag::Sequence)
        || !der::is_universal(private, Tag::OctetString)
    {
        return None;
    }
    let algorithm = der::elements(algorithm.data)?;
    let oid = algorithm
        .first()
        .filter(|oid| der::is_universal(oid, Tag::Oid))?
        .data;
    // `[1] IMPLICIT BIT STRING`: the tag replaces the BIT STRING's own.
    let public_key = rest
        .iter()
        .find(|field| der::is_context(field, 1))
        .and_then(|field| der::bit_string_bytes(field.data));
    if is_rsa(oid) {
        rsa_private(private.data)
    } else if oid == OID_KEY_TYPE_EC_PUBLIC_KEY.as_bytes() {
        // The point may sit in the outer structure rather than the inner.
        match sec1(private.data)? {
            PublicHalf::Ec(None) => Some(PublicHalf::Ec(public_key.and_then(ec_point))),
            inner => Some(inner),
        }
    } else if oid == OID_SIG_ED25519.as_bytes() {
        Some(PublicHalf::Ed25519(public_key.map(<[u8]>::to_vec)))
    } else {
        Some(PublicHalf::Other)
    }
}

/// `RSAPrivateKey` (PKCS#1): version, modulus, public exponent, then six
/// private values; all nine must be there for OpenSSL to load it.
fn rsa_private(der: &[u8]) -> Option<PublicHalf> {
    let fields = der::sequence(der)?;
    if fields.len() < 9
        || !fields[..9]
            .iter()
            .all(|field| der::is_universal(field, Tag::Integer))
    {
        return None;
    }
    Some(PublicHalf::Rsa {
        modulus: der::unsigned(&fields[1])?,
        exponent: der::unsigned(&fields[2])?,
    })
}

/// `RSAPublicKey` (PKCS#1): modulus and public exponent.
fn rsa_public(der: &[u8]) -> Option<PublicHalf> {
    let fields = der::sequence(der)?;
    let [modulus, exponent] = fields.as_slice() else {
        return None;
    };
    Some(PublicHalf::Rsa {
        modulus: der::unsigned(modulus)?,
        exponent: der::unsigned(exponent)?,
    })
}

/// `ECPrivateKey` (SEC1, RFC 5915): version, private scalar, then optional
/// `[0]` curve and `[1]` public point; `None` for a damaged key.
fn sec1(der: &[u8]) -> Option<PublicHalf> {
    let fields = der::sequence(der)?;
    let [version, scalar, rest @ ..] = fields.as_slice() else {
        return None;
    };
    if !der::is_universal(version, Tag::Integer) || !der::is_universal(scalar, Tag::OctetString) {
        return None;
    }
    // `[1] EXPLICIT BIT STRING`: the tag wraps a whole BIT STRING element.
    let point = rest
        .iter()
        .find(|field| der::is_context(field, 1))
        .and_then(|field| der::elements(field.data))
        .and_then(|inner| match inner.as_slice() {
            [bits] if der::is_universal(bits, Tag::BitString) => {
                der::bit_string_bytes(bits.data).and_then(ec_point)
            }
            _ => None,
        });
    Some(PublicHalf::Ec(point))
}

/// A point in SEC1 encoding: `04 x y`, or `02 x` / `03 x` compressed.
fn ec_point(bytes: &[u8]) -> Option<EcPoint> {
    let (&form, rest) = bytes.split_first()?;
    match form {
        0x04 if !rest.is_empty() && rest.len() % 2 == 0 => {
            let (x, y) = rest.split_at(rest.len() / 2);
            Some(EcPoint {
                x: x.to_vec(),
                y_odd: y.last()? & 1 == 1,
            })
        }
        0x02 | 0x03 if !rest.is_empty() => Some(EcPoint {
            x: rest.to_vec(),
            y_odd: form == 0x03,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{EcPoint, KeyMatch, PublicHalf, compare, ec_point, rsa_private};

    fn point(x: u8, y_odd: bool) -> EcPoint {
        EcPoint {
            x: vec![x, x],
            y_odd,
        }
    }

    #[test]
    fn compressed_and_uncompressed_points_are_one_point() {
        assert_eq!(ec_point(&[0x04, 7, 7, 9, 3]), Some(point(7, true)));
        assert_eq!(ec_point(&[0x03, 7, 7]), Some(point(7, true)));
        assert_eq!(ec_point(&[0x02, 7, 7]), Some(point(7, false)));
        assert_eq!(ec_point(&[0x04, 7, 7, 9]), None);
        assert_eq!(ec_point(&[0x05, 7]), None);
    }

    #[test]
    fn keys_compare_by_their_public_half() {
        let rsa = |n: u8| PublicHalf::Rsa {
            modulus: vec![n],
            exponent: vec![1, 0, 1],
        };
        assert_eq!(compare(&rsa(5), &rsa(5)), KeyMatch::Matches);
        assert_eq!(compare(&rsa(5), &rsa(6)), KeyMatch::Mismatch);
        let ec = |x, y_odd| PublicHalf::Ec(Some(point(x, y_odd)));
        assert_eq!(compare(&ec(1, true), &ec(1, true)), KeyMatch::Matches);
        assert_eq!(compare(&ec(1, true), &ec(1, false)), KeyMatch::Mismatch);
        assert_eq!(
            compare(&PublicHalf::Ec(None), &ec(1, true)),
            KeyMatch::Unknown
        );
        assert_eq!(
            compare(
                &PublicHalf::Ed25519(None),
                &PublicHalf::Ed25519(Some(vec![1]))
            ),
            KeyMatch::Unknown
        );
    }

    #[test]
    fn keys_of_different_kinds_never_match() {
        let rsa = PublicHalf::Rsa {
            modulus: vec![5],
            exponent: vec![3],
        };
        assert_eq!(compare(&PublicHalf::Ec(None), &rsa), KeyMatch::Mismatch);
        assert_eq!(compare(&PublicHalf::Other, &rsa), KeyMatch::Unknown);
    }

    #[test]
    fn an_rsa_key_needs_all_nine_integers() {
        let int = |v: u8| [0x02, 0x01, v];
        let mut body: Vec<u8> = [0, 0x33, 3, 4, 5, 6, 7, 8, 9]
            .iter()
            .flat_map(|&v| int(v))
            .collect();
        let mut full = vec![0x30, body.len() as u8];
        full.extend_from_slice(&body);
        assert_eq!(
            rsa_private(&full),
            Some(PublicHalf::Rsa {
                modulus: vec![0x33],
                exponent: vec![3],
            })
        );
        body.truncate(9);
        let mut short = vec![0x30, body.len() as u8];
        short.extend_from_slice(&body);
        assert_eq!(rsa_private(&short), None);
    }
}
