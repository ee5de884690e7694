//! `haplint dump-cst FILE`: the tree as indented text.

use std::io::Write;

use crate::cli::DumpCstArgs;
use crate::exit;
use crate::source_file::read_set;

pub fn run(args: &DumpCstArgs) -> u8 {
    let set = match read_set(&args.file) {
        Ok(set) => set,
        Err(error) => {
            eprintln!(
                "haplint: error: cannot read `{}`: {error}",
                args.file.display()
            );
            return exit::TROUBLE;
        }
    };
    let mut out = std::io::stdout().lock();
    for document in &set.documents {
        // A closed pipe (`| head`) is not an error worth reporting.
        let _ = out.write_all(document.parse.debug_tree().as_bytes());
    }
    exit::CLEAN
}
