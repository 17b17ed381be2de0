//! Hash lookups by name over lists whose fields are public ([`crate::Model`]'s
//! indicators, [`crate::Budget`]'s lines): an index built on first use, so that every
//! lookup by id or name costs the same at 45 or 13 000 entries.
//!
//! The index is a cache, not part of the value: it is ignored by equality and debug
//! output, and it never gives a wrong answer for a list that grew or shrank after it
//! was built (a hit is verified against the list; a list of another length is
//! searched directly). The hash is foldhash (fast, not for untrusted keys under
//! attack; names come from the user's own files). Code that renames entries in place after looking one up calls
//! `reindex` on the owner.

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// Positions by key: the first position of each key, and all positions of each key.
#[derive(Debug, Clone, Default)]
struct Index {
    /// Length of the list the index was built from.
    len: usize,
    first: HashMap<String, usize>,
}

/// A lazily built key → position index (see the module documentation).
#[derive(Clone, Default)]
pub struct NameIndex(OnceLock<Index>);

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
        let index = self.0.get_or_init(|| {
            let mut first = HashMap::with_capacity(len);
            for p in 0..len {
                if let Some(k) = key_at(p) {
                    first.entry(k.to_string()).or_insert(p);
                }
            }
            Index { len, first }
        });
        if index.len != len {
            return (0..len).find(|&p| key_at(p) == Some(key));
        }
        match index.first.get(key) {
            Some(&p) if key_at(p) == Some(key) => Some(p),
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
pub struct GroupIndex(OnceLock<(usize, HashMap<String, Vec<usize>>)>);

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
        let (built, map) = self.0.get_or_init(|| {
            let mut map: HashMap<String, Vec<usize>> = HashMap::new();
            for p in 0..len {
                if let Some(k) = key_at(p) {
                    map.entry(k.to_string()).or_default().push(p);
                }
            }
            (len, map)
        });
        let scan = || (0..len).filter(|&p| key_at(p) == Some(key)).collect();
        if *built != len {
            return scan();
        }
        match map.get(key) {
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
/// lengths, then eight bytes at a time, then the rest. A reader compares a few short
/// cells per row (a month, an item, a unit code), where the call costs more than the
/// comparison.
#[inline]
pub fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (mut a, mut b) = (a, b);
    while let (Some((x, ra)), Some((y, rb))) =
        (a.split_first_chunk::<8>(), b.split_first_chunk::<8>())
    {
        if u64::from_ne_bytes(*x) != u64::from_ne_bytes(*y) {
            return false;
        }
        (a, b) = (ra, rb);
    }
    a.iter().zip(b).all(|(x, y)| x == y)
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

    #[test]
    fn a_rename_in_place_is_caught_on_hit_and_by_reset() {
        let mut v = ["a".to_string(), "b".to_string()];
        let mut ix = NameIndex::default();
        assert_eq!(ix.find("a", 2, |p| v.get(p).map(String::as_str)), Some(0));
        v[0] = "b".into();
        // The index says `a` is at 0; the list disagrees: searched, not found.
        assert_eq!(ix.find("a", 2, |p| v.get(p).map(String::as_str)), None);
        ix.reset();
        assert_eq!(ix.find("b", 2, |p| v.get(p).map(String::as_str)), Some(0));
    }

    proptest::proptest! {
        /// The same answer as `==`, at every length.
        #[test]
        fn same_text_is_equality(a in "[ab调]{0,20}", b in "[ab调]{0,20}") {
            proptest::prop_assert_eq!(same_text(&a, &b), a == b);
            proptest::prop_assert!(same_text(&a, &a));
        }
    }
}
