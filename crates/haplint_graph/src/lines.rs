//! Line numbers of byte offsets, for the locations the graph shows.

use haplint_semantic::{ConfigSet, FileId};

/// Where each line starts, per document of a set.
pub struct Lines {
    starts: Vec<Vec<u32>>,
    paths: Vec<String>,
}

impl Lines {
    pub fn new(set: &ConfigSet) -> Self {
        let starts = set
            .documents
            .iter()
            .map(|document| {
                std::iter::once(0)
                    .chain(
                        document
                            .text
                            .bytes()
                            .enumerate()
                            .filter(|(_, byte)| *byte == b'\n')
                            .map(|(index, _)| index as u32 + 1),
                    )
                    .collect()
            })
            .collect();
        let paths = set
            .documents
            .iter()
            .map(|document| document.path.display().to_string())
            .collect();
        Self { starts, paths }
    }

    /// The 1-based line of `offset` in `file`.
    pub fn line(&self, file: FileId, offset: u32) -> u32 {
        self.starts.get(file.0 as usize).map_or(1, |starts| {
            starts.partition_point(|start| *start <= offset) as u32
        })
    }

    pub fn path(&self, file: FileId) -> String {
        self.paths.get(file.0 as usize).cloned().unwrap_or_default()
    }
}
