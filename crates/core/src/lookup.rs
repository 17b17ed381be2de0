//! Hash lookups by name over lists whose fields are public ([`crate::Model`]'s
//! indicators, [`crate::Budget`]'s lines): an index built on first use, so that every
//! lookup by id or name costs the same at 45 or 13 000 entries; a list of up to
//! [`SCAN_UP_TO`] entries is scanned instead (no index to build for a few).
//!
//! The index is a cache, not part of the value: it is ignored by equality and debug
//! output, and it never gives a wrong answer for a list that grew or shrank after it
//! was built (a hit is verified against the list; a list of another length is
//! searched directly). The hash is foldhash (fast, not for untrusted keys under
//! attack; names come from the user's own files). Code that renames entries in place after looking one up calls
//! `reindex` on the owner.

use foldhash::fast::RandomState;
use hashbrown::hash_table::{Entry, HashTable};
use std::hash::BuildHasher;
use std::sync::OnceLock;

/// Positions by key, the keys read from the list (none copied): each entry is a
/// key's hash and its first position (or all its positions). A lookup finds the
/// entry of the key's hash and verifies it against the list.
#[derive(Debug, Clone)]
struct Index<T> {
    /// Length of the list the index was built from.
    len: usize,
    hasher: RandomState,
    entries: HashTable<(u64, T)>,
}

impl<T> Index<T> {
    /// The index of the keys `key_at` gives for positions below `len`; `add` folds a
    /// key's next position into its entry (made with `new` at its first).
    fn build<'k>(
        len: usize,
        key_at: impl Fn(usize) -> Option<&'k str>,
        first: impl Fn(usize) -> T,
        add: impl Fn(&mut T, usize),
        position: impl Fn(&T) -> usize,
    ) -> Index<T> {
        let hasher = RandomState::default();
        let mut entries: HashTable<(u64, T)> = HashTable::with_capacity(len);
        for p in 0..len {
            let Some(k) = key_at(p) else { continue };
            let h = hasher.hash_one(k);
            let same = |e: &(u64, T)| e.0 == h && key_at(position(&e.1)) == Some(k);
            match entries.entry(h, same, |e| e.0) {
                Entry::Occupied(mut e) => add(&mut e.get_mut().1, p),
                Entry::Vacant(e) => {
                    e.insert((h, first(p)));
                }
            }
        }
        Index {
            len,
            hasher,
            entries,
        }
    }

    /// The entry of `key`'s hash, if any (the caller verifies it).
    fn get(&self, key: &str) -> Option<&T> {
        let h = self.hasher.hash_one(key);
        self.entries.find(h, |e| e.0 == h).map(|e| &e.1)
    }
}

/// Lists up to this long are searched directly, without an index: a scan of a few
/// entries costs less than building one (a unit's handful of budget lines).
pub const SCAN_UP_TO: usize = 8;

/// A lazily built key → position index (see the module documentation).
#[derive(Clone, Default)]
pub struct NameIndex(OnceLock<Index<usize>>);

impl std::fmt::Debug for NameIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NameIndex")
    }
}

/// Caches are equal whatever they hold: the value is the list.
impl PartialEq for NameIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for NameIndex {}

impl NameIndex {
    /// The first position `p < len` with `key_at(p) == Some(key)`. `key_at` gives the
    /// key of an entry (`None` for an entry without one).
    pub fn find<'k>(
        &self,
        key: &str,
        len: usize,
        key_at: impl Fn(usize) -> Option<&'k str>,
    ) -> Option<usize> {
        if len <= SCAN_UP_TO {
            return (0..len).find(|&p| key_at(p).is_some_and(|k| same_text(k, key)));
        }
        let index = self
            .0
            .get_or_init(|| Index::build(len, &key_at, |p| p, |_, _| {}, |&p| p));
        if index.len != len {
            return (0..len).find(|&p| key_at(p) == Some(key));
        }
        match index.get(key) {
            Some(&p) if key_at(p) == Some(key) => Some(p),
            // Renamed in place, or another key of the same hash.
            Some(_) => (0..len).find(|&p| key_at(p) == Some(key)),
            None => None,
        }
    }

    /// Forget the index (after entries were renamed in place).
    pub fn reset(&mut self) {
        self.0 = OnceLock::new();
    }
}

/// A lazily built key → all positions index, in list order (children by parent).
#[derive(Clone, Default)]
pub struct GroupIndex(OnceLock<Index<Vec<usize>>>);

impl std::fmt::Debug for GroupIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GroupIndex")
    }
}

impl PartialEq for GroupIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for GroupIndex {}

impl GroupIndex {
    /// The positions `p < len` with `key_at(p) == Some(key)`, in order.
    pub fn all<'k>(
        &self,
        key: &str,
        len: usize,
        key_at: impl Fn(usize) -> Option<&'k str>,
    ) -> Vec<usize> {
        let scan = || (0..len).filter(|&p| key_at(p) == Some(key)).collect();
        if len <= SCAN_UP_TO {
            return scan();
        }
        let index = self.0.get_or_init(|| {
            Index::build(
                len,
                &key_at,
                |p| vec![p],
                |ps: &mut Vec<usize>, p| ps.push(p),
                |ps| ps[0],
            )
        });
        if index.len != len {
            return scan();
        }
        match index.get(key) {
            Some(ps) if ps.iter().all(|&p| key_at(p) == Some(key)) => ps.clone(),
            Some(_) => scan(),
            None => Vec::new(),
        }
    }

    /// Forget the index (after entries were changed in place).
    pub fn reset(&mut self) {
        self.0 = OnceLock::new();
    }
}

/// `a == b` for short texts, without a call to the C library's comparison: the
/// lengths, then eight bytes at a time, the last eight overlapping the ones before
/// (no byte-by-byte rest); under eight bytes, the first and last four, or each
/// byte of one to three. A reader compares a few short cells per row (a month, an
/// item, a unit code), where the call costs more than the comparison.
#[inline]
pub fn same_text(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// [`same_text`] for bytes (a reader that has not made a cell a `str` yet).
#[inline]
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| {
        s[at..at + 8]
            .first_chunk::<8>()
            .map(|w| u64::from_ne_bytes(*w))
    };
    let half = |s: &[u8], at: usize| {
        s[at..at + 4]
            .first_chunk::<4>()
            .map(|w| u32::from_ne_bytes(*w))
    };
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => {
            let mut at = 0;
            while at + 8 < n {
                if word(a, at) != word(b, at) {
                    return false;
                }
                at += 8;
            }
            word(a, n - 8) == word(b, n - 8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_first_and_survives_growth() {
        let mut v = vec!["a", "b", "a"];
        let ix = NameIndex::default();
        assert_eq!(ix.find("a", v.len(), |p| v.get(p).copied()), Some(0));
        assert_eq!(ix.find("b", v.len(), |p| v.get(p).copied()), Some(1));
        assert_eq!(ix.find("c", v.len(), |p| v.get(p).copied()), None);
        v.push("c");
        assert_eq!(ix.find("c", v.len(), |p| v.get(p).copied()), Some(3));
        let g = GroupIndex::default();
        assert_eq!(g.all("a", v.len(), |p| v.get(p).copied()), vec![0, 2]);
        assert!(g.all("z", v.len(), |p| v.get(p).copied()).is_empty());
    }

    proptest::proptest! {
        /// Every lookup gives what a scan of the list gives: built for the list, and
        /// after the list grew or shrank.
        #[test]
        fn lookups_are_the_scans(
            keys in proptest::collection::vec("[abc]{0,2}", 0..24),
            more in proptest::collection::vec("[abcd]{0,2}", 0..4),
            shrink in 0usize..3,
        ) {
            let ix = NameIndex::default();
            let g = GroupIndex::default();
            let check = |v: &[String]| -> Result<(), proptest::test_runner::TestCaseError> {
                let at = |p: usize| v.get(p).map(String::as_str);
                for q in ["", "a", "b", "c", "d", "ab", "ba", "cc", "dd", "abc"] {
                    let first = (0..v.len()).find(|&p| v[p] == q);
                    let all: Vec<usize> = (0..v.len()).filter(|&p| v[p] == q).collect();
                    proptest::prop_assert_eq!(ix.find(q, v.len(), at), first);
                    proptest::prop_assert_eq!(g.all(q, v.len(), at), all);
                }
                Ok(())
            };
            let mut v = keys.clone();
            check(&v)?;
            v.extend(more);
            check(&v)?;
            v.truncate(keys.len().saturating_sub(shrink));
            check(&v)?;
        }
    }

    #[test]
    fn a_rename_in_place_is_caught_on_hit_and_by_reset() {
        // Lists longer than [`SCAN_UP_TO`], so that the index is built and used.
        let pad = |v: &mut Vec<String>| v.extend((0..SCAN_UP_TO).map(|k| format!("x{k}")));
        let mut v = vec!["a".to_string(), "b".to_string()];
        pad(&mut v);
        let n = v.len();
        let mut ix = NameIndex::default();
        assert_eq!(ix.find("a", n, |p| v.get(p).map(String::as_str)), Some(0));
        assert!(ix.0.get().is_some());
        v[0] = "b".into();
        // The index says `a` is at 0; the list disagrees: searched, not found.
        assert_eq!(ix.find("a", n, |p| v.get(p).map(String::as_str)), None);
        ix.reset();
        assert_eq!(ix.find("b", n, |p| v.get(p).map(String::as_str)), Some(0));
        // The same for groups: a renamed member is not given; a stale group is
        // searched.
        let mut parents = vec!["p".to_string(), "p".to_string(), "q".to_string()];
        pad(&mut parents);
        let n = parents.len();
        let mut g = GroupIndex::default();
        assert_eq!(
            g.all("p", n, |p| parents.get(p).map(String::as_str)),
            [0, 1]
        );
        assert!(g.0.get().is_some());
        parents[1] = "q".into();
        assert_eq!(g.all("p", n, |p| parents.get(p).map(String::as_str)), [0]);
        g.reset();
        assert_eq!(
            g.all("q", n, |p| parents.get(p).map(String::as_str)),
            [1, 2]
        );
    }

    #[test]
    fn short_lists_are_scanned_without_an_index() {
        let v = ["a", "b", "a"];
        let (ix, g) = (NameIndex::default(), GroupIndex::default());
        assert_eq!(ix.find("b", 3, |p| v.get(p).copied()), Some(1));
        assert_eq!(g.all("a", 3, |p| v.get(p).copied()), [0, 2]);
        assert!(ix.0.get().is_none() && g.0.get().is_none());
    }

    proptest::proptest! {
        /// The same answer as `==`, at every length.
        #[test]
        fn same_text_is_equality(a in "[ab调]{0,20}", b in "[ab调]{0,20}") {
            proptest::prop_assert_eq!(same_text(&a, &b), a == b);
            proptest::prop_assert!(same_text(&a, &a));
        }

        /// Texts of the same length that differ in one byte anywhere differ.
        #[test]
        fn same_text_sees_every_byte(a in "[a-y]{1,40}", at in 0usize..40) {
            let at = at % a.len();
            let mut b = a.clone().into_bytes();
            b[at] = b'z';
            let b = String::from_utf8(b).unwrap();
            proptest::prop_assert!(!same_text(&a, &b));
            proptest::prop_assert!(!same_text(&b, &a));
        }
    }
}
