//! Import of the official target table.
