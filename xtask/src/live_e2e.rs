//! `xtask live-e2e [--haproxy PATH] [--haplint PATH]`: haplint's runtime
//! and live checks against a real HAProxy on this machine.
//!
//! Starts HAProxy in the foreground on a configuration whose servers point
//! at loopback ports in known states (one accepting, two closed), waits
//! for its health checks to settle, then runs the haplint binary with
//! `--runtime` and `--live` and checks the diagnostics of its JSON report.
//! The runtime API client (`haplint_probe::runtime`) is checked along the
//! way against the same HAProxy. HAProxy is killed on every way out.

mod haplint;
mod lab;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use haplint_probe::runtime::{RuntimeError, RuntimeState, query};

use self::haplint::{Run, messages, messages_on_line, severities};
use self::lab::{Haproxy, Ports, ScratchDir};

const USAGE: &str = "usage: cargo run -p xtask -- live-e2e [--haproxy PATH] [--haplint PATH]";

struct Options {
    haproxy: PathBuf,
    haplint: PathBuf,
}

pub fn run(args: &[String]) -> ExitCode {
    let mut options = Options {
        haproxy: PathBuf::from("haproxy"),
        haplint: PathBuf::from("target/release/haplint"),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--haproxy", Some(path)) if !path.is_empty() => options.haproxy = PathBuf::from(path),
            ("--haplint", Some(path)) if !path.is_empty() => options.haplint = PathBuf::from(path),
            (flag, Some(_)) if flag == "--haproxy" || flag == "--haplint" => {
                // What `--haproxy "$(command -v haproxy)"` gives without HAProxy.
                eprintln!("live-e2e: {flag} is empty: is the program installed?");
                return ExitCode::from(2);
            }
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let mut report = Report::default();
    if let Err(error) = scenarios(&options, &mut report) {
        eprintln!("live-e2e: {error}");
        return ExitCode::FAILURE;
    }
    println!(
        "live-e2e: {} passed, {} failed",
        report.passed, report.failed
    );
    if report.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Sets the machine up, runs every scenario, tears down. An `Err` is a
/// failure to set up; failed checks go to `report`.
fn scenarios(options: &Options, report: &mut Report) -> Result<(), String> {
    // Declared in this order so that HAProxy is killed before its
    // directory goes, whichever way this function ends.
    let scratch = ScratchDir::create()?;
    let ports = Ports::open()?;
    let socket = scratch.join("admin.sock");
    let config = scratch.write("haproxy.cfg", &lab::config(&socket, &ports, ""))?;
    let mut haproxy = Haproxy::start(
        &options.haproxy,
        &config,
        &socket,
        scratch.join("haproxy.log"),
    )?;
    let state = haproxy.wait_until_settled()?;
    println!(
        "live-e2e: HAProxy {} (pid {}) settled; config {}",
        state.version.as_deref().unwrap_or("(version unknown)"),
        haproxy.pid(),
        config.display()
    );

    let lab = Lab {
        options,
        scratch: &scratch,
        ports: &ports,
        socket: &socket,
        config: &config,
        running: state.version_number(),
    };
    runtime_client(report, &state, &ports);
    lab.runtime_rules(report)?;
    lab.older_version(report)?;
    lab.drift(report)?;
    lab.unreachable(report)?;
    lab.port_held_by_haproxy(report)?;
    lab.port_held_by_this_process(report)?;

    let log = haproxy.log();
    let address = haproxy.socket.clone();
    haproxy.stop();
    let mut checks = Checks::default();
    let after = query(&address, Duration::from_secs(1));
    checks.check(
        "once HAProxy is stopped, its runtime socket refuses connections",
        matches!(after, Err(RuntimeError::Refused(_))),
    );
    report.scenario("teardown", &checks, None);
    if report.failed > 0 {
        println!("--- HAProxy's log\n{log}");
    }
    Ok(())
}

/// What every scenario needs to know about the setup.
struct Lab<'a> {
    options: &'a Options,
    scratch: &'a ScratchDir,
    ports: &'a Ports,
    socket: &'a Path,
    config: &'a Path,
    /// The running HAProxy's major and minor version.
    running: Option<(u16, u16)>,
}

impl Lab<'_> {
    fn haplint(&self, args: &[&str]) -> Result<Run, String> {
        Run::new(&self.options.haplint, args, self.scratch.path())
    }

    fn check_runtime(&self, socket: &Path, target: &str, config: &Path) -> Result<Run, String> {
        self.haplint(&[
            "check",
            "--runtime",
            &socket.display().to_string(),
            "--output-format",
            "json",
            "--target-version",
            target,
            &config.display().to_string(),
        ])
    }

    fn check_live(&self, config: &Path) -> Result<Run, String> {
        self.haplint(&[
            "check",
            "--live",
            "--output-format",
            "json",
            &config.display().to_string(),
        ])
    }

    /// Whether the running HAProxy is older than `major.minor`.
    fn running_older_than(&self, version: (u16, u16)) -> bool {
        self.running.is_some_and(|running| running < version)
    }

    fn runtime_rules(&self, report: &mut Report) -> Result<(), String> {
        let run = self.check_runtime(self.socket, "2.6", self.config)?;
        let mut checks = Checks::default();
        if let Some(diagnostics) = checks.json(&run) {
            let not_up = messages(&diagnostics, "HAP720");
            checks.check("HAP720 twice: down1 and dead1", not_up.len() == 2);
            checks.check(
                "HAP720 names be_app/down1 and says DOWN",
                not_up
                    .iter()
                    .any(|m| names(m, &["be_app", "down1", "DOWN"])),
            );
            checks.check(
                "HAP720 names be_dead/dead1 and says DOWN",
                not_up
                    .iter()
                    .any(|m| names(m, &["be_dead", "dead1", "DOWN"])),
            );
            checks.check(
                "no HAP720 for up1",
                !not_up.iter().any(|m| m.contains("up1")),
            );
            let backend_down = messages(&diagnostics, "HAP721");
            checks.check(
                "HAP721 once, for be_dead",
                backend_down.len() == 1 && backend_down.iter().all(|m| m.contains("be_dead")),
            );
            if self.running_older_than((2, 6)) {
                checks.note("HAProxy older than 2.6: HAP722 not checked at 2.6");
            } else {
                checks.check(
                    "no HAP722 with --target-version 2.6",
                    messages(&diagnostics, "HAP722").is_empty(),
                );
            }
            checks.check(
                "no HAP723 for the configuration HAProxy runs",
                messages(&diagnostics, "HAP723").is_empty(),
            );
            checks.check(
                "no HAP724 while HAProxy answers",
                messages(&diagnostics, "HAP724").is_empty(),
            );
        }
        report.scenario("runtime rules, --target-version 2.6", &checks, Some(&run));
        Ok(())
    }

    fn older_version(&self, report: &mut Report) -> Result<(), String> {
        let run = self.check_runtime(self.socket, "3.2", self.config)?;
        let mut checks = Checks::default();
        if let Some(diagnostics) = checks.json(&run) {
            let older = messages(&diagnostics, "HAP722");
            if self.running_older_than((3, 2)) {
                let running = self
                    .running
                    .map(|(major, minor)| format!("{major}.{minor}"))
                    .unwrap_or_default();
                checks.check(
                    "HAP722 once, naming the running version",
                    older.len() == 1 && older.iter().all(|m| m.contains(&running)),
                );
            } else {
                checks.check("no HAP722: HAProxy is 3.2 or newer", older.is_empty());
            }
        }
        report.scenario("runtime rules, --target-version 3.2", &checks, Some(&run));
        Ok(())
    }

    fn drift(&self, report: &mut Report) -> Result<(), String> {
        let extra = format!(
            "\nbackend be_new\n    server new1 127.0.0.1:{}\n",
            self.ports.up
        );
        let config = self
            .scratch
            .write("drift.cfg", &lab::config(self.socket, self.ports, &extra))?;
        let run = self.check_runtime(self.socket, "2.6", &config)?;
        let mut checks = Checks::default();
        if let Some(diagnostics) = checks.json(&run) {
            let drift = messages(&diagnostics, "HAP723");
            checks.check(
                "HAP723 once, for be_new (not running)",
                drift.len() == 1 && drift.iter().all(|m| m.contains("be_new")),
            );
        }
        report.scenario("drift: the configuration adds be_new", &checks, Some(&run));
        Ok(())
    }

    fn unreachable(&self, report: &mut Report) -> Result<(), String> {
        let absent = self.scratch.join("absent.sock");
        let run = self.check_runtime(&absent, "2.6", self.config)?;
        let mut checks = Checks::default();
        checks.check(
            "exit code non-zero, and not a panic or a signal",
            matches!(run.status.code(), Some(code) if code != 0 && code != 101),
        );
        if let Some(diagnostics) = checks.json(&run) {
            let unreachable = messages(&diagnostics, "HAP724");
            checks.check(
                "HAP724 once, naming absent.sock",
                unreachable.len() == 1 && unreachable.iter().all(|m| m.contains("absent.sock")),
            );
            checks.check(
                "HAP724 is an error",
                severities(&diagnostics, "HAP724") == ["error"],
            );
        }
        report.scenario("unreachable runtime socket", &checks, Some(&run));
        Ok(())
    }

    fn port_held_by_haproxy(&self, report: &mut Report) -> Result<(), String> {
        let run = self.check_live(self.config)?;
        let mut checks = Checks::default();
        if let Some(diagnostics) = checks.json(&run) {
            let line = line_of(
                self.config,
                &format!("bind 127.0.0.1:{}", self.ports.frontend),
            )?;
            let in_use = messages_on_line(&diagnostics, "HAP702", line);
            checks.check(
                &format!("HAP702 once, on fe_main's bind (line {line})"),
                in_use.len() == 1,
            );
            checks.check(
                "HAP702 says haproxy holds it and that a reload takes it over",
                in_use.iter().any(|m| names(m, &["haproxy", "reload"])),
            );
        }
        report.scenario("--live: a bind port HAProxy holds", &checks, Some(&run));
        Ok(())
    }

    fn port_held_by_this_process(&self, report: &mut Report) -> Result<(), String> {
        let config = self.scratch.write(
            "own-port.cfg",
            &format!(
                "defaults\n    mode http\n    timeout connect 1s\n    timeout client 5s\n    timeout server 5s\n\n\
                 frontend fe_taken\n    bind 127.0.0.1:{up}\n    default_backend be_x\n\n\
                 backend be_x\n    server s1 127.0.0.1:{down}\n",
                up = self.ports.up,
                down = self.ports.down,
            ),
        )?;
        let name = std::fs::read_to_string("/proc/self/comm")
            .map(|comm| comm.trim().to_owned())
            .map_err(|error| format!("cannot read /proc/self/comm: {error}"))?;
        let pid = std::process::id().to_string();
        let run = self.check_live(&config)?;
        let mut checks = Checks::default();
        if let Some(diagnostics) = checks.json(&run) {
            let line = line_of(&config, &format!("bind 127.0.0.1:{}", self.ports.up))?;
            let in_use = messages_on_line(&diagnostics, "HAP702", line);
            checks.check(
                &format!("HAP702 once, on fe_taken's bind (line {line})"),
                in_use.len() == 1,
            );
            checks.check(
                &format!("HAP702 names the holder: {name}, pid {pid}"),
                in_use.iter().any(|m| names(m, &[&name, &pid])),
            );
        }
        report.scenario(
            "--live: a bind port another program holds",
            &checks,
            Some(&run),
        );
        Ok(())
    }
}

/// The runtime API client against the real HAProxy, before haplint.
fn runtime_client(report: &mut Report, state: &RuntimeState, ports: &Ports) {
    let mut checks = Checks::default();
    checks.check(
        "show info gives the version",
        state.version_number().is_some(),
    );
    checks.check("show info gives the uptime", state.uptime_seconds.is_some());
    checks.check("frontends: fe_main", state.frontends == ["fe_main"]);
    checks.check(
        "backends: be_app, be_dead",
        state.backends == ["be_app", "be_dead"],
    );
    checks.check(
        "backend rows: be_app UP, be_dead DOWN",
        state.backend_status
            == [
                ("be_app".to_owned(), "UP".to_owned()),
                ("be_dead".to_owned(), "DOWN".to_owned()),
            ],
    );
    let server = |name: &str| state.servers.iter().find(|server| server.server == name);
    checks.check(
        "up1 is up, at its address, with a time since its last change",
        server("up1").is_some_and(|up1| {
            up1.is_up()
                && up1.backend == "be_app"
                && up1.address.as_deref() == Some(format!("127.0.0.1:{}", ports.up).as_str())
                && up1.since_seconds.is_some()
        }),
    );
    checks.check(
        "down1 and dead1 are not up",
        server("down1").is_some_and(|s| !s.is_up()) && server("dead1").is_some_and(|s| !s.is_up()),
    );
    report.scenario("runtime API client (haplint_probe::runtime)", &checks, None);
    if checks.failed() {
        println!("{state:#?}");
    }
}

/// The line (from 1, as in haplint's report) where `needle` is in `path`.
fn line_of(path: &Path, needle: &str) -> Result<u64, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    text.lines()
        .position(|line| line.contains(needle))
        .map(|index| index as u64 + 1)
        .ok_or_else(|| format!("`{needle}` is not in {}", path.display()))
}

/// Whether `message` contains every one of `words`, ignoring case.
fn names(message: &str, words: &[&str]) -> bool {
    let message = message.to_lowercase();
    words
        .iter()
        .all(|word| message.contains(&word.to_lowercase()))
}

/// The checks of one scenario, in order.
#[derive(Default)]
struct Checks {
    results: Vec<(String, Option<bool>)>,
}

impl Checks {
    fn check(&mut self, what: &str, passed: bool) {
        self.results.push((what.to_owned(), Some(passed)));
    }

    /// A line of context that is neither a pass nor a failure.
    fn note(&mut self, what: &str) {
        self.results.push((what.to_owned(), None));
    }

    /// The run's diagnostics, recording a failure when the output is not
    /// the JSON report.
    fn json(&mut self, run: &Run) -> Option<Vec<serde_json::Value>> {
        let diagnostics = run.diagnostics();
        self.check(
            "the output is a JSON report with diagnostics",
            diagnostics.is_some(),
        );
        diagnostics
    }

    fn failed(&self) -> bool {
        self.results
            .iter()
            .any(|(_, passed)| *passed == Some(false))
    }
}

#[derive(Default)]
struct Report {
    passed: usize,
    failed: usize,
}

impl Report {
    /// Prints a scenario's checks, and the haplint run behind them when
    /// one failed.
    fn scenario(&mut self, title: &str, checks: &Checks, run: Option<&Run>) {
        println!("\n{title}");
        for (what, passed) in &checks.results {
            let mark = match passed {
                Some(true) => "ok  ",
                Some(false) => "FAIL",
                None => "note",
            };
            println!("  {mark} {what}");
        }
        self.passed += checks
            .results
            .iter()
            .filter(|(_, p)| *p == Some(true))
            .count();
        self.failed += checks
            .results
            .iter()
            .filter(|(_, p)| *p == Some(false))
            .count();
        if let (true, Some(run)) = (checks.failed(), run) {
            println!("{}", run.transcript());
        }
    }
}
