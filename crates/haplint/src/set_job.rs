//! Files asked for that belong to a `config-sets` entry of `haplint.toml`:
//! they are checked, and fixed, together with the other files of their
//! set, the way HAProxy loads them, and only they are reported.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use haplint_linter::{
    Applicability, ExpandedSets, LintOptions, SetMatch, SetMember, declared_sets,
    fix_set_until_stable,
};
use haplint_semantic::ConfigSet;

use crate::bounded_read::{ReadError, read_file_bounded};
use crate::check::{JobResult, check_set, release_at_exit};
use crate::fixing::{FixMode, FixTarget, finish};
use crate::inputs::cannot_read;
use crate::settings::Applied;

/// The `config-sets` of each settings file, directories listed once.
#[derive(Default)]
pub struct DeclaredSets {
    by_base: HashMap<PathBuf, ExpandedSets>,
}

impl DeclaredSets {
    /// The declared set that `path` belongs to, under the settings that
    /// apply to it.
    pub fn find(&mut self, applied: &Applied, path: &Path) -> Option<SetMatch> {
        let base = applied.base.as_deref()?;
        if applied.settings.config_sets.is_empty() {
            return None;
        }
        self.by_base
            .entry(base.to_path_buf())
            .or_insert_with(|| ExpandedSets::new(declared_sets(&applied.settings, base)))
            .find(path)
    }
}

/// One set, and which of its files were asked for.
pub struct SetJob {
    members: Vec<Member>,
    options: LintOptions,
    applied: Applied,
    fix: Option<(FixMode, Applicability)>,
    /// The size limit for the files not asked for.
    limit: u64,
}

struct Member {
    path: PathBuf,
    /// `None` until read: the files not asked for are read once every
    /// asked one is, so that a file asked for is read only once.
    bytes: Option<Vec<u8>>,
    /// Where fixes may go, for a file asked for; `None` for the others,
    /// which are read for their names and never changed nor reported.
    asked: Option<FixTarget>,
    unreadable: bool,
}

impl SetJob {
    pub fn new(
        files: Vec<PathBuf>,
        options: LintOptions,
        applied: Applied,
        fix: Option<(FixMode, Applicability)>,
        limit: u64,
    ) -> Self {
        let members = files
            .into_iter()
            .map(|path| Member {
                path,
                bytes: None,
                asked: None,
                unreadable: false,
            })
            .collect();
        Self {
            members,
            options,
            applied,
            fix,
            limit,
        }
    }

    /// A file asked for, found at `position` of the set; it is named as
    /// `target.path` says.
    pub fn ask(&mut self, position: usize, bytes: Vec<u8>, target: FixTarget) {
        if let Some(member) = self.members.get_mut(position) {
            member.path.clone_from(&target.path);
            member.bytes = Some(bytes);
            member.asked = Some(target);
        }
    }

    /// A file asked for that could not be read (and was reported): left
    /// out rather than read again.
    pub fn unreadable(&mut self, position: usize) {
        if let Some(member) = self.members.get_mut(position) {
            member.unreadable = true;
        }
    }

    /// Reads the files not asked for. One that cannot be read is left out
    /// and reported: the check of the others goes on, without its names.
    pub fn read_rest(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        for member in &mut self.members {
            if member.bytes.is_some() || member.unreadable {
                continue;
            }
            match read_file_bounded(&member.path, self.limit) {
                Ok(bytes) => member.bytes = Some(bytes),
                Err(ReadError::Io(error)) => problems.push(cannot_read(&member.path, &error)),
                Err(too_large) => problems.push(format!(
                    "cannot read `{}`: {too_large}",
                    member.path.display()
                )),
            }
        }
        self.members.retain(|member| member.bytes.is_some());
        problems
    }

    pub fn run(&self) -> JobResult {
        let Some((mode, allowed)) = self.fix else {
            return self.check(&vec![None; self.members.len()], JobResult::default());
        };
        let mut result = JobResult::default();
        // Fixing rewrites text; bytes that are not UTF-8 would not survive it.
        let texts: Vec<Result<&str, String>> = self
            .members
            .iter()
            .map(|member| {
                let bytes = member.bytes();
                std::str::from_utf8(bytes).map_err(|_| String::from_utf8_lossy(bytes).into_owned())
            })
            .collect();
        let to_fix: Vec<SetMember> = self
            .members
            .iter()
            .zip(&texts)
            .map(|(member, text)| SetMember {
                path: member.path.clone(),
                text: match text {
                    Ok(text) => (*text).to_owned(),
                    Err(lossy) => lossy.clone(),
                },
                fixable: member.asked.is_some() && text.is_ok(),
            })
            .collect();
        for (member, text) in self.members.iter().zip(&texts) {
            if member.asked.is_some() && text.is_err() {
                result.problems.push(format!(
                    "not fixing `{}`: it is not valid UTF-8",
                    member.path.display()
                ));
            }
        }
        let fixed = fix_set_until_stable(&to_fix, &self.options, allowed, |set, diagnostics| {
            self.applied.selection.apply(set, diagnostics)
        });
        let mut now = Vec::with_capacity(self.members.len());
        for ((member, original), (text, count)) in self.members.iter().zip(&to_fix).zip(fixed) {
            let Some(target) = member.asked.as_ref().filter(|_| original.fixable) else {
                now.push(None);
                continue;
            };
            let outcome = finish(target, &original.text, text, count, mode);
            result.fixes_applied += outcome.fixes_applied;
            result.diff.push_str(&outcome.diff);
            result.problems.extend(outcome.problem);
            now.push(Some(outcome.text));
        }
        self.check(&now, result)
    }

    /// Checks the set, each file as on disk or as `texts` says it now is,
    /// and sorts the findings into the files asked for and the others.
    fn check(&self, texts: &[Option<String>], mut result: JobResult) -> JobResult {
        let mut set = ConfigSet::new();
        for (member, text) in self.members.iter().zip(texts) {
            let bytes = text.as_deref().map_or(member.bytes(), str::as_bytes);
            set.add(&member.path, bytes);
        }
        let checked = check_set(&set, &self.options, &self.applied);
        for (member, file) in self.members.iter().zip(checked) {
            if member.asked.is_some() {
                result.checked.push(file);
            } else {
                result.elsewhere.push(file);
            }
        }
        let size = set.text_len();
        release_at_exit(set, size);
        result
    }
}

impl Member {
    fn bytes(&self) -> &[u8] {
        self.bytes.as_deref().unwrap_or_default()
    }
}
