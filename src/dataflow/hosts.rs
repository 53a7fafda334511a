//! Which processes take part and how they find each other: a host file in timely's
//! form (one `host:port` per line, the line number is the process index), checked
//! before anything is read, and the connections between the processes, opened with
//! a deadline so a process that never comes up is reported, not waited for.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// First bytes a process sends on a new connection, then its index (`u64` LE).
const HELLO: &[u8; 8] = b"ndflow01";

fn bad(option: &'static str, reason: String) -> Error {
    Error::Config { option, reason }
}

/// The addresses of a host file: one `host:port` per non-empty line, no two alike.
pub fn read_hosts(path: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut out: Vec<String> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = format!("{}:{}", path.display(), n + 1);
        let port = line.rsplit_once(':').and_then(|(h, p)| {
            (!h.is_empty()).then_some(())?;
            p.parse::<u16>().ok()
        });
        if port.is_none() {
            return Err(bad("hosts", format!("{at}: {line:?} is not host:port")));
        }
        if let Some(first) = out.iter().position(|a| a == line) {
            return Err(bad(
                "hosts",
                format!("{at}: {line} is also process {first}'s address"),
            ));
        }
        out.push(line.to_owned());
    }
    if out.is_empty() {
        return Err(bad("hosts", format!("{}: no addresses", path.display())));
    }
    Ok(out)
}

/// Connects process `me` with every other: it listens on its own address for the
/// processes after it and connects to those before it (retrying until
/// `deadline`), as timely expects. Returns one stream per process, `None` at `me`.
pub fn connect(addresses: &[String], me: usize, wait: Duration) -> Result<Vec<Option<TcpStream>>> {
    let deadline = Instant::now() + wait;
    let n = addresses.len();
    let unreachable = |process: usize, why: String| Error::Peer {
        process,
        reason: format!("{} {why} (seen from process {me})", addresses[process]),
    };
    let local = |reason: String| Error::Peer {
        process: me,
        reason,
    };
    let listener = TcpListener::bind(&addresses[me])
        .map_err(|e| local(format!("cannot listen on {}: {e}", addresses[me])))?;
    let mut out: Vec<Option<TcpStream>> = (0..n).map(|_| None).collect();
    for (i, address) in addresses.iter().enumerate().take(me) {
        let stream = loop {
            let tried = address
                .to_socket_addrs()
                .map_err(|e| e.to_string())
                .and_then(|mut a| a.next().ok_or_else(|| "resolves to nothing".to_owned()))
                .and_then(|a| {
                    TcpStream::connect_timeout(&a, Duration::from_millis(500))
                        .map_err(|e| e.to_string())
                });
            match tried {
                Ok(s) => break s,
                Err(e) if Instant::now() >= deadline => {
                    return Err(unreachable(i, format!("did not answer in {wait:?}: {e}")))
                }
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
        };
        let mut hello = HELLO.to_vec();
        hello.extend_from_slice(&(me as u64).to_le_bytes());
        (&stream)
            .write_all(&hello)
            .map_err(|e| unreachable(i, format!("closed the connection: {e}")))?;
        out[i] = Some(stream);
    }
    listener
        .set_nonblocking(true)
        .map_err(|e| local(e.to_string()))?;
    while out.iter().skip(me + 1).any(Option::is_none) {
        match listener.accept() {
            Ok((stream, _)) => {
                let i = hello(&stream, deadline).filter(|&i| i > me && i < n && out[i].is_none());
                if let Some(i) = i {
                    out[i] = Some(stream);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if Instant::now() >= deadline {
                    let missing = (me + 1..n).find(|&i| out[i].is_none()).unwrap_or(me);
                    return Err(unreachable(missing, format!("did not connect in {wait:?}")));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(local(e.to_string())),
        }
    }
    for s in out.iter().flatten() {
        s.set_nonblocking(false)
            .and_then(|_| s.set_nodelay(true))
            .and_then(|_| s.set_read_timeout(None))
            .map_err(|e| local(e.to_string()))?;
    }
    Ok(out)
}

/// The index a connecting process announces, if it says hello in time.
fn hello(stream: &TcpStream, deadline: Instant) -> Option<usize> {
    let left = deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_millis(100));
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(left)).ok()?;
    let mut buf = [0u8; 16];
    (&*stream).read_exact(&mut buf).ok()?;
    if &buf[..8] != HELLO {
        return None;
    }
    let mut i = [0u8; 8];
    i.copy_from_slice(&buf[8..]);
    usize::try_from(u64::from_le_bytes(i)).ok()
}
