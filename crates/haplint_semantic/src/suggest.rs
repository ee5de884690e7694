//! "Did you mean": the closest known name by edit distance.

/// The candidate closest to `word`, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = word.chars().count();
    let limit = (length / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter(|candidate| *candidate != word)
        // The distance is at least the difference in length: this rules
        // out most of the thousands of keywords without computing it. A
        // generated file with an unknown keyword per proxy spent minutes
        // here (5,000 of them: 7 s).
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= limit)
        .map(|candidate| (distance(word, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, candidate)| (*distance, candidate.len()))
        .map(|(_, candidate)| candidate)
}

/// Every candidate close enough to `word` to be what a typo meant, the
/// closest first (ties: the shorter, then by name); [`closest`] is the
/// first. An editor offers one fix per candidate.
pub fn close_candidates<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let length = word.chars().count();
    let limit = (length / 3).clamp(1, 3);
    let mut close: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|candidate| *candidate != word)
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= limit)
        .map(|candidate| (distance(word, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .collect();
    close.sort_by(|a, b| (a.0, a.1.len(), a.1).cmp(&(b.0, b.1.len(), b.1)));
    close.dedup_by(|a, b| a.1 == b.1);
    close.into_iter().map(|(_, candidate)| candidate).collect()
}

/// Optimal string alignment distance (Levenshtein plus transpositions).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous_previous: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    // Three rows, reused: a row allocated per character cost more than
    // the comparisons.
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current.fill(i);
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(previous_previous[j - 2] + 1);
            }
        }
        std::mem::swap(&mut previous_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_close_candidate_is_listed_closest_first() {
        assert_eq!(
            close_candidates("be_apii", ["be_web", "be_apx", "be_api", "be_api"]),
            vec!["be_api", "be_apx"]
        );
        assert_eq!(
            close_candidates("maxcon", ["maxconn", "daemon"])
                .first()
                .copied(),
            closest("maxcon", ["maxconn", "daemon"])
        );
    }

    #[test]
    fn typos_are_found() {
        assert_eq!(distance("maxcon", "maxconn"), 1);
        assert_eq!(distance("timout", "timeout"), 1);
        assert_eq!(distance("servre", "server"), 1);
        assert_eq!(
            closest("maxcon", ["maxconn", "maxpipes", "daemon"]),
            Some("maxconn")
        );
        assert_eq!(closest("frobnicate", ["maxconn", "daemon"]), None);
        assert_eq!(closest("servr", ["server", "source"]), Some("server"));
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("café", "cafe"), 1);
        assert_eq!(distance("", "abc"), 3);
        // Candidates too long or too short to be within the limit are
        // skipped, not mistaken for a match.
        assert_eq!(closest("ab", ["abcd", "a"]), Some("a"));
    }
}
