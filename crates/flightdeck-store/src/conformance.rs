//! The conformance suite: every backend runs it (see tests of each backend crate).
