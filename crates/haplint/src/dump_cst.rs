//! `haplint dump-cst FILE`: the tree as indented text.

use std::io::Write;

use crate::cli::DumpCstArgs;
use crate::exit;
use crate::source_file::SourceFile;

pub fn run(args: &DumpCstArgs) -> u8 {
    let file = match SourceFile::read(&args.file) {
        Ok(file) => file,
        Err(error) => {
            eprintln!(
                "haplint: error: cannot read `{}`: {error}",
                args.file.display()
            );
            return exit::TROUBLE;
        }
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = out.write_all(file.parse.debug_tree().as_bytes());
    exit::CLEAN
}
