//! Review of a published self-evaluation table.
