//! HAProxy's verdict on a config: stored next to it, or from running
//! `haproxy -c` now.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What `haproxy -c` said about one config.
#[derive(Debug)]
pub struct Verdict {
    /// `haproxy -c`'s exit code: 0 valid, 2 valid with nothing to listen
    /// on, 1 rejected.
    pub exit: i32,
    /// Its combined stdout and stderr.
    pub output: String,
    /// The files HAProxy loaded, in order (`-f A -f B`).
    pub files: Vec<PathBuf>,
    /// Whether the case set environment variables (`# ORACLE-ENV:`).
    pub env_given: bool,
}

/// Where verdicts come from.
pub enum Source {
    /// `<cfg>.haproxyXY.txt` beside the config (for 2.6 also `<stem>.out`),
    /// exit codes from the output's `# exit:` line or the directory's
    /// `oracle.tsv`.
    Stored { version: (u8, u8) },
    /// Run this HAProxy binary, in an empty network namespace when
    /// `unshare -rn` works so that name resolution fails at once.
    Live {
        haproxy: PathBuf,
        netns: bool,
        version: (u8, u8),
    },
}

/// How long one `haproxy -c` may take.
const TIMEOUT: Duration = Duration::from_secs(30);

impl Source {
    /// The binary at `haproxy`, whose version `haproxy -v` tells.
    pub fn live(haproxy: PathBuf) -> Result<Self, String> {
        let output = Command::new(&haproxy)
            .arg("-v")
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("cannot run {} -v: {error}", haproxy.display()))?;
        let text = String::from_utf8_lossy(&output.stdout);
        let version = version_in(&text).ok_or_else(|| {
            format!(
                "{} -v printed no HAProxy version: {}",
                haproxy.display(),
                text.trim()
            )
        })?;
        let netns = Command::new("unshare")
            .args(["-rn", "true"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        Ok(Self::Live {
            haproxy,
            netns,
            version,
        })
    }

    /// The HAProxy version whose verdicts these are: haplint lints with
    /// it as `--target-version`.
    pub fn version(&self) -> (u8, u8) {
        match self {
            Self::Stored { version } | Self::Live { version, .. } => *version,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Self::Stored {
                version: (major, minor),
            } => {
                format!("stored verdicts of HAProxy {major}.{minor}")
            }
            Self::Live {
                haproxy,
                netns,
                version: (major, minor),
            } => format!(
                "{} -c (HAProxy {major}.{minor}){}",
                haproxy.display(),
                if *netns {
                    ", in an empty network namespace"
                } else {
                    " (no network namespace: unshare -rn failed)"
                }
            ),
        }
    }

    /// The verdict on `config`; `exits` are the directory's `oracle.tsv`
    /// exit codes by file name.
    pub fn verdict(&self, config: &Path, exits: &BTreeMap<String, i32>) -> Result<Verdict, String> {
        self.verdict_as(config, config, exits)
    }

    /// The verdict on `config`, run as the `# ORACLE-` lines of `case` say
    /// (`xtask fmt-corpus` runs a formatted copy of a case).
    pub fn verdict_as(
        &self,
        config: &Path,
        case: &Path,
        exits: &BTreeMap<String, i32>,
    ) -> Result<Verdict, String> {
        let directives = Directives::read(case);
        match self {
            Self::Stored { version } => stored(config, *version, exits, &directives),
            Self::Live { haproxy, netns, .. } => live(haproxy, *netns, config, &directives),
        }
    }
}

/// `# ORACLE-ENV: NAME=value` and `# ORACLE-ARGS: -f other.cfg` lines of
/// an oracle case: how the case must be run.
#[derive(Default)]
struct Directives {
    env: Vec<(String, String)>,
    args: Vec<String>,
}

impl Directives {
    fn read(config: &Path) -> Self {
        let mut directives = Self::default();
        let Ok(text) = std::fs::read_to_string(config) else {
            return directives;
        };
        for line in text.lines() {
            if let Some(assignments) = line.strip_prefix("# ORACLE-ENV:") {
                // Shell words, as the case runner passes them to `env`.
                for assignment in super::shell_words::split(assignments) {
                    if let Some((name, value)) = assignment.split_once('=') {
                        directives.env.push((name.to_string(), value.to_string()));
                    }
                }
            } else if let Some(args) = line.strip_prefix("# ORACLE-ARGS:") {
                directives
                    .args
                    .extend(args.split_whitespace().map(str::to_string));
            }
        }
        directives
    }
}

/// The environment HAProxy ran `config` with: a clean one (`PATH` only)
/// plus its `# ORACLE-ENV:` values, for haplint to expand `"${VAR}"` with.
pub fn environment(config: &Path) -> Vec<(String, String)> {
    Directives::read(config).env
}

fn stored(
    config: &Path,
    (major, minor): (u8, u8),
    exits: &BTreeMap<String, i32>,
    directives: &Directives,
) -> Result<Verdict, String> {
    let name = file_name(config);
    let mut candidates = vec![config.with_file_name(format!("{name}.haproxy{major}{minor}.txt"))];
    // The first stored outputs, of 2.6 only, were named after the stem.
    if (major, minor) == (2, 6) {
        candidates.push(config.with_extension("out"));
    }
    let (path, output) = candidates
        .iter()
        .find_map(|path| {
            Some((
                path,
                String::from_utf8_lossy(&std::fs::read(path).ok()?).into_owned(),
            ))
        })
        .ok_or_else(|| format!("no stored verdict beside {}", config.display()))?;
    let exit = output
        .lines()
        .find_map(|line| line.strip_prefix("# exit:")?.trim().parse().ok())
        .or_else(|| exits.get(&name).copied())
        .ok_or_else(|| {
            format!(
                "{}: no exit code (no `# exit:` line, no oracle.tsv row)",
                path.display()
            )
        })?;
    // The stored command line is authoritative for which files were loaded.
    let stored_args: Option<Vec<String>> = output
        .lines()
        .find_map(|line| line.strip_prefix("# command:"))
        .map(|command| command.split_whitespace().map(str::to_string).collect());
    let files = loaded_files(config, stored_args.as_ref().unwrap_or(&directives.args));
    Ok(Verdict {
        exit,
        output,
        files,
        env_given: !directives.env.is_empty(),
    })
}

fn live(
    haproxy: &Path,
    netns: bool,
    config: &Path,
    directives: &Directives,
) -> Result<Verdict, String> {
    let dir = config.parent().unwrap_or(Path::new("."));
    let mut command = if netns {
        let mut command = Command::new("unshare");
        command.arg("-rn").arg(haproxy);
        command
    } else {
        Command::new(haproxy)
    };
    command
        .args(&directives.args)
        .arg("-c")
        .arg("-f")
        .arg(file_name(config))
        .current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/sbin:/usr/bin:/bin")
        .envs(directives.env.iter().map(|(name, value)| (name, value)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .map_err(|error| format!("cannot run {}: {error}", haproxy.display()))?;
    let readers = [
        child.stdout.take().map(read_in_background),
        child.stderr.take().map(read_in_background),
    ];
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{}: haproxy -c timed out after {TIMEOUT:?}",
                    config.display()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(error) => {
                return Err(format!(
                    "{}: waiting for haproxy: {error}",
                    config.display()
                ));
            }
        }
    };
    let mut output = String::new();
    for reader in readers.into_iter().flatten() {
        output.push_str(&reader.join().unwrap_or_default());
    }
    let exit = status
        .code()
        .ok_or_else(|| format!("{}: haproxy was killed by a signal", config.display()))?;
    Ok(Verdict {
        exit,
        output,
        files: loaded_files(config, &directives.args),
        env_given: !directives.env.is_empty(),
    })
}

fn read_in_background(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// The `-f FILE` arguments, resolved beside `config`; `config` itself
/// when none is given.
fn loaded_files(config: &Path, args: &[String]) -> Vec<PathBuf> {
    let dir = config.parent().unwrap_or(Path::new("."));
    let mut files: Vec<PathBuf> = args
        .windows(2)
        .filter(|pair| pair[0] == "-f")
        .map(|pair| dir.join(&pair[1]))
        .collect();
    if !files
        .iter()
        .any(|file| file_name(file) == file_name(config))
    {
        files.push(config.to_path_buf());
    }
    files
}

/// `haproxy version is 2.6.12` or `HAProxy version 2.6.12`.
pub fn version_in(output: &str) -> Option<(u8, u8)> {
    let rest = output
        .split("haproxy version is ")
        .nth(1)
        .or_else(|| output.split("HAProxy version ").nth(1))?;
    let mut numbers = rest.split(['.', '-', ' ']);
    let major = numbers.next()?.parse().ok()?;
    let minor = numbers.next()?.parse().ok()?;
    Some((major, minor))
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `oracle.tsv` (file, exit code, ...) of `dir`, when there is one.
pub fn stored_exit_codes(dir: &Path) -> BTreeMap<String, i32> {
    let Ok(text) = std::fs::read_to_string(dir.join("oracle.tsv")) else {
        return BTreeMap::new();
    };
    text.lines()
        .skip(1)
        .filter_map(|row| {
            let mut fields = row.split('\t');
            Some((fields.next()?.to_string(), fields.next()?.parse().ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_and_the_loaded_files() {
        assert_eq!(
            version_in("[NOTICE] (1) : haproxy version is 2.6.12-1+deb12u4"),
            Some((2, 6))
        );
        assert_eq!(version_in("# HAProxy version 3.0.5 2024"), Some((3, 0)));
        let args: Vec<String> = ["-f", "a.part", "-c", "-f", "b.cfg"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            loaded_files(Path::new("d/b.cfg"), &args),
            vec![PathBuf::from("d/a.part"), PathBuf::from("d/b.cfg")]
        );
    }
}
