//! 50 MB of random bytes once aborted in `decode`: one diagnostic per
//! invalid sequence asked for a 3 GB allocation. The findings are bounded
//! whatever the size.

use haplint_syntax::decode;

#[test]
fn fifty_megabytes_of_random_bytes_get_a_bounded_report() {
    // xorshift32: every byte value, no order, the same bytes on every run.
    let mut state: u32 = 0x9e37_79b9;
    let bytes: Vec<u8> = (0..50_000_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    let decoded = decode(&bytes);
    // The first 100 sequences one by one, then one summary for the rest.
    assert_eq!(decoded.diagnostics.len(), 101);
    let summary = &decoded.diagnostics[100].message;
    assert!(summary.contains("more invalid sequences"), "{summary}");
    assert!(decoded.text.len() >= bytes.len());
}
