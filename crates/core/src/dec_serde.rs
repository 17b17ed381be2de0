//! Serde for exact decimals in settings files: written as strings (`"0.01"`), read
//! from strings or integers. A TOML float (`0.01`) is accepted through its shortest
//! round-trip text, which is the literal as written for any setting-sized number; the
//! value never goes through float arithmetic.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{de, Deserializer, Serializer};

pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    struct V;
    impl de::Visitor<'_> for V {
        type Value = Decimal;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a decimal number, preferably quoted, e.g. \"0.01\"")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
            Decimal::from_str_exact(v.trim())
                .or_else(|_| Decimal::from_str(v.trim()))
                .map_err(|_| E::custom(format!("`{v}` is not a decimal number")))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
            // `{}` prints the shortest text that reads back as the same f64.
            self.visit_str(&format!("{v}"))
        }
    }
    d.deserialize_any(V)
}

/// The same for optional decimals: `None` is written as null.
pub mod option {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => super::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        super::deserialize(d).map(Some)
    }
}
