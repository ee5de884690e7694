//! `xtask gen-config N [OUT]`: writes a large, valid configuration with `N`
//! applications, from the generator the `parse` benchmark uses.

use std::fs;
use std::io::{self, Write as _};
use std::process::ExitCode;

#[path = "../../crates/haplint_syntax/benches/support/generate.rs"]
pub mod generate;

const USAGE: &str = "usage: cargo run -p xtask -- gen-config N [OUT]";

pub fn run(args: &[String]) -> ExitCode {
    let (count, out) = match args {
        [count] => (count, None),
        [count, out] => (count, Some(out)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let Ok(applications) = count.parse::<usize>() else {
        eprintln!("error: N must be a non-negative integer, not `{count}`\n{USAGE}");
        return ExitCode::from(2);
    };
    let text = generate::generate(applications);
    let written = match out {
        Some(path) => fs::write(path, &text),
        None => io::stdout().lock().write_all(text.as_bytes()),
    };
    match written {
        Ok(()) => {
            if let Some(path) = out {
                eprintln!(
                    "gen-config: wrote {path}: {} lines, {} bytes",
                    text.lines().count(),
                    text.len()
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write the configuration: {error}");
            ExitCode::FAILURE
        }
    }
}
