# The README's two commands: `make serve` (set up, build, serve the page) and `make test`
# (every test). Each installs what it misses, idempotently, so both work on a fresh
# machine with only rustup, Node and npm: the wasm32 target, wasm-pack, wasm-bindgen-cli
# at the exact version in Cargo.lock, the npm devDependencies (npm ci), and Chromium for
# the browser tests.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

PORT ?= 8080
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
TARBALL := target/npm/cluster-check-$(VERSION).tgz
PACKAGE_SOURCES := $(shell find src js crates/model/src -type f) crates/model/Cargo.toml build.rs Cargo.toml Cargo.lock LICENSE \
	scripts/build-package.mjs scripts/shim/wasm-bindgen
WWW_SOURCES := $(shell find www -type f 2>/dev/null) scripts/build-www.mjs scripts/package-files.mjs scripts/build-single.mjs scripts/bundle-www.mjs
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test test-rust test-js test-fixture fixture-package test-browser package www single setup-rust setup-wasm setup-node setup-browser bench fuzz clean

## The page, built and served at http://127.0.0.1:$(PORT) (PORT overrides).
serve: www
	node scripts/serve.mjs dist/www --port $(PORT)

## Every test: Rust, the npm package in Node, the ruleset fixtures, and the browser.
test: test-rust test-js test-fixture test-browser

## Rust: unit, case-file, golden-file, property and doc tests of the engine; the ruleset
## model's tests (reading, validating, compiling ruleset files); clippy with the no-panic lints.
test-rust: setup-rust
	cargo test --workspace --all-targets --all-features
	cargo test --workspace --doc --all-features
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --features roster -- -D warnings

## The built npm package, installed from its tarball as a user would get it.
test-js: package setup-node
	npm install --no-save --no-package-lock --ignore-scripts $(TARBALL)
	node --test tests/js/*.test.mjs
	tsc -p tests/types

## The ruleset fixtures of tests/rulesets/ (not shipped) built in, as a new document would be:
## their case files through the native engine and through the package built with them (in
## target/fixture/), the declarations generated for them, and the element in Chromium. The
## package with them is installed for these tests only: test-browser puts the shipped one back.
FIXTURE_RULESETS := tests/rulesets
FIXTURE_TARBALL := target/fixture/npm/cluster-check-$(VERSION).tgz
test-fixture: fixture-package setup-node setup-browser
	CLUSTER_CHECK_EXTRA_RULESETS=$(FIXTURE_RULESETS) CARGO_TARGET_DIR=target/fixture cargo test --test cases
	npm install --no-save --no-package-lock --ignore-scripts $(FIXTURE_TARBALL)
	CLUSTER_CHECK_EXTRA_RULESETS=$(FIXTURE_RULESETS) node --test --test-concurrency=1 tests/fixture/*.test.mjs
	tsc -p tests/fixture

fixture-package: target/fixture/pkg/.stamp
target/fixture/pkg/.stamp: $(PACKAGE_SOURCES) $(shell find $(FIXTURE_RULESETS) -type f) | setup-wasm setup-node
	CLUSTER_CHECK_EXTRA_RULESETS=$(FIXTURE_RULESETS) CARGO_TARGET_DIR=target/fixture PATH="$(CURDIR)/scripts/shim:$$PATH" \
		wasm-pack build --release --target web --out-dir target/fixture/pkg --out-name cluster_check --no-pack --no-gitignore
	CLUSTER_CHECK_EXTRA_RULESETS=$(FIXTURE_RULESETS) CARGO_TARGET_DIR=target/fixture PATH="$(CURDIR)/scripts/shim:$$PATH" \
		wasm-pack build --release --target web --out-dir target/fixture/wasm-roster --out-name cluster_check_roster \
		--no-pack --no-gitignore -- --features roster
	cp target/fixture/wasm-roster/cluster_check_roster.js target/fixture/wasm-roster/cluster_check_roster_bg.wasm target/fixture/pkg/
	CLUSTER_CHECK_EXTRA_RULESETS=$(FIXTURE_RULESETS) PKG_DIR=target/fixture/pkg NPM_DIR=target/fixture/npm node scripts/build-package.mjs
	touch $@

## Headless Chromium: the package from static hosting and from a Vite build, and the page.
test-browser: package www setup-node setup-browser
	npm install --no-save --no-package-lock --ignore-scripts $(TARBALL)
	node --test --test-concurrency=1 tests/browser/*.test.mjs

## The npm package: pkg/ and target/npm/cluster-check-$(VERSION).tgz.
package: pkg/.stamp
pkg/.stamp: $(PACKAGE_SOURCES) | setup-wasm setup-node
	PATH="$(CURDIR)/scripts/shim:$$PATH" wasm-pack build --release --target web \
		--out-dir pkg --out-name cluster_check --no-pack --no-gitignore
	PATH="$(CURDIR)/scripts/shim:$$PATH" wasm-pack build --release --target web \
		--out-dir target/wasm-roster --out-name cluster_check_roster --no-pack --no-gitignore -- --features roster
	cp target/wasm-roster/cluster_check_roster.js target/wasm-roster/cluster_check_roster_bg.wasm pkg/
	node scripts/build-package.mjs
	touch $@

## The page with the package beside it, ready for any static web server: dist/www/;
## and the same page in one self-contained file that works from disk: dist/cluster-check.html.
## The single file is made from dist/www's modules before they are bundled into chunks for
## the server (bundle-www.mjs), so the three steps run together.
www: dist/www/.stamp
dist/www/.stamp: pkg/.stamp $(WWW_SOURCES) | setup-node
	node scripts/build-www.mjs
	node scripts/build-single.mjs
	node scripts/bundle-www.mjs
	touch $@

single: dist/www/.stamp
dist/cluster-check.html: dist/www/.stamp

setup-rust:
	@command -v cargo >/dev/null || { echo "Rust is needed: install it with rustup (https://rustup.rs)" >&2; exit 1; }
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy

setup-wasm: setup-rust
	@command -v wasm-pack >/dev/null || cargo install wasm-pack --locked
	@# wasm-pack uses the wasm-bindgen on PATH when its version matches Cargo.lock.
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] \
		|| cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force

setup-node: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Node 20+ and npm are needed" >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

setup-browser:
	@[ -x /usr/bin/chromium ] && fc-list :lang=zh | grep -q . || { $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium fonts-noto-cjk; }

## Size and speed figures for BENCHMARKS.md (not part of `make test`).
bench: package setup-node
	npm install --no-save --no-package-lock --ignore-scripts $(TARBALL)
	node --expose-gc benches/throughput.mjs

## A 10,000-row spreadsheet read, judged and written; the spreadsheet modules' sizes (not part of `make test`).
.PHONY: bench-sheet
bench-sheet: package setup-node
	npm install --no-save --no-package-lock --ignore-scripts $(TARBALL)
	node --expose-gc benches/sheet.mjs

## Figures counted from a 100,000-row enterprise roster, and the roster read from .xlsx (not part of `make test`).
.PHONY: bench-roster
bench-roster: package setup-node
	npm install --no-save --no-package-lock --ignore-scripts $(TARBALL)
	node --expose-gc benches/roster.mjs

## The long fuzz campaign (not part of `make test`, which runs a bounded one): FUZZ_RECORDS
## hostile records and as many against the exact oracle, memory read as it goes, then the
## records too large for one JSON text. Prints Markdown for BENCHMARKS.md.
FUZZ_RECORDS ?= 1000000
FUZZ_SEED ?= 2014
fuzz: package setup-node
	npm install --no-save --no-package-lock --ignore-scripts $(TARBALL)
	node --expose-gc benches/fuzz.mjs --records $(FUZZ_RECORDS) --seed $(FUZZ_SEED) --huge

## serde-wasm-bindgen and web-sys at the boundary, beside the shipped JSON crossing
## (BENCHMARKS.md; not part of `make test`). The experiment builds go to target/swb/: one
## with every serde-wasm-bindgen crossing (speed), one per variant with only that crossing
## (size), one with a single web-sys DOM call beside the shipped crossing (size); the
## shipped package is not touched.
SWB_FEATURES_experiment := swb-experiment
SWB_FEATURES_out := swb-out,without-json-crossing
SWB_FEATURES_in := swb-in,without-json-crossing
SWB_FEATURES_both := swb-both,without-json-crossing
SWB_FEATURES_websys := websys-probe
.PHONY: bench-swb
bench-swb: package setup-node $(foreach v,experiment out in both websys,target/swb/$(v)/.stamp)
	npm install --no-save --no-package-lock --ignore-scripts $(TARBALL)
	node --expose-gc benches/swb.mjs
target/swb/%/.stamp: $(PACKAGE_SOURCES) | setup-wasm setup-node
	CARGO_TARGET_DIR=target/swb/cargo PATH="$(CURDIR)/scripts/shim:$$PATH" wasm-pack build --release --target web \
		--out-dir target/swb/$* --out-name cluster_check --no-pack --no-gitignore -- --features $(SWB_FEATURES_$*)
	touch $@

## Beside json-rules-engine, zen-engine-wasm and plain JS; memory; page speed (not part of `make test`).
.PHONY: bench-compare
bench-compare: package www setup-node setup-browser
	npm install --no-save --no-package-lock --ignore-scripts $(TARBALL)
	node --expose-gc benches/compare/run.mjs
	node --expose-gc benches/compare/memory.mjs
	node benches/compare/page-speed.mjs

clean:
	rm -rf pkg dist target/npm test-output
