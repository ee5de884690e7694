//! `--diff` output: a unified diff that `patch -p0` and `git apply` read.

use std::path::Path;

use similar::TextDiff;

pub fn unified_diff(path: &Path, before: &str, after: &str) -> String {
    let name = path.display().to_string();
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&name, &name)
        .to_string()
}
