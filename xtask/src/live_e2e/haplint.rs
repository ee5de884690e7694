//! Running the haplint binary under test and reading its JSON report.

use std::fs;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// A haplint run that takes longer is stuck (it talks to sockets).
const RUN_LIMIT: Duration = Duration::from_mins(1);

/// One finished run of haplint.
pub struct Run {
    pub command: String,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Runs `haplint ARGS`, its output going to files in `dir` (a pipe
    /// would stall a child writing more than the pipe holds while we wait).
    pub fn new(haplint: &Path, args: &[&str], dir: &Path) -> Result<Self, String> {
        let command = format!("{} {}", haplint.display(), args.join(" "));
        let stdout_path = dir.join("haplint.out");
        let stderr_path = dir.join("haplint.err");
        let create = |path: &Path| {
            fs::File::create(path)
                .map_err(|error| format!("cannot create {}: {error}", path.display()))
        };
        let mut child = Command::new(haplint)
            .args(args)
            .stdin(Stdio::null())
            .stdout(create(&stdout_path)?)
            .stderr(create(&stderr_path)?)
            .spawn()
            .map_err(|error| format!("cannot run {command}: {error}"))?;
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > RUN_LIMIT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("{command} did not finish within {RUN_LIMIT:?}"));
                }
                Ok(None) => thread::sleep(Duration::from_millis(20)),
                Err(error) => return Err(format!("cannot wait for {command}: {error}")),
            }
        };
        Ok(Self {
            command,
            status,
            stdout: fs::read_to_string(&stdout_path).unwrap_or_default(),
            stderr: fs::read_to_string(&stderr_path).unwrap_or_default(),
        })
    }

    /// The diagnostics of the JSON report: the report may be the list
    /// itself or an object holding it under `diagnostics`. `None` when the
    /// output is not such JSON.
    pub fn diagnostics(&self) -> Option<Vec<Value>> {
        let report: Value = serde_json::from_str(&self.stdout).ok()?;
        match report {
            Value::Array(diagnostics) => Some(diagnostics),
            Value::Object(mut fields) => match fields.remove("diagnostics") {
                Some(Value::Array(diagnostics)) => Some(diagnostics),
                _ => None,
            },
            _ => None,
        }
    }

    /// Everything the run printed, for a failure report.
    pub fn transcript(&self) -> String {
        format!(
            "$ {}\nexit: {}\n--- stdout\n{}\n--- stderr\n{}",
            self.command, self.status, self.stdout, self.stderr
        )
    }
}

/// The messages of the diagnostics with this code.
pub fn messages<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a str> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic["code"] == code)
        .map(|diagnostic| diagnostic["message"].as_str().unwrap_or_default())
        .collect()
}

/// The messages of the diagnostics with this code starting on `line`.
pub fn messages_on_line<'a>(diagnostics: &'a [Value], code: &str, line: u64) -> Vec<&'a str> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic["code"] == code && diagnostic["start"]["line"] == line)
        .map(|diagnostic| diagnostic["message"].as_str().unwrap_or_default())
        .collect()
}

/// The severities of the diagnostics with this code.
pub fn severities<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a str> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic["code"] == code)
        .map(|diagnostic| diagnostic["severity"].as_str().unwrap_or_default())
        .collect()
}
