//! One X.509 certificate, reduced to the facts a configuration check uses.

use std::net::IpAddr;

use x509_parser::extensions::GeneralName;

use super::Certificate;
use super::key::{self, PublicHalf};

/// The certificate in `der` and the public half of its key, or `None` when
/// it does not parse.
pub(super) fn read(der: &[u8]) -> Option<(Certificate, PublicHalf)> {
    let (_, parsed) = x509_parser::parse_x509_certificate(der).ok()?;
    let names = match parsed.subject_alternative_name() {
        Ok(Some(extension)) => extension
            .value
            .general_names
            .iter()
            .filter_map(name_text)
            .collect(),
        _ => Vec::new(),
    };
    let validity = parsed.validity();
    let certificate = Certificate {
        subject: parsed.subject().to_string(),
        issuer: parsed.issuer().to_string(),
        names,
        not_before: validity.not_before.timestamp(),
        not_after: validity.not_after.timestamp(),
        is_ca: parsed.is_ca(),
    };
    Some((certificate, key::of_certificate(parsed.public_key())))
}

/// DNS names as written, IP addresses in their usual text form; other
/// kinds of names (e-mail, URI, ...) do not name a TLS server.
fn name_text(name: &GeneralName<'_>) -> Option<String> {
    match name {
        GeneralName::DNSName(dns) => Some((*dns).to_owned()),
        GeneralName::IPAddress(bytes) => ip_address(bytes).map(|ip| ip.to_string()),
        _ => None,
    }
}

fn ip_address(bytes: &[u8]) -> Option<IpAddr> {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        return Some(IpAddr::from(v4));
    }
    <[u8; 16]>::try_from(bytes).ok().map(IpAddr::from)
}

#[cfg(test)]
mod tests {
    use super::ip_address;

    #[test]
    fn ip_names_are_four_or_sixteen_bytes() {
        assert_eq!(
            ip_address(&[192, 0, 2, 1]).map(|ip| ip.to_string()),
            Some("192.0.2.1".to_owned())
        );
        let mut v6 = [0_u8; 16];
        v6[15] = 1;
        assert_eq!(
            ip_address(&v6).map(|ip| ip.to_string()),
            Some("::1".to_owned())
        );
        assert_eq!(ip_address(&[1, 2, 3]), None);
    }
}
