//! The machine side of the test: a scratch directory, loopback ports in
//! known states, and an HAProxy running a configuration that uses them.
//! Everything here undoes itself when dropped, on success, failure or
//! panic alike, so a failed run leaves no HAProxy behind.

use std::fs;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use haplint_probe::runtime::{RuntimeAddress, RuntimeState, query};

/// How long HAProxy gets to open its socket and run its first checks.
const SETTLE_LIMIT: Duration = Duration::from_secs(10);
const POLL_EVERY: Duration = Duration::from_millis(100);
const QUERY_TIMEOUT: Duration = Duration::from_secs(1);
/// `sun_path` holds 108 bytes with the final NUL.
const LONGEST_SOCKET_PATH: usize = 107;

/// A directory of its own under the system's temporary directory.
pub struct ScratchDir {
    path: PathBuf,
}

impl ScratchDir {
    pub fn create() -> Result<Self, String> {
        let path = std::env::temp_dir().join(format!("haplint-live-e2e-{}", std::process::id()));
        // A directory left by an earlier run of the same pid is stale.
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path)
            .map_err(|error| format!("cannot create {}: {error}", path.display()))?;
        let scratch = Self { path };
        let socket = scratch.join("admin.sock");
        if socket.as_os_str().len() > LONGEST_SOCKET_PATH {
            return Err(format!(
                "{} is too long for a UNIX socket path: set TMPDIR to a shorter directory",
                socket.display()
            ));
        }
        Ok(scratch)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    pub fn write(&self, name: &str, text: &str) -> Result<PathBuf, String> {
        let path = self.join(name);
        fs::write(&path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        Ok(path)
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// Loopback ports, each in the state a server or bind of the test needs.
pub struct Ports {
    /// Held by this process, accepting and closing every connection: a
    /// server whose TCP checks pass, and a port `--live` sees taken by us.
    pub up: u16,
    /// Nothing listens: servers whose checks fail.
    pub down: u16,
    pub dead: u16,
    /// Free when HAProxy starts, then held by HAProxy's frontend.
    pub frontend: u16,
}

impl Ports {
    /// Opens the accepting listener (for the life of the process: the
    /// thread that serves it is never joined) and picks the other ports.
    pub fn open() -> Result<Self, String> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .map_err(|error| format!("cannot bind a loopback port: {error}"))?;
        let up = port_of(&listener)?;
        thread::spawn(move || {
            for stream in listener.incoming() {
                drop(stream);
            }
        });
        Ok(Self {
            up,
            down: closed_port()?,
            dead: closed_port()?,
            frontend: closed_port()?,
        })
    }
}

/// A port the kernel just handed out and that nothing holds any more.
/// Another program could take it meanwhile; on a test machine, over the
/// few seconds of a run, that does not happen in practice.
fn closed_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|error| format!("cannot bind a loopback port: {error}"))?;
    port_of(&listener)
}

fn port_of(listener: &TcpListener) -> Result<u16, String> {
    listener
        .local_addr()
        .map(|address| address.port())
        .map_err(|error| format!("cannot read a listener's port: {error}"))
}

/// The configuration under test: a frontend, a backend with one server up
/// and one down, and a backend whose only server is down.
pub fn config(socket: &Path, ports: &Ports, extra: &str) -> String {
    format!(
        "global
    stats socket {socket} mode 600 level admin

defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s

frontend fe_main
    bind 127.0.0.1:{frontend}
    default_backend be_app

backend be_app
    server up1 127.0.0.1:{up} check inter 200ms fall 1 rise 1
    server down1 127.0.0.1:{down} check inter 200ms fall 1 rise 1

backend be_dead
    server dead1 127.0.0.1:{dead} check inter 200ms fall 1 rise 1
{extra}",
        socket = socket.display(),
        frontend = ports.frontend,
        up = ports.up,
        down = ports.down,
        dead = ports.dead,
    )
}

/// A foreground HAProxy, killed when dropped.
pub struct Haproxy {
    child: Child,
    log: PathBuf,
    pub socket: RuntimeAddress,
}

impl Haproxy {
    pub fn start(
        haproxy: &Path,
        config: &Path,
        socket: &Path,
        log: PathBuf,
    ) -> Result<Self, String> {
        let output = fs::File::create(&log)
            .map_err(|error| format!("cannot create {}: {error}", log.display()))?;
        let errors = output
            .try_clone()
            .map_err(|error| format!("cannot share {}: {error}", log.display()))?;
        // `-db`: stay in the foreground, so the child is HAProxy itself
        // and killing it leaves nothing running.
        let child = Command::new(haproxy)
            .arg("-db")
            .arg("-f")
            .arg(config)
            .stdin(Stdio::null())
            .stdout(output)
            .stderr(errors)
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", haproxy.display()))?;
        Ok(Self {
            child,
            log,
            socket: RuntimeAddress::Unix(socket.to_path_buf()),
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What HAProxy printed so far.
    pub fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Polls the runtime API until the checks agree with the ports: `up1`
    /// UP, `down1` and `dead1` DOWN. HAProxy starts every server as UP, so
    /// the first answer is not enough.
    pub fn wait_until_settled(&mut self) -> Result<RuntimeState, String> {
        let started = Instant::now();
        let mut last = String::from("no answer yet");
        while started.elapsed() < SETTLE_LIMIT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("HAProxy exited ({status}):\n{}", self.log()));
            }
            match query(&self.socket, QUERY_TIMEOUT) {
                Ok(state) if settled(&state) => return Ok(state),
                Ok(state) => last = format!("{:?}", state.servers),
                Err(error) => last = error.to_string(),
            }
            thread::sleep(POLL_EVERY);
        }
        Err(format!(
            "HAProxy did not settle within {SETTLE_LIMIT:?}; last: {last}\nHAProxy's log:\n{}",
            self.log()
        ))
    }

    /// Kills HAProxy now and waits for it, rather than at the end of scope.
    pub fn stop(self) {
        drop(self);
    }
}

fn settled(state: &RuntimeState) -> bool {
    let status = |name: &str| {
        state
            .servers
            .iter()
            .find(|server| server.server == name)
            .map(|server| server.status.as_str())
    };
    status("up1") == Some("UP")
        && status("down1") == Some("DOWN")
        && status("dead1") == Some("DOWN")
}

impl Drop for Haproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
