//! The threaded runner: work over a list of items on several threads, results in input order.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The number of threads to use when the user names none: the number of CPUs.
#[must_use]
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
