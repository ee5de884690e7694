//! Certificate files on disk, made at test time with rcgen: validity,
//! names, key matching for each kind of key, chain order, damaged and
//! missing files, and the files that point at certificates (crt-list,
//! `crt DIR`).

use std::fs;
use std::path::{Path, PathBuf};

use haplint_probe::certs::{
    CertError, CrtListEntry, KeyLookup, KeyMatch, PemBundle, certificate_files_in_dir,
    read_ca_file, read_certificate_file, read_crl_file, read_crt_list, read_dh_param_file,
};
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, DnType, IsCa, Issuer,
    KeyIdMethod, KeyPair, PKCS_ECDSA_P256_SHA256, PKCS_ECDSA_P384_SHA384, PKCS_ED25519,
    PKCS_RSA_SHA256, PublicKeyData, SerialNumber, SignatureAlgorithm,
};
use tempfile::TempDir;
use time::{Duration, OffsetDateTime};

const DAY: i64 = 24 * 60 * 60;

// ---- making certificates ----

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn params(name: &str, from: OffsetDateTime, until: OffsetDateTime) -> CertificateParams {
    let mut params = CertificateParams::new(vec![name.to_owned(), "192.0.2.10".to_owned()])
        .expect("certificate parameters");
    params.distinguished_name.push(DnType::CommonName, name);
    params.not_before = from;
    params.not_after = until;
    params
}

fn valid_params(name: &str) -> CertificateParams {
    params(name, now() - Duration::days(1), now() + Duration::days(90))
}

fn key(algorithm: &'static SignatureAlgorithm) -> KeyPair {
    KeyPair::generate_for(algorithm).expect("key pair")
}

/// A self-signed certificate (PEM) and its key.
fn self_signed(
    params: &CertificateParams,
    algorithm: &'static SignatureAlgorithm,
) -> (String, KeyPair) {
    let key = key(algorithm);
    let certificate = params.self_signed(&key).expect("self-signed certificate");
    (certificate.pem(), key)
}

struct Authority {
    pem: String,
    issuer: Issuer<'static, KeyPair>,
}

fn authority(name: &str) -> Authority {
    let mut params = valid_params(name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let key = key(&PKCS_ECDSA_P256_SHA256);
    let pem = params.self_signed(&key).expect("CA certificate").pem();
    Authority {
        pem,
        issuer: Issuer::new(params, key),
    }
}

/// A certificate for `name` signed by `ca`, and its key.
fn issued(ca: &Authority, name: &str) -> (String, KeyPair) {
    let key = key(&PKCS_ECDSA_P256_SHA256);
    let pem = valid_params(name)
        .signed_by(&key, &ca.issuer)
        .expect("leaf certificate")
        .pem();
    (pem, key)
}

// ---- DER and PEM by hand, for the keys rcgen does not write ----

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let length = content.len();
    if length < 0x80 {
        out.push(length as u8);
    } else {
        let bytes = length.to_be_bytes();
        let first = bytes
            .iter()
            .position(|&byte| byte != 0)
            .unwrap_or(bytes.len() - 1);
        out.push(0x80 | (bytes.len() - first) as u8);
        out.extend_from_slice(&bytes[first..]);
    }
    out.extend_from_slice(content);
    out
}

fn sequence(fields: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &fields.concat())
}

/// A non-negative INTEGER from big-endian magnitude bytes.
fn integer(magnitude: &[u8]) -> Vec<u8> {
    let mut content = Vec::new();
    if magnitude.first().is_none_or(|&byte| byte & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(magnitude);
    tlv(0x02, &content)
}

/// Tag, content and what follows, of the DER element `der` starts with.
fn element(der: &[u8]) -> (u8, &[u8], &[u8]) {
    let (tag, length, header) = match der[1] {
        short if short < 0x80 => (der[0], usize::from(short), 2),
        long => {
            let count = usize::from(long & 0x7f);
            let length = der[2..2 + count]
                .iter()
                .fold(0, |total, &byte| total << 8 | usize::from(byte));
            (der[0], length, 2 + count)
        }
    };
    (tag, &der[header..header + length], &der[header + length..])
}

/// The elements inside a constructed element's content.
fn elements(mut content: &[u8]) -> Vec<(u8, &[u8])> {
    let mut found = Vec::new();
    while !content.is_empty() {
        let (tag, inner, rest) = element(content);
        found.push((tag, inner));
        content = rest;
    }
    found
}

fn pem(label: &str, der: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::new();
    for chunk in der.chunks(3) {
        let group = chunk
            .iter()
            .enumerate()
            .fold(0_u32, |group, (index, &byte)| {
                group | u32::from(byte) << (16 - 8 * index)
            });
        for index in 0..4 {
            if index <= chunk.len() {
                text.push(char::from(
                    ALPHABET[(group >> (18 - 6 * index) & 0x3f) as usize],
                ));
            } else {
                text.push('=');
            }
        }
    }
    let lines: Vec<&str> = text
        .as_bytes()
        .chunks(64)
        .map(|line| std::str::from_utf8(line).expect("base64 is ASCII"))
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

/// The SEC1 `ECPrivateKey` inside rcgen's PKCS#8 EC key.
fn sec1_of(key: &KeyPair) -> Vec<u8> {
    let (_, pkcs8, _) = element(key.serialized_der());
    let fields = elements(pkcs8);
    let (tag, inner) = fields[2];
    assert_eq!(tag, 0x04, "PKCS#8 privateKey is an OCTET STRING");
    inner.to_vec()
}

/// An RSA public key for certificates: ring cannot make RSA keys, and the
/// match only looks at the modulus and exponent, so the numbers need not
/// be a real key pair.
struct RsaPublic {
    der: Vec<u8>,
}

fn modulus(seed: u8) -> Vec<u8> {
    (0..256_u16)
        .map(|index| (index as u8).wrapping_mul(31).wrapping_add(seed) | 0x80)
        .collect()
}

impl RsaPublic {
    fn new(modulus: &[u8]) -> Self {
        Self {
            der: sequence(&[integer(modulus), integer(&[1, 0, 1])]),
        }
    }
}

impl PublicKeyData for RsaPublic {
    fn der_bytes(&self) -> &[u8] {
        &self.der
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        &PKCS_RSA_SHA256
    }
}

/// PKCS#1 `RSAPrivateKey` with the given modulus and made-up private values.
fn rsa_private_key(modulus: &[u8]) -> Vec<u8> {
    let mut fields = vec![integer(&[0]), integer(modulus), integer(&[1, 0, 1])];
    fields.extend((2..8_u8).map(|value| integer(&[value; 128])));
    sequence(&fields)
}

/// PKCS#8 wrapping of an RSA key.
fn rsa_pkcs8(pkcs1: &[u8]) -> Vec<u8> {
    let rsa_encryption = tlv(
        0x06,
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01],
    );
    sequence(&[
        integer(&[0]),
        sequence(&[rsa_encryption, tlv(0x05, &[])]),
        tlv(0x04, pkcs1),
    ])
}

// ---- files ----

fn write(dir: &TempDir, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, contents).expect("write test file");
    path
}

fn temp() -> TempDir {
    tempfile::tempdir().expect("temporary directory")
}

fn read(path: &Path) -> PemBundle {
    read_certificate_file(path, &KeyLookup::default()).expect("certificate file")
}

fn key_match(bundle: &PemBundle) -> KeyMatch {
    bundle.key.as_ref().expect("a private key").matches
}

// ---- certificate files ----

#[test]
fn a_certificate_and_its_key_in_one_file() {
    let dir = temp();
    let (certificate, key) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let path = write(&dir, "site.pem", certificate + &key.serialize_pem());

    let bundle = read(&path);
    let leaf = bundle.leaf().expect("leaf");
    assert_eq!(leaf.subject, "CN=site.example");
    assert_eq!(leaf.issuer, "CN=site.example");
    assert_eq!(leaf.names, ["site.example", "192.0.2.10"]);
    assert!(!leaf.is_ca);
    let now = now().unix_timestamp();
    assert!(leaf.not_before <= now && now < leaf.not_after);
    let key = bundle.key.as_ref().expect("key");
    assert_eq!(key.matches, KeyMatch::Matches);
    assert_eq!(key.file, path);
    assert!(!key.encrypted);
    assert_eq!(key.problem, None);
    assert!(bundle.chain_in_order());
    assert_eq!(bundle.unparsed_certificates, 0);
}

#[test]
fn the_key_may_come_before_the_certificate() {
    let dir = temp();
    let (certificate, key) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let path = write(&dir, "site.pem", key.serialize_pem() + &certificate);
    assert_eq!(key_match(&read(&path)), KeyMatch::Matches);
}

#[test]
fn an_expired_certificate() {
    let dir = temp();
    let params = params(
        "old.example",
        now() - Duration::days(400),
        now() - Duration::days(35),
    );
    let (certificate, _) = self_signed(&params, &PKCS_ECDSA_P256_SHA256);
    let leaf = read(&write(&dir, "old.pem", certificate))
        .certificates
        .remove(0);
    assert!(leaf.not_after < now().unix_timestamp());
    assert!((leaf.not_after - (now().unix_timestamp() - 35 * DAY)).abs() <= 5);
}

#[test]
fn a_certificate_not_yet_valid() {
    let dir = temp();
    let params = params(
        "new.example",
        now() + Duration::days(2),
        now() + Duration::days(90),
    );
    let (certificate, _) = self_signed(&params, &PKCS_ECDSA_P256_SHA256);
    let leaf = read(&write(&dir, "new.pem", certificate))
        .certificates
        .remove(0);
    assert!(leaf.not_before > now().unix_timestamp() + DAY);
}

#[test]
fn a_certificate_expiring_in_ten_days() {
    let dir = temp();
    let params = params(
        "soon.example",
        now() - Duration::days(80),
        now() + Duration::days(10),
    );
    let (certificate, _) = self_signed(&params, &PKCS_ECDSA_P256_SHA256);
    let leaf = read(&write(&dir, "soon.pem", certificate))
        .certificates
        .remove(0);
    let expected = now().unix_timestamp() + 10 * DAY;
    assert!(
        (leaf.not_after - expected).abs() <= 5,
        "{} vs {expected}",
        leaf.not_after
    );
}

#[test]
fn a_key_of_another_key_pair_does_not_match() {
    let dir = temp();
    let (certificate, _) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let other = key(&PKCS_ECDSA_P256_SHA256);
    let path = write(&dir, "site.pem", certificate + &other.serialize_pem());
    assert_eq!(key_match(&read(&path)), KeyMatch::Mismatch);
}

#[test]
fn a_key_of_another_kind_does_not_match() {
    let dir = temp();
    let (certificate, _) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let other = key(&PKCS_ED25519);
    let path = write(&dir, "site.pem", certificate + &other.serialize_pem());
    assert_eq!(key_match(&read(&path)), KeyMatch::Mismatch);
}

#[test]
fn ecdsa_p384_and_ed25519_keys_match_their_certificates() {
    let dir = temp();
    for (name, algorithm) in [
        ("p384", &PKCS_ECDSA_P384_SHA384),
        ("ed25519", &PKCS_ED25519),
    ] {
        let (certificate, key) = self_signed(&valid_params("site.example"), algorithm);
        let path = write(&dir, name, certificate.clone() + &key.serialize_pem());
        assert_eq!(key_match(&read(&path)), KeyMatch::Matches, "{name}");

        let other = self::key(algorithm);
        let path = write(
            &dir,
            &format!("{name}-other"),
            certificate + &other.serialize_pem(),
        );
        assert_eq!(key_match(&read(&path)), KeyMatch::Mismatch, "{name}");
    }
}

#[test]
fn sec1_ec_keys_match_and_without_their_point_are_unknown() {
    let dir = temp();
    let (certificate, key) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let sec1 = sec1_of(&key);
    let path = write(
        &dir,
        "sec1.pem",
        certificate.clone() + &pem("EC PRIVATE KEY", &sec1),
    );
    assert_eq!(key_match(&read(&path)), KeyMatch::Matches);

    // Version and scalar only, as some tools save it.
    let fields = elements(element(&sec1).1);
    let bare = sequence(&[tlv(fields[0].0, fields[0].1), tlv(fields[1].0, fields[1].1)]);
    let path = write(
        &dir,
        "bare.pem",
        certificate + &pem("EC PRIVATE KEY", &bare),
    );
    assert_eq!(key_match(&read(&path)), KeyMatch::Unknown);
}

#[test]
fn rsa_keys_match_by_modulus_and_exponent() {
    // ring cannot generate RSA keys: the certificate carries a made-up RSA
    // public key and is signed by an ECDSA authority.
    let dir = temp();
    let ca = authority("Test CA");
    let public = RsaPublic::new(&modulus(1));
    let certificate = valid_params("rsa.example")
        .signed_by(&public, &ca.issuer)
        .expect("RSA certificate")
        .pem();

    let pkcs1 = rsa_private_key(&modulus(1));
    let path = write(
        &dir,
        "pkcs1.pem",
        certificate.clone() + &pem("RSA PRIVATE KEY", &pkcs1),
    );
    assert_eq!(key_match(&read(&path)), KeyMatch::Matches);

    let path = write(
        &dir,
        "pkcs8.pem",
        certificate.clone() + &pem("PRIVATE KEY", &rsa_pkcs8(&pkcs1)),
    );
    assert_eq!(key_match(&read(&path)), KeyMatch::Matches);

    let other = rsa_private_key(&modulus(2));
    let path = write(
        &dir,
        "other.pem",
        certificate + &pem("RSA PRIVATE KEY", &other),
    );
    assert_eq!(key_match(&read(&path)), KeyMatch::Mismatch);
}

#[test]
fn encrypted_keys_are_present_but_unknown() {
    let dir = temp();
    let (certificate, _) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let blob = sequence(&[sequence(&[tlv(0x06, &[0x2a, 0x03])]), tlv(0x04, &[7; 48])]);
    let pkcs8 = pem("ENCRYPTED PRIVATE KEY", &blob);
    let legacy = pem("RSA PRIVATE KEY", &[7; 48]).replacen(
        "-----\n",
        "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0011223344556677\n\n",
        1,
    );
    for (name, key) in [("pkcs8.pem", pkcs8), ("legacy.pem", legacy)] {
        let bundle = read(&write(&dir, name, certificate.clone() + &key));
        let key = bundle.key.expect("an encrypted key");
        assert!(key.encrypted, "{name}");
        assert_eq!(key.matches, KeyMatch::Unknown, "{name}");
    }
}

#[test]
fn a_certificate_without_a_key() {
    let dir = temp();
    let (certificate, _) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let bundle = read(&write(&dir, "site.pem", certificate));
    assert_eq!(bundle.key, None);
    assert_eq!(bundle.certificates.len(), 1);
}

#[test]
fn the_key_is_found_in_the_sidecar_file() {
    let dir = temp();
    let (certificate, key) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let path = write(&dir, "site.pem", &certificate);
    let sidecar = write(&dir, "site.pem.key", key.serialize_pem());

    let bundle = read(&path);
    let found = bundle.key.expect("sidecar key");
    assert_eq!(found.file, sidecar);
    assert_eq!(found.matches, KeyMatch::Matches);

    let no_sidecar = KeyLookup {
        sidecar: false,
        strip_extension: false,
    };
    let bundle = read_certificate_file(&path, &no_sidecar).expect("certificate file");
    assert_eq!(bundle.key, None);
}

#[test]
fn deleting_the_extension_looks_for_site_key() {
    let dir = temp();
    let (certificate, key) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let path = write(&dir, "site.crt", &certificate);
    let sidecar = write(&dir, "site.key", key.serialize_pem());
    let lookup = KeyLookup {
        sidecar: true,
        strip_extension: true,
    };
    let bundle = read_certificate_file(&path, &lookup).expect("certificate file");
    assert_eq!(bundle.key.expect("key").file, sidecar);
    // Without the setting HAProxy looks for site.crt.key only.
    assert_eq!(read(&path).key, None);
}

#[test]
fn a_sidecar_without_a_key_is_reported() {
    let dir = temp();
    let (certificate, _) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let path = write(&dir, "site.pem", &certificate);
    write(&dir, "site.pem.key", &certificate);
    let key = read(&path).key.expect("the sidecar is reported");
    assert_eq!(key.matches, KeyMatch::Unknown);
    assert_eq!(key.problem.as_deref(), Some("no private key in the file"));
}

#[test]
fn a_damaged_key_without_a_sidecar_is_reported() {
    let dir = temp();
    let (certificate, _) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let path = write(
        &dir,
        "site.pem",
        certificate + &pem("PRIVATE KEY", &[1, 2, 3]),
    );
    let key = read(&path).key.expect("the damaged key is reported");
    assert_eq!(key.file, path);
    assert_eq!(
        key.problem.as_deref(),
        Some("the private key does not parse")
    );
}

#[test]
fn the_chain_is_in_order_when_the_leaf_comes_first() {
    let dir = temp();
    let ca = authority("Test CA");
    let (leaf, key) = issued(&ca, "site.example");

    let bundle = read(&write(
        &dir,
        "good.pem",
        leaf.clone() + &ca.pem + &key.serialize_pem(),
    ));
    assert_eq!(bundle.certificates.len(), 2);
    assert_eq!(bundle.certificates[0].issuer, "CN=Test CA");
    assert!(bundle.certificates[1].is_ca);
    assert!(bundle.chain_in_order());
    assert_eq!(key_match(&bundle), KeyMatch::Matches);

    // The CA first: HAProxy would serve it as the leaf, with the wrong key.
    let bundle = read(&write(
        &dir,
        "bad.pem",
        ca.pem.clone() + &leaf + &key.serialize_pem(),
    ));
    assert!(!bundle.chain_in_order());
    assert_eq!(
        bundle.leaf().map(|leaf| leaf.subject.as_str()),
        Some("CN=Test CA")
    );
    assert_eq!(key_match(&bundle), KeyMatch::Mismatch);
}

#[test]
fn a_damaged_chain_certificate_is_counted() {
    let dir = temp();
    let (certificate, _) = self_signed(&valid_params("site.example"), &PKCS_ECDSA_P256_SHA256);
    let path = write(
        &dir,
        "site.pem",
        certificate + &pem("CERTIFICATE", &[0x30, 0x03, 1, 2, 3]),
    );
    let bundle = read(&path);
    assert_eq!(bundle.certificates.len(), 1);
    assert_eq!(bundle.unparsed_certificates, 1);
}

// ---- files that are not what they should be ----

#[test]
fn files_without_pem_blocks_are_not_pem() {
    let dir = temp();
    let der = valid_params("site.example")
        .self_signed(&key(&PKCS_ECDSA_P256_SHA256))
        .expect("certificate")
        .der()
        .to_vec();
    let random: Vec<u8> = (0..512_u32)
        .map(|index| (index.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for (name, contents) in [
        ("site.der", der),
        ("random.bin", random),
        ("text.pem", b"this is not a certificate\n".to_vec()),
        ("empty.pem", Vec::new()),
    ] {
        let path = write(&dir, name, contents);
        assert_eq!(
            read_certificate_file(&path, &KeyLookup::default()),
            Err(CertError::NotPem),
            "{name}"
        );
    }
}

#[test]
fn garbage_in_a_certificate_block_is_no_certificate() {
    let dir = temp();
    let not_base64 =
        "-----BEGIN CERTIFICATE-----\nthis is *not* base64!\n-----END CERTIFICATE-----\n";
    let not_der = pem("CERTIFICATE", b"hello, world");
    let key_only = key(&PKCS_ECDSA_P256_SHA256).serialize_pem();
    for (name, contents) in [
        ("a.pem", not_base64.to_owned()),
        ("b.pem", not_der),
        ("c.pem", key_only),
    ] {
        let path = write(&dir, name, contents);
        assert_eq!(
            read_certificate_file(&path, &KeyLookup::default()),
            Err(CertError::NoCertificate),
            "{name}"
        );
    }
}

#[test]
fn a_missing_file_and_a_directory() {
    let dir = temp();
    let missing = dir.path().join("nope.pem");
    assert_eq!(
        read_certificate_file(&missing, &KeyLookup::default()),
        Err(CertError::Missing)
    );
    assert_eq!(read_ca_file(&missing), Err(CertError::Missing));
    assert_eq!(read_crt_list(&missing), Err(CertError::Missing));
    assert_eq!(
        read_certificate_file(dir.path(), &KeyLookup::default()),
        Err(CertError::Unreadable("is a directory".to_owned()))
    );
    assert_eq!(CertError::Missing.to_string(), "no such file");
    assert_eq!(
        CertError::Unreadable("permission denied".to_owned()).to_string(),
        "cannot be read: permission denied"
    );
}

// ---- CA, CRL and DH files ----

#[test]
fn a_ca_file_with_two_certificates() {
    let dir = temp();
    let first = authority("Root One");
    let second = authority("Root Two");
    let path = write(
        &dir,
        "ca.pem",
        first.pem.clone() + "\n# comment\n" + &second.pem,
    );
    let certificates = read_ca_file(&path).expect("CA file");
    let subjects: Vec<&str> = certificates.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(subjects, ["CN=Root One", "CN=Root Two"]);
    assert!(certificates.iter().all(|c| c.is_ca));

    let keys_only = write(&dir, "keys.pem", key(&PKCS_ED25519).serialize_pem());
    assert_eq!(read_ca_file(&keys_only), Err(CertError::NoCertificate));
}

#[test]
fn a_crl_file() {
    let dir = temp();
    let mut params = valid_params("CRL CA");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let issuer = Issuer::new(params, key(&PKCS_ECDSA_P256_SHA256));
    let crl = CertificateRevocationListParams {
        this_update: now() - Duration::days(1),
        next_update: now() + Duration::days(7),
        crl_number: SerialNumber::from(1),
        issuing_distribution_point: None,
        revoked_certs: Vec::new(),
        key_identifier_method: KeyIdMethod::Sha256,
    }
    .signed_by(&issuer)
    .expect("CRL")
    .pem()
    .expect("CRL PEM");
    let path = write(&dir, "crl.pem", crl.clone() + &crl);
    assert_eq!(read_crl_file(&path), Ok(2));

    let ca = authority("Root");
    let path = write(&dir, "not-crl.pem", ca.pem);
    assert_eq!(read_crl_file(&path), Err(CertError::NoCrl));
}

#[test]
fn a_dh_parameter_file() {
    let dir = temp();
    let parameters = sequence(&[integer(&modulus(3)), integer(&[2])]);
    let path = write(&dir, "dh.pem", pem("DH PARAMETERS", &parameters));
    assert_eq!(read_dh_param_file(&path), Ok(()));

    let ca = authority("Root");
    let path = write(&dir, "no-dh.pem", ca.pem);
    assert_eq!(read_dh_param_file(&path), Err(CertError::NoDhParameters));
    let path = write(&dir, "text", "nothing here");
    assert_eq!(read_dh_param_file(&path), Err(CertError::NotPem));
}

// ---- crt-list and crt DIR ----

#[test]
fn a_crt_list_names_one_certificate_per_line() {
    let dir = temp();
    let path = write(
        &dir,
        "list.txt",
        "# certificates of the public site\n\
         \n\
         site.pem\n\
         /etc/haproxy/api.pem [alpn h2,http/1.1 ssl-min-ver TLSv1.2] api.example.com !legacy.example.com\n\
         wild.pem *.example.com\n",
    );
    let entries = read_crt_list(&path).expect("crt-list");
    assert_eq!(
        entries,
        [
            CrtListEntry {
                line: 3,
                path: "site.pem".to_owned()
            },
            CrtListEntry {
                line: 4,
                path: "/etc/haproxy/api.pem".to_owned()
            },
            CrtListEntry {
                line: 5,
                path: "wild.pem".to_owned()
            },
        ]
    );
}

#[test]
fn a_certificate_directory_skips_the_extra_files() {
    let dir = temp();
    for name in [
        "site.pem",
        "site.pem.key",
        "site.pem.ocsp",
        "site.pem.issuer",
        "site.pem.sctl",
        "api.crt",
        "api.key",
        ".hidden.pem",
        "bare",
    ] {
        write(&dir, name, "x");
    }
    fs::create_dir(dir.path().join("sub.pem")).expect("subdirectory");
    let files = certificate_files_in_dir(dir.path()).expect("directory");
    let names: Vec<_> = files
        .iter()
        .map(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .expect("name")
        })
        .collect();
    assert_eq!(names, ["api.crt", "bare", "site.pem"]);
    assert!(files.iter().all(|path| path.starts_with(dir.path())));
    assert!(certificate_files_in_dir(&dir.path().join("missing")).is_err());
}
