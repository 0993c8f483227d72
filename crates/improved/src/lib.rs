//! Placeholder: the part-2 network lands with its own issue.
