//! Recycling of large buffers between versions of a document.
//!
//! Every keystroke in a large document builds the new version's text and tree arrays
//! (megabytes) while the previous version still lives, and drops an older one. The language
//! server keeps glibc from serving such blocks from its heaps (see `lsp::malloc`: they fragment
//! there), so each new one is fresh memory whose every page is faulted in and zeroed again,
//! which cost more than the reparse itself. A [`Pool`] keeps a few of the dropped buffers, with
//! their pages, for the next version instead.

use std::sync::Mutex;

/// Buffers smaller than this are left to the allocator, which reuses them well.
const MIN_BYTES: usize = 128 * 1024;

/// At most this many buffers wait in a pool (one version being built while one is dropped).
const KEPT: usize = 2;

/// A few spare `Vec<T>`s.
pub struct Pool<T> {
    spare: Mutex<Vec<Vec<T>>>,
}

impl<T> Pool<T> {
    pub const fn new() -> Self {
        Self {
            spare: Mutex::new(Vec::new()),
        }
    }

    /// An empty vector with room for `len` items: a kept one if one is large enough.
    pub fn take(&self, len: usize) -> Vec<T> {
        self.take_or_new(len, len)
    }

    /// An empty vector with room for `len` items: a kept one if one is large enough, else a
    /// new one with room for `capacity` (at least `len`).
    pub fn take_or_new(&self, len: usize, capacity: usize) -> Vec<T> {
        let mut spare = self.spare.lock().unwrap_or_else(|e| e.into_inner());
        match spare.iter().position(|v| v.capacity() >= len) {
            Some(i) => spare.swap_remove(i),
            None => Vec::with_capacity(capacity.max(len)),
        }
    }

    /// Keeps `buffer` (emptied) for a later [`Pool::take`], if it is large and the pool is not
    /// full; otherwise frees it.
    pub fn give(&self, mut buffer: Vec<T>) {
        if buffer.capacity() * std::mem::size_of::<T>().max(1) < MIN_BYTES {
            return;
        }
        buffer.clear();
        let mut spare = self.spare.lock().unwrap_or_else(|e| e.into_inner());
        if spare.len() < KEPT {
            spare.push(buffer);
        } else if let Some(smallest) = spare.iter_mut().min_by_key(|v| v.capacity()) {
            // Keep the larger ones: they serve any version.
            if smallest.capacity() < buffer.capacity() {
                *smallest = buffer;
            }
        }
    }
}

impl<T> Default for Pool<T> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_few_large_buffers() {
        let pool: Pool<u64> = Pool::new();
        pool.give(vec![1; 10]); // small: freed
        assert_eq!(pool.take(5).capacity(), 5);
        let big = 1 << 15; // 256 KiB of u64
        for _ in 0..3 {
            pool.give(vec![7; big]);
        }
        let v = pool.take(big);
        assert!(v.is_empty() && v.capacity() >= big);
        assert!(pool.take(big).capacity() >= big);
        // Only two were kept: the third take allocates what it asks for.
        assert_eq!(pool.take(big + 1).capacity(), big + 1);
    }
}
