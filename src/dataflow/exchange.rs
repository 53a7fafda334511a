//! How records cross between workers: one small timely dataflow per exchange
//! (input → exchange by a key → collected), run until every worker has received
//! everything sent to it. The stages between exchanges are ordinary code, so the
//! same functions as one process compute them. A connection lost mid-run is
//! noticed by the stream wrapper ([`Watched`]) and ends the exchange with an error
//! naming the process, within [`GRACE`], instead of waiting forever.

use std::cell::{Cell, RefCell};
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use timely::communication::allocator::zero_copy::stream::Stream;
use timely::dataflow::channels::pact;
use timely::dataflow::operators::generic::operator::Operator;
use timely::dataflow::operators::Input;
use timely::dataflow::InputHandle;
use timely::worker::Worker;
use timely::ExchangeData;

use crate::error::{Error, Result};

/// How long an exchange may go on after a connection ended before the run is
/// given up: a process that finished closes its connections while the others
/// step their last exchange to its end, which takes far less.
pub(crate) const GRACE: Duration = Duration::from_secs(5);

/// The first connection that ended, shared by the streams and the workers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Watch {
    lost: Arc<Mutex<Option<(usize, String)>>>,
    /// Bytes this process wrote to the others.
    sent: Arc<AtomicU64>,
}

impl Watch {
    pub(crate) fn sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    fn lose(&self, process: usize, why: String) {
        if let Ok(mut lost) = self.lost.lock() {
            lost.get_or_insert((process, why));
        }
    }

    pub(crate) fn lost(&self) -> Option<(usize, String)> {
        self.lost.lock().ok().and_then(|l| l.clone())
    }

    /// Steps `worker` while `busy`; an error once a connection has been gone
    /// for [`GRACE`].
    fn run(&self, worker: &mut Worker, mut busy: impl FnMut() -> bool) -> Result<()> {
        let mut since: Option<Instant> = None;
        while busy() {
            worker.step_or_park(Some(Duration::from_millis(20)));
            if let Some((process, reason)) = self.lost() {
                if since.get_or_insert_with(Instant::now).elapsed() > GRACE {
                    return Err(Error::Peer { process, reason });
                }
            }
        }
        Ok(())
    }
}

/// A connection to process `peer` that tells `watch` when it ends.
pub(crate) struct Watched {
    inner: TcpStream,
    peer: usize,
    watch: Watch,
}

impl Watched {
    pub(crate) fn new(inner: TcpStream, peer: usize, watch: Watch) -> Self {
        Watched { inner, peer, watch }
    }

    fn seen<T>(&self, r: io::Result<T>, ended: impl Fn(&T) -> bool) -> io::Result<T> {
        match &r {
            Ok(x) if ended(x) => self.watch.lose(
                self.peer,
                "closed its connection before the run ended".into(),
            ),
            Err(e) if e.kind() != io::ErrorKind::Interrupted => {
                self.watch.lose(self.peer, format!("connection lost: {e}"))
            }
            _ => {}
        }
        r
    }
}

impl Read for Watched {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let r = self.inner.read(buf);
        let asked = !buf.is_empty();
        self.seen(r, |&n| asked && n == 0)
    }
}

impl Write for Watched {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.inner.write(buf);
        if let Ok(n) = r {
            self.watch.sent.fetch_add(n as u64, Ordering::Relaxed);
        }
        self.seen(r, |_| false)
    }
    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.seen(r, |_| false)
    }
}

impl Stream for Watched {
    fn try_clone(&self) -> io::Result<Self> {
        Ok(Watched {
            inner: self.inner.try_clone()?,
            peer: self.peer,
            watch: self.watch.clone(),
        })
    }
    fn set_nonblocking(&self, nonblocking: bool) -> io::Result<()> {
        self.inner.set_nonblocking(nonblocking)
    }
    fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        self.inner.shutdown(how)
    }
}

/// Sends each record to the worker `route` names (modulo the number of workers)
/// and returns what this worker received, in no particular order: callers sort.
pub(crate) fn exchange<T, R>(
    worker: &mut Worker,
    watch: &Watch,
    data: Vec<T>,
    route: R,
) -> Result<Vec<T>>
where
    T: ExchangeData + Clone,
    R: Fn(&T) -> u64 + 'static,
{
    let got: Rc<RefCell<Vec<T>>> = Rc::default();
    let done: Rc<Cell<bool>> = Rc::default();
    let (sink, finished) = (Rc::clone(&got), Rc::clone(&done));
    let mut input = InputHandle::new();
    worker.dataflow::<u64, _, _>(|scope| {
        scope.input_from(&mut input).container::<Vec<T>>().sink(
            pact::Exchange::new(move |x: &T| route(x)),
            "collect",
            move |(input, frontier)| {
                // Records are moved out of the channel's batches, never copied.
                input.for_each(|_, batch| sink.borrow_mut().append(batch));
                if frontier.is_empty() {
                    finished.set(true);
                }
            },
        );
    });
    for x in data {
        input.send(x);
    }
    input.close();
    watch.run(worker, || !done.get())?;
    let out = std::mem::take(&mut *got.borrow_mut());
    Ok(out)
}
