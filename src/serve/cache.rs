//! Answers that take long (pages and JSON bodies alike, through [`super::compute_kept`]) are
//! computed once per index generation and kept. At national scale a
//! page such as `/themes` takes minutes, longer than the time limit: its request is answered
//! 503, and its work went on in the background (holding a worker) only to be thrown away, so
//! every reload started it again and a few reloads took every worker. Now a page that took at
//! least [`KEEP_SLOWER_THAN`] or the server's time limit, whichever is less (so every page that
//! outlived its request), is kept, keyed by its address and the index's commit; a request for a page being computed waits for that computation instead of
//! starting another. Fast pages are not kept: they are cheaper to compute than to hold.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A page that took this long is kept.
pub const KEEP_SLOWER_THAN: Duration = Duration::from_secs(1);
/// At most this many pages are kept (the least recently used goes first).
const MAX_PAGES: usize = 32;

enum Entry {
    /// Being computed.
    Running,
    Ready {
        generation: u64,
        page: Arc<String>,
        used: Instant,
    },
}

/// What a request finds for its page.
pub enum Found {
    Ready(Arc<String>),
    /// Another request is computing it.
    Running,
    /// Nothing: this request computes it (and must hold the [`Computing`] it was given).
    Absent(Computing),
}

#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<String, Entry>>,
}

impl PageCache {
    /// Look `key` up for the index at `generation`; when it is neither kept nor being computed,
    /// it is marked as being computed by the caller.
    /// A page computed then is kept if it took `keep_after` or longer.
    pub fn find(self: &Arc<Self>, key: &str, generation: u64, keep_after: Duration) -> Found {
        let mut entries = self.lock();
        match entries.get_mut(key) {
            Some(Entry::Ready {
                generation: g,
                page,
                used,
            }) if *g == generation => {
                *used = Instant::now();
                return Found::Ready(page.clone());
            }
            Some(Entry::Running) => return Found::Running,
            _ => {}
        }
        entries.insert(key.to_string(), Entry::Running);
        Found::Absent(Computing {
            cache: self.clone(),
            key: key.to_string(),
            generation,
            started: Instant::now(),
            keep_after,
            done: false,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // A panic while holding the lock leaves a map that is still consistent.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }
}

/// The right (and duty) to compute one page: [`Computing::finish`] keeps it when it was slow;
/// dropped unfinished (a failure, a panic), it clears the mark so that the next request tries.
pub struct Computing {
    cache: Arc<PageCache>,
    key: String,
    generation: u64,
    started: Instant,
    keep_after: Duration,
    done: bool,
}

impl Computing {
    pub fn finish(mut self, page: &str) {
        self.done = true;
        let mut entries = self.cache.lock();
        if self.started.elapsed() < self.keep_after {
            entries.remove(&self.key);
            return;
        }
        let ready = |page: &str| Entry::Ready {
            generation: self.generation,
            page: Arc::new(page.to_string()),
            used: Instant::now(),
        };
        entries.insert(self.key.clone(), ready(page));
        let ready_count = entries
            .values()
            .filter(|e| matches!(e, Entry::Ready { .. }))
            .count();
        if ready_count > MAX_PAGES {
            let oldest = entries
                .iter()
                .filter_map(|(k, e)| match e {
                    Entry::Ready { used, .. } => Some((*used, k.clone())),
                    Entry::Running => None,
                })
                .min()
                .map(|(_, k)| k);
            if let Some(k) = oldest {
                entries.remove(&k);
            }
        }
    }
}

impl Drop for Computing {
    fn drop(&mut self) {
        if !self.done {
            let mut entries = self.cache.lock();
            if matches!(entries.get(&self.key), Some(Entry::Running)) {
                entries.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slow(c: &mut Computing) {
        c.started -= KEEP_SLOWER_THAN;
    }

    #[test]
    fn slow_pages_are_kept_per_generation_and_fast_ones_are_not() {
        let cache = Arc::new(PageCache::default());
        let Found::Absent(mut c) = cache.find("/themes", 7, KEEP_SLOWER_THAN) else {
            panic!("empty cache")
        };
        assert!(matches!(
            cache.find("/themes", 7, KEEP_SLOWER_THAN),
            Found::Running
        ));
        slow(&mut c);
        c.finish("<p>themes</p>");
        match cache.find("/themes", 7, KEEP_SLOWER_THAN) {
            Found::Ready(p) => assert_eq!(*p, "<p>themes</p>"),
            _ => panic!("kept"),
        }
        // Another commit of the index: computed again.
        let Found::Absent(c) = cache.find("/themes", 8, KEEP_SLOWER_THAN) else {
            panic!("a new generation is not served the old page")
        };
        // A fast page is not kept.
        c.finish("<p>fast</p>");
        assert!(matches!(
            cache.find("/themes", 8, KEEP_SLOWER_THAN),
            Found::Absent(_)
        ));
    }

    #[test]
    fn a_failed_computation_clears_its_mark() {
        let cache = Arc::new(PageCache::default());
        let Found::Absent(c) = cache.find("/anomalies", 1, KEEP_SLOWER_THAN) else {
            panic!()
        };
        drop(c);
        assert_eq!(cache.len(), 0);
        assert!(matches!(
            cache.find("/anomalies", 1, KEEP_SLOWER_THAN),
            Found::Absent(_)
        ));
    }

    #[test]
    fn at_most_max_pages_are_kept_the_least_recently_used_going_first() {
        let cache = Arc::new(PageCache::default());
        for i in 0..MAX_PAGES + 5 {
            let Found::Absent(mut c) = cache.find(&format!("/p{i}"), 1, KEEP_SLOWER_THAN) else {
                panic!()
            };
            slow(&mut c);
            c.finish("page");
            if i == 0 {
                std::thread::sleep(Duration::from_millis(2));
            }
            // /p0 is used after every insertion, so it stays.
            assert!(matches!(
                cache.find("/p0", 1, KEEP_SLOWER_THAN),
                Found::Ready(_)
            ));
        }
        assert_eq!(cache.len(), MAX_PAGES);
        assert!(matches!(
            cache.find("/p1", 1, KEEP_SLOWER_THAN),
            Found::Absent(_)
        ));
    }
}
