//! The threaded runner: work over a list of items on several threads, results in input order,
//! either gathered ([`run_in_order`]) or written out as they come ([`stream_in_order`]).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// The number of threads to use when the user names none: the number of CPUs.
#[must_use]
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// The threads for a run of at most `at_most` items (`None`: not known ahead): those the user
/// names (`named`) or [`default_threads`], no more than the items. One item needs no count of the
/// processors (on Linux, five files of `/proc` and `/sys` read).
#[must_use]
pub fn threads_for(named: Option<usize>, at_most: Option<usize>) -> usize {
    match at_most {
        Some(0 | 1) => 1,
        _ => named
            .unwrap_or_else(default_threads)
            .min(at_most.unwrap_or(usize::MAX)),
    }
}

/// Runs `work` on every item on up to `threads` threads (each takes the next item when done with
/// one); the results come back in the order of `items`, so output stays deterministic.
pub fn run_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let worker = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            let result = work(item);
            *slots[i]
                .lock()
                .expect("no worker panics while holding a slot") = Some(result);
        }
    };
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        worker();
    } else {
        std::thread::scope(|scope| {
            for _ in 1..threads {
                scope.spawn(worker);
            }
            worker();
        });
    }
    slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .expect("workers finished")
                .expect("every item was worked on")
        })
        .collect()
}

/// How many bytes a [`Slot`] gathers before it writes them out (when its turn has come).
const CHUNK: usize = 64 << 10;

/// How many bytes a [`Slot`] whose turn has not come may hold before its worker waits for it.
const AHEAD: usize = 4 << 20;

/// What the workers of [`stream_in_order`] share: the outputs, whose turn it is, and the work
/// finished early, waiting for its turn.
struct Shared<W, E, R> {
    state: Mutex<State<W, E, R>>,
    /// Signalled when the turn passes to the next item, or writing failed.
    turn: Condvar,
}

struct State<W, E, R> {
    out: W,
    err: E,
    /// The item whose output is written now: everything before it is written.
    next: usize,
    /// Items done before their turn: their output, their messages and their result.
    early: BTreeMap<usize, (Vec<u8>, Vec<u8>, R)>,
    /// The first write that failed (a closed pipe, say): the run stops.
    failed: Option<io::ErrorKind>,
    /// Workers waiting for `turn`: with none, the end of an item wakes no one (a wake-up is a
    /// system call even when no one waits).
    waiting: usize,
}

impl<W, E, R> Shared<W, E, R> {
    /// Waits for the turn to pass (or a write to fail), counted in `waiting` meanwhile.
    fn wait<'a>(
        &self,
        mut state: MutexGuard<'a, State<W, E, R>>,
    ) -> MutexGuard<'a, State<W, E, R>> {
        state.waiting += 1;
        let mut state = self
            .turn
            .wait(state)
            .expect("no worker panics holding the state");
        state.waiting -= 1;
        state
    }
}

impl<W: Write, E: Write, R> State<W, E, R> {
    fn write_out(&mut self, bytes: &[u8]) -> io::Result<()> {
        if let Some(kind) = self.failed {
            return Err(kind.into());
        }
        if let Err(e) = self.out.write_all(bytes) {
            self.failed = Some(e.kind());
            return Err(e);
        }
        Ok(())
    }

    /// Ends the turn of the current item: `err` to the message stream, `result` to `done`, then
    /// the items after it that are done already.
    fn end_turn(&mut self, err: &[u8], result: R, done: &mut impl FnMut(R)) -> io::Result<()> {
        // Messages (notes, errors) are best effort, as `eprintln!` is.
        let _ = self.err.write_all(err);
        done(result);
        self.next += 1;
        while let Some((out, err, result)) = self.early.remove(&self.next) {
            self.write_out(&out)?;
            let _ = self.err.write_all(&err);
            done(result);
            self.next += 1;
        }
        Ok(())
    }
}

/// Where the work on one item of [`stream_in_order`] writes: its output (a [`Write`]) and its
/// messages ([`Slot::message`]). The output goes out as soon as every item before it is written;
/// until then it is held.
pub struct Slot<'a, W, E, R> {
    shared: &'a Shared<W, E, R>,
    index: usize,
    out: Vec<u8>,
    err: Vec<u8>,
}

impl<W: Write, E: Write, R> Slot<'_, W, E, R> {
    /// A line for the message stream (stderr), written in input order with the output.
    pub fn message(&mut self, line: &str) {
        self.err.extend_from_slice(line.as_bytes());
        self.err.push(b'\n');
    }

    /// Writes what is held if this item's turn has come; if not, waits for it when `wait`.
    fn drain(&mut self, wait: bool) -> io::Result<()> {
        let mut state = self
            .shared
            .state
            .lock()
            .expect("no worker panics holding the state");
        loop {
            if let Some(kind) = state.failed {
                return Err(kind.into());
            }
            if state.next == self.index {
                state.write_out(&self.out)?;
                self.out.clear();
                return Ok(());
            }
            if !wait {
                return Ok(());
            }
            state = self.shared.wait(state);
        }
    }
}

impl<W: Write, E: Write, R> Write for Slot<'_, W, E, R> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.out.extend_from_slice(bytes);
        if self.out.len() >= CHUNK {
            self.drain(self.out.len() >= AHEAD)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Runs `work` on every item of `items` on up to `threads` threads (each takes the next item when
/// done with one) and writes what each writes to its [`Slot`] to `out` (and its messages to
/// `err`) in the order of `items`: an item's output goes out while it is worked on once every
/// item before it is written, so memory holds only the output of the items being worked on (a
/// worker whose turn has not come waits once it holds a few megabytes) and of at most `window`
/// items done early. `done` gets each item's result, in order. Items are taken from `items` one
/// at a time, so it may read its input as it goes.
///
/// # Errors
///
/// The first write to `out` that failed; the work stops at the next item.
pub fn stream_in_order<T, R, W, E>(
    items: impl Iterator<Item = T> + Send,
    threads: usize,
    window: usize,
    out: W,
    err: E,
    work: impl Fn(T, &mut Slot<'_, W, E, R>) -> R + Sync,
    done: impl FnMut(R) + Send,
) -> io::Result<(W, E)>
where
    T: Send,
    R: Send,
    W: Write + Send,
    E: Write + Send,
{
    let shared = Shared {
        state: Mutex::new(State {
            out,
            err,
            next: 0,
            early: BTreeMap::new(),
            failed: None,
            waiting: 0,
        }),
        turn: Condvar::new(),
    };
    let items = Mutex::new(items.enumerate());
    let done = Mutex::new(done);
    let window = window.max(1);
    let worker = || -> io::Result<()> {
        loop {
            let Some((index, item)) = items.lock().expect("no worker panics taking items").next()
            else {
                return Ok(());
            };
            // Not too far ahead of the output: what is done early is held in memory.
            {
                let mut state = shared
                    .state
                    .lock()
                    .expect("no worker panics holding the state");
                while state.failed.is_none() && index >= state.next + window {
                    state = shared.wait(state);
                }
                if let Some(kind) = state.failed {
                    return Err(kind.into());
                }
            }
            let mut slot = Slot {
                shared: &shared,
                index,
                out: Vec::new(),
                err: Vec::new(),
            };
            let result = work(item, &mut slot);
            let Slot { out, err, .. } = slot;
            let mut state = shared
                .state
                .lock()
                .expect("no worker panics holding the state");
            let ended = if state.next == index {
                let mut done = done.lock().expect("no worker panics in `done`");
                state
                    .write_out(&out)
                    .and_then(|()| state.end_turn(&err, result, &mut *done))
            } else {
                state.early.insert(index, (out, err, result));
                Ok(())
            };
            // A worker that starts waiting after this sees the new turn before it waits.
            let waiting = state.waiting > 0;
            drop(state);
            if waiting {
                shared.turn.notify_all();
            }
            ended?;
        }
    };
    let threads = threads.max(1);
    let outcome = if threads == 1 {
        worker()
    } else {
        std::thread::scope(|scope| {
            let others: Vec<_> = (1..threads).map(|_| scope.spawn(worker)).collect();
            let mine = worker();
            let theirs = others
                .into_iter()
                .map(|h| h.join().expect("workers do not panic"))
                .collect::<io::Result<Vec<()>>>();
            mine.and(theirs.map(|_| ()))
        })
    };
    let state = shared
        .state
        .into_inner()
        .expect("no worker panics holding the state");
    outcome?;
    if let Some(kind) = state.failed {
        return Err(kind.into());
    }
    Ok((state.out, state.err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_the_named_or_the_processors_but_no_more_than_the_items() {
        assert_eq!(threads_for(None, Some(1)), 1);
        assert_eq!(threads_for(Some(8), Some(1)), 1);
        assert_eq!(threads_for(Some(8), Some(0)), 1);
        assert_eq!(threads_for(Some(8), Some(3)), 3);
        assert_eq!(threads_for(Some(2), Some(100)), 2);
        assert_eq!(threads_for(Some(4), None), 4);
        assert_eq!(threads_for(None, None), default_threads());
        assert_eq!(threads_for(None, Some(usize::MAX)), default_threads());
    }

    #[test]
    fn results_keep_input_order() {
        let items: Vec<u64> = (0..200).collect();
        for threads in [1, 2, 7] {
            let got = run_in_order(&items, threads, |&i| {
                // Uneven work, so threads finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((i * 37) % 50));
                i * 2
            });
            assert_eq!(got, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
        assert!(run_in_order(&[] as &[u8], 4, |_| 0).is_empty());
    }

    #[test]
    fn streamed_output_keeps_input_order() {
        for (threads, window) in [(1, 1), (2, 1), (2, 4), (7, 3)] {
            let mut results = Vec::new();
            let (out, err) = stream_in_order(
                0..300_u64,
                threads,
                window,
                Vec::new(),
                Vec::new(),
                |i, slot| {
                    // Uneven work and uneven output (some items write more than a chunk, in
                    // pieces), so threads finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros((i * 37) % 50));
                    let line = format!("{i}\n");
                    let times = if i % 50 == 7 { 20_000 } else { 1 };
                    for _ in 0..times {
                        slot.write_all(line.as_bytes()).unwrap();
                    }
                    slot.message(&format!("note {i}"));
                    i * 2
                },
                |r| results.push(r),
            )
            .unwrap();
            let expected: String = (0..300_u64)
                .map(|i| format!("{i}\n").repeat(if i % 50 == 7 { 20_000 } else { 1 }))
                .collect();
            assert!(
                out == expected.as_bytes(),
                "threads {threads}, window {window}"
            );
            let notes: String = (0..300).map(|i| format!("note {i}\n")).collect();
            assert_eq!(String::from_utf8(err).unwrap(), notes);
            assert_eq!(results, (0..300).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_failed_write_stops_the_run() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let worked = AtomicUsize::new(0);
        let result = stream_in_order(
            0..10_000,
            2,
            4,
            Closed,
            Vec::new(),
            |i, slot| {
                worked.fetch_add(1, Ordering::Relaxed);
                let _ = writeln!(slot, "{i}");
            },
            |()| {},
        );
        assert_eq!(
            result.err().map(|e| e.kind()),
            Some(io::ErrorKind::BrokenPipe)
        );
        assert!(worked.load(Ordering::Relaxed) < 100);
    }
}
