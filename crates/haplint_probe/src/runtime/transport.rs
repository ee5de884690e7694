//! One command, one connection: connect, send the command line, read the
//! answer until HAProxy closes, all before a deadline.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

use nix::sys::socket::{
    AddressFamily, SockFlag, SockType, UnixAddr, connect, setsockopt, socket, sockopt,
};
use nix::sys::time::{TimeVal, TimeValLike};

use super::{Command, RuntimeAddress, RuntimeError};

/// Past this, the answer is not a `show stat` of any sane configuration
/// (a row is about 500 bytes: this is over 200,000 servers), and reading
/// on would only use memory.
const MAX_ANSWER_BYTES: usize = 128 << 20;

/// Bounds on the caller's timeout: a zero one would mean "no timeout" to
/// the socket calls, a huge one cannot be given to them.
const SHORTEST: Duration = Duration::from_millis(1);
const LONGEST: Duration = Duration::from_hours(24);

/// Sends `command` to `address` and returns the whole answer.
pub(super) fn exchange(
    address: &RuntimeAddress,
    command: Command,
    timeout: Duration,
) -> Result<String, RuntimeError> {
    let timeout = timeout.clamp(SHORTEST, LONGEST);
    let deadline = Instant::now() + timeout;
    let name = address.to_string();
    let answer = match address {
        RuntimeAddress::Unix(path) => connect_unix(path, timeout)
            .and_then(|stream| talk(stream, command, deadline))
            .map_err(|error| classify(&name, &error))?,
        RuntimeAddress::Tcp(socket) => TcpStream::connect_timeout(socket, timeout)
            .and_then(|stream| talk(stream, command, deadline))
            .map_err(|error| classify(&name, &error))?,
    };
    String::from_utf8(answer).map_err(|_| {
        RuntimeError::Protocol(format!(
            "{name} answered `{}` with bytes that are not UTF-8 text",
            command.text()
        ))
    })
}

/// `UnixStream::connect` has no timeout, and a UNIX connect blocks while
/// the listener's queue is full (an HAProxy that stopped accepting). The
/// send timeout also bounds that wait, so it is set before connecting.
fn connect_unix(path: &Path, timeout: Duration) -> io::Result<UnixStream> {
    let fd = socket(
        AddressFamily::Unix,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    let micros = i64::try_from(timeout.as_micros()).unwrap_or(i64::MAX);
    setsockopt(&fd, sockopt::SendTimeout, &TimeVal::microseconds(micros))?;
    connect(fd.as_raw_fd(), &UnixAddr::new(path)?)?;
    Ok(UnixStream::from(fd))
}

/// The socket calls `talk` needs from either kind of stream.
trait Stream: Read + Write {
    fn set_read_timeout(&self, timeout: Option<Duration>) -> io::Result<()>;
    fn set_write_timeout(&self, timeout: Option<Duration>) -> io::Result<()>;
}

impl Stream for UnixStream {
    fn set_read_timeout(&self, timeout: Option<Duration>) -> io::Result<()> {
        UnixStream::set_read_timeout(self, timeout)
    }
    fn set_write_timeout(&self, timeout: Option<Duration>) -> io::Result<()> {
        UnixStream::set_write_timeout(self, timeout)
    }
}

impl Stream for TcpStream {
    fn set_read_timeout(&self, timeout: Option<Duration>) -> io::Result<()> {
        TcpStream::set_read_timeout(self, timeout)
    }
    fn set_write_timeout(&self, timeout: Option<Duration>) -> io::Result<()> {
        TcpStream::set_write_timeout(self, timeout)
    }
}

fn talk(mut stream: impl Stream, command: Command, deadline: Instant) -> io::Result<Vec<u8>> {
    stream.set_write_timeout(Some(remaining(deadline)?))?;
    stream.write_all(format!("{}\n", command.text()).as_bytes())?;
    let mut answer = Vec::new();
    let mut chunk = [0_u8; 16 * 1024];
    loop {
        // Each read may wait only for what is left, so a peer that
        // trickles bytes cannot stretch the exchange past the deadline.
        stream.set_read_timeout(Some(remaining(deadline)?))?;
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(answer),
            Ok(read) => {
                answer.extend_from_slice(&chunk[..read]);
                if answer.len() > MAX_ANSWER_BYTES {
                    return Err(io::Error::other(format!(
                        "an answer over {} MiB, more than any runtime API sends",
                        MAX_ANSWER_BYTES >> 20
                    )));
                }
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
}

fn remaining(deadline: Instant) -> io::Result<Duration> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(io::ErrorKind::TimedOut.into());
    }
    Ok(left)
}

fn classify(name: &str, error: &io::Error) -> RuntimeError {
    use io::ErrorKind;
    let name = name.to_owned();
    match error.kind() {
        ErrorKind::NotFound | ErrorKind::NotADirectory => RuntimeError::Absent(name),
        ErrorKind::ConnectionRefused => RuntimeError::Refused(name),
        ErrorKind::PermissionDenied => RuntimeError::PermissionDenied(name),
        // A UNIX connect whose send timeout ran out fails with EAGAIN.
        ErrorKind::TimedOut | ErrorKind::WouldBlock => RuntimeError::Timeout(name),
        ErrorKind::ConnectionReset | ErrorKind::BrokenPipe | ErrorKind::UnexpectedEof => {
            RuntimeError::Protocol(format!("{name} closed the connection before answering"))
        }
        _ => RuntimeError::Protocol(format!("{name}: {error}")),
    }
}
